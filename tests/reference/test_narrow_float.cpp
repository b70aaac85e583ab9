// f16 and bf16 conversions (hal/ir/narrow_float.hpp): one rounding to nearest even straight from
// binary64 or i64, exhaustively against the neighbours of every 16-bit value.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "hal/ir/narrow_float.hpp"

using namespace tisa::ir;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

template <class F>
bool is_nan_bits(uint16_t h) {
  return (h & static_cast<uint16_t>(~F::sign_bit)) > F::inf_bits;
}

// Every pair of adjacent finite values of one sign: their midpoint goes to the even one, anything
// nearer to a side goes to that side. The top value's upper neighbour is 2^(emax+1) (infinity).
template <class F>
void check_every_neighbour_pair(uint16_t sign) {
  int checked = 0;
  for (uint32_t h = 0; h < F::inf_bits; ++h) {
    const auto lo_bits = static_cast<uint16_t>(sign | h);
    const auto hi_bits = static_cast<uint16_t>(sign | (h + 1));
    const double lo = narrow_to_double<F>(lo_bits);
    const double hi =
        h + 1 == F::inf_bits ? std::copysign(std::ldexp(1.0, F::bias + 1), lo) : narrow_to_double<F>(hi_bits);
    const double mid = (lo + hi) / 2;  // exact: both have far fewer than 53 bits
    const uint16_t even = (h & 1u) == 0 ? lo_bits : hi_bits;
    INFO("bits " << lo_bits << " and " << hi_bits);
    REQUIRE(narrow_from_double<F>(lo) == lo_bits);
    REQUIRE(narrow_from_double<F>(mid) == even);
    REQUIRE(narrow_from_double<F>(std::nextafter(mid, lo)) == lo_bits);
    REQUIRE(narrow_from_double<F>(std::nextafter(mid, hi)) == hi_bits);
    ++checked;
  }
  CHECK(checked == F::inf_bits);
}

}  // namespace

TEST_CASE("f16 and bf16 round to nearest even between every pair of neighbours", "[narrow_float]") {
  check_every_neighbour_pair<F16Format>(0);
  check_every_neighbour_pair<F16Format>(F16Format::sign_bit);
  check_every_neighbour_pair<BF16Format>(0);
  check_every_neighbour_pair<BF16Format>(BF16Format::sign_bit);
}

TEST_CASE("every f16 and bf16 value reads back to its own bits", "[narrow_float]") {
  for (uint32_t h = 0; h <= 0xffff; ++h) {
    const auto bits = static_cast<uint16_t>(h);
    INFO("bits " << h);
    const double f = f16_to_double(bits), b = bf16_to_double(bits);
    if (is_nan_bits<F16Format>(bits)) {
      REQUIRE(std::isnan(f));
      REQUIRE(std::signbit(f) == ((h & 0x8000u) != 0));
      REQUIRE(is_nan_bits<F16Format>(f16_from_double(f)));
    } else {
      REQUIRE(f16_from_double(f) == bits);
    }
    if (is_nan_bits<BF16Format>(bits)) {
      REQUIRE(std::isnan(b));
      REQUIRE(is_nan_bits<BF16Format>(bf16_from_double(b)));
    } else {
      REQUIRE(bf16_from_double(b) == bits);
      // bf16 is the upper half of a binary32.
      REQUIRE(std::bit_cast<uint32_t>(static_cast<float>(b)) == h << 16);
    }
  }
}

