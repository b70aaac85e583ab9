// The verification modes of spec section 5, element by element.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "conformance/cts/numerics.hpp"

using namespace tisa::cts;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr float kFmax = std::numeric_limits<float>::max();
double next_up(double f32_value, int steps = 1) {
  float f = static_cast<float>(f32_value);
  for (int i = 0; i < steps; ++i) f = std::nextafter(f, INFINITY);
  return f;
}
Numerics ulp(double a) {
  return {TISA_NUMERICS_ULP, a, 0.0};
}
}  // namespace

TEST_CASE("ulp of normal values is the gap of their binade") {
  CHECK(ulp_f32(1.0) == std::ldexp(1.0, -23));
  CHECK(ulp_f32(1.999) == std::ldexp(1.0, -23));
  CHECK(ulp_f32(2.0) == std::ldexp(1.0, -22));
  CHECK(ulp_f32(-3.0) == std::ldexp(1.0, -22));
  CHECK(ulp_f32(0.75) == std::ldexp(1.0, -24));
  // The gap between two consecutive floats equals the ulp.
  CHECK(next_up(1.5) - 1.5 == ulp_f32(1.5));
}

TEST_CASE("ulp at zero, subnormals and the bottom binade is 2^-149") {
  CHECK(ulp_f32(0.0) == std::ldexp(1.0, -149));
  CHECK(ulp_f32(std::ldexp(1.0, -140)) == std::ldexp(1.0, -149));
  CHECK(ulp_f32(std::ldexp(1.0, -149)) == std::ldexp(1.0, -149));
  CHECK(ulp_f32(std::ldexp(1.0, -126)) == std::ldexp(1.0, -149));
  CHECK(ulp_f32(std::ldexp(1.0, -125)) == std::ldexp(1.0, -148));
  CHECK(ulp_f32(1e-300) == std::ldexp(1.0, -149));  // below the f32 range, as a real number
}

TEST_CASE("ulp at the top of the range and beyond is 2^104") {
  CHECK(ulp_f32(kFmax) == std::ldexp(1.0, 104));
  CHECK(ulp_f32(std::ldexp(1.0, 127)) == std::ldexp(1.0, 104));
  CHECK(ulp_f32(1e300) == std::ldexp(1.0, 104));
  CHECK(ulp_f32(kInf) == std::ldexp(1.0, 104));
}

TEST_CASE("within_bound: NaN and infinity parity (rules 2 to 4)") {
  CHECK(within_bound(kNan, kNan, 0.0));
  CHECK(within_bound(-kNan, kNan, 0.0));  // any NaN matches
  CHECK_FALSE(within_bound(1.0, kNan, 1e30));
  CHECK(within_bound(kInf, kInf, 0.0));
  CHECK_FALSE(within_bound(-kInf, kInf, 1e300));
  CHECK_FALSE(within_bound(kFmax, kInf, 1e300));  // an infinite reference needs the same infinity
  CHECK_FALSE(within_bound(kNan, 1.0, 1e300));
}

TEST_CASE("within_bound: an infinite result compares as 2^128, the reference is clamped") {
  // A finite reference beyond the range: kInf is right, MAX(T) is within 1 ulp of 2^128 only.
  CHECK(within_bound(kInf, 3.5e38, 0.0));
  CHECK(within_bound(kFmax, 3.5e38, ulp_f32(3.5e38)));
  CHECK_FALSE(within_bound(kFmax, 3.5e38, 0.5 * ulp_f32(3.5e38)));
  // A reference just inside the range: kInf is off by 2^128 - ref.
  CHECK_FALSE(within_bound(kInf, kFmax, 0.5 * ulp_f32(kFmax)));
  CHECK(within_bound(kInf, kFmax, 1.0 * ulp_f32(kFmax)));
}

TEST_CASE("ulp mode: 0.5 ulp is correct rounding, one step off fails") {
  const double ref = 1.0 + std::ldexp(1.0, -30);  // rounds to 1.0
  CHECK_FALSE(check_bounded(ulp(0.5), 1.0, ref, {}));
  const auto bad = check_bounded(ulp(0.5), next_up(1.0), ref, {});
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("exceeds the bound"));
  CHECK_FALSE(check_bounded(ulp(2.5), next_up(1.0, 2), ref, {}));
  CHECK(check_bounded(ulp(2.5), next_up(1.0, 3), ref, {}));
}

