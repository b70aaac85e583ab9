// Reductions, arg-reductions, shape / layout operators, pad modes and cumsum.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

using Body = std::function<Value(Builder&, const std::vector<Value>&)>;

TEST_CASE("reductions with ONNX semantics", "[frontend][reduce]") {
  const std::vector<float> x = {1, -2, 3, -4, 5, -6};  // [2, 3]
  auto r = [&](const Body& body) { return run({f32({2, 3}, x)}, body); };
  CHECK(
      mismatch(r([](Builder& b, auto& in) { return reduce_mean(b, in[0], std::vector<int64_t>{-1}, false); }),
               {2}, {2.0 / 3, -5.0 / 3}) == "");
  CHECK(mismatch(r([](Builder& b, auto& in) { return reduce_mean(b, in[0], std::nullopt, true); }), {1, 1},
                 {-0.5}) == "");
  CHECK(mismatch(r([](Builder& b, auto& in) {
                   return reduce_sum_square(b, in[0], std::vector<int64_t>{0}, true);
                 }),
                 {1, 3}, {17, 29, 45}) == "");
  CHECK(mismatch(r([](Builder& b, auto& in) { return reduce_l1(b, in[0], std::vector<int64_t>{1}, false); }),
                 {2}, {6, 15}) == "");
  CHECK(mismatch(r([](Builder& b, auto& in) { return reduce_l2(b, in[0], std::vector<int64_t>{1}, false); }),
                 {2}, {std::sqrt(14.0), std::sqrt(77.0)}) == "");
  CHECK(mismatch(r([](Builder& b, auto& in) {
                   return reduce_log_sum_exp(b, in[0], std::vector<int64_t>{1}, false);
                 }),
                 {2},
                 {std::log(std::exp(1) + std::exp(-2) + std::exp(3)),
                  std::log(std::exp(-4) + std::exp(5) + std::exp(-6))}) == "");
  // noop_with_empty_axes: an empty list is a copy.
  CHECK(mismatch(r([](Builder& b, auto& in) { return reduce_sum(b, in[0], std::vector<int64_t>{}, true); }),
                 {2, 3}, {1, -2, 3, -4, 5, -6}) == "");
  // log-sum-exp keeps -inf rows and +inf elements finite-free of NaN.
  HostTensor inf = run({f32({2, 2}, {-INFINITY, -INFINITY, INFINITY, 1})}, [](Builder& b, auto& in) {
    return reduce_log_sum_exp(b, in[0], std::vector<int64_t>{1}, false);
  });
  CHECK(mismatch(inf, {2}, {-INFINITY, INFINITY}) == "");
}

TEST_CASE("reduce_mean divides by a symbolic count", "[frontend][reduce]") {
  for (int64_t n : {1, 3}) {
    std::vector<float> x = data(size_t(n * 2), 21);
    auto out = eval(
        [](Builder& b) {
          Expr N = b.symbol("N");
          Value v = b.input(TISA_DTYPE_F32, {N, lit(2)});
          return std::vector<Value>{reduce_mean(b, v, std::vector<int64_t>{0}, false)};
        },
        {f32({n, 2}, x)});
    std::vector<double> want(2, 0.0);
    for (int64_t i = 0; i < n; ++i)
      for (int j = 0; j < 2; ++j) want[j] += x[i * 2 + j] / double(n);
    CHECK(mismatch(out[0], {2}, want) == "");
  }
}

TEST_CASE("argmax / argmin with keepdims and select_last_index", "[frontend][reduce]") {
  HostTensor x = f32({2, 4}, {1, 7, 7, -3, 0, -3, 5, -3});
  CHECK(values<int64_t>(run({x}, [](Builder& b, auto& in) { return argmax(b, in[0], 1, true, false); })) ==
        std::vector<int64_t>{1, 2});
  HostTensor last = run({x}, [](Builder& b, auto& in) { return argmax(b, in[0], -1, true, true); });
  CHECK(last.shape == Shape{2, 1});
  CHECK(values<int64_t>(last) == std::vector<int64_t>{2, 2});
  CHECK(values<int64_t>(run({x}, [](Builder& b, auto& in) { return argmin(b, in[0], 1, false, true); })) ==
        std::vector<int64_t>{3, 3});
}

