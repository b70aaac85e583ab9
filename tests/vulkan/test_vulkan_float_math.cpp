// f32 rem, pow and atan2 on the Vulkan device (shaders/float_math_binary.glsl) against the C
// library in double, which is what the reference driver computes: every pair of special values,
// then sweeps the CTS's few random cases do not reach (huge quotients for rem, results across the
// whole f32 range for pow, every octant and magnitude for atan2). rem must be bit-exact, signs of
// zero included; pow within 16 ulp and atan2 within 6 (spec 5.3); where an operand is a zero, an
// infinity or a NaN (or pow's base is 1) the special-value tables give the result exactly.
// A device that declares flushing subnormals may also give the results computed from flushed
// inputs, flushed (spec 4.4); lavapipe in fact preserves them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tisa/tisa.hpp"

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

tisa_tensor_type_t f32_vector(int64_t n) {
  tisa_tensor_type_t t{};
  t.dtype = TISA_DTYPE_F32;
  t.rank = 1;
  t.dims[0] = n;
  return t;
}

// Zeros, infinities, NaN, subnormals, the ends of the range, +-1 and its neighbours, odd and even
// integers (2^24 and above are all even), halves, and values around the quotients that matter.
std::vector<float> special_values() {
  std::vector<float> v = {0.0f,        -0.0f,        kInf,        -kInf, kNan,   1.0f,   -1.0f,
                          0.5f,        -0.5f,        2.0f,        -2.0f, 3.0f,   -3.0f,  0.1f,
                          -2.5f,       7.0f,         -7.0f,       10.0f, 1e-20f, -1e30f, 123456.789f,
                          16777216.0f, -16777218.0f, 33554432.0f, 1e38f, -1e-38f};
  for (float base : {1.0f, -1.0f}) {
    v.push_back(std::nextafter(base, 0.0f));
    v.push_back(std::nextafter(base, 2 * base));
  }
  v.push_back(std::numeric_limits<float>::denorm_min());
  v.push_back(-std::numeric_limits<float>::denorm_min() * 3);
  v.push_back(std::bit_cast<float>(0x007fffffu));  // the largest subnormal
  v.push_back(std::numeric_limits<float>::min());
  v.push_back(std::numeric_limits<float>::max());
  v.push_back(-std::numeric_limits<float>::max());
  return v;
}

// A subnormal becomes a zero of its sign (spec 4.4).
float flush(float x) {
  return std::fpclassify(x) == FP_SUBNORMAL ? std::copysign(0.0f, x) : x;
}

bool special(float x) {
  return x == 0 || std::isinf(x) || std::isnan(x);
}

// Bit equality, any NaN matching any NaN.
bool same(float out, float want) {
  return (std::isnan(out) && std::isnan(want)) ||
         std::bit_cast<uint32_t>(out) == std::bit_cast<uint32_t>(want);
}

// |out - ref| in ulps of ref by spec 5.2 and 5.3 (infinite out counts as +-2^128, ref is clamped
// there); infinity when a NaN or an infinite ref is not matched, or a zero ref's sign is not.
double ulp_error(float out, double ref) {
  constexpr double kFail = std::numeric_limits<double>::infinity();
  if (std::isnan(ref)) return std::isnan(out) ? 0 : kFail;
  if (std::isinf(ref)) return out == ref ? 0 : kFail;
  if (std::isnan(out)) return kFail;
  if (ref == 0 && out == 0 && std::signbit(out) != std::signbit(ref)) return kFail;
  const double top = 0x1p128;
  const double o = std::isinf(out) ? std::copysign(top, out) : out;
  const double r = std::clamp(ref, -top, top);
  const int e = r == 0 ? -126 : std::clamp(std::ilogb(r), -126, 127);
  return std::abs(o - r) / std::ldexp(1.0, e - 23);
}

struct Inputs {
  std::vector<float> a, b;
  void add(float x, float y) {
    a.push_back(x);
    b.push_back(y);
  }
};

