// The verification modes of spec section 5, element by element. Pure functions of the device's
// result, the binary64 reference and the registry's numerics: no tolerance lives anywhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "conformance/cts/float_format.hpp"
#include "tisa/isa.h"

namespace tisa::cts {

// ulp(r) of spec 5.2 in format f: 2^(clamp(floor(log2|r|), emin, emax) - p + 1). For f32:
// 2^-149 at zero and for subnormals, 2^104 at and beyond the top binade (and for infinite r).
double ulp(double r, const FloatFormat& f);
inline double ulp_f32(double r) {
  return ulp(r, f32_format());
}

// Rules 2-5 of spec 5.3: NaN and infinity parity, then |out - ref| <= bound after mapping an
// infinite out to +-2^(emax+1) and clamping ref to [-2^(emax+1), 2^(emax+1)] (2^128 for f32).
bool within_bound(double out, double ref, double bound, const FloatFormat& f = f32_format());

// Bit-exact equality of one element of dtype; any NaN matches any NaN.
bool exact_equal(tisa_dtype_t dtype, const uint8_t* a, const uint8_t* b);

// The registry's numerics of one op.
struct Numerics {
  tisa_numerics_mode_t mode = TISA_NUMERICS_EXACT;
  double a = 0.0, b = 0.0;
};

// What a bounded mode needs besides out and ref, per element.
struct ElementContext {
  std::span<const double> operands;   // elementwise ops: the element's operand values
  double sum_finite = 0.0;            // dot: sum of the magnitudes of the finite terms (binary64)
  double p_big = 1.0, p_small = 1.0;  // product: products of finite factor magnitudes >= 1, < 1
  int64_t terms = 0;                  // dot and product: terms or factors per output element
};

// Conformance of one float element (a result of format f) in a bounded mode. Empty when it
// conforms, else the rule that failed with the bound. Special values (rule 1): when an operand
// is +-inf and ref is exactly an f32 value and a value of f, or an operand is +-0 and ref is a
// zero or an infinity, out must equal ref bit for bit (the sign of zero included): these are the
// special-value tables of the spec's op sections (exp(-inf) = +0, sqrt(-0) = -0, tanh(inf) = 1).
// The abs_linear parameters are f32's; another dtype scales them by u(dtype) / 2^-24 (10.5).
// f64 (spec 10.5): the oracle is itself binary64, a conforming result, so the bound is doubled
// (a result within the bound of the exact value is within twice the bound of the oracle).
std::optional<std::string> check_bounded(const Numerics& numerics, double out, double ref,
                                         const ElementContext& context, const FloatFormat& f = f32_format());

// The program rule (spec 5.3, programs): the largest |out - ref| over a float output, divided by
// the largest |ref| (at least the least normal f32), must not exceed
// TISA_CONFORMANCE_PROGRAM_ULPS_PER_OP * u * weight, where weight sums 1 per bounded float op
// of the program and n for an op that sums or multiplies n terms.
double program_bound(double weight);

}  // namespace tisa::cts
