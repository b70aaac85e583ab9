// Float functions that TISA has no primitive for, composed from the ones it has. sinh and asinh
// lose relative accuracy where the result is near 0 and the input is tiny: the absolute error
// stays a few ulp of 1. atanh uses TISA 1.1's log1p and keeps it.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// tan = sin / cos: error of sin/cos (absolute) divided by cos; large near odd multiples of pi/2.
Value tan(Builder& b, Value x);
// atan(x) = atan2(x, 1); asin(x) = atan2(x, sqrt(1 - x^2)); acos(x) = atan2(sqrt(1 - x^2), x).
// (1 - x^2 is computed as (1 - x)(1 + x), which is exact-ish near |x| = 1.) |x| > 1 gives NaN.
Value atan(Builder& b, Value x);
Value asin(Builder& b, Value x);
Value acos(Builder& b, Value x);
// sinh = (e^x - e^-x) / 2, cosh = (e^x + e^-x) / 2: overflow to inf past |x| ~ 88.7.
Value sinh(Builder& b, Value x);
Value cosh(Builder& b, Value x);
// asinh(x) = sign(x) * log(|x| + sqrt(x^2 + 1)); acosh(x) = log(x + sqrt(x^2 - 1));
// x^2 overflows for |x| > ~1.8e19. atanh(x) = 0.5 * (log1p(x) - log1p(-x)) (TISA 1.1).
Value asinh(Builder& b, Value x);
Value acosh(Builder& b, Value x);
Value atanh(Builder& b, Value x);
// A unary primitive, with a clear error when the dtype does not fit.
Value unary(Builder& b, tisa_opcode_t opcode, Value x);

}  // namespace tisa::ops
