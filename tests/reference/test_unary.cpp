// Unary elementwise ops, special values included.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

TEST_CASE("neg and abs wrap for integers and work on the sign bit for floats", "[reference][unary]") {
  CHECK(values_of<int32_t>(unary(TISA_OP_NEG, i32({3}, {INT32_MIN, 5, 0}))) ==
        std::vector<int32_t>{INT32_MIN, -5, 0});
  CHECK(values_of<uint8_t>(unary(TISA_OP_NEG, u8({2}, {1, 0}))) == std::vector<uint8_t>{255, 0});
  CHECK(values_of<int8_t>(unary(TISA_OP_ABS, i8({3}, {-128, -3, 4}))) == std::vector<int8_t>{-128, 3, 4});
  const auto neg = values_of<float>(unary(TISA_OP_NEG, f32({3}, {0.0f, kNaN, 2.0f})));
  CHECK(bits_of(neg[0]) == 0x80000000u);
  CHECK(std::isnan(neg[1]));
  CHECK(std::signbit(neg[1]));
  CHECK(neg[2] == -2.0f);
  const auto abs = values_of<float>(unary(TISA_OP_ABS, f32({3}, {-0.0f, -kInf, -kNaN})));
  CHECK(bits_of(abs[0]) == 0u);
  CHECK(abs[1] == kInf);
  CHECK((std::isnan(abs[2]) && !std::signbit(abs[2])));
}

TEST_CASE("exp log sqrt rsqrt recip follow libm special values", "[reference][unary]") {
  CHECK(same_floats(values_of<float>(unary(TISA_OP_EXP, f32({4}, {0.0f, -kInf, kInf, 1.0f}))),
                    {1.0f, 0.0f, kInf, static_cast<float>(std::exp(1.0))}));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_LOG, f32({4}, {0.0f, -1.0f, 1.0f, kInf}))),
                    {-kInf, kNaN, 0.0f, kInf}));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_SQRT, f32({4}, {-0.0f, -1.0f, 4.0f, 2.0f}))),
                    {-0.0f, kNaN, 2.0f, static_cast<float>(std::sqrt(2.0))}));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_RSQRT, f32({4}, {0.0f, -0.0f, 4.0f, kInf}))),
                    {kInf, -kInf, 0.5f, 0.0f}));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_RECIP, f32({4}, {0.0f, -0.0f, 4.0f, -kInf}))),
                    {kInf, -kInf, 0.25f, -0.0f}));
}

TEST_CASE("floor ceil round: round is ties-to-even, specials pass through", "[reference][unary]") {
  const auto x = f32({7}, {2.5f, -2.5f, 3.5f, -0.0f, kInf, kNaN, -0.4f});
  CHECK(
      same_floats(values_of<float>(unary(TISA_OP_ROUND, x)), {2.0f, -2.0f, 4.0f, -0.0f, kInf, kNaN, -0.0f}));
  CHECK(
      same_floats(values_of<float>(unary(TISA_OP_FLOOR, x)), {2.0f, -3.0f, 3.0f, -0.0f, kInf, kNaN, -1.0f}));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_CEIL, x)), {3.0f, -2.0f, 4.0f, -0.0f, kInf, kNaN, -0.0f}));
}

TEST_CASE("sign keeps zeros and NaN for floats", "[reference][unary]") {
  CHECK(same_floats(values_of<float>(unary(TISA_OP_SIGN, f32({5}, {-3.0f, 0.0f, -0.0f, kNaN, kInf}))),
                    {-1.0f, 0.0f, -0.0f, kNaN, 1.0f}));
  CHECK(values_of<int32_t>(unary(TISA_OP_SIGN, i32({3}, {-7, 0, INT32_MAX}))) ==
        std::vector<int32_t>{-1, 0, 1});
  CHECK(values_of<uint8_t>(unary(TISA_OP_SIGN, u8({2}, {0, 200}))) == std::vector<uint8_t>{0, 1});
}

