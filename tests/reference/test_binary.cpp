// Binary elementwise ops and select.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

TEST_CASE("add sub mul wrap for integers", "[reference][binary]") {
  CHECK(values_of<int8_t>(binary(TISA_OP_ADD, i8({2}, {127, -128}), i8({2}, {1, -1}))) ==
        std::vector<int8_t>{-128, 127});
  CHECK(values_of<uint8_t>(binary(TISA_OP_ADD, u8({1}, {255}), u8({1}, {1}))) == std::vector<uint8_t>{0});
  CHECK(values_of<int64_t>(binary(TISA_OP_ADD, i64({1}, {INT64_MAX}), i64({1}, {1}))) ==
        std::vector<int64_t>{INT64_MIN});
  CHECK(values_of<uint8_t>(binary(TISA_OP_SUB, u8({1}, {0}), u8({1}, {1}))) == std::vector<uint8_t>{255});
  CHECK(values_of<int32_t>(binary(TISA_OP_SUB, i32({1}, {INT32_MIN}), i32({1}, {1}))) ==
        std::vector<int32_t>{INT32_MAX});
  CHECK(values_of<int32_t>(binary(TISA_OP_MUL, i32({2}, {65536, -3}), i32({2}, {65536, 7}))) ==
        std::vector<int32_t>{0, -21});
  CHECK(values_of<int8_t>(binary(TISA_OP_MUL, i8({1}, {16}), i8({1}, {16}))) == std::vector<int8_t>{0});
}

TEST_CASE("float add sub mul are IEEE", "[reference][binary]") {
  CHECK(same_floats(values_of<float>(binary(TISA_OP_ADD, f32({4}, {0.1f, kInf, -0.0f, 3e38f}),
                                            f32({4}, {0.2f, -kInf, -0.0f, 3e38f}))),
                    {0.1f + 0.2f, kNaN, -0.0f, kInf}));
  CHECK(same_floats(values_of<float>(binary(TISA_OP_SUB, f32({2}, {0.0f, 1.0f}), f32({2}, {0.0f, 3.0f}))),
                    {0.0f, -2.0f}));
  CHECK(same_floats(
      values_of<float>(binary(TISA_OP_MUL, f32({3}, {-0.0f, kInf, 3.0f}), f32({3}, {5.0f, 0.0f, 0.5f}))),
      {-0.0f, kNaN, 1.5f}));
}

TEST_CASE("integer div truncates; division by zero and overflow are defined", "[reference][binary]") {
  CHECK(values_of<int32_t>(
            binary(TISA_OP_DIV, i32({5}, {7, -7, 5, INT32_MIN, -5}), i32({5}, {-2, 2, 0, -1, 0}))) ==
        std::vector<int32_t>{-3, -3, -1, INT32_MIN, -1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_DIV, u8({2}, {7, 200}), u8({2}, {0, 3}))) ==
        std::vector<uint8_t>{255, 66});
  CHECK(values_of<int8_t>(binary(TISA_OP_DIV, i8({1}, {-128}), i8({1}, {-1}))) == std::vector<int8_t>{-128});
  CHECK(values_of<int64_t>(binary(TISA_OP_DIV, i64({1}, {INT64_MIN}), i64({1}, {-1}))) ==
        std::vector<int64_t>{INT64_MIN});
  CHECK(same_floats(values_of<float>(binary(TISA_OP_DIV, f32({4}, {1.0f, -1.0f, 0.0f, 1.0f}),
                                            f32({4}, {0.0f, 0.0f, 0.0f, 3.0f}))),
                    {kInf, -kInf, kNaN, 1.0f / 3.0f}));
}

TEST_CASE("rem has the sign of lhs; rem by zero is defined", "[reference][binary]") {
  CHECK(values_of<int32_t>(binary(TISA_OP_REM, i32({5}, {7, -7, 5, INT32_MIN, -9}),
                                  i32({5}, {-2, 2, 0, -1, 0}))) == std::vector<int32_t>{1, -1, 5, 0, -9});
  CHECK(values_of<uint8_t>(binary(TISA_OP_REM, u8({2}, {7, 200}), u8({2}, {0, 7}))) ==
        std::vector<uint8_t>{7, 4});
  CHECK(same_floats(values_of<float>(binary(TISA_OP_REM, f32({5}, {-7.5f, 7.5f, 1.0f, kInf, 3.0f}),
                                            f32({5}, {2.0f, -2.0f, 0.0f, 2.0f, kInf}))),
                    {-1.5f, 1.5f, kNaN, kNaN, 3.0f}));
}

