// Cumulative sum on the TISA 1.1 scan primitive `cumsum` (exclusive, reverse), after the axis is
// normalized. A module using it declares TISA 1.1. Numerics: cumsum's dot bound (each output a
// sum over its prefix).
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

Value cumsum(Builder& b, Value x, int64_t axis, bool exclusive = false, bool reverse = false);

}  // namespace tisa::ops