TEST_CASE("flatten, squeeze, unsqueeze, reshape with 0 and -1", "[frontend][shape]") {
  Builder b;
  Expr N = b.symbol("N");
  Value x = b.input(TISA_DTYPE_F32, {N, lit(3), lit(1), lit(4)});
  CHECK(dims_str(b, dims_of(b, flatten(b, x, 2))) == "[N * 3, 4]");
  CHECK(dims_str(b, dims_of(b, squeeze(b, x))) == "[N, 3, 4]");
  CHECK(dims_str(b, dims_of(b, unsqueeze(b, x, {0, -1}))) == "[1, N, 3, 1, 4, 1]");
  // -1 cancels the symbolic dim instead of dividing.
  CHECK(dims_str(b, dims_of(b, reshape(b, x, {0, -1}))) == "[N, 12]");
  CHECK(dims_str(b, dims_of(b, reshape(b, x, {-1, 6}))) == "[N * 2, 6]");
  CHECK(error_of([&] { squeeze(b, x, std::vector<int64_t>{1}); }) == "squeeze: axis 1 has dim 3, not 1");
}

TEST_CASE("expand, tile, split, concat, transpose", "[frontend][shape]") {
  HostTensor x = f32({2, 1}, {1, 2});
  CHECK(mismatch(run({x},
                     [](Builder& b, auto& in) {
                       return expand(b, in[0], {lit(2), lit(3)});
                     }),
                 {2, 3}, {1, 1, 1, 2, 2, 2}) == "");
  HostTensor t = run({f32({2, 2}, {1, 2, 3, 4})}, [](Builder& b, auto& in) {
    return tile(b, in[0], {2, 3});
  });
  std::vector<double> want;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 6; ++c) want.push_back(1 + (r % 2) * 2 + (c % 2));
  CHECK(mismatch(t, {4, 6}, want) == "");
  auto parts = eval(
      [](Builder& b) {
        Value v = b.input(TISA_DTYPE_F32, {lit(7)});
        return split_equal(b, v, 0, 3);
      },
      {f32({7}, {0, 1, 2, 3, 4, 5, 6})});
  REQUIRE(parts.size() == 3);
  CHECK(mismatch(parts[2], {1}, {6}) == "");
  CHECK(mismatch(parts[1], {3}, {3, 4, 5}) == "");
  HostTensor tr = run({f32({2, 3}, {1, 2, 3, 4, 5, 6})}, [](Builder& b, auto& in) {
    return concat(b, {transpose(b, in[0]), transpose(b, in[0], std::vector<int64_t>{-1, 0})}, -1);
  });
  CHECK(mismatch(tr, {3, 4}, {1, 4, 1, 4, 2, 5, 2, 5, 3, 6, 3, 6}) == "");
}

TEST_CASE("slice with negative starts, clamped ends and negative steps", "[frontend][shape]") {
  HostTensor x = f32({6}, {0, 1, 2, 3, 4, 5});
  auto s = [&](std::vector<int64_t> st, std::vector<int64_t> en, std::vector<int64_t> step) {
    return values<float>(
        run({x}, [&](Builder& b, auto& in) { return slice(b, in[0], st, en, std::nullopt, step); }));
  };
  CHECK(s({-4}, {INT64_MAX}, {1}) == std::vector<float>{2, 3, 4, 5});
  CHECK(s({1}, {-1}, {2}) == std::vector<float>{1, 3});
  CHECK(s({-1}, {INT64_MIN}, {-1}) == std::vector<float>{5, 4, 3, 2, 1, 0});
  CHECK(s({4}, {0}, {-2}) == std::vector<float>{4, 2});
  CHECK(s({10}, {20}, {1}).empty());
  // On a symbolic axis: the last two elements.
  for (int64_t n : {3, 5}) {
    std::vector<float> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) v[i] = float(i);
    auto out = eval(
        [](Builder& b) {
          Value in = b.input(TISA_DTYPE_F32, {b.symbol("N")});
          return std::vector<Value>{slice(b, in, {-2}, {INT64_MAX})};
        },
        {f32({n}, v)});
    CHECK(values<float>(out[0]) == std::vector<float>{float(n - 2), float(n - 1)});
  }
}