TEST_CASE("ulp mode at subnormal results") {
  const double tiny = std::ldexp(1.0, -148);  // a subnormal f32
  CHECK_FALSE(check_bounded(ulp(1.0), tiny + std::ldexp(1.0, -149), tiny, {}));
  CHECK(check_bounded(ulp(1.0), tiny + std::ldexp(1.0, -147), tiny, {}));
  // A flushed subnormal result is out of 0.5 ulp on a device that does not declare flushing.
  CHECK(check_bounded(ulp(0.5), 0.0, tiny, {}));
}

TEST_CASE("ulp_linear and abs_linear grow with the first operand") {
  const Numerics exp_like{TISA_NUMERICS_ULP_LINEAR, 3.0, 2.0};
  const double x[] = {10.0};
  ElementContext c;
  c.operands = x;
  const double ref = std::exp(10.0);
  const double off = static_cast<float>(ref) + 20 * ulp_f32(ref);
  CHECK_FALSE(check_bounded(exp_like, off, ref, c));  // 20 <= 3 + 2 * 10
  CHECK(check_bounded(exp_like, static_cast<float>(ref) + 30 * ulp_f32(ref), ref, c));
  const Numerics sin_like{TISA_NUMERICS_ABS_LINEAR, std::ldexp(1.0, -21), std::ldexp(1.0, -23)};
  const double big[] = {1000.0};
  c.operands = big;
  CHECK_FALSE(check_bounded(sin_like, 0.5 + 1e-4, 0.5, c));  // bound 2^-21 + 1000 * 2^-23 = 1.2e-4
  CHECK(check_bounded(sin_like, 0.5 + 2e-4, 0.5, c));
}

TEST_CASE("special values: sign of zero and exact results where an operand is special") {
  ElementContext c;
  const double minus_inf[] = {-kInf};
  c.operands = minus_inf;
  CHECK_FALSE(check_bounded(ulp(3.0), 0.0, 0.0, c));  // exp(-kInf) = +0
  const auto wrong_sign = check_bounded(ulp(3.0), -0.0, 0.0, c);
  REQUIRE(wrong_sign);
  CHECK_THAT(*wrong_sign, Catch::Contains("special value"));
  const double plus_inf[] = {kInf};
  c.operands = plus_inf;
  CHECK(check_bounded(ulp(5.0), std::nextafter(1.0f, 0.0f), 1.0, c));  // tanh(inf) = 1 exactly
  const double minus_zero[] = {-0.0};
  c.operands = minus_zero;
  CHECK_FALSE(check_bounded(ulp(1.0), -0.0, -0.0, c));  // sqrt(-0) = -0
  CHECK(check_bounded(ulp(1.0), 0.0, -0.0, c));
  CHECK(check_bounded(ulp(1.0), kInf, -kInf, c));  // rsqrt(-0) = -kInf
}

TEST_CASE("exact equality: bits, except that any NaN matches any NaN") {
  const float a = 1.0f, b = std::nextafter(1.0f, 2.0f), qnan = std::numeric_limits<float>::quiet_NaN();
  uint32_t other_nan_bits = 0x7f800001u;  // a signalling NaN payload
  float other_nan;
  std::memcpy(&other_nan, &other_nan_bits, 4);
  const auto eq = [](float x, float y) {
    return exact_equal(TISA_DTYPE_F32, reinterpret_cast<const uint8_t*>(&x),
                       reinterpret_cast<const uint8_t*>(&y));
  };
  CHECK(eq(a, a));
  CHECK_FALSE(eq(a, b));
  CHECK(eq(qnan, other_nan));
  CHECK(eq(-qnan, qnan));
  CHECK_FALSE(eq(0.0f, -0.0f));  // exact modes check the sign of zero
  CHECK_FALSE(eq(qnan, a));
  const int32_t i = 5, j = 6;
  CHECK_FALSE(exact_equal(TISA_DTYPE_I32, reinterpret_cast<const uint8_t*>(&i),
                          reinterpret_cast<const uint8_t*>(&j)));
}

