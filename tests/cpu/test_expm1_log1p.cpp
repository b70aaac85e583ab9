// expm1 and log1p (TISA 1.1) on every runnable target: accurate relative to x near 0, where
// exp(x) - 1 and log(1 + x) are not, and the spec's special values.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "tests/cpu/kernel_targets.hpp"
#include "tisa/isa.h"

namespace {

using cpu_test::bits;
using cpu_test::runnable_targets;
using cpu_test::sweep;
using cpu_test::unary;
using cpu_test::worst_ulps;
using tisa::cpu::KernelTable;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST_CASE("expm1 is within 1 ulp of binary64 expm1 on every target, tiny inputs included") {
  const std::vector<float> xs = sweep(-40.0f, 89.0f);  // subnormal and tiny |x| included
  REQUIRE(xs.size() > 9000000);
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    CHECK(worst_ulps(xs, unary(*k, TISA_OP_EXPM1, xs), [](double x) { return std::expm1(x); }) <= 1.0);
    const std::vector<float> y =
        unary(*k, TISA_OP_EXPM1, {0.0f, -0.0f, kInf, -kInf, 0x1p-20f, 89.0f, -1e30f});
    CHECK(bits(y[0]) == bits(0.0f));
    CHECK(bits(y[1]) == bits(-0.0f));
    CHECK(y[2] == kInf);
    CHECK(y[3] == -1.0f);
    CHECK(y[4] == 0x1p-20f + 0x1p-41f);  // exp(x) - 1 in f32 gives 2^-20: 4 ulp off
    CHECK(y[5] == kInf);
    CHECK(y[6] == -1.0f);
    CHECK(std::isnan(unary(*k, TISA_OP_EXPM1, {kNaN})[0]));
  }
}

TEST_CASE("log1p is within 1 ulp of binary64 log1p on every target and keeps its special values") {
  const std::vector<float> xs = sweep(-1.0f, std::numeric_limits<float>::max());
  REQUIRE(xs.size() > 9000000);
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    CHECK(worst_ulps(xs, unary(*k, TISA_OP_LOG1P, xs), [](double x) { return std::log1p(x); }) <= 1.0);
    const std::vector<float> y =
        unary(*k, TISA_OP_LOG1P, {0.0f, -0.0f, -1.0f, -1.5f, -kInf, kInf, 1e-30f, -0x1p-24f});
    CHECK(bits(y[0]) == bits(0.0f));
    CHECK(bits(y[1]) == bits(-0.0f));
    CHECK(y[2] == -kInf);
    CHECK(std::isnan(y[3]));
    CHECK(std::isnan(y[4]));
    CHECK(y[5] == kInf);
    CHECK(y[6] == 1e-30f);
    CHECK(y[7] == static_cast<float>(std::log1p(-0x1p-24)));
    CHECK(std::isnan(unary(*k, TISA_OP_LOG1P, {kNaN})[0]));
  }
}

}  // namespace