TEST_CASE("pow: integer repeated squaring with wrap, negative exponents", "[reference][binary]") {
  CHECK(values_of<int32_t>(binary(TISA_OP_POW, i32({9}, {3, 2, 2, 1, -1, -1, 0, 0, 5}),
                                  i32({9}, {4, 31, -1, -5, -3, -4, 0, -1, 0}))) ==
        std::vector<int32_t>{81, INT32_MIN, 0, 1, -1, 1, 1, 0, 1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_POW, u8({2}, {2, 3}), u8({2}, {8, 5}))) ==
        std::vector<uint8_t>{0, 243});
  CHECK(values_of<int64_t>(binary(TISA_OP_POW, i64({1}, {-2}), i64({1}, {63}))) ==
        std::vector<int64_t>{INT64_MIN});
  CHECK(same_floats(values_of<float>(binary(TISA_OP_POW, f32({4}, {kNaN, 1.0f, 2.0f, 0.0f}),
                                            f32({4}, {0.0f, kNaN, 0.5f, -1.0f}))),
                    {1.0f, 1.0f, static_cast<float>(std::sqrt(2.0)), kInf}));
}

TEST_CASE("max and min propagate NaN and order -0 below +0", "[reference][binary]") {
  const auto a = f32({4}, {-0.0f, 0.0f, kNaN, 1.0f});
  const auto b = f32({4}, {0.0f, -0.0f, 1.0f, kNaN});
  const auto mx = values_of<float>(binary(TISA_OP_MAX, a, b));
  const auto mn = values_of<float>(binary(TISA_OP_MIN, a, b));
  CHECK(bits_of(mx[0]) == 0u);
  CHECK(bits_of(mx[1]) == 0u);
  CHECK(bits_of(mn[0]) == 0x80000000u);
  CHECK(bits_of(mn[1]) == 0x80000000u);
  CHECK((std::isnan(mx[2]) && std::isnan(mx[3]) && std::isnan(mn[2]) && std::isnan(mn[3])));
  CHECK(values_of<int32_t>(binary(TISA_OP_MAX, i32({2}, {-3, 4}), i32({2}, {2, -9}))) ==
        std::vector<int32_t>{2, 4});
  CHECK(values_of<uint8_t>(binary(TISA_OP_MIN, u8({2}, {200, 4}), u8({2}, {2, 9}))) ==
        std::vector<uint8_t>{2, 4});
}

TEST_CASE("and or xor: logical for bool, bitwise for integers", "[reference][binary]") {
  const auto p = boolean({4}, {0, 0, 1, 1});
  const auto q = boolean({4}, {0, 1, 0, 1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_AND, p, q)) == std::vector<uint8_t>{0, 0, 0, 1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_OR, p, q)) == std::vector<uint8_t>{0, 1, 1, 1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_XOR, p, q)) == std::vector<uint8_t>{0, 1, 1, 0});
  CHECK(values_of<int32_t>(binary(TISA_OP_AND, i32({1}, {0b1100}), i32({1}, {0b1010}))) ==
        std::vector<int32_t>{0b1000});
  CHECK(values_of<int32_t>(binary(TISA_OP_OR, i32({1}, {0b1100}), i32({1}, {0b1010}))) ==
        std::vector<int32_t>{0b1110});
  CHECK(values_of<int8_t>(binary(TISA_OP_XOR, i8({1}, {-1}), i8({1}, {0x0f}))) == std::vector<int8_t>{-16});
}

