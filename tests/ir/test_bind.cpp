#include <catch2/catch.hpp>

#include "hal/ir/bind.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/error.hpp"

using namespace tisa;
using ir::Expr;

namespace {

ir::Module two_input_module() {
  ir::Builder b;
  Expr n = b.symbol("N", 10);
  auto x = b.input(TISA_DTYPE_F32, {n, Expr::lit(4)}, "x");
  auto y = b.input(TISA_DTYPE_F32, {n, Expr::lit(4)}, "y");
  auto s = b.add(x, y);
  auto r = b.reshape(s, {Expr::lit(8)});  // only valid when N == 2
  b.output(s);
  b.output(r);
  return b.finish();
}

std::string bind_error(const ir::Module& m, std::vector<ir::Shape> shapes) {
  try {
    ir::bind_symbols(m, shapes);
  } catch (const Error& e) {
    return e.message();
  }
  return "bound";
}

}  // namespace

TEST_CASE("symbols bind from input dims and resolve every shape", "[bind]") {
  ir::Module m = two_input_module();
  std::vector<ir::Shape> shapes = {{2, 4}, {2, 4}};
  auto sym = ir::bind_symbols(m, shapes);
  REQUIRE(sym == std::vector<int64_t>{2});
  auto all = ir::resolve_all(m, sym);
  CHECK(all[m.outputs[0]] == ir::Shape{2, 4});
  CHECK(all[m.outputs[1]] == ir::Shape{8});
}

TEST_CASE("binding errors name the input, dim, symbol or instruction", "[bind]") {
  ir::Module m = two_input_module();
  CHECK(bind_error(m, {{2, 4}}) == "the module takes 2 inputs, got 1");
  CHECK(bind_error(m, {{2, 4}, {2}}) == "input 1 ('y'): rank 1 given, the module expects rank 2");
  CHECK(bind_error(m, {{2, 5}, {2, 4}}) == "input 0 ('x'): dim 1 is 5, the module expects 4");
  CHECK(bind_error(m, {{2, 4}, {3, 4}}) ==
        "input 1 ('y'): dim 0 is 3 but symbol N was bound to 2 by input 0 ('x') dim 0");
  CHECK(bind_error(m, {{11, 4}, {11, 4}}) ==
        "input 0 ('x'): dim 0 binds symbol N to 11, above its upper bound 10");
  CHECK_THAT(
      bind_error(m, {{3, 4}, {3, 4}}),
      Catch::Contains("reshape: launch-time check failed: element count N * 4 equals 8 (N * 4 = 12, 8 = 8)"));
  CHECK_THAT(bind_error(m, {{-1, 4}, {-1, 4}}), Catch::Contains("dim 0 is -1"));
}

TEST_CASE("a module compiled once binds any valid size, including zero", "[bind]") {
  ir::Builder b;
  Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_F32, {n, Expr::lit(3)});
  b.output(b.reduce(TISA_OP_REDUCE_SUM, x, {0}, false));
  ir::Module m = b.finish();
  for (int64_t v : {0, 1, 1000}) {
    std::vector<ir::Shape> shapes = {{v, 3}};
    auto sym = ir::bind_symbols(m, shapes);
    CHECK(sym[0] == v);
    CHECK(ir::resolve(m.insts[0].type, sym) == ir::Shape{3});
  }
}
