// Spelling shared by the text printer and parser.
#pragma once

#include <cstdint>
#include <string>

#include "tisa/isa.h"

namespace tisa::ir::text {

// A scalar of dtype, from its raw bits, in a form parse_scalar reads back bit-exactly:
// integers in decimal, floats with enough digits, nan/inf, or bits(0x...) for odd NaNs.
std::string format_scalar(tisa_dtype_t dtype, uint64_t bits);
// The canonical quiet NaN of a float dtype, as raw bits.
uint64_t canonical_nan(tisa_dtype_t dtype);

}  // namespace tisa::ir::text