TEST_CASE("f16 edges: max, overflow, subnormals, ties, signs and NaN", "[narrow_float]") {
  CHECK(f16_from_double(65504.0) == 0x7bff);  // max finite
  CHECK(f16_from_double(65519.99) == 0x7bff);
  CHECK(f16_from_double(65520.0) == 0x7c00);  // half an ulp above max: the tie goes to even, infinity
  CHECK(f16_from_double(-65520.0) == 0xfc00);
  CHECK(f16_from_double(1e300) == 0x7c00);
  CHECK(f16_from_double(kInf) == 0x7c00);
  CHECK(f16_from_double(-kInf) == 0xfc00);
  CHECK(f16_from_double(0x1p-24) == 0x0001);  // least subnormal
  CHECK(f16_from_double(0x1p-25) == 0x0000);  // half of it: a tie, to even zero
  CHECK(f16_from_double(-0x1p-25) == 0x8000);
  CHECK(f16_from_double(0x1.0000000000001p-25) == 0x0001);
  CHECK(f16_from_double(3 * 0x1p-25) == 0x0002);  // 1.5 subnormal ulps: the tie goes to 2
  CHECK(f16_from_double(0x1.ff8p-15) == 0x03ff);  // largest subnormal
  CHECK(f16_from_double(0x1p-14) == 0x0400);      // least normal
  CHECK(f16_from_double(0x1.ffcp-15) == 0x0400);  // rounds up across the subnormal boundary
  CHECK(f16_from_double(std::numeric_limits<double>::denorm_min()) == 0x0000);
  CHECK(f16_from_double(-0.0) == 0x8000);
  CHECK(f16_from_double(1.0 + 0x1p-11) == 0x3c00);      // tie: to even
  CHECK(f16_from_double(1.0 + 3 * 0x1p-11) == 0x3c02);  // tie: to even, upwards
  // Straight from binary64: through f32 this would round twice (to 1 + 2^-11, then to 1).
  CHECK(static_cast<double>(static_cast<float>(1.0 + 0x1p-11 + 0x1p-40)) == 1.0 + 0x1p-11);
  CHECK(f16_from_double(1.0 + 0x1p-11 + 0x1p-40) == 0x3c01);
  const uint16_t nan = f16_from_double(-std::numeric_limits<double>::quiet_NaN());
  CHECK(is_nan_bits<F16Format>(nan));
  CHECK((nan & 0x8000) != 0);
  // A NaN whose payload sits below f16's fraction is still a NaN (quiet), never infinity.
  CHECK(is_nan_bits<F16Format>(f16_from_double(std::bit_cast<double>(uint64_t{0x7ff0000000000001}))));
  CHECK(f16_to_double(0x7bff) == 65504.0);
  CHECK(f16_to_double(0x0001) == 0x1p-24);
  CHECK(f16_to_double(0x8000) == 0.0);
  CHECK(std::signbit(f16_to_double(0x8000)));
  CHECK(f16_to_double(0xfc00) == -kInf);
}

TEST_CASE("bf16 edges: the upper half of binary32, rounded to nearest even", "[narrow_float]") {
  CHECK(bf16_from_double(1.0) == 0x3f80);
  CHECK(bf16_from_double(1.0 + 0x1p-8) == 0x3f80);      // tie: to even
  CHECK(bf16_from_double(1.0 + 3 * 0x1p-8) == 0x3f82);  // tie: to even, upwards
  CHECK(bf16_from_double(1.0 + 0x1p-8 + 0x1p-30) == 0x3f81);
  CHECK(static_cast<double>(static_cast<float>(1.0 + 0x1p-8 + 0x1p-30)) == 1.0 + 0x1p-8);  // f32 loses it
  CHECK(bf16_from_double(0x1.fep127) == 0x7f7f);                                           // max finite
  CHECK(bf16_from_double(0x1.ffp127) == 0x7f80);  // half an ulp above: infinity
  CHECK(bf16_from_double(std::numeric_limits<float>::max()) == 0x7f80);
  CHECK(bf16_from_double(0x1p-133) == 0x0001);  // least subnormal
  CHECK(bf16_from_double(0x1p-134) == 0x0000);
  CHECK(bf16_from_double(0x1p-126) == 0x0080);  // least normal
  CHECK(bf16_from_double(-2.5) == 0xc020);
  CHECK(bf16_to_double(0x0001) == 0x1p-133);
  CHECK(bf16_to_double(0x7f7f) == 0x1.fep127);
  CHECK(std::isnan(bf16_to_double(0x7fc1)));
}

TEST_CASE("integers round once, even where binary64 could not hold them", "[narrow_float]") {
  CHECK(narrow_from_int<F16Format>(0) == 0x0000);
  CHECK(narrow_from_int<F16Format>(-2048) == 0xe800);
  CHECK(narrow_from_int<F16Format>(2049) == 0x6800);  // tie between 2048 and 2050: even
  CHECK(narrow_from_int<F16Format>(2051) == 0x6802);  // tie between 2050 and 2052: even
  CHECK(narrow_from_int<F16Format>(65519) == 0x7bff);
  CHECK(narrow_from_int<F16Format>(65520) == 0x7c00);
  CHECK(narrow_from_int<F16Format>(std::numeric_limits<int64_t>::min()) == 0xfc00);
  // 2^62 + 2^54 + 1 lies just above the bf16 midpoint 2^62 + 2^54; in binary64 it is the
  // midpoint itself, which would then round to even (2^62).
  const int64_t above_tie = (int64_t{1} << 62) + (int64_t{1} << 54) + 1;
  CHECK(static_cast<double>(above_tie) == 0x1p62 + 0x1p54);
  CHECK(narrow_from_int<BF16Format>(above_tie) == 0x5e81);
  CHECK(narrow_from_int<BF16Format>(above_tie - 1) == 0x5e80);
  CHECK(narrow_from_int<BF16Format>(std::numeric_limits<int64_t>::min()) == 0xdf00);  // -2^63 exactly
  CHECK(narrow_from_int<BF16Format>(-1) == 0xbf80);
}
