// gather and scatter, out-of-range indices and duplicates.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

namespace {

ref::HostTensor gather(const ref::HostTensor& data, const ref::HostTensor& indices, int64_t axis) {
  return run({data, indices},
             [&](Builder& b, std::vector<Value>& in) { return b.gather(in[0], in[1], axis); });
}

ref::HostTensor scatter(const ref::HostTensor& data, const ref::HostTensor& indices,
                        const ref::HostTensor& updates, int64_t axis, tisa_scatter_mode_t mode) {
  return run({data, indices, updates},
             [&](Builder& b, std::vector<Value>& in) { return b.scatter(in[0], in[1], in[2], axis, mode); });
}

const auto k23 = f32({2, 3}, {1, 2, 3, 4, 5, 6});

}  // namespace

TEST_CASE("gather takes along an axis; out-of-range reads zero", "[reference][indexing]") {
  auto rows = gather(k23, i32({3}, {1, 0, 1}), 0);
  CHECK(rows.shape == ir::Shape{3, 3});
  CHECK(values_of<float>(rows) == std::vector<float>{4, 5, 6, 1, 2, 3, 4, 5, 6});
  auto cols = gather(k23, i64({2, 2}, {2, -1, 3, 0}), 1);
  CHECK(cols.shape == ir::Shape{2, 2, 2});
  CHECK(values_of<float>(cols) == std::vector<float>{3, 0, 0, 1, 6, 0, 0, 4});
  auto flags = gather(boolean({2}, {1, 1}), i32({3}, {0, 2, -5}), 0);
  CHECK(values_of<uint8_t>(flags) == std::vector<uint8_t>{1, 0, 0});
  auto scalar_index = gather(k23, i32({}, {2}), 1);
  CHECK(scalar_index.shape == ir::Shape{2});
  CHECK(values_of<float>(scalar_index) == std::vector<float>{3, 6});
  auto none = gather(k23, i32({0}, {}), 0);
  CHECK(none.shape == ir::Shape{0, 3});
}

TEST_CASE("scatter set: last update wins, out-of-range skipped", "[reference][indexing]") {
  auto out = scatter(i32({4}, {0, 0, 0, 0}), i32({4}, {1, 3, 1, 4}), i32({4}, {10, 20, 30, 40}), 0,
                     TISA_SCATTER_MODE_SET);
  CHECK(values_of<int32_t>(out) == std::vector<int32_t>{0, 30, 0, 20});
  auto cols = scatter(k23, i64({1}, {-1}), f32({2, 1}, {9, 9}), 1, TISA_SCATTER_MODE_SET);
  CHECK(values_of<float>(cols) == values_of<float>(k23));
  auto axis1 = scatter(k23, i64({2}, {2, 0}), f32({2, 2}, {7, 8, 9, 10}), 1, TISA_SCATTER_MODE_SET);
  CHECK(values_of<float>(axis1) == std::vector<float>{8, 2, 7, 10, 5, 9});
}

TEST_CASE("scatter add/max/min combine duplicates", "[reference][indexing]") {
  CHECK(values_of<int8_t>(scatter(i8({2}, {100, 0}), i32({3}, {0, 0, 1}), i8({3}, {20, 10, 5}), 0,
                                  TISA_SCATTER_MODE_ADD)) == std::vector<int8_t>{-126, 5});
  CHECK(values_of<float>(scatter(f32({2}, {1, 1}), i32({3}, {1, 1, 7}), f32({3}, {0.5f, 0.25f, 100}), 0,
                                 TISA_SCATTER_MODE_ADD)) == std::vector<float>{1, 1.75f});
  CHECK(values_of<uint8_t>(scatter(u8({2}, {5, 5}), i32({3}, {0, 0, 1}), u8({3}, {9, 7, 2}), 0,
                                   TISA_SCATTER_MODE_MAX)) == std::vector<uint8_t>{9, 5});
  CHECK(values_of<uint8_t>(scatter(u8({2}, {5, 5}), i32({3}, {0, 0, 1}), u8({3}, {9, 7, 2}), 0,
                                   TISA_SCATTER_MODE_MIN)) == std::vector<uint8_t>{5, 2});
  CHECK(same_floats(values_of<float>(scatter(f32({2}, {1, 1}), i32({2}, {0, 0}), f32({2}, {kNaN, 5}), 0,
                                             TISA_SCATTER_MODE_MAX)),
                    {kNaN, 1.0f}));
}

TEST_CASE("scatter mul multiplies duplicates in update order, each product rounded once",
          "[reference][indexing]") {
  // Three f32 factors whose product depends on the order of rounding: updates apply in
  // row-major order, (x * y) * z, not x * (y * z) or (x * z) * y.
  const float x = 1.8277026414871216f, y = 1.4091991186141968f, z = 1.5495936870574951f;
  CHECK(values_of<float>(scatter(f32({2}, {x, 5}), i32({3}, {0, 0, 9}), f32({3}, {y, z, 100}), 0,
                                 TISA_SCATTER_MODE_MUL)) == std::vector<float>{3.991128921508789f, 5});
  CHECK(values_of<float>(scatter(f32({2}, {x, 5}), i32({3}, {0, 0, 9}), f32({3}, {z, y, 100}), 0,
                                 TISA_SCATTER_MODE_MUL)) == std::vector<float>{3.99112868309021f, 5});
  CHECK(values_of<int8_t>(scatter(i8({2}, {100, 3}), i64({3}, {0, 0, 1}), i8({3}, {2, 3, -1}), 0,
                                  TISA_SCATTER_MODE_MUL)) == std::vector<int8_t>{88, -3});
  CHECK(values_of<uint8_t>(scatter(u8({2}, {16, 7}), i32({3}, {0, 0, -1}), u8({3}, {16, 2, 0}), 0,
                                   TISA_SCATTER_MODE_MUL)) == std::vector<uint8_t>{0, 7});
  CHECK(same_floats(values_of<float>(scatter(f32({2}, {0, 1}), i32({2}, {0, 1}), f32({2}, {kInf, -0.0f}), 0,
                                             TISA_SCATTER_MODE_MUL)),
                    {kNaN, -0.0f}));
  auto rows =
      scatter(k23, i32({2}, {1, 1}), f32({2, 3}, {2, 2, 2, 0.5f, 0.5f, 0.5f}), 0, TISA_SCATTER_MODE_MUL);
  CHECK(values_of<float>(rows) == std::vector<float>{1, 2, 3, 4, 5, 6});
}
