// Movement ops: reshape transpose broadcast slice pad concat reverse window.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

namespace {
const auto k23 = i32({2, 3}, {1, 2, 3, 4, 5, 6});
}

TEST_CASE("reshape keeps row-major order", "[reference][movement]") {
  auto out = run({k23}, [](Builder& b, std::vector<Value>& in) { return b.reshape(in[0], dims({3, 2})); });
  CHECK(out.shape == ir::Shape{3, 2});
  CHECK(values_of<int32_t>(out) == std::vector<int32_t>{1, 2, 3, 4, 5, 6});
  auto scalar =
      run({f32({1, 1}, {7})}, [](Builder& b, std::vector<Value>& in) { return b.reshape(in[0], {}); });
  CHECK(scalar.shape.empty());
  CHECK(values_of<float>(scalar) == std::vector<float>{7});
}

TEST_CASE("transpose permutes axes", "[reference][movement]") {
  auto t = run({k23}, [](Builder& b, std::vector<Value>& in) { return b.transpose(in[0], {1, 0}); });
  CHECK(t.shape == ir::Shape{3, 2});
  CHECK(values_of<int32_t>(t) == std::vector<int32_t>{1, 4, 2, 5, 3, 6});
  // out.dim[i] = x.dim[perm[i]]: [2,3,4] with perm [2,0,1] -> [4,2,3]; out[k,i,j] = x[i,j,k].
  std::vector<int32_t> x(24);
  for (int i = 0; i < 24; ++i) x[static_cast<size_t>(i)] = i;
  auto r = run({i32({2, 3, 4}, x)}, [](Builder& b, std::vector<Value>& in) {
    return b.transpose(in[0], {2, 0, 1});
  });
  CHECK(r.shape == ir::Shape{4, 2, 3});
  const auto v = values_of<int32_t>(r);
  CHECK(v[0 * 6 + 1 * 3 + 2] == 1 * 12 + 2 * 4 + 0);  // out[0,1,2] = x[1,2,0]
  CHECK(v[3 * 6 + 0 * 3 + 1] == 0 * 12 + 1 * 4 + 3);  // out[3,0,1] = x[0,1,3]
}

TEST_CASE("broadcast aligns on the right and repeats size-1 axes", "[reference][movement]") {
  auto rows = run({i32({3}, {1, 2, 3})}, [](Builder& b, std::vector<Value>& in) {
    return b.broadcast(in[0], dims({2, 3}));
  });
  CHECK(values_of<int32_t>(rows) == std::vector<int32_t>{1, 2, 3, 1, 2, 3});
  auto cols = run({i32({2, 1}, {1, 2})}, [](Builder& b, std::vector<Value>& in) {
    return b.broadcast(in[0], dims({2, 3}));
  });
  CHECK(values_of<int32_t>(cols) == std::vector<int32_t>{1, 1, 1, 2, 2, 2});
  auto scalar = run({boolean({}, {1})}, [](Builder& b, std::vector<Value>& in) {
    return b.broadcast(in[0], dims({2, 2}));
  });
  CHECK(values_of<uint8_t>(scalar) == std::vector<uint8_t>{1, 1, 1, 1});
  auto empty =
      run({f32({1}, {5})}, [](Builder& b, std::vector<Value>& in) { return b.broadcast(in[0], dims({0})); });
  CHECK(empty.shape == ir::Shape{0});
}

TEST_CASE("slice with start, stop and step", "[reference][movement]") {
  std::vector<int32_t> ten(10);
  for (int i = 0; i < 10; ++i) ten[static_cast<size_t>(i)] = i;
  auto stepped = run({i32({10}, ten)}, [](Builder& b, std::vector<Value>& in) {
    return b.slice(in[0], dims({1}), dims({8}), {3});
  });
  CHECK(values_of<int32_t>(stepped) == std::vector<int32_t>{1, 4, 7});
  auto two_d = run({k23}, [](Builder& b, std::vector<Value>& in) {
    return b.slice(in[0], dims({1, 0}), dims({2, 3}), {1, 2});
  });
  CHECK(two_d.shape == ir::Shape{1, 2});
  CHECK(values_of<int32_t>(two_d) == std::vector<int32_t>{4, 6});
  auto empty = run({k23}, [](Builder& b, std::vector<Value>& in) {
    return b.slice(in[0], dims({1, 2}), dims({1, 2}), {1, 1});
  });
  CHECK(empty.shape == ir::Shape{0, 0});
}

