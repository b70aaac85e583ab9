// The f32 kernel checks shared by the kernel tests (declared in kernel_targets.hpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "tests/cpu/kernel_targets.hpp"
#include "tisa/isa.h"

namespace cpu_test {

using tisa::cpu::KernelTable;

double ulp_of(double reference) {
  const double a = std::fabs(reference);
  if (a < 0x1p-126) return 0x1p-149;
  int exponent = 0;
  std::frexp(static_cast<double>(static_cast<float>(a)), &exponent);
  return std::ldexp(1.0, exponent - 24);
}

std::vector<float> unary(const KernelTable& k, uint32_t op, const std::vector<float>& x) {
  std::vector<float> out(x.size());
  auto fn = k.elementwise(op, TISA_DTYPE_F32, TISA_DTYPE_F32);
  REQUIRE(fn);
  fn(x.data(), nullptr, nullptr, out.data(), static_cast<int64_t>(x.size()));
  return out;
}

std::vector<float> sweep(float lo, float hi) {
  std::vector<float> xs;
  for (uint64_t b = 0; b <= 0xffffffffull; b += 211) {
    float f;
    const auto b32 = static_cast<uint32_t>(b);
    std::memcpy(&f, &b32, 4);
    if (f >= lo && f <= hi) xs.push_back(f);
  }
  return xs;
}

double worst_ulps(const std::vector<float>& xs, const std::vector<float>& ys, double (*ref)(double)) {
  double worst = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double r = ref(xs[i]);
    if (std::fabs(r) > std::numeric_limits<float>::max()) {
      CHECK(std::isinf(ys[i]));
      continue;
    }
    worst = std::max(worst, std::fabs(ys[i] - r) / ulp_of(r));
  }
  return worst;
}

}  // namespace cpu_test
