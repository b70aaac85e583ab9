// Fusion plans, instances and memory plans, each run against the reference semantics.
#include <catch2/catch.hpp>

#include "drivers/cpu/plan/steps.hpp"
#include "hal/ir/builder.hpp"
#include "tests/cpu/plan_util.hpp"

namespace {

using namespace tisa;
using cpu::GroupKind;
using cpu_test::check_close;
using cpu_test::random_tensor;
using cpu_test::run_plan;
using ir::Builder;
using ir::Expr;
using ir::Value;
constexpr tisa_dtype_t F32 = TISA_DTYPE_F32;
constexpr tisa_dtype_t I32 = TISA_DTYPE_I32;

std::vector<Expr> dims(std::vector<int64_t> v) {
  return ir::lits(v);
}

template <class T>
int count_steps(const cpu::Instance& instance) {
  int n = 0;
  for (const auto& step : instance.steps) n += dynamic_cast<const T*>(step.get()) != nullptr;
  return n;
}

// Runs at O0 and O2 and checks both against ref::evaluate.
cpu_test::PlanRun check_levels(const ir::Module& m, const std::vector<ref::HostTensor>& inputs,
                               double rel = 0) {
  const std::vector<ref::HostTensor> want = ref::evaluate(m, inputs);
  for (bool fuse : {false, true}) {
    INFO("fuse " << fuse);
    cpu_test::PlanRun run = run_plan(m, fuse, inputs);
    REQUIRE(run.outputs.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) check_close(run.outputs[i], want[i], rel);
  }
  return run_plan(m, true, inputs);
}

TEST_CASE("elementwise ops, views and splats fuse into one program at O2") {
  Builder b;
  const Value x = b.input(F32, dims({64, 33}), "x");
  const Value bias = b.input(F32, dims({33}), "bias");
  Value y = b.add(x, b.broadcast(bias, dims({64, 33})));
  y = b.max(b.mul(y, b.fill(F32, dims({64, 33}), 0.5)), b.fill(F32, dims({64, 33}), 0.0));
  y = b.sub(b.transpose(b.reshape(y, dims({64, 33})), {1, 0}), b.fill(F32, dims({33, 64}), 1.0));
  b.output(b.unary(TISA_OP_EXP, y));
  const ir::Module m = b.finish();
  const auto inputs = std::vector{random_tensor(F32, {64, 33}, 1), random_tensor(F32, {33}, 2)};
  const cpu_test::PlanRun run = check_levels(m, inputs, 1e-6);
  // O2: the transpose of a computed value stores it once; everything else is fused and
  // nothing is copied: two programs.
  CHECK(run.plan.groups.size() == 2);
  CHECK(count_steps<cpu::FusedStep>(*run.instance) == 2);
  CHECK(cpu::plan_fusion(m, false).groups.size() == m.insts.size());  // O0: a step per instruction
}

TEST_CASE("softmax at O2 is two reductions and two programs in one row step, views read in place") {
  Builder b;
  const Value x = b.input(F32, dims({37, 300}), "x");
  auto keep = [&](tisa_opcode_t op, Value v) {
    return b.broadcast(b.reduce(op, v, {1}, true), dims({37, 300}));
  };
  const Value e = b.unary(TISA_OP_EXP, b.sub(x, keep(TISA_OP_REDUCE_MAX, x)));
  b.output(b.div(e, keep(TISA_OP_REDUCE_SUM, e)));
  const ir::Module m = b.finish();
  const cpu_test::PlanRun run = check_levels(m, {random_tensor(F32, {37, 300}, 3)}, 1e-5);
  REQUIRE(run.instance->steps.size() == 1);
  const auto* rows = dynamic_cast<const cpu::RowStep*>(run.instance->steps[0].get());
  REQUIRE(rows);
  CHECK((rows->rows == 37 && rows->cols == 300));
  REQUIRE(rows->parts.size() == 4);
  CHECK((rows->parts[0].reduce && rows->parts[1].fused && rows->parts[2].reduce && rows->parts[3].fused));
  // Only e and the two row results are stored.
  CHECK(run.instance->temp_bytes <= (37 * 300 + 64 + 64) * 4 + 3 * 64);
}

TEST_CASE("a reshape strides cannot express is copied once, then read through views") {
  Builder b;
  const Value x = b.input(I32, dims({4, 6}), "x");
  const Value t = b.transpose(x, {1, 0});                           // [6, 4]
  const Value r = b.transpose(b.reshape(t, dims({3, 8})), {1, 0});  // [8, 3]: needs a copy
  b.output(b.add(r, b.reverse(r, {0})));
  b.output(b.reshape(t, dims({24})));  // an output view: copied straight from x
  const ir::Module m = b.finish();
  const cpu_test::PlanRun run = check_levels(m, {random_tensor(I32, {4, 6}, 4)});
  CHECK(count_steps<cpu::FusedStep>(*run.instance) == 3);  // the copy, the add, the output copy
}

TEST_CASE("reductions over interleaved axes, with and without a fused producer") {
  for (bool producer : {false, true}) {
    INFO("producer " << producer);
    Builder b;
    Value x = b.input(I32, dims({3, 4, 5, 6}), "x");
    if (producer) x = b.mul(x, b.fill(I32, dims({3, 4, 5, 6}), 3.0));
    b.output(b.reduce(TISA_OP_REDUCE_SUM, x, {0, 2}, false));
    b.output(b.reduce(TISA_OP_REDUCE_MAX, x, {1, 3}, true));
    b.output(b.reduce(TISA_OP_REDUCE_MIN, x, {0, 1, 2, 3}, false));
    check_levels(b.finish(), {random_tensor(I32, {3, 4, 5, 6}, 5)});
  }
}

TEST_CASE("the memory plan reuses dead temporaries and writes in place") {
  Builder b;
  Value v = b.input(I32, dims({1000}), "x");
  for (int i = 0; i < 6; ++i) v = b.unary(i % 2 ? TISA_OP_NEG : TISA_OP_NOT, v);
  b.output(b.reduce(TISA_OP_REDUCE_SUM, v, {0}, false));
  const ir::Module m = b.finish();
  const auto input = std::vector{random_tensor(I32, {1000}, 6)};
  const std::vector<ref::HostTensor> want = ref::evaluate(m, input);
  const cpu_test::PlanRun o0 = run_plan(m, false, input);  // one step per op: six temporaries
  check_close(o0.outputs[0], want[0]);
  CHECK(o0.instance->temp_bytes >= 6 * 4000);
  CHECK(o0.instance->arena_bytes == 4032);  // each op overwrote its dying operand
  const cpu_test::PlanRun o2 = run_plan(m, true, input);
  check_close(o2.outputs[0], want[0]);
  CHECK(o2.instance->steps.size() == 1);  // the chain folds straight into the sum
  CHECK(o2.instance->arena_bytes == 0);
}

TEST_CASE("a convolution reads its windows through a view, never storing them whole") {
  Builder b;
  const Value x = b.input(F32, dims({20, 18, 8}), "x");
  const Value w = b.input(F32, dims({72, 5}), "w");
  const Value padded = b.pad(x, dims({1, 1, 0}), dims({1, 1, 0}), 0.0);
  const Value windows = b.window(padded, {3, 3, 8}, {1, 1, 1}, {1, 1, 1});  // [20, 18, 1, 3, 3, 8]
  b.output(b.matmul(b.reshape(windows, dims({360, 72})), w, F32));
  const ir::Module m = b.finish();
  const cpu_test::PlanRun run =
      check_levels(m, {random_tensor(F32, {20, 18, 8}, 7), random_tensor(F32, {72, 5}, 8)}, 1e-5);
  const cpu::MatmulStep* mm = nullptr;
  for (const auto& s : run.instance->steps) {
    if (auto* p = dynamic_cast<const cpu::MatmulStep*>(s.get())) mm = p;
  }
  REQUIRE(mm);
  CHECK_FALSE(mm->lhs.direct);  // gathered by blocks of rows
  CHECK(mm->rhs.direct);
  CHECK(run.instance->arena_bytes < 360 * 72 * 4);  // only the padded image is stored
  CHECK(count_steps<cpu::PadStep>(*run.instance) == 1);
}

TEST_CASE("transposed and batched matmul operands are read in place") {
  Builder b;
  const Value q = b.input(F32, dims({3, 7, 16}), "q");
  const Value k = b.input(F32, dims({3, 9, 16}), "k");
  b.output(b.matmul(q, b.transpose(k, {0, 2, 1}), F32));
  const ir::Module m = b.finish();
  const cpu_test::PlanRun run =
      check_levels(m, {random_tensor(F32, {3, 7, 16}, 9), random_tensor(F32, {3, 9, 16}, 10)}, 1e-5);
  const auto* mm = dynamic_cast<const cpu::MatmulStep*>(run.instance->steps[0].get());
  REQUIRE(mm);
  CHECK(mm->lhs.direct);
  CHECK(mm->rhs.direct);
  CHECK(mm->rhs.transposed);
  CHECK(mm->batch == 3);
}

TEST_CASE("one plan serves every binding of a symbolic module") {
  Builder b;
  const Expr n = b.symbol("N", 4096);
  const Value x = b.input(F32, {n, Expr::lit(24)}, "x");
  const Value s = b.slice(x, {Expr::lit(1), Expr::lit(0)}, {n, Expr::lit(24)}, {1, 2});
  b.output(b.reduce(TISA_OP_REDUCE_SUM, b.mul(s, s), {1}, false));
  const ir::Module m = b.finish();
  const cpu::FusionPlan plan = cpu::plan_fusion(m, true);
  for (int64_t rows : {2, 9, 3000}) {
    INFO("N = " << rows);
    const std::vector<ref::HostTensor> in{random_tensor(F32, {rows, 24}, 11)};
    const cpu_test::PlanRun run = run_plan(m, true, in);
    CHECK(run.plan.groups.size() == plan.groups.size());
    CHECK(run.instance->symbols == std::vector<int64_t>{rows});
    check_close(run.outputs[0], ref::evaluate(m, in)[0], 1e-5);
  }
}

}  // namespace
