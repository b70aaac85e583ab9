// The 16-bit float dtypes of Xf16 (IEEE binary16) and Xbf16 (bfloat16: the upper half of a
// binary32) as their bits, converted to and from binary64 and i64 (spec 10.5). Every conversion
// to 16 bits rounds once, to nearest even, straight from the wide value: going through f32
// first could round twice. Subnormals are kept, overflow gives an infinity, NaN stays NaN
// (quiet, with its sign and leading payload bits).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace tisa::ir {

// 1 sign bit, kExpBits exponent bits, kFracBits fraction bits, IEEE 754 encoding.
template <int kExpBits, int kFracBits>
struct NarrowFormat {
  static constexpr int frac_bits = kFracBits;
  static constexpr int bias = (1 << (kExpBits - 1)) - 1;  // also emax
  static constexpr int emin = 1 - bias;                   // least normal exponent
  static constexpr uint16_t sign_bit = 0x8000u;
  static constexpr uint16_t inf_bits = ((1u << kExpBits) - 1u) << kFracBits;
  static constexpr uint16_t quiet_bit = 1u << (kFracBits - 1);
  static constexpr uint16_t frac_mask = (1u << kFracBits) - 1u;
};
using F16Format = NarrowFormat<5, 10>;
using BF16Format = NarrowFormat<8, 7>;

namespace detail {

// (-1)^negative * m * 2^exp2, m > 0, rounded once to the nearest value of F (ties to even).
template <class F>
uint16_t round_scaled(bool negative, uint64_t m, int exp2) {
  const uint16_t sign = negative ? F::sign_bit : 0;
  const int e = 63 - std::countl_zero(m) + exp2;  // floor(log2 |value|)
  if (e > F::bias) return sign | F::inf_bits;     // 2^(emax+1) or more
  const int clamped = e < F::emin ? F::emin : e;  // subnormals share the least normal's ulp
  const int shift = clamped - F::frac_bits - exp2;
  uint64_t q = 0;  // the value in ulps of the result, rounded
  if (shift <= 0) {
    q = m << -shift;
  } else if (shift < 64) {
    q = m >> shift;
    const uint64_t rest = m & ((uint64_t{1} << shift) - 1);
    const uint64_t half = uint64_t{1} << (shift - 1);
    if (rest > half || (rest == half && (q & 1u) != 0)) ++q;
  } else if (shift == 64 && m > (uint64_t{1} << 63)) {
    q = 1;  // just above half the smallest subnormal
  }
  // A normal q includes the hidden bit: adding it to the exponent field minus one lets a carry
  // out of the fraction (q = 2^(frac+1)) step into the next binade, or into infinity.
  const uint64_t bits = (static_cast<uint64_t>(clamped + F::bias - 1) << F::frac_bits) + q;
  if (bits >= F::inf_bits) return sign | F::inf_bits;
  return static_cast<uint16_t>(sign | bits);
}

}  // namespace detail

template <class F>
uint16_t narrow_from_double(double x) {
  const auto b = std::bit_cast<uint64_t>(x);
  const bool negative = (b >> 63) != 0;
  const auto exponent = static_cast<int>((b >> 52) & 0x7ffu);
  const uint64_t fraction = b & ((uint64_t{1} << 52) - 1);
  const uint16_t sign = negative ? F::sign_bit : 0;
  if (exponent == 0x7ff) {
    if (fraction == 0) return sign | F::inf_bits;
    return sign | F::inf_bits | F::quiet_bit | static_cast<uint16_t>(fraction >> (52 - F::frac_bits));
  }
  if (exponent == 0) {
    if (fraction == 0) return sign;
    return detail::round_scaled<F>(negative, fraction, -1074);
  }
  return detail::round_scaled<F>(negative, fraction | (uint64_t{1} << 52), exponent - 1075);
}

// Exact: an i64 rounded once (through double it could round twice, for bf16).
template <class F>
uint16_t narrow_from_int(int64_t v) {
  if (v == 0) return 0;
  const bool negative = v < 0;
  const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return detail::round_scaled<F>(negative, magnitude, 0);
}

// Exact: every 16-bit value is a binary64 value; NaN payloads move to the top of the fraction.
template <class F>
double narrow_to_double(uint16_t h) {
  const bool negative = (h & F::sign_bit) != 0;
  const uint16_t magnitude = h & static_cast<uint16_t>(~F::sign_bit);
  const uint32_t fraction = h & F::frac_mask;
  if (magnitude >= F::inf_bits) {
    const uint64_t bits = (negative ? uint64_t{1} << 63 : 0) | (uint64_t{0x7ff} << 52) |
                          (static_cast<uint64_t>(fraction) << (52 - F::frac_bits));
    return std::bit_cast<double>(bits);
  }
  const uint32_t exponent = magnitude >> F::frac_bits;
  const double v = exponent == 0 ? std::ldexp(static_cast<double>(fraction), F::emin - F::frac_bits)
                                 : std::ldexp(static_cast<double>(fraction | (1u << F::frac_bits)),
                                              static_cast<int>(exponent) - F::bias - F::frac_bits);
  return negative ? -v : v;
}

inline uint16_t f16_from_double(double x) {
  return narrow_from_double<F16Format>(x);
}
inline uint16_t bf16_from_double(double x) {
  return narrow_from_double<BF16Format>(x);
}
inline double f16_to_double(uint16_t h) {
  return narrow_to_double<F16Format>(h);
}
inline double bf16_to_double(uint16_t h) {
  return narrow_to_double<BF16Format>(h);
}

}  // namespace tisa::ir
