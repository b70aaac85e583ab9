#include <catch2/catch.hpp>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/passes/passes.hpp"
#include "hal/ir/text.hpp"

using namespace tisa;
using ir::Expr;

namespace {

std::vector<float> run_f32(const ir::Module& m, std::vector<float> x, ir::Shape shape) {
  ref::HostTensor in{TISA_DTYPE_F32, shape, {}};
  in.data.resize(x.size() * 4);
  std::memcpy(in.data.data(), x.data(), in.data.size());
  auto out = ref::evaluate(m, std::span<const ref::HostTensor>(&in, 1));
  std::vector<float> r(out[0].data.size() / 4);
  std::memcpy(r.data(), out[0].data.data(), out[0].data.size());
  return r;
}

size_t count_op(const ir::Module& m, tisa_opcode_t op) {
  size_t n = 0;
  for (const auto& i : m.insts) n += i.op == op;
  return n;
}

}  // namespace

TEST_CASE("DCE removes what no output needs, and unused constants with it", "[passes]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {Expr::lit(2)});
  std::vector<float> c = {1, 2};
  auto unused = b.add(x, b.constant(TISA_DTYPE_F32, {2}, std::span<const float>(c)));
  (void)unused;
  b.output(b.unary(TISA_OP_NEG, x));
  ir::Module m = b.finish();
  CHECK(ir::dead_code_elimination(m));
  CHECK(m.insts.size() == 1);
  CHECK(m.constants.empty());
  CHECK_FALSE(ir::dead_code_elimination(m));
}

TEST_CASE("CSE merges identical instructions, constants by content", "[passes]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {Expr::lit(2)});
  std::vector<float> c = {1, 2};
  auto c1 = b.constant(TISA_DTYPE_F32, {2}, std::span<const float>(c));
  auto c2 = b.constant(TISA_DTYPE_F32, {2}, std::span<const float>(c));
  auto a = b.add(x, c1);
  auto a2 = b.add(x, c2);
  b.output(b.mul(a, a2));
  ir::Module m = b.finish();
  CHECK(ir::common_subexpression_elimination(m));
  CHECK(count_op(m, TISA_OP_ADD) == 1);
  CHECK(count_op(m, TISA_OP_CONSTANT) == 1);
  CHECK(run_f32(m, {3, 4}, {2}) == std::vector<float>{16, 36});
}

TEST_CASE("constant folding evaluates with the reference semantics", "[passes]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {Expr::lit(3)});
  auto two = b.fill(TISA_DTYPE_F32, {Expr::lit(3)}, 2.0);
  auto three = b.iota(TISA_DTYPE_F32, {Expr::lit(3)}, 0);
  auto k = b.mul(b.add(two, three), two);  // [4, 6, 8]
  b.output(b.add(x, k));
  ir::Module m = b.finish();
  CHECK(ir::constant_folding(m));
  CHECK(count_op(m, TISA_OP_MUL) == 0);
  CHECK(run_f32(m, {1, 1, 1}, {3}) == std::vector<float>{5, 7, 9});
}

TEST_CASE("canonicalization removes identities and merges chains", "[passes]") {
  ir::Builder b;
  Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_F32, {n, Expr::lit(4)});
  auto t = b.transpose(b.transpose(x, {1, 0}), {1, 0});
  auto r = b.reshape(b.reshape(t, {n * Expr::lit(4)}), {n, Expr::lit(4)});
  auto s = b.slice(r, {Expr::lit(0), Expr::lit(0)}, {n, Expr::lit(4)}, {1, 1});
  b.output(b.unary(TISA_OP_NEG, s));
  ir::Module m = b.finish();
  ir::optimize(m, TISA_OPT_O1);
  INFO(ir::print(m));
  CHECK(m.insts.size() == 1);
  CHECK(m.insts[0].op == TISA_OP_NEG);
  CHECK(m.insts[0].operands[0] == 0);
  CHECK(run_f32(m, {1, 2, 3, 4, 5, 6, 7, 8}, {2, 4})[7] == -8);
}

TEST_CASE("O0 leaves the module alone; O1 results equal O0 results", "[passes]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {Expr::lit(4)});
  auto k = b.add(b.fill(TISA_DTYPE_F32, {Expr::lit(4)}, 1.5), b.fill(TISA_DTYPE_F32, {Expr::lit(4)}, 1.5));
  b.output(b.mul(b.unary(TISA_OP_EXP, x), k));
  ir::Module m0 = b.finish();
  ir::Module m1 = m0;
  std::string before = ir::print(m0);
  ir::optimize(m0, TISA_OPT_O0);
  CHECK(ir::print(m0) == before);
  ir::optimize(m1, TISA_OPT_O1);
  CHECK(m1.insts.size() < m0.insts.size());
  CHECK(run_f32(m0, {0, 1, 2, -1}, {4}) == run_f32(m1, {0, 1, 2, -1}, {4}));
}
