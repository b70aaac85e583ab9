// Register chains (kernels/simd/chain.inc) must give the same values as the same ops run one by
// one through the elementwise kernels, for every operand kind, order and length.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "tests/cpu/kernel_targets.hpp"
#include "tisa/isa.h"

namespace {

using tisa::cpu::ChainStep;
using tisa::cpu::KernelTable;
using Operand = ChainStep::Operand;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

std::vector<float> values(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-3.0f, 3.0f);
  const float special[] = {0.0f, -0.0f, kNaN, kInf, -kInf, 1e-40f, -1e-40f, 1.0f};
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = i % 5 == 0 ? special[(i / 5) % 8] : dist(rng);
  return v;
}

// The chain's meaning, op by op through the elementwise kernels.
std::vector<float> one_by_one(const KernelTable& k, const std::vector<ChainStep>& steps,
                              const std::vector<float>& first, int64_t n) {
  std::vector<float> acc(first.begin(), first.begin() + n), other(static_cast<size_t>(n)),
      out(static_cast<size_t>(n));
  for (const ChainStep& s : steps) {
    const bool unary = s.operand == Operand::None;
    if (s.operand == Operand::Splat) std::fill(other.begin(), other.end(), s.splat);
    if (s.operand == Operand::Pointer) std::copy(s.pointer, s.pointer + n, other.begin());
    if (s.operand == Operand::Acc) other = acc;
    const float* a = s.swapped ? other.data() : acc.data();
    const float* b = s.swapped ? acc.data() : other.data();
    k.elementwise(s.opcode, TISA_DTYPE_F32, TISA_DTYPE_F32)(a, unary ? nullptr : b, nullptr, out.data(), n);
    acc = out;
  }
  return acc;
}

float* aligned(float* p) {
  return reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(p) + 63) / 64 * 64);
}

void check_same(const std::vector<float>& got, const std::vector<float>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i << ": " << got[i] << " vs " << want[i]);
    if (std::isnan(want[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      uint32_t a, b;
      std::memcpy(&a, &got[i], 4);
      std::memcpy(&b, &want[i], 4);
      CHECK(a == b);
    }
  }
}

TEST_CASE("chains equal their ops run one by one, for every operand kind and length") {
  const std::vector<float> x = values(600, 1), y = values(600, 2);
  const uint32_t binary[] = {TISA_OP_ADD, TISA_OP_SUB, TISA_OP_MUL, TISA_OP_DIV, TISA_OP_MAX, TISA_OP_MIN};
  const uint32_t unary[] = {TISA_OP_NEG, TISA_OP_ABS, TISA_OP_SQRT,  TISA_OP_RECIP, TISA_OP_RSQRT,
                            TISA_OP_EXP, TISA_OP_ERF, TISA_OP_EXPM1, TISA_OP_LOG1P};
  // Splats include the zeros and NaN that max/min treat specially.
  const float splats[] = {0.5f, 0.0f, -0.0f, kNaN, -2.0f};
  for (const KernelTable* k : cpu_test::runnable_targets()) {
    INFO(k->isa);
    for (uint32_t op : binary) {
      REQUIRE(k->chain_supports(op));
      for (Operand kind : {Operand::Splat, Operand::Pointer, Operand::Acc}) {
        for (bool swapped : {false, true}) {
          for (float splat : splats) {
            std::vector<ChainStep> steps(2);
            steps[0].opcode = TISA_OP_MUL;
            steps[0].operand = Operand::Pointer;
            steps[0].pointer = y.data();
            steps[1].opcode = op;
            steps[1].operand = kind;
            steps[1].swapped = swapped;
            steps[1].splat = splat;
            steps[1].pointer = x.data();
            for (int64_t n : {1, 31, 32, 65, 513, 600}) {
              INFO("op " << op << " kind " << int(kind) << " swapped " << swapped << " splat " << splat
                         << " n " << n);
              // Odd lengths also stream their stores (into 64-byte-aligned memory).
              std::vector<float> storage(static_cast<size_t>(n) + 16);
              float* out = aligned(storage.data());
              k->chain_f32(steps.data(), 2, x.data(), out, n, n % 2 == 1);
              check_same(std::vector<float>(out, out + n), one_by_one(*k, steps, x, n));
            }
          }
        }
      }
    }
    std::vector<ChainStep> steps;
    for (uint32_t op : unary) {
      REQUIRE(k->chain_supports(op));
      ChainStep s;
      s.opcode = op;
      steps.push_back(s);
      ChainStep scale;  // keep values in range between the unary steps
      scale.opcode = TISA_OP_MUL;
      scale.operand = Operand::Splat;
      scale.splat = 0.25f;
      steps.push_back(scale);
    }
    std::vector<float> out(600);
    k->chain_f32(steps.data(), static_cast<int>(steps.size()), x.data(), out.data(), 600, false);
    check_same(out, one_by_one(*k, steps, x, 600));
    // In place: the output over the first operand.
    std::vector<float> in_place = x;
    k->chain_f32(steps.data(), static_cast<int>(steps.size()), in_place.data(), in_place.data(), 600, true);
    check_same(in_place, out);
    CHECK_FALSE(k->chain_supports(TISA_OP_LOG));
  }
}

TEST_CASE("a chain divides by a splat of at least 1 within 2 ulp, without overflow or lost specials") {
  const std::vector<float> x = values(600, 3);
  const float big = std::numeric_limits<float>::max();
  for (const KernelTable* k : cpu_test::runnable_targets()) {
    INFO(k->isa);
    for (float c : {3.0f, -7.0f, 1.0f, 0x1p126f, 0x1p127f, 0.3f}) {
      INFO("splat " << c);
      ChainStep step;
      step.opcode = TISA_OP_DIV;
      step.operand = Operand::Splat;
      step.splat = c;
      std::vector<float> out(x.size());
      k->chain_f32(&step, 1, x.data(), out.data(), static_cast<int64_t>(x.size()), false);
      for (size_t i = 0; i < x.size(); ++i) {
        const double want = static_cast<double>(x[i]) / c;
        if (std::isnan(want) || std::isinf(want) || want == 0) {
          CHECK((std::isnan(out[i]) == std::isnan(want) && std::isinf(out[i]) == std::isinf(want)));
        } else {
          CHECK(std::fabs(out[i] - want) <= 2 * cpu_test::ulp_of(want));
        }
      }
      const std::vector<float> edge = {big, -big, 0x1p-149f};
      std::vector<float> edge_out(3);
      k->chain_f32(&step, 1, edge.data(), edge_out.data(), 3, false);
      for (size_t i = 0; i < 3; ++i) {
        const double want = static_cast<double>(edge[i]) / c;
        if (std::fabs(want) > big) {
          CHECK(std::isinf(edge_out[i]));
        } else {
          CHECK(std::fabs(edge_out[i] - want) <= 2 * cpu_test::ulp_of(want));
        }
      }
    }
  }
}

}  // namespace