// Every special pair, then seeded sweeps.
Inputs make_inputs() {
  Inputs in;
  const std::vector<float> s = special_values();
  for (float x : s) {
    for (float y : s) in.add(x, y);
  }
  std::mt19937_64 rng(20261125);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  auto finite_bits = [&] {  // any finite float, each binade as likely as the next
    for (;;) {
      const float f = std::bit_cast<float>(static_cast<uint32_t>(rng()));
      if (std::isfinite(f)) return f;
    }
  };
  for (int i = 0; i < 20000; ++i) in.add(finite_bits(), finite_bits());
  // rem: quotients up to 2^277 (subnormal divisors), and exact multiples (signed zeros).
  for (int i = 0; i < 5000; ++i) {
    const float y = std::ldexp(static_cast<float>(uniform(1, 2)), static_cast<int>(uniform(-149, -100)));
    in.add(finite_bits(), i % 2 ? y : -y);
    const float k = static_cast<float>(std::floor(uniform(-1000, 1000)));
    const float z = static_cast<float>(uniform(-10, 10));
    in.add(k * z, z);  // often exact, else a tiny remainder
  }
  // pow: positive bases over 40 binades, exponents making y log x span [-110, 95], so results
  // run from below the least subnormal to past the overflow threshold.
  for (int i = 0; i < 20000; ++i) {
    const float x = static_cast<float>(std::exp2(uniform(-20, 20)));
    if (x == 1) continue;
    in.add(x, static_cast<float>(uniform(-110, 95) / std::log(static_cast<double>(x))));
  }
  // pow: negative bases with integer exponents (odd and even), bases within ulps of 1 with large
  // exponents, small integer powers that are exact in f32.
  for (int i = 0; i < 5000; ++i) {
    in.add(static_cast<float>(-std::exp2(uniform(-4, 4))), static_cast<float>(std::round(uniform(-40, 40))));
    const int32_t ulps = static_cast<int32_t>(uniform(-40, 40));
    const float near1 = std::bit_cast<float>(static_cast<uint32_t>(std::bit_cast<int32_t>(1.0f) + ulps));
    in.add(near1, static_cast<float>(uniform(-1e9, 1e9)));
    in.add(static_cast<float>(std::round(uniform(-30, 30))), static_cast<float>(std::round(uniform(0, 6))));
  }
  // atan2: points near the diagonals and near tan(pi/8), where the octant and the reduction
  // switch, at every magnitude and sign.
  for (int i = 0; i < 5000; ++i) {
    const double m = std::exp2(uniform(-140, 120));
    const double t = i % 2 ? uniform(0.99, 1.01) : uniform(0.41, 0.42);
    const float x = static_cast<float>(i % 3 ? m : -m), y = static_cast<float>(i % 5 < 2 ? m * t : -m * t);
    in.add(y, x);
    in.add(x, y);
  }
  return in;
}

}  // namespace

