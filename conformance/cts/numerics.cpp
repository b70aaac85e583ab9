// Spec section 5 as code.
#include "conformance/cts/numerics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "hal/ir/registry.hpp"

namespace tisa::cts {
namespace {

constexpr double kUnitRoundoff = 0x1p-24;  // f32's: the program bound, abs_linear's scale

bool is_f32(double v) {
  return std::isnan(v) || static_cast<double>(static_cast<float>(v)) == v;
}

// How far the oracle may be from the exact value: 0 where it is wider than the result (binary64
// for f32, f16, bf16), the op's own bound where it is the result's own format (f64).
double oracle_factor(const FloatFormat& f) {
  return f.dtype == TISA_DTYPE_F64 ? 2.0 : 1.0;
}

bool same_bits_or_nan(double out, double ref) {
  if (std::isnan(ref)) return std::isnan(out);
  return out == ref && std::signbit(out) == std::signbit(ref);
}

std::string describe(double v) {
  return fmt::format("{:.9g}", v);
}

}  // namespace

double ulp(double r, const FloatFormat& f) {
  int e = f.emin;
  const double m = std::fabs(r);
  if (std::isinf(m)) {
    e = f.emax;
  } else if (m > 0.0) {
    e = std::ilogb(m);  // floor(log2 |r|), exact for doubles
    e = std::clamp(e, f.emin, f.emax);
  }
  return std::ldexp(1.0, e - f.precision + 1);
}

bool within_bound(double out, double ref, double bound, const FloatFormat& f) {
  if (std::isnan(ref)) return std::isnan(out);  // rule 2
  if (std::isinf(ref)) return out == ref;       // rule 3
  if (std::isnan(out)) return false;            // rule 4
  // Rule 5. Binary64 cannot hold f64's 2^(emax+1) (it is infinity here, so the clamp does
  // nothing); an infinite f64 out is compared at half scale, where ref near the top is exact.
  const double top = std::ldexp(1.0, f.emax + 1);
  const double r = std::clamp(ref, -top, top);
  if (!std::isinf(out)) return std::fabs(out - r) <= bound;
  if (std::isfinite(top)) return std::fabs(std::copysign(top, out) - r) <= bound;
  return std::fabs(std::copysign(std::ldexp(1.0, f.emax), out) - r / 2) <= bound / 2;
}

bool exact_equal(tisa_dtype_t dtype, const uint8_t* a, const uint8_t* b) {
  const size_t size = ir::dtype_size(dtype);
  if (std::memcmp(a, b, size) == 0) return true;
  if (dtype == TISA_DTYPE_F32) {
    float x, y;
    std::memcpy(&x, a, 4);
    std::memcpy(&y, b, 4);
    return std::isnan(x) && std::isnan(y);
  }
  if (float_format(dtype)) return std::isnan(load_float(dtype, a)) && std::isnan(load_float(dtype, b));
  return false;
}

std::optional<std::string> check_bounded(const Numerics& n, double out, double ref, const ElementContext& c,
                                         const FloatFormat& f) {
  // Rule 1: the special-value tables.
  bool inf_operand = false, zero_operand = false;
  for (double x : c.operands) {
    inf_operand = inf_operand || std::isinf(x);
    zero_operand = zero_operand || x == 0.0;
  }
  const bool special_result = ref == 0.0 || std::isinf(ref);
  if ((inf_operand && is_f32(ref) && f.holds(ref)) || (zero_operand && special_result)) {
    if (same_bits_or_nan(out, ref)) return std::nullopt;
    return fmt::format("special value: expected exactly {}", describe(ref));
  }
  double bound = 0.0;
  const double x = c.operands.empty() ? 0.0 : std::fabs(c.operands[0]);
  const double widen = oracle_factor(f);
  switch (n.mode) {
    case TISA_NUMERICS_EXACT:
    case TISA_NUMERICS_COPY: bound = 0.0; break;
    case TISA_NUMERICS_ULP: bound = widen * n.a * ulp(ref, f); break;
    case TISA_NUMERICS_ULP_LINEAR: bound = widen * (n.a + n.b * x) * ulp(ref, f); break;
    case TISA_NUMERICS_ABS_LINEAR:  // a and b are f32's: they scale with the dtype's unit roundoff
      bound = widen * (n.a + n.b * x) * (f.unit_roundoff() / kUnitRoundoff);
      break;
    case TISA_NUMERICS_DOT:
      if (c.terms == 0) {
        if (out == 0.0) return std::nullopt;
        return std::string("a sum of zero terms must be exactly 0");
      }
      if (c.sum_finite > f.max()) return std::nullopt;  // unconstrained
      bound =
          widen * n.a * static_cast<double>(c.terms) * f.unit_roundoff() * c.sum_finite + f.least_normal();
      break;
    case TISA_NUMERICS_PRODUCT:
      if (c.terms == 0) {
        if (out == 1.0) return std::nullopt;
        return std::string("a product of zero factors must be exactly 1");
      }
      if (c.p_big > f.max() || c.p_small < f.least_normal()) return std::nullopt;
      if (ref == 0.0) {  // a zero factor: a zero with the sign of the product of the signs
        if (same_bits_or_nan(out, ref)) return std::nullopt;
        return fmt::format("a zero factor gives exactly {}", describe(ref));
      }
      bound = widen * n.a * static_cast<double>(c.terms) * ulp(ref, f);
      break;
  }
  if (within_bound(out, ref, bound, f)) return std::nullopt;
  if (std::isnan(ref)) return std::string("expected NaN");
  if (std::isinf(ref)) return fmt::format("expected {}", describe(ref));
  if (std::isnan(out)) return std::string("NaN where the reference is a number");
  return fmt::format("|out - ref| = {} exceeds the bound {}", describe(std::fabs(out - ref)),
                     describe(bound));
}

double program_bound(double weight) {
  return static_cast<double>(TISA_CONFORMANCE_PROGRAM_ULPS_PER_OP) * kUnitRoundoff * weight;
}

}  // namespace tisa::cts