TEST_CASE("not is logical for bool and bitwise for integers", "[reference][unary]") {
  CHECK(values_of<uint8_t>(unary(TISA_OP_NOT, boolean({2}, {1, 0}))) == std::vector<uint8_t>{0, 1});
  CHECK(values_of<int32_t>(unary(TISA_OP_NOT, i32({2}, {0, 5}))) == std::vector<int32_t>{-1, -6});
  CHECK(values_of<uint8_t>(unary(TISA_OP_NOT, u8({1}, {0x0f}))) == std::vector<uint8_t>{0xf0});
}

TEST_CASE("sin cos tanh erf", "[reference][unary]") {
  const auto x = f32({3}, {0.0f, 1.0f, -kInf});
  const auto s = values_of<float>(unary(TISA_OP_SIN, x));
  CHECK(s[0] == 0.0f);
  CHECK(s[1] == static_cast<float>(std::sin(1.0)));
  CHECK(std::isnan(s[2]));
  const auto c = values_of<float>(unary(TISA_OP_COS, x));
  CHECK(c[0] == 1.0f);
  CHECK(c[1] == static_cast<float>(std::cos(1.0)));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_TANH, f32({3}, {kInf, -kInf, 0.5f}))),
                    {1.0f, -1.0f, static_cast<float>(std::tanh(0.5))}));
  CHECK(same_floats(values_of<float>(unary(TISA_OP_ERF, f32({3}, {kInf, -kInf, -0.0f}))),
                    {1.0f, -1.0f, -0.0f}));
}

TEST_CASE("evaluate_inst names the op and dtype it does not implement", "[reference][unary]") {
  ir::Module m;
  m.inputs.push_back({"x", {TISA_DTYPE_I32, dims({2})}});
  ir::Inst inst;
  inst.op = TISA_OP_EXP;  // float only: the verifier would reject it, the kernel must too
  inst.operands = {0};
  inst.type = {TISA_DTYPE_I32, dims({2})};
  const auto x = i32({2}, {1, 2});
  const ref::HostTensor* operands[] = {&x};
  const auto [code, message] = error_of([&] { ref::evaluate_inst(m, inst, operands, {2}); });
  CHECK(code == TISA_UNIMPLEMENTED);
  CHECK_THAT(message, Catch::Contains("exp") && Catch::Contains("i32"));
}

TEST_CASE("expm1 and log1p keep the digits of small arguments", "[reference][unary]") {
  const float tiny = 1e-10f, small = std::ldexp(1.0f, -20);
  const auto e = values_of<float>(unary(TISA_OP_EXPM1, f32({3}, {tiny, small, 1.0f})));
  CHECK(e[0] == static_cast<float>(std::expm1(static_cast<double>(tiny))));
  CHECK(e[0] != 0.0f);  // exp(x) - 1 in f32 gives 0 here
  CHECK(e[1] == static_cast<float>(std::expm1(static_cast<double>(small))));
  CHECK(e[1] > small);  // 2^-20 + 2^-41 rounds up, never below x
  CHECK(e[2] == static_cast<float>(std::expm1(1.0)));
  const auto l = values_of<float>(unary(TISA_OP_LOG1P, f32({3}, {tiny, -small, 1.0f})));
  CHECK(l[0] == static_cast<float>(std::log1p(static_cast<double>(tiny))));
  CHECK(l[0] != 0.0f);
  CHECK(l[1] == static_cast<float>(std::log1p(-static_cast<double>(small))));
  CHECK(l[2] == static_cast<float>(std::log(2.0)));
}

TEST_CASE("expm1 and log1p special values", "[reference][unary]") {
  CHECK(same_floats(values_of<float>(unary(TISA_OP_EXPM1, f32({5}, {-0.0f, 0.0f, kInf, -kInf, kNaN}))),
                    {-0.0f, 0.0f, kInf, -1.0f, kNaN}));
  CHECK(same_floats(
      values_of<float>(unary(TISA_OP_LOG1P, f32({7}, {-0.0f, 0.0f, -1.0f, -2.0f, -kInf, kInf, kNaN}))),
      {-0.0f, 0.0f, -kInf, kNaN, kNaN, kInf, kNaN}));
  const auto [code, message] = error_of([] { unary(TISA_OP_EXPM1, i32({1}, {1})); });
  CHECK(code == TISA_INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("expm1 does not accept"));
}