TEST_CASE("f32 rem, pow and atan2 meet the spec's bounds on special values and sweeps", "[vulkan]") {
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  REQUIRE(instance.device_count() >= 1);
  const tisa::Device device = instance.find_device("vulkan");
  REQUIRE(device.supports(TISA_OP_REM, TISA_DTYPE_F32));
  if (!device.supports(TISA_OP_POW, TISA_DTYPE_F32)) return;  // no shaderFloat64
  REQUIRE(device.supports(TISA_OP_ATAN2, TISA_DTYPE_F32));
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(R"(tisa 1.0
symbol N
input %a : f32[N]
input %b : f32[N]
%2 = rem %a, %b : f32[N]
%3 = pow %a, %b : f32[N]
%4 = atan2 %a, %b : f32[N]
output %2, %3, %4
)"));
  const Inputs in = make_inputs();
  const int64_t n = static_cast<int64_t>(in.a.size());
  tisa::Buffer ba = tisa::Buffer::create(device, n * 4), bb = tisa::Buffer::create(device, n * 4);
  ba.write(in.a);
  bb.write(in.b);
  std::vector<tisa::Buffer> outs;
  std::vector<tisa_tensor_t> tensors;
  for (int k = 0; k < 3; ++k) {
    outs.push_back(tisa::Buffer::create(device, n * 4));
    tensors.push_back(tisa::tensor(outs.back(), f32_vector(n)));
  }
  exe.launch({tisa::tensor(ba, f32_vector(n)), tisa::tensor(bb, f32_vector(n))}, tensors);
  const auto rem = outs[0].read<float>(n), pow = outs[1].read<float>(n), atan2 = outs[2].read<float>(n);

  double worst_pow = 0, worst_atan2 = 0;
  size_t at_pow = 0, at_atan2 = 0, rem_wrong = 0, pow_wrong = 0, atan2_wrong = 0;
  // A device that flushes subnormals (spec 4.4) may compute from flushed inputs and flush its
  // results: each op is judged both ways and the better verdict counts.
  const bool flushes = (device.info().flags & TISA_DEVICE_FLAG_FLUSH_SUBNORMALS) != 0;
  // Each error function judges out against x and y; `flushed`: all three are flushed, and so is
  // the reference (a result below the normal range may come out as a zero).
  const auto rem_error = [](float x, float y, float out, bool flushed) {
    const float ref = static_cast<float>(std::fmod(double(x), double(y)));
    return same(out, flushed ? flush(ref) : ref) ? 0.0 : HUGE_VAL;
  };
  const auto bounded_error = [](double ref, float x, float y, float out, bool exact_special, bool flushed) {
    if (special(x) || special(y) || exact_special) return same(out, static_cast<float>(ref)) ? 0.0 : HUGE_VAL;
    if (flushed && out == 0 && std::abs(ref) < std::numeric_limits<float>::min()) return 0.0;
    return ulp_error(out, ref);
  };
  const auto pow_error = [&](float x, float y, float out, bool flushed) {
    return bounded_error(std::pow(double(x), double(y)), x, y, out, x == 1, flushed);
  };
  const auto atan2_error = [&](float x, float y, float out, bool flushed) {
    return bounded_error(std::atan2(double(x), double(y)), x, y, out, false, flushed);
  };
  const auto judged = [&](auto error, float x, float y, float out) {
    double e = error(x, y, out, false);
    if (flushes && e > 0) e = std::min(e, error(flush(x), flush(y), flush(out), true));
    return e;
  };
  for (size_t i = 0; i < in.a.size(); ++i) {
    const float x = in.a[i], y = in.b[i];
    CAPTURE(i, x, y);
    if (judged(rem_error, x, y, rem[i]) > 0) {
      ++rem_wrong;
      CHECK(std::bit_cast<uint32_t>(rem[i]) == std::bit_cast<uint32_t>(static_cast<float>(std::fmod(x, y))));
    }
    const double e_pow = judged(pow_error, x, y, pow[i]);
    if (e_pow > 16) {
      ++pow_wrong;
      CHECK(pow[i] == static_cast<float>(std::pow(double(x), double(y))));
    }
    if (e_pow > worst_pow) {
      worst_pow = e_pow;
      at_pow = i;
    }
    const double e_atan2 = judged(atan2_error, x, y, atan2[i]);
    if (e_atan2 > 6) {
      ++atan2_wrong;
      CHECK(atan2[i] == static_cast<float>(std::atan2(double(x), double(y))));
    }
    if (e_atan2 > worst_atan2) {
      worst_atan2 = e_atan2;
      at_atan2 = i;
    }
    if (rem_wrong + pow_wrong + atan2_wrong > 20) break;  // enough to see the pattern
  }
  std::printf("%lld pairs: pow max %.3f ulp at pow(%a, %a); atan2 max %.3f ulp at atan2(%a, %a)\n",
              static_cast<long long>(n), worst_pow, in.a[at_pow], in.b[at_pow], worst_atan2, in.a[at_atan2],
              in.b[at_atan2]);
  CHECK(rem_wrong == 0);
  CHECK(pow_wrong == 0);
  CHECK(atan2_wrong == 0);
}
