// The vector kernels of every runnable target against binary64 references and the spec's
// special values.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "tests/cpu/kernel_targets.hpp"
#include "tisa/isa.h"

namespace {

using cpu_test::bits;
using cpu_test::runnable_targets;
using cpu_test::sweep;
using cpu_test::ulp_of;
using cpu_test::unary;
using cpu_test::worst_ulps;
using tisa::cpu::KernelTable;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST_CASE("exp is within 1.5 ulp on every target, subnormal results included") {
  const std::vector<float> xs = sweep(-110.0f, 95.0f);
  REQUIRE(xs.size() > 5000000);
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    CHECK(worst_ulps(xs, unary(*k, TISA_OP_EXP, xs), [](double x) { return std::exp(x); }) <= 1.5);
    const std::vector<float> special = {kInf, -kInf, 0.0f, -0.0f, 88.8f, -104.0f, -1e30f, 1e30f};
    const std::vector<float> y = unary(*k, TISA_OP_EXP, special);
    CHECK(y[0] == kInf);
    CHECK(bits(y[1]) == 0u);  // exp(-inf) = +0 exactly
    CHECK(y[2] == 1.0f);
    CHECK(y[3] == 1.0f);
    CHECK(y[4] == kInf);
    CHECK(bits(y[5]) == 0u);
    CHECK(bits(y[6]) == 0u);
    CHECK(y[7] == kInf);
    CHECK(std::isnan(unary(*k, TISA_OP_EXP, {kNaN})[0]));
  }
}

TEST_CASE("erf is within 8 ulp on every target and keeps its special values") {
  const std::vector<float> xs = sweep(-6.0f, 6.0f);
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    CHECK(worst_ulps(xs, unary(*k, TISA_OP_ERF, xs), [](double x) { return std::erf(x); }) <= 8.0);
    const std::vector<float> y = unary(*k, TISA_OP_ERF, {0.0f, -0.0f, kInf, -kInf, 1e-40f});
    CHECK(bits(y[0]) == bits(0.0f));
    CHECK(bits(y[1]) == bits(-0.0f));
    CHECK(y[2] == 1.0f);
    CHECK(y[3] == -1.0f);
    CHECK(y[4] > 0.0f);  // subnormal inputs are not flushed
    CHECK(std::isnan(unary(*k, TISA_OP_ERF, {kNaN})[0]));
  }
}

TEST_CASE("max and min propagate NaN and order -0 below +0 on every target") {
  const std::vector<float> a = {0.0f, -0.0f, kNaN, 1.0f, -kInf, 3.0f, -0.0f};
  const std::vector<float> b = {-0.0f, 0.0f, 1.0f, kNaN, 2.0f, 3.0f, -0.0f};
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    std::vector<float> mx(a.size()), mn(a.size());
    k->elementwise(TISA_OP_MAX, TISA_DTYPE_F32, TISA_DTYPE_F32)(a.data(), b.data(), nullptr, mx.data(), 7);
    k->elementwise(TISA_OP_MIN, TISA_DTYPE_F32, TISA_DTYPE_F32)(a.data(), b.data(), nullptr, mn.data(), 7);
    CHECK(bits(mx[0]) == bits(0.0f));
    CHECK(bits(mx[1]) == bits(0.0f));
    CHECK(bits(mn[0]) == bits(-0.0f));
    CHECK(bits(mn[1]) == bits(-0.0f));
    CHECK((std::isnan(mx[2]) && std::isnan(mx[3]) && std::isnan(mn[2]) && std::isnan(mn[3])));
    CHECK((mx[4] == 2.0f && mn[4] == -kInf && mx[5] == 3.0f && bits(mn[6]) == bits(-0.0f)));
    float acc = -kInf;
    tisa::cpu::ReduceKernels r;
    REQUIRE(k->reduce(TISA_OP_REDUCE_MAX, TISA_DTYPE_F32, &r));
    std::vector<float> row(100, -1.0f);
    row[3] = -0.0f;
    row[57] = 0.0f;
    r.row(row.data(), 100, &acc);
    CHECK(bits(acc) == bits(0.0f));
    row[99] = kNaN;
    acc = -kInf;
    r.row(row.data(), 100, &acc);
    CHECK(std::isnan(acc));
  }
}

TEST_CASE("row sums meet the dot bound and every target agrees on exact ops") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-100.0f, 100.0f);
  std::vector<float> x(10007);
  for (float& v : x) v = dist(rng);
  double exact = 0, magnitude = 0;
  for (float v : x) {
    exact += v;
    magnitude += std::fabs(v);
  }
  std::vector<std::vector<float>> results;
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    tisa::cpu::ReduceKernels r;
    REQUIRE(k->reduce(TISA_OP_REDUCE_SUM, TISA_DTYPE_F32, &r));
    float acc = 0;
    r.row(x.data(), static_cast<int64_t>(x.size()), &acc);
    CHECK(std::fabs(acc - exact) <= static_cast<double>(x.size()) * 0x1p-24 * magnitude);
    // Exact ops (and correctly rounded ones) give the same bits everywhere.
    std::vector<float> out(x.size());
    std::vector<float> all;
    for (uint32_t op : {TISA_OP_ADD, TISA_OP_MUL, TISA_OP_DIV, TISA_OP_MAX, TISA_OP_MIN}) {
      k->elementwise(op, TISA_DTYPE_F32, TISA_DTYPE_F32)(x.data(), x.data() + 1, nullptr, out.data(), 10000);
      all.insert(all.end(), out.begin(), out.begin() + 10000);
    }
    for (uint32_t op : {TISA_OP_SQRT, TISA_OP_FLOOR, TISA_OP_ROUND, TISA_OP_ABS, TISA_OP_SIGN}) {
      k->elementwise(op, TISA_DTYPE_F32, TISA_DTYPE_F32)(x.data(), nullptr, nullptr, out.data(), 10000);
      all.insert(all.end(), out.begin(), out.begin() + 10000);
    }
    results.push_back(all);
  }
  for (size_t t = 1; t < results.size(); ++t) {
    for (size_t i = 0; i < results[0].size(); ++i) {
      if (std::isnan(results[0][i])) {
        CHECK(std::isnan(results[t][i]));
      } else {
        CHECK(bits(results[0][i]) == bits(results[t][i]));
      }
    }
  }
}

TEST_CASE("casts saturate and integer division follows the spec on every target") {
  for (const KernelTable* k : runnable_targets()) {
    INFO(k->isa);
    const std::vector<float> f = {kNaN, 3e9f, -3e9f, -2.7f, 2.7f, kInf};
    std::vector<int32_t> i(f.size());
    k->elementwise(TISA_OP_CAST, TISA_DTYPE_F32, TISA_DTYPE_I32)(f.data(), nullptr, nullptr, i.data(), 6);
    CHECK(i == std::vector<int32_t>{0, INT32_MAX, INT32_MIN, -2, 2, INT32_MAX});
    const std::vector<int32_t> a = {7, -7, INT32_MIN, 5}, b = {0, 2, -1, -1};
    std::vector<int32_t> q(4), r(4);
    k->elementwise(TISA_OP_DIV, TISA_DTYPE_I32, TISA_DTYPE_I32)(a.data(), b.data(), nullptr, q.data(), 4);
    k->elementwise(TISA_OP_REM, TISA_DTYPE_I32, TISA_DTYPE_I32)(a.data(), b.data(), nullptr, r.data(), 4);
    CHECK(q == std::vector<int32_t>{-1, -3, INT32_MIN, -5});
    CHECK(r == std::vector<int32_t>{7, -1, 0, 0});
  }
}

}  // namespace