TEST_CASE("pad modes: constant, reflect, edge, wrap, negative pads", "[frontend][pad]") {
  HostTensor x = f32({4}, {1, 2, 3, 4});
  auto p = [&](int64_t lo, int64_t hi, PadMode mode) {
    return values<float>(
        run({x}, [&](Builder& b, auto& in) { return pad(b, in[0], {lo}, {hi}, mode, 9.0); }));
  };
  CHECK(p(2, 1, PadMode::Constant) == std::vector<float>{9, 9, 1, 2, 3, 4, 9});
  CHECK(p(2, 2, PadMode::Reflect) == std::vector<float>{3, 2, 1, 2, 3, 4, 3, 2});
  CHECK(p(2, 1, PadMode::Edge) == std::vector<float>{1, 1, 1, 2, 3, 4, 4});
  CHECK(p(1, 2, PadMode::Wrap) == std::vector<float>{4, 1, 2, 3, 4, 1, 2});
  CHECK(p(-1, 1, PadMode::Edge) == std::vector<float>{2, 3, 4, 4});
  HostTensor m = run({f32({2, 2}, {1, 2, 3, 4})}, [](Builder& b, auto& in) {
    return pad(b, in[0], {1, 0}, {0, 1}, PadMode::Reflect);
  });
  CHECK(mismatch(m, {3, 3}, {3, 4, 3, 1, 2, 1, 3, 4, 3}) == "");
}

TEST_CASE("cumsum: inclusive, exclusive, reverse, with inf kept in its prefix", "[frontend][scan]") {
  HostTensor x = f32({2, 3}, {1, 2, 3, 4, 5, 6});
  auto c = [&](int64_t axis, bool excl, bool rev) {
    return values<float>(run({x}, [&](Builder& b, auto& in) { return cumsum(b, in[0], axis, excl, rev); }));
  };
  CHECK(c(1, false, false) == std::vector<float>{1, 3, 6, 4, 9, 15});
  CHECK(c(1, true, false) == std::vector<float>{0, 1, 3, 0, 4, 9});
  CHECK(c(1, false, true) == std::vector<float>{6, 5, 3, 15, 11, 6});
  CHECK(c(1, true, true) == std::vector<float>{5, 3, 0, 11, 6, 0});
  CHECK(c(0, false, false) == std::vector<float>{1, 2, 3, 5, 7, 9});
  HostTensor inf =
      run({f32({3}, {1, INFINITY, 2})}, [](Builder& b, auto& in) { return cumsum(b, in[0], 0); });
  CHECK(mismatch(inf, {3}, {1, INFINITY, INFINITY}) == "");
  // Symbolic length.
  auto out = eval(
      [](Builder& b) {
        Value in = b.input(TISA_DTYPE_I32, {b.symbol("L")});
        return std::vector<Value>{cumsum(b, in, 0)};
      },
      {i32({4}, {1, 2, 3, 4})});
  CHECK(values<int32_t>(out[0]) == std::vector<int32_t>{1, 3, 6, 10});
}

TEST_CASE("depth_to_space (DCR, CRD) against the index formulas; space_to_depth inverts DCR",
          "[frontend][shape]") {
  std::vector<float> x(32);
  for (int i = 0; i < 32; ++i) x[i] = float(i);
  const Shape in_shape{1, 8, 2, 2}, out_shape{1, 2, 4, 4};
  for (DepthToSpaceMode mode : {DepthToSpaceMode::DCR, DepthToSpaceMode::CRD}) {
    HostTensor out =
        run({f32(in_shape, x)}, [&](Builder& b, auto& in) { return depth_to_space(b, in[0], 2, mode); });
    std::vector<double> want(32);
    for_each_index(out_shape, [&](const Shape& o) {
      const int64_t c = o[1], h = o[2] / 2, i = o[2] % 2, w = o[3] / 2, j = o[3] % 2;
      const int64_t src = mode == DepthToSpaceMode::DCR ? (i * 2 + j) * 2 + c : c * 4 + i * 2 + j;
      want[offset(out_shape, o)] = x[offset(in_shape, {0, src, h, w})];
    });
    CHECK(mismatch(out, out_shape, want) == "");
  }
  HostTensor round = run({f32(in_shape, x)}, [](Builder& b, auto& in) {
    return space_to_depth(b, depth_to_space(b, in[0], 2), 2);
  });
  CHECK(values<float>(round) == x);
}

}  // namespace
}  // namespace tisa::ops::test