TEST_CASE("dot bound: n * u * sum of |terms| plus the least normal") {
  const Numerics dot{TISA_NUMERICS_DOT, 1.0, 0.0};
  ElementContext c;
  c.terms = 100;
  c.sum_finite = 50.0;
  const double bound = 100 * std::ldexp(1.0, -24) * 50.0 + std::ldexp(1.0, -126);
  CHECK_FALSE(check_bounded(dot, 1.0 + 0.99 * bound, 1.0, c));
  CHECK(check_bounded(dot, 1.0 + 1.01 * bound, 1.0, c));
  // Cancellation: a result near 0 may be off by the bound, which scales with the terms.
  CHECK_FALSE(check_bounded(dot, 1e-5, 0.0, c));
  // When the finite terms' magnitudes overflow, any result conforms.
  c.sum_finite = 1e39;
  CHECK_FALSE(check_bounded(dot, kNan, 1.0, c));
  // A sum of zero terms is exactly zero.
  c.terms = 0;
  CHECK_FALSE(check_bounded(dot, 0.0, 0.0, c));
  CHECK(check_bounded(dot, 1e-45, 0.0, c));
}

TEST_CASE("product bound: n ulp, unconstrained on overflow or underflow of partial products") {
  const Numerics product{TISA_NUMERICS_PRODUCT, 1.0, 0.0};
  ElementContext c;
  c.terms = 4;
  c.p_big = 8.0;
  c.p_small = 0.25;
  CHECK_FALSE(check_bounded(product, next_up(2.0, 3), 2.0, c));
  CHECK(check_bounded(product, next_up(2.0, 5), 2.0, c));
  CHECK(check_bounded(product, -0.0, 0.0, c));  // a zero keeps the sign of the factors' signs
  c.p_big = 1e39;
  CHECK_FALSE(check_bounded(product, 123.0, 2.0, c));
  c.p_big = 8.0;
  c.p_small = 1e-39;
  CHECK_FALSE(check_bounded(product, 123.0, 2.0, c));
  c.terms = 0;
  c.p_small = 1.0;
  CHECK_FALSE(check_bounded(product, 1.0, 1.0, c));
  CHECK(check_bounded(product, next_up(1.0), 1.0, c));
}

TEST_CASE("program bound comes from the registry constant") {
  CHECK(program_bound(1.0) == TISA_CONFORMANCE_PROGRAM_ULPS_PER_OP * std::ldexp(1.0, -24));
  CHECK(program_bound(10.0) == 10 * program_bound(1.0));
}

TEST_CASE("the extension dtypes measure ulps, ranges and m in their own format") {
  const FloatFormat& f16 = *float_format(TISA_DTYPE_F16);
  const FloatFormat& bf16 = *float_format(TISA_DTYPE_BF16);
  const FloatFormat& f64 = *float_format(TISA_DTYPE_F64);
  CHECK(float_format(TISA_DTYPE_I32) == nullptr);
  CHECK(ulp(1.0, f16) == 0x1p-10);
  CHECK(ulp(0.0, f16) == 0x1p-24);
  CHECK(ulp(65504.0, f16) == 32.0);
  CHECK(ulp(1e6, f16) == 32.0);  // beyond the range: the top binade's
  CHECK(ulp(1.0, bf16) == 0x1p-7);
  CHECK(ulp(0.0, bf16) == 0x1p-133);
  CHECK(ulp(1.0, f64) == 0x1p-52);
  CHECK(ulp(0.0, f64) == 0x1p-1074);
  CHECK(ulp(std::numeric_limits<double>::max(), f64) == 0x1p971);
  CHECK(f16.max() == 65504.0);
  CHECK(bf16.max() == 0x1.fep127);
  CHECK(f64.max() == std::numeric_limits<double>::max());
  CHECK(f16.least_normal() == 0x1p-14);
  CHECK(f16.holds(65504.0));
  CHECK_FALSE(f16.holds(65505.0));
  CHECK(f16.holds(0x1p-24));
  CHECK_FALSE(f16.holds(0x1p-25));
  CHECK_FALSE(bf16.holds(1.0 + 0x1p-8));
}

TEST_CASE("rule 5 at the top of f16 and f64: infinity is 2^(emax+1)") {
  const FloatFormat& f16 = *float_format(TISA_DTYPE_F16);
  const FloatFormat& f64 = *float_format(TISA_DTYPE_F64);
  // 65520 is half an f16 ulp above the largest value: infinity is a correct rounding, 65504 too.
  CHECK(within_bound(kInf, 65520.0, 0.5 * ulp(65520.0, f16), f16));
  CHECK(within_bound(65504.0, 65520.0, 0.5 * ulp(65520.0, f16), f16));
  CHECK_FALSE(within_bound(kInf, 65519.0, 0.5 * ulp(65519.0, f16), f16));
  CHECK(within_bound(kInf, 1e9, 0.0, f16));  // a reference beyond the range is clamped to 2^16
  // f64: 2^1024 is not a double, the comparison still works.
  const double dmax = std::numeric_limits<double>::max();
  CHECK(within_bound(kInf, dmax, ulp(dmax, f64), f64));
  CHECK_FALSE(within_bound(kInf, dmax, 0.5 * ulp(dmax, f64), f64));
  CHECK_FALSE(within_bound(-kInf, dmax, 1e300, f64));
  CHECK(within_bound(dmax, dmax, 0.0, f64));
}

