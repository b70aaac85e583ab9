// The .npy header: a Python dict literal {'descr': ..., 'fortran_order': ..., 'shape': (...)}.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tools/common/npy.hpp"

namespace tisa::npy::detail {

struct Header {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

// Accepts exactly the three keys, in any order, with an optional trailing comma and trailing
// whitespace. Throws Error(INVALID_ARGUMENT) "header offset K: ..." on anything else.
Header parse_header(std::string_view text);
// The dict as numpy writes it, without padding or the final newline.
std::string format_header(const Header& header);

// parse() over a buffer the caller gives up: the data is moved out of it, not copied.
Array parse_owned(std::vector<uint8_t>&& bytes);

}  // namespace tisa::npy::detail
