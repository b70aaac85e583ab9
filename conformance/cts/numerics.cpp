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

constexpr double kTop = 0x1p128;  // 2^(emax+1)
constexpr double kLeastNormal = 0x1p-126;
constexpr double kUnitRoundoff = 0x1p-24;

bool is_f32(double v) {
  return std::isnan(v) || static_cast<double>(static_cast<float>(v)) == v;
}

bool same_bits_or_nan(double out, double ref) {
  if (std::isnan(ref)) return std::isnan(out);
  return out == ref && std::signbit(out) == std::signbit(ref);
}

std::string describe(double v) {
  return fmt::format("{:.9g}", v);
}

}  // namespace

double ulp_f32(double r) {
  int e = kF32Emin;
  const double m = std::fabs(r);
  if (std::isinf(m)) {
    e = kF32Emax;
  } else if (m > 0.0) {
    e = std::ilogb(m);  // floor(log2 |r|), exact for doubles
    e = std::clamp(e, kF32Emin, kF32Emax);
  }
  return std::ldexp(1.0, e - kF32Precision + 1);
}

bool within_bound(double out, double ref, double bound) {
  if (std::isnan(ref)) return std::isnan(out);                        // rule 2
  if (std::isinf(ref)) return out == ref;                             // rule 3
  if (std::isnan(out)) return false;                                  // rule 4
  const double o = std::isinf(out) ? std::copysign(kTop, out) : out;  // rule 5
  const double r = std::clamp(ref, -kTop, kTop);
  return std::fabs(o - r) <= bound;
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
  if (dtype == TISA_DTYPE_F64) {
    double x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    return std::isnan(x) && std::isnan(y);
  }
  return false;
}

std::optional<std::string> check_bounded(const Numerics& n, double out, double ref, const ElementContext& c) {
  // Rule 1: the special-value tables.
  bool inf_operand = false, zero_operand = false;
  for (double x : c.operands) {
    inf_operand = inf_operand || std::isinf(x);
    zero_operand = zero_operand || x == 0.0;
  }
  const bool special_result = ref == 0.0 || std::isinf(ref);
  if ((inf_operand && is_f32(ref)) || (zero_operand && special_result)) {
    if (same_bits_or_nan(out, ref)) return std::nullopt;
    return fmt::format("special value: expected exactly {}", describe(ref));
  }
  double bound = 0.0;
  const double x = c.operands.empty() ? 0.0 : std::fabs(c.operands[0]);
  switch (n.mode) {
    case TISA_NUMERICS_EXACT: bound = 0.0; break;
    case TISA_NUMERICS_ULP: bound = n.a * ulp_f32(ref); break;
    case TISA_NUMERICS_ULP_LINEAR: bound = (n.a + n.b * x) * ulp_f32(ref); break;
    case TISA_NUMERICS_ABS_LINEAR: bound = n.a + n.b * x; break;
    case TISA_NUMERICS_DOT:
      if (c.terms == 0) {
        if (out == 0.0) return std::nullopt;
        return std::string("a sum of zero terms must be exactly 0");
      }
      if (c.sum_finite > std::numeric_limits<float>::max()) return std::nullopt;  // unconstrained
      bound = n.a * static_cast<double>(c.terms) * kUnitRoundoff * c.sum_finite + kLeastNormal;
      break;
    case TISA_NUMERICS_PRODUCT:
      if (c.terms == 0) {
        if (out == 1.0) return std::nullopt;
        return std::string("a product of zero factors must be exactly 1");
      }
      if (c.p_big > std::numeric_limits<float>::max() || c.p_small < kLeastNormal) return std::nullopt;
      if (ref == 0.0) {  // a zero factor: a zero with the sign of the product of the signs
        if (same_bits_or_nan(out, ref)) return std::nullopt;
        return fmt::format("a zero factor gives exactly {}", describe(ref));
      }
      bound = n.a * static_cast<double>(c.terms) * ulp_f32(ref);
      break;
  }
  if (within_bound(out, ref, bound)) return std::nullopt;
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
