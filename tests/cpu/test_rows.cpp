// Row fusion (O2): runs of row-local reduce and fused steps become one RowStep, which computes
// the same bits as the steps run one after the other; reads that leave their row keep a step
// out of the run.
#include <catch2/catch.hpp>

#include "drivers/cpu/plan/steps.hpp"
#include "hal/ir/builder.hpp"
#include "tests/cpu/plan_util.hpp"

namespace {

using namespace tisa;
using ir::Builder;
using ir::Value;
constexpr tisa_dtype_t F32 = TISA_DTYPE_F32;

const cpu::RowStep* only_row_step(const cpu::Instance& instance) {
  const cpu::RowStep* found = nullptr;
  for (const auto& step : instance.steps) {
    if (const auto* r = dynamic_cast<const cpu::RowStep*>(step.get())) {
      CHECK(found == nullptr);
      found = r;
    }
  }
  return found;
}

// O2 with row steps equals O2 without them bit for bit, and the reference within rel.
cpu_test::PlanRun check_rows(const ir::Module& m, const std::vector<ref::HostTensor>& inputs, double rel) {
  const std::vector<ref::HostTensor> want = ref::evaluate(m, inputs);
  const cpu_test::PlanRun plain = cpu_test::run_plan(m, true, inputs, false);
  cpu_test::PlanRun rows = cpu_test::run_plan(m, true, inputs);
  REQUIRE(rows.outputs.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    cpu_test::check_close(rows.outputs[i], plain.outputs[i]);
    cpu_test::check_close(rows.outputs[i], want[i], rel);
  }
  return rows;
}

Value keep_row(Builder& b, tisa_opcode_t op, Value x, int64_t rows, int64_t cols) {
  return b.broadcast(b.reduce(op, x, {1}, true), ir::lits(std::vector<int64_t>{rows, cols}));
}

TEST_CASE("layernorm over many blocks of rows is one row step of every reduction and program") {
  const int64_t rows = 70, cols = 1000;  // several blocks on both pool threads, a partial last one
  const auto shape = ir::lits(std::vector<int64_t>{rows, cols});
  Builder b;
  const Value x = b.input(F32, shape, "x");
  const Value gamma = b.input(F32, ir::lits(std::vector<int64_t>{cols}), "gamma");
  const Value inv_n = b.fill(F32, shape, 1.0 / cols);
  const Value centered = b.sub(x, b.mul(keep_row(b, TISA_OP_REDUCE_SUM, x, rows, cols), inv_n));
  const Value var = b.mul(keep_row(b, TISA_OP_REDUCE_SUM, b.mul(centered, centered), rows, cols), inv_n);
  const Value scale = b.unary(TISA_OP_RSQRT, b.add(var, b.fill(F32, shape, 1e-5)));
  b.output(b.mul(b.mul(centered, scale), b.broadcast(gamma, shape)));
  const ir::Module m = b.finish();
  const auto inputs =
      std::vector{cpu_test::random_tensor(F32, {rows, cols}, 21), cpu_test::random_tensor(F32, {cols}, 22)};
  const cpu_test::PlanRun run = check_rows(m, inputs, 1e-5);
  REQUIRE(run.instance->steps.size() == 1);
  const cpu::RowStep* r = only_row_step(*run.instance);
  REQUIRE(r);
  CHECK((r->rows == rows && r->cols == cols));
  int reductions = 0;
  for (const auto& part : r->parts) reductions += part.reduce != nullptr;
  CHECK(reductions == 2);
}

TEST_CASE("a step reading a per-row value across rows stays out of the row step") {
  const int64_t n = 300;
  const auto shape = ir::lits(std::vector<int64_t>{n, n});
  Builder b;
  const Value x = b.input(F32, shape, "x");
  const Value row_max = b.reduce(TISA_OP_REDUCE_MAX, x, {1}, true);             // [n, 1]
  const Value e = b.unary(TISA_OP_EXP, b.sub(x, b.broadcast(row_max, shape)));  // row-local
  const Value sums = b.reduce(TISA_OP_REDUCE_SUM, e, {1}, true);
  // Element (r, c) divides by the sum of row c: not row-local.
  const Value across = b.broadcast(b.transpose(sums, {1, 0}), shape);
  b.output(b.div(e, across));
  const ir::Module m = b.finish();
  const cpu_test::PlanRun run = check_rows(m, {cpu_test::random_tensor(F32, {n, n}, 23)}, 1e-5);
  const cpu::RowStep* r = only_row_step(*run.instance);
  REQUIRE(r);
  CHECK(r->parts.size() == 3);  // max, e, sum; the division runs after, as a step of its own
  CHECK(run.instance->steps.size() == 2);
}

TEST_CASE("chains over per-row values: hoisted before a tensor operand, or constant along the row") {
  const int64_t rows = 33, cols = 700;  // tiles that start inside a row and cross row ends
  const auto shape = ir::lits(std::vector<int64_t>{rows, cols});
  Builder b;
  const Value x = b.input(F32, shape, "x");
  const Value row_max = keep_row(b, TISA_OP_REDUCE_MAX, x, rows, cols);
  const Value scaled = b.unary(TISA_OP_EXP, b.mul(row_max, b.fill(F32, shape, -0.5)));
  b.output(scaled);  // constant along each row
  b.output(b.div(b.unary(TISA_OP_NEG, b.sub(row_max, b.fill(F32, shape, 1.0))), x));  // (1 - m) / x
  const ir::Module m = b.finish();
  const cpu_test::PlanRun run = check_rows(m, {cpu_test::random_tensor(F32, {rows, cols}, 25)}, 1e-6);
  CHECK(only_row_step(*run.instance) != nullptr);
}

TEST_CASE("row fusion stays out of O0 and of runs without a reduction") {
  const auto shape = ir::lits(std::vector<int64_t>{64, 512});
  for (bool with_sum : {false, true}) {
    INFO("with_sum " << with_sum);
    Builder b;
    const Value x = b.input(F32, shape, "x");
    const Value y = b.unary(TISA_OP_EXP, x);
    b.output(y);
    b.output(b.mul(y, b.fill(F32, shape, 2.0)));  // reads y from the first output
    if (with_sum) b.output(b.reduce(TISA_OP_REDUCE_SUM, x, {1}, false));
    const ir::Module m = b.finish();
    const auto inputs = std::vector{cpu_test::random_tensor(F32, {64, 512}, 24)};
    CHECK(only_row_step(*cpu_test::run_plan(m, false, inputs).instance) == nullptr);
    const cpu_test::PlanRun run = check_rows(m, inputs, 1e-6);
    const cpu::RowStep* r = only_row_step(*run.instance);
    if (!with_sum) {
      CHECK(r == nullptr);  // two programs, nothing reduced: no reason to interleave them
    } else {
      REQUIRE(r);
      CHECK(r->parts.size() == 3);
      CHECK(run.instance->steps.size() == 1);
    }
  }
}

}  // namespace