TEST_CASE("shifts: out-of-range amounts are defined", "[reference][binary]") {
  CHECK(values_of<int32_t>(binary(TISA_OP_SHL, i32({5}, {1, 1, 1, -1, 3}), i32({5}, {31, 32, -1, 4, 0}))) ==
        std::vector<int32_t>{INT32_MIN, 0, 0, -16, 3});
  CHECK(values_of<uint8_t>(binary(TISA_OP_SHL, u8({2}, {0xff, 1}), u8({2}, {4, 8}))) ==
        std::vector<uint8_t>{0xf0, 0});
  CHECK(values_of<int32_t>(binary(TISA_OP_SHR, i32({6}, {-8, -8, 8, -1, 8, INT32_MIN}),
                                  i32({6}, {1, 40, 40, -1, -1, 31}))) ==
        std::vector<int32_t>{-4, -1, 0, -1, 0, -1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_SHR, u8({2}, {0x80, 0x80}), u8({2}, {7, 8}))) ==
        std::vector<uint8_t>{1, 0});
  CHECK(values_of<int64_t>(binary(TISA_OP_SHL, i64({2}, {1, 1}), i64({2}, {63, 64}))) ==
        std::vector<int64_t>{INT64_MIN, 0});
  CHECK(values_of<int8_t>(binary(TISA_OP_SHR, i8({2}, {-128, -128}), i8({2}, {7, 8}))) ==
        std::vector<int8_t>{-1, -1});
}

TEST_CASE("comparisons are IEEE and return bool", "[reference][binary]") {
  const auto a = f32({4}, {kNaN, -0.0f, 1.0f, 2.0f});
  const auto b = f32({4}, {kNaN, 0.0f, 2.0f, 1.0f});
  CHECK(values_of<uint8_t>(binary(TISA_OP_EQ, a, b)) == std::vector<uint8_t>{0, 1, 0, 0});
  CHECK(values_of<uint8_t>(binary(TISA_OP_NE, a, b)) == std::vector<uint8_t>{1, 0, 1, 1});
  CHECK(values_of<uint8_t>(binary(TISA_OP_LT, a, b)) == std::vector<uint8_t>{0, 0, 1, 0});
  CHECK(values_of<uint8_t>(binary(TISA_OP_LE, a, b)) == std::vector<uint8_t>{0, 1, 1, 0});
  const auto out = binary(TISA_OP_EQ, boolean({2}, {1, 0}), boolean({2}, {1, 1}));
  CHECK(out.dtype == TISA_DTYPE_BOOL);
  CHECK(values_of<uint8_t>(out) == std::vector<uint8_t>{1, 0});
  CHECK(values_of<uint8_t>(binary(TISA_OP_LT, u8({2}, {1, 200}), u8({2}, {200, 1}))) ==
        std::vector<uint8_t>{1, 0});
  CHECK(values_of<uint8_t>(binary(TISA_OP_LE, i8({2}, {-1, 5}), i8({2}, {-1, 4}))) ==
        std::vector<uint8_t>{1, 0});
}

TEST_CASE("atan2 takes y then x", "[reference][binary]") {
  CHECK(same_floats(values_of<float>(binary(TISA_OP_ATAN2, f32({4}, {1.0f, 0.0f, -0.0f, kNaN}),
                                            f32({4}, {0.0f, -1.0f, 1.0f, 1.0f}))),
                    {static_cast<float>(M_PI / 2), static_cast<float>(M_PI), -0.0f, kNaN}));
}

TEST_CASE("select picks per element", "[reference][select]") {
  auto out = run({boolean({2, 2}, {1, 0, 0, 1}), i64({2, 2}, {1, 2, 3, 4}), i64({2, 2}, {-1, -2, -3, -4})},
                 [](Builder& b, std::vector<Value>& in) { return b.select(in[0], in[1], in[2]); });
  CHECK(values_of<int64_t>(out) == std::vector<int64_t>{1, -2, -3, 4});
  auto scalar = run({boolean({}, {0}), f32({}, {1.0f}), f32({}, {2.0f})},
                    [](Builder& b, std::vector<Value>& in) { return b.select(in[0], in[1], in[2]); });
  CHECK(values_of<float>(scalar) == std::vector<float>{2.0f});
}

TEST_CASE("elementwise ops on empty tensors give empty results", "[reference][binary]") {
  auto out = binary(TISA_OP_ADD, f32({0, 4}, {}), f32({0, 4}, {}));
  CHECK(out.shape == ir::Shape{0, 4});
  CHECK(out.data.empty());
}
