// Scans (cumsum, cumprod, cummax, cummin): hand-computed results for every attribute
// combination, identities of exclusive scans, integer wrap-around, NaN and signed zeros.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

namespace {

ref::HostTensor scan(tisa_opcode_t op, const ref::HostTensor& x, int64_t axis, bool exclusive, bool reverse) {
  return run({x},
             [&](Builder& b, std::vector<Value>& in) { return b.scan(op, in[0], axis, exclusive, reverse); });
}

const auto k23 = i32({2, 3}, {1, 2, 3, 4, -5, 6});

}  // namespace

TEST_CASE("cumsum along each axis, inclusive and exclusive, forward and reverse", "[reference][scan]") {
  const auto inclusive = scan(TISA_OP_CUMSUM, k23, 1, false, false);
  CHECK(inclusive.shape == ir::Shape{2, 3});
  CHECK(values_of<int32_t>(inclusive) == std::vector<int32_t>{1, 3, 6, 4, -1, 5});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMSUM, k23, 1, true, false)) ==
        std::vector<int32_t>{0, 1, 3, 0, 4, -1});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMSUM, k23, 1, false, true)) ==
        std::vector<int32_t>{6, 5, 3, 5, 1, 6});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMSUM, k23, 1, true, true)) ==
        std::vector<int32_t>{5, 3, 0, 1, 6, 0});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMSUM, k23, 0, false, false)) ==
        std::vector<int32_t>{1, 2, 3, 5, -3, 9});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMSUM, k23, 0, true, true)) ==
        std::vector<int32_t>{4, -5, 6, 0, 0, 0});
}

TEST_CASE("cumprod, cummax and cummin, with the identities of exclusive scans", "[reference][scan]") {
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMPROD, k23, 1, false, true)) ==
        std::vector<int32_t>{6, 6, 3, -120, -30, 6});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMPROD, k23, 1, true, false)) ==
        std::vector<int32_t>{1, 1, 2, 1, 4, -20});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMMAX, k23, 1, false, false)) ==
        std::vector<int32_t>{1, 2, 3, 4, 4, 6});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMMAX, k23, 0, true, false)) ==
        std::vector<int32_t>{INT32_MIN, INT32_MIN, INT32_MIN, 1, 2, 3});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMMIN, k23, 1, true, true)) ==
        std::vector<int32_t>{2, 3, INT32_MAX, -5, 6, INT32_MAX});
  CHECK(values_of<uint8_t>(scan(TISA_OP_CUMMIN, u8({3}, {7, 9, 3}), 0, true, false)) ==
        std::vector<uint8_t>{255, 7, 7});
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMMAX, f32({2}, {1, 2}), 0, true, false)), {-kInf, 1}));
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMMIN, f32({2}, {1, 2}), 0, true, true)), {2, kInf}));
  const auto exclusive_sum = values_of<float>(scan(TISA_OP_CUMSUM, f32({2}, {-1, -2}), 0, true, false));
  CHECK(bits_of(exclusive_sum[0]) == bits_of(0.0f));  // +0, the empty sum
  CHECK(values_of<float>(scan(TISA_OP_CUMPROD, f32({2}, {3, 4}), 0, true, false)) ==
        std::vector<float>{1, 3});
}

TEST_CASE("integer scans wrap; a float element rounds once", "[reference][scan]") {
  CHECK(values_of<int8_t>(scan(TISA_OP_CUMSUM, i8({3}, {100, 100, 100}), 0, false, false)) ==
        std::vector<int8_t>{100, -56, 44});
  CHECK(values_of<uint8_t>(scan(TISA_OP_CUMPROD, u8({3}, {16, 17, 2}), 0, false, false)) ==
        std::vector<uint8_t>{16, 16, 32});
  CHECK(values_of<int64_t>(scan(TISA_OP_CUMSUM, i64({2}, {INT64_MAX, 1}), 0, false, false)) ==
        std::vector<int64_t>{INT64_MAX, INT64_MIN});
  // 1 + 2^-24 + 2^-24: adding in f32 would lose both halves; the exact prefix sum rounds to 1 + 2^-23.
  const float tiny = std::ldexp(1.0f, -24);
  CHECK(values_of<float>(scan(TISA_OP_CUMSUM, f32({3}, {1.0f, tiny, tiny}), 0, false, false)) ==
        std::vector<float>{1.0f, 1.0f, 1.0f + std::ldexp(1.0f, -23)});
}

TEST_CASE("float scans propagate NaN and order signed zeros like max and min", "[reference][scan]") {
  const auto x = f32({4}, {-0.0f, 1.0f, kNaN, 2.0f});
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMMAX, x, 0, false, false)), {-0.0f, 1.0f, kNaN, kNaN}));
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMSUM, x, 0, true, true)), {kNaN, kNaN, 2.0f, 0.0f}));
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMMAX, f32({2}, {-0.0f, 0.0f}), 0, false, false)),
                    {-0.0f, 0.0f}));
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMMIN, f32({2}, {0.0f, -0.0f}), 0, false, false)),
                    {0.0f, -0.0f}));
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMSUM, f32({3}, {kInf, -kInf, 1.0f}), 0, false, false)),
                    {kInf, kNaN, kNaN}));
  CHECK(same_floats(values_of<float>(scan(TISA_OP_CUMPROD, f32({3}, {0.0f, kInf, 1.0f}), 0, false, true)),
                    {kNaN, kInf, 1.0f}));
}

TEST_CASE("scans of empty tensors and single elements", "[reference][scan]") {
  const auto empty_line = scan(TISA_OP_CUMSUM, f32({2, 0}, {}), 1, true, false);
  CHECK(empty_line.shape == ir::Shape{2, 0});
  CHECK(empty_line.data.empty());
  CHECK(scan(TISA_OP_CUMPROD, i32({0, 3}, {}), 1, false, false).shape == ir::Shape{0, 3});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMSUM, i32({1}, {7}), 0, false, false)) == std::vector<int32_t>{7});
  CHECK(values_of<int32_t>(scan(TISA_OP_CUMPROD, i32({1}, {7}), 0, true, true)) == std::vector<int32_t>{1});
}

TEST_CASE("scans on a rank-3 tensor touch only their own lines", "[reference][scan]") {
  std::vector<int32_t> v(24);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int32_t>(i);
  const auto out = values_of<int32_t>(scan(TISA_OP_CUMSUM, i32({2, 3, 4}, v), 1, false, false));
  // Line (a=1, b=2): elements 14, 18, 22.
  CHECK(out[14] == 14);
  CHECK(out[18] == 14 + 18);
  CHECK(out[22] == 14 + 18 + 22);
  CHECK(out[3] == 3);
  CHECK(out[11] == 3 + 7 + 11);
}