TEST_CASE("f16 and bf16 bounds: ulps of the dtype, abs_linear scaled by its unit roundoff") {
  const FloatFormat& f16 = *float_format(TISA_DTYPE_F16);
  const FloatFormat& bf16 = *float_format(TISA_DTYPE_BF16);
  CHECK_FALSE(check_bounded(ulp(0.5), 1.0, 1.0 + 0x1p-12, {}, f16));
  CHECK(check_bounded(ulp(0.5), 1.0 + 0x1p-10, 1.0 + 0x1p-12, {}, f16));
  CHECK_FALSE(check_bounded(ulp(1.0), 1.0 + 0x1p-7, 1.0, {}, bf16));
  CHECK(check_bounded(ulp(1.0), 1.0 + 0x1p-6, 1.0, {}, bf16));
  // sin on f16: (2^-21 + 2^-23 |x|) * 2^13 = 2^-8 + 2^-11 at x = 0.5.
  const Numerics sin{TISA_NUMERICS_ABS_LINEAR, 0x1p-21, 0x1p-23};
  const double x[] = {0.5};
  ElementContext c;
  c.operands = x;
  CHECK_FALSE(check_bounded(sin, 0.5 + 0x1p-8, 0.5, c, f16));
  CHECK(check_bounded(sin, 0.5 + 0x1p-7, 0.5, c, f16));
  CHECK(check_bounded(sin, 0.5 + 0x1p-8, 0.5, c));  // f32: far outside
  // Special values: tanh(inf) = 1 exactly in f16 as in f32.
  const double inf_operand[] = {kInf};
  c.operands = inf_operand;
  const auto off = check_bounded(ulp(5), 1.0 - 0x1p-11, 1.0, c, f16);
  REQUIRE(off);
  CHECK_THAT(*off, Catch::Contains("special value"));
  // dot: unconstrained above f16's max, m = 2^-14.
  ElementContext dot;
  dot.terms = 2;
  dot.sum_finite = 70000.0;
  const Numerics d1{TISA_NUMERICS_DOT, 1.0, 0.0};
  CHECK_FALSE(check_bounded(d1, 0.0, 65000.0, dot, f16));
  dot.sum_finite = 0x1p-20;  // bound 2 * 2^-11 * 2^-20 + 2^-14
  CHECK_FALSE(check_bounded(d1, 0x1p-14, 0.0, dot, f16));
  CHECK(check_bounded(d1, 0x1p-13, 0.0, dot, f16));
}

TEST_CASE("f64 bounds are doubled: the oracle is binary64 itself") {
  const FloatFormat& f64 = *float_format(TISA_DTYPE_F64);
  // add (0.5 ulp): one ulp from the oracle passes, two do not.
  CHECK_FALSE(check_bounded(ulp(0.5), 1.0 + 0x1p-52, 1.0, {}, f64));
  CHECK(check_bounded(ulp(0.5), 1.0 + 0x1p-51, 1.0, {}, f64));
  // An inf operand with a result that is no f32 value (atan2(inf, 1) = pi/2) is bounded, not exact.
  const double inf_operand[] = {kInf, 1.0};
  ElementContext c;
  c.operands = inf_operand;
  const double half_pi = std::atan2(kInf, 1.0);
  CHECK_FALSE(check_bounded(ulp(6), std::nextafter(half_pi, 2.0), half_pi, c, f64));
  // dot: 2 * n * u * S + m.
  ElementContext dot;
  dot.terms = 4;
  dot.sum_finite = 1.0;
  const Numerics d1{TISA_NUMERICS_DOT, 1.0, 0.0};
  CHECK_FALSE(check_bounded(d1, 0.5 + 7 * 0x1p-53, 0.5, dot, f64));
  CHECK(check_bounded(d1, 0.5 + 9 * 0x1p-53, 0.5, dot, f64));
}
