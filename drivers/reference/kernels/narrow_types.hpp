// The C types the kernels see for f16 and bf16: 16 bits of storage that read as a double and
// are written from a double (or an integer) with one rounding to nearest even. So every
// generic float kernel computes an f16/bf16 op in binary64 and rounds the result once, which is
// the spec's reference (10.5), without a kernel of its own.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hal/ir/narrow_float.hpp"

namespace tisa::ref {

template <class Format>
class NarrowFloat {
 public:
  NarrowFloat() = default;
  // Implicit both ways on purpose: kernels written for float and double work unchanged.
  NarrowFloat(double v) : bits_(ir::narrow_from_double<Format>(v)) {}  // NOLINT(google-explicit-constructor)
  template <std::integral I>
  NarrowFloat(I v) : bits_(ir::narrow_from_int<Format>(static_cast<int64_t>(v))) {}  // NOLINT
  operator double() const { return ir::narrow_to_double<Format>(bits_); }            // NOLINT

  static constexpr NarrowFloat from_bits(uint16_t bits) {
    NarrowFloat v;
    v.bits_ = bits;
    return v;
  }
  constexpr uint16_t bits() const { return bits_; }

 private:
  uint16_t bits_ = 0;
};

using Float16 = NarrowFloat<ir::F16Format>;
using BFloat16 = NarrowFloat<ir::BF16Format>;
static_assert(sizeof(Float16) == 2 && std::is_trivially_copyable_v<Float16>,
              "tensor elements are their bits");

}  // namespace tisa::ref

// What generic kernels ask of a float type (identities of max/min reductions, extremes).
template <class Format>
struct std::numeric_limits<tisa::ref::NarrowFloat<Format>> {
 private:
  using T = tisa::ref::NarrowFloat<Format>;

 public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool is_exact = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr int digits = Format::frac_bits + 1;
  static constexpr int min_exponent = Format::emin + 1;  // C's convention: one above emin
  static constexpr int max_exponent = Format::bias + 1;
  static constexpr T infinity() { return T::from_bits(Format::inf_bits); }
  static constexpr T quiet_NaN() { return T::from_bits(Format::inf_bits | Format::quiet_bit); }
  static constexpr T max() { return T::from_bits(Format::inf_bits - 1); }
  static constexpr T lowest() { return T::from_bits(Format::sign_bit | (Format::inf_bits - 1)); }
  static constexpr T min() { return T::from_bits(Format::frac_mask + 1); }  // least normal
  static constexpr T denorm_min() { return T::from_bits(1); }
  static constexpr T epsilon() {
    return T::from_bits(static_cast<uint16_t>((Format::bias - Format::frac_bits) << Format::frac_bits));
  }
};