TEST_CASE("pad with a value in the dtype", "[reference][movement]") {
  auto out = run({i32({2, 2}, {1, 2, 3, 4})}, [](Builder& b, std::vector<Value>& in) {
    return b.pad(in[0], dims({1, 0}), dims({0, 2}), -1);
  });
  CHECK(out.shape == ir::Shape{3, 4});
  CHECK(values_of<int32_t>(out) == std::vector<int32_t>{-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1});
  auto f = run({f32({1}, {2})},
               [](Builder& b, std::vector<Value>& in) { return b.pad(in[0], dims({2}), dims({1}), 0.5); });
  CHECK(values_of<float>(f) == std::vector<float>{0.5f, 0.5f, 2.0f, 0.5f});
  auto from_empty = run({i8({0}, {})}, [](Builder& b, std::vector<Value>& in) {
    return b.pad(in[0], dims({1}), dims({1}), 9);
  });
  CHECK(values_of<int8_t>(from_empty) == std::vector<int8_t>{9, 9});
}

TEST_CASE("concat joins along an axis, empty parts included", "[reference][movement]") {
  auto rows = run({k23, i32({1, 3}, {7, 8, 9})}, [](Builder& b, std::vector<Value>& in) {
    return b.concat({in[0], in[1]}, 0);
  });
  CHECK(rows.shape == ir::Shape{3, 3});
  CHECK(values_of<int32_t>(rows) == std::vector<int32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto cols = run({k23, i32({2, 0}, {}), i32({2, 1}, {0, -1})}, [](Builder& b, std::vector<Value>& in) {
    return b.concat({in[0], in[1], in[2]}, 1);
  });
  CHECK(cols.shape == ir::Shape{2, 4});
  CHECK(values_of<int32_t>(cols) == std::vector<int32_t>{1, 2, 3, 0, 4, 5, 6, -1});
  auto single = run({k23}, [](Builder& b, std::vector<Value>& in) { return b.concat({in[0]}, 1); });
  CHECK(values_of<int32_t>(single) == values_of<int32_t>(k23));
}

TEST_CASE("reverse flips the named axes", "[reference][movement]") {
  auto r1 = run({k23}, [](Builder& b, std::vector<Value>& in) { return b.reverse(in[0], {1}); });
  CHECK(values_of<int32_t>(r1) == std::vector<int32_t>{3, 2, 1, 6, 5, 4});
  auto both = run({k23}, [](Builder& b, std::vector<Value>& in) { return b.reverse(in[0], {0, 1}); });
  CHECK(values_of<int32_t>(both) == std::vector<int32_t>{6, 5, 4, 3, 2, 1});
}

TEST_CASE("window with stride and dilation", "[reference][movement]") {
  const auto x = i32({5}, {0, 1, 2, 3, 4});
  auto plain = run({x}, [](Builder& b, std::vector<Value>& in) { return b.window(in[0], {2}, {1}, {1}); });
  CHECK(plain.shape == ir::Shape{4, 2});
  CHECK(values_of<int32_t>(plain) == std::vector<int32_t>{0, 1, 1, 2, 2, 3, 3, 4});
  auto strided = run({x}, [](Builder& b, std::vector<Value>& in) { return b.window(in[0], {2}, {2}, {1}); });
  CHECK(strided.shape == ir::Shape{2, 2});
  CHECK(values_of<int32_t>(strided) == std::vector<int32_t>{0, 1, 2, 3});
  // size 2, dilation 2: span 3, windows at 0, 1, 2 -> {0,2} {1,3} {2,4}
  auto dilated = run({x}, [](Builder& b, std::vector<Value>& in) { return b.window(in[0], {2}, {1}, {2}); });
  CHECK(dilated.shape == ir::Shape{3, 2});
  CHECK(values_of<int32_t>(dilated) == std::vector<int32_t>{0, 2, 1, 3, 2, 4});
  // 2-D: [3,3] with 2x2 windows, stride 1 -> [2,2,2,2]
  auto grid = run({i32({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})}, [](Builder& b, std::vector<Value>& in) {
    return b.window(in[0], {2, 2}, {1, 1}, {1, 1});
  });
  CHECK(grid.shape == ir::Shape{2, 2, 2, 2});
  CHECK(values_of<int32_t>(grid) == std::vector<int32_t>{1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9});
  // A window larger than the input gives no positions.
  auto none = run({i32({2}, {1, 2})},
                  [](Builder& b, std::vector<Value>& in) { return b.window(in[0], {3}, {1}, {1}); });
  CHECK(none.shape == ir::Shape{0, 3});
}
