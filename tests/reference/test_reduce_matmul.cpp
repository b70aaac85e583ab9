// Reductions, argmax/argmin and matmul.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

namespace {

ref::HostTensor reduce(tisa_opcode_t op, const ref::HostTensor& x, std::vector<int64_t> axes, bool keepdims) {
  return run({x}, [&](Builder& b, std::vector<Value>& in) { return b.reduce(op, in[0], axes, keepdims); });
}

ref::HostTensor arg(tisa_opcode_t op, const ref::HostTensor& x, int64_t axis, bool keepdims) {
  return run({x},
             [&](Builder& b, std::vector<Value>& in) { return b.arg_reduce(op, in[0], axis, keepdims); });
}

ref::HostTensor matmul(const ref::HostTensor& a, const ref::HostTensor& c, tisa_dtype_t acc) {
  return run({a, c}, [&](Builder& b, std::vector<Value>& in) { return b.matmul(in[0], in[1], acc); });
}

}  // namespace

TEST_CASE("reduce_sum over axes, with and without keepdims", "[reference][reduce]") {
  const auto x = i32({2, 3}, {1, 2, 3, 4, 5, 6});
  auto rows = reduce(TISA_OP_REDUCE_SUM, x, {1}, false);
  CHECK(rows.shape == ir::Shape{2});
  CHECK(values_of<int32_t>(rows) == std::vector<int32_t>{6, 15});
  auto cols = reduce(TISA_OP_REDUCE_SUM, x, {0}, true);
  CHECK(cols.shape == ir::Shape{1, 3});
  CHECK(values_of<int32_t>(cols) == std::vector<int32_t>{5, 7, 9});
  auto all = reduce(TISA_OP_REDUCE_SUM, x, {0, 1}, false);
  CHECK(all.shape.empty());
  CHECK(values_of<int32_t>(all) == std::vector<int32_t>{21});
  auto none = reduce(TISA_OP_REDUCE_SUM, x, {}, false);
  CHECK(none.shape == ir::Shape{2, 3});
  CHECK(values_of<int32_t>(none) == values_of<int32_t>(x));
  const auto cube = f32({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  auto middle = reduce(TISA_OP_REDUCE_SUM, cube, {0, 2}, true);
  CHECK(middle.shape == ir::Shape{1, 2, 1});
  CHECK(values_of<float>(middle) == std::vector<float>{14, 22});
}

TEST_CASE("integer reductions wrap; float sum rounds once", "[reference][reduce]") {
  CHECK(values_of<int8_t>(reduce(TISA_OP_REDUCE_SUM, i8({3}, {100, 100, 100}), {0}, false)) ==
        std::vector<int8_t>{44});
  CHECK(values_of<int32_t>(reduce(TISA_OP_REDUCE_PROD, i32({3}, {65536, 65536, 3}), {0}, false)) ==
        std::vector<int32_t>{0});
  CHECK(values_of<uint8_t>(reduce(TISA_OP_REDUCE_PROD, u8({2}, {16, 17}), {0}, false)) ==
        std::vector<uint8_t>{16});
  // 1 + 2^-24 + 2^-24: f32 sums in order would lose both halves; the exact sum rounds to 1 + 2^-23.
  const float tiny = std::ldexp(1.0f, -24);
  CHECK(values_of<float>(reduce(TISA_OP_REDUCE_SUM, f32({3}, {1.0f, tiny, tiny}), {0}, false)) ==
        std::vector<float>{1.0f + std::ldexp(1.0f, -23)});
  CHECK(values_of<float>(reduce(TISA_OP_REDUCE_PROD, f32({3}, {2.0f, -3.0f, 0.5f}), {0}, false)) ==
        std::vector<float>{-3.0f});
}

TEST_CASE("max and min reductions propagate NaN and keep -0/+0 order", "[reference][reduce]") {
  CHECK(same_floats(
      values_of<float>(reduce(TISA_OP_REDUCE_MAX, f32({2, 3}, {1, kNaN, 3, -1, -5, -2}), {1}, false)),
      {kNaN, -1.0f}));
  CHECK(same_floats(values_of<float>(reduce(TISA_OP_REDUCE_MIN, f32({3}, {2.0f, kNaN, -7.0f}), {0}, false)),
                    {kNaN}));
  CHECK(
      same_floats(values_of<float>(reduce(TISA_OP_REDUCE_MAX, f32({2}, {-0.0f, 0.0f}), {0}, false)), {0.0f}));
  CHECK(same_floats(values_of<float>(reduce(TISA_OP_REDUCE_MIN, f32({2}, {0.0f, -0.0f}), {0}, false)),
                    {-0.0f}));
  CHECK(values_of<int64_t>(reduce(TISA_OP_REDUCE_MIN, i64({3}, {4, INT64_MIN, 0}), {0}, false)) ==
        std::vector<int64_t>{INT64_MIN});
}

TEST_CASE("empty reductions give the identity", "[reference][reduce]") {
  const auto empty = f32({2, 0}, {});
  CHECK(same_floats(values_of<float>(reduce(TISA_OP_REDUCE_SUM, empty, {1}, false)), {0.0f, 0.0f}));
  CHECK(same_floats(values_of<float>(reduce(TISA_OP_REDUCE_PROD, empty, {1}, false)), {1.0f, 1.0f}));
  CHECK(same_floats(values_of<float>(reduce(TISA_OP_REDUCE_MAX, empty, {1}, false)), {-kInf, -kInf}));
  CHECK(same_floats(values_of<float>(reduce(TISA_OP_REDUCE_MIN, empty, {1}, true)), {kInf, kInf}));
  CHECK(values_of<int32_t>(reduce(TISA_OP_REDUCE_MAX, i32({0}, {}), {0}, false)) ==
        std::vector<int32_t>{INT32_MIN});
  CHECK(values_of<uint8_t>(reduce(TISA_OP_REDUCE_MIN, u8({0}, {}), {0}, false)) == std::vector<uint8_t>{255});
  // Reducing the non-empty axis of an empty tensor gives an empty result.
  auto none = reduce(TISA_OP_REDUCE_SUM, empty, {0}, false);
  CHECK(none.shape == ir::Shape{0});
  CHECK(none.data.empty());
}

TEST_CASE("argmax/argmin: first extreme, first NaN, i64 result", "[reference][reduce]") {
  auto ties = arg(TISA_OP_ARGMAX, i32({2, 4}, {1, 7, 7, 2, 5, 5, 5, 5}), 1, false);
  CHECK(ties.dtype == TISA_DTYPE_I64);
  CHECK(values_of<int64_t>(ties) == std::vector<int64_t>{1, 0});
  CHECK(values_of<int64_t>(arg(TISA_OP_ARGMIN, i32({2, 4}, {1, 7, 0, 0, 5, 5, 5, 5}), 1, false)) ==
        std::vector<int64_t>{2, 0});
  CHECK(values_of<int64_t>(arg(TISA_OP_ARGMAX, f32({5}, {1, kNaN, 9, kNaN, 2}), 0, false)) ==
        std::vector<int64_t>{1});
  CHECK(values_of<int64_t>(arg(TISA_OP_ARGMIN, f32({3}, {-1, -2, kNaN}), 0, false)) ==
        std::vector<int64_t>{2});
  CHECK(values_of<int64_t>(arg(TISA_OP_ARGMAX, f32({2}, {0.0f, -0.0f}), 0, false)) ==
        std::vector<int64_t>{0});
  auto cols = arg(TISA_OP_ARGMAX, u8({2, 3}, {1, 9, 3, 4, 2, 6}), 0, true);
  CHECK(cols.shape == ir::Shape{1, 3});
  CHECK(values_of<int64_t>(cols) == std::vector<int64_t>{1, 0, 1});
}

TEST_CASE("matmul f32, batched", "[reference][matmul]") {
  auto out = matmul(f32({2, 3}, {1, 2, 3, 4, 5, 6}), f32({3, 2}, {7, 8, 9, 10, 11, 12}), TISA_DTYPE_F32);
  CHECK(out.shape == ir::Shape{2, 2});
  CHECK(values_of<float>(out) == std::vector<float>{58, 64, 139, 154});
  auto batched =
      matmul(f32({2, 2, 2}, {1, 0, 0, 1, 1, 2, 3, 4}), f32({2, 2, 1}, {5, 6, 1, 1}), TISA_DTYPE_F32);
  CHECK(batched.shape == ir::Shape{2, 2, 1});
  CHECK(values_of<float>(batched) == std::vector<float>{5, 6, 3, 7});
}

TEST_CASE("integer matmul accumulates with wrap in acc", "[reference][matmul]") {
  CHECK(values_of<int32_t>(matmul(i8({1, 2}, {-128, 127}), i8({2, 1}, {-128, 127}), TISA_DTYPE_I32)) ==
        std::vector<int32_t>{16384 + 16129});
  CHECK(values_of<int32_t>(matmul(u8({1, 2}, {255, 255}), u8({2, 1}, {255, 255}), TISA_DTYPE_I32)) ==
        std::vector<int32_t>{130050});
  CHECK(values_of<int64_t>(matmul(i8({1, 1}, {-2}), i8({1, 1}, {100}), TISA_DTYPE_I64)) ==
        std::vector<int64_t>{-200});
  CHECK(values_of<int32_t>(matmul(i32({1, 2}, {65536, 1}), i32({2, 1}, {65536, 5}), TISA_DTYPE_I32)) ==
        std::vector<int32_t>{5});
  CHECK(values_of<int64_t>(matmul(i64({1, 1}, {INT64_MAX}), i64({1, 1}, {2}), TISA_DTYPE_I64)) ==
        std::vector<int64_t>{-2});
}

TEST_CASE("matmul with K = 0 gives zeros; M = 0 gives an empty result", "[reference][matmul]") {
  auto zeros = matmul(f32({2, 0}, {}), f32({0, 3}, {}), TISA_DTYPE_F32);
  CHECK(zeros.shape == ir::Shape{2, 3});
  CHECK(values_of<float>(zeros) == std::vector<float>(6, 0.0f));
  auto empty = matmul(i32({0, 2}, {}), i32({2, 3}, std::vector<int32_t>(6, 1)), TISA_DTYPE_I32);
  CHECK(empty.shape == ir::Shape{0, 3});
}
