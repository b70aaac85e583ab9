// Symbolic shapes bound at evaluate time, input checks, and registry coverage.
#include "ref_test_util.hpp"

#include "hal/ir/registry.hpp"

using namespace tisa;
using namespace tisa::ref::test;

TEST_CASE("symbolic input [N,3] evaluates for N = 0, 1, 5", "[reference][symbolic]") {
  Builder b;
  Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_F32, {n, Expr::lit(3)}, "x");
  auto sums = b.reduce(TISA_OP_REDUCE_SUM, x, {1}, false);
  b.output(sums);
  // All rows but the last, via a stop expression N - 1 clamped at 0.
  b.output(b.slice(x, dims({0, 0}), {ir::max(n - Expr::lit(1), Expr::lit(0)), Expr::lit(3)}, {1, 1}));
  b.output(b.fill(TISA_DTYPE_I32, {n * Expr::lit(2)}, 7));
  const ir::Module m = b.finish();

  for (int64_t rows : {0, 1, 5}) {
    CAPTURE(rows);
    std::vector<float> data(static_cast<size_t>(rows * 3));
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(i);
    const std::vector<ref::HostTensor> inputs = {f32({rows, 3}, data)};
    const auto out = ref::evaluate(m, inputs);
    REQUIRE(out.size() == 3);
    CHECK(out[0].shape == ir::Shape{rows});
    std::vector<float> expected;
    for (int64_t r = 0; r < rows; ++r) expected.push_back(static_cast<float>(9 * r + 3));
    CHECK(values_of<float>(out[0]) == expected);
    const int64_t kept = std::max<int64_t>(rows - 1, 0);
    CHECK(out[1].shape == ir::Shape{kept, 3});
    CHECK(values_of<float>(out[1]) == std::vector<float>(data.begin(), data.begin() + kept * 3));
    CHECK(values_of<int32_t>(out[2]) == std::vector<int32_t>(static_cast<size_t>(rows * 2), 7));
  }
}

TEST_CASE("argmax over an axis a symbol binds to 0 is a launch error", "[reference][symbolic]") {
  Builder b;
  Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_I32, {Expr::lit(2), n});
  b.output(b.arg_reduce(TISA_OP_ARGMAX, x, 1, false));
  const ir::Module m = b.finish();
  const std::vector<ref::HostTensor> ok = {i32({2, 2}, {1, 3, 4, 2})};
  CHECK(values_of<int64_t>(ref::evaluate(m, ok)[0]) == std::vector<int64_t>{1, 0});
  const std::vector<ref::HostTensor> empty = {i32({2, 0}, {})};
  const auto [code, message] = error_of([&] { ref::evaluate(m, empty); });
  CHECK(code == TISA_INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("argmax") && Catch::Contains("empty"));
}

TEST_CASE("evaluate checks the inputs it is given", "[reference][symbolic]") {
  Builder b;
  auto x = b.input(TISA_DTYPE_F32, dims({2}), "x");
  b.output(b.unary(TISA_OP_NEG, x));
  const ir::Module m = b.finish();
  const std::vector<ref::HostTensor> wrong_dtype = {i32({2}, {1, 2})};
  auto [code, message] = error_of([&] { ref::evaluate(m, wrong_dtype); });
  CHECK(code == TISA_INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("i32") && Catch::Contains("f32"));
  ref::HostTensor short_data = f32({2}, {1});
  const std::vector<ref::HostTensor> truncated = {short_data};
  std::tie(code, message) = error_of([&] { ref::evaluate(m, truncated); });
  CHECK(code == TISA_INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("bytes"));
  std::tie(code, message) = error_of([&] { ref::evaluate(m, {}); });
  CHECK(code == TISA_INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("1 inputs"));
}

TEST_CASE("evaluate_inst evaluates one instruction; symbolic attributes need evaluate",
          "[reference][symbolic]") {
  Builder b;
  Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_I32, {n});
  b.output(b.slice(x, {n - Expr::lit(2)}, {n}, {1}));
  b.output(b.add(x, x));
  const ir::Module m = b.finish();
  const auto in = i32({3}, {5, 6, 7});
  const std::vector<ref::HostTensor> inputs = {in};
  CHECK(values_of<int32_t>(ref::evaluate(m, inputs)[0]) == std::vector<int32_t>{6, 7});
  const ref::HostTensor* operands[] = {&in};
  const ref::HostTensor* both[] = {&in, &in};
  const auto sum = ref::evaluate_inst(m, m.insts.back(), both, {3});
  CHECK(values_of<int32_t>(sum) == std::vector<int32_t>{10, 12, 14});
  const auto [code, message] = error_of([&] { ref::evaluate_inst(m, m.insts.front(), operands, {2}); });
  CHECK(code == TISA_INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("slice") && Catch::Contains("symbol"));
}

TEST_CASE("supports covers every base op on every dtype the registry allows", "[reference][registry]") {
  size_t pairs = 0;
  for (const ir::OpInfo& op : ir::all_ops()) {
    for (const ir::DtypeInfo& dtype : ir::all_dtypes()) {
      // Every dtype of the registry is base or one of the float extensions the reference claims.
      const bool expected = op.extension == TISA_EXT_BASE && ir::mask_has(op.t_mask, dtype.dtype);
      CAPTURE(op.name, dtype.name);
      CHECK(ref::supports(op.opcode, dtype.dtype) == expected);
      pairs += expected;
    }
  }
  CHECK(pairs > 300);
  CHECK(ref::supports(TISA_OP_ADD, TISA_DTYPE_F64));
  CHECK_FALSE(ref::supports(TISA_OP_AND, TISA_DTYPE_F16));
  CHECK_FALSE(ref::supports(TISA_OP_EXP, TISA_DTYPE_I32));
  CHECK_FALSE(ref::supports(static_cast<tisa_opcode_t>(0x7ff), TISA_DTYPE_F32));
}
