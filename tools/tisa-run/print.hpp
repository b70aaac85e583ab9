// Human-readable summaries of output tensors for --print.
#pragma once

#include <string>

#include "tools/common/npy.hpp"

namespace tisa::run {

// "f32[7, 10] = [0.1, 0.2, ...]" with at most max_values elements.
std::string describe(const npy::Array& array, size_t max_values = 8);

}  // namespace tisa::run
