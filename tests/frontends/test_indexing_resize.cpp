// gather / embedding / gather_elements / scatter_elements / one_hot, and resize against the
// ONNX formulas evaluated in double.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

TEST_CASE("gather wraps negative indices; far out of range reads 0", "[frontend][indexing]") {
  HostTensor out = run({f32({2, 3}, {1, 2, 3, 4, 5, 6}), i64({2, 2}, {-1, 0, 2, -7})},
                       [](Builder& b, auto& v) { return gather(b, v[0], v[1], -1); });
  CHECK(mismatch(out, {2, 2, 2}, {3, 1, 3, 0, 6, 4, 6, 0}) == "");
}

TEST_CASE("embedding lookup over symbolic ids", "[frontend][indexing]") {
  std::vector<float> table = data(5 * 3, 111);
  for (int64_t n : {1, 3}) {
    std::vector<int32_t> ids = {4, 0, 2};
    ids.resize(size_t(n));
    auto out = eval(
        [&](Builder& b) {
          Value i = b.input(TISA_DTYPE_I32, {b.symbol("N")});
          Value t = b.constant(TISA_DTYPE_F32, {5, 3}, std::span<const float>(table));
          return std::vector<Value>{embedding(b, t, i)};
        },
        {i32({n}, ids)});
    std::vector<double> want;
    for (int32_t id : ids)
      for (int k = 0; k < 3; ++k) want.push_back(table[id * 3 + k]);
    CHECK(mismatch(out[0], {n, 3}, want) == "");
  }
}

TEST_CASE("gather_elements and scatter_elements along an axis", "[frontend][indexing]") {
  HostTensor data3 = f32({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  HostTensor idx = i64({2, 3}, {1, 2, 0, 2, 0, -3});
  HostTensor g = run({data3, idx}, [](Builder& b, auto& v) { return gather_elements(b, v[0], v[1], 0); });
  CHECK(mismatch(g, {2, 3}, {4, 8, 3, 7, 2, 3}) == "");
  HostTensor g1 = run({data3, i64({3, 1}, {2, 0, 1})},
                      [](Builder& b, auto& v) { return gather_elements(b, v[0], v[1], 1); });
  CHECK(mismatch(g1, {3, 1}, {3, 4, 8}) == "");

  HostTensor zeros = f32({3, 3}, std::vector<float>(9, 0.f));
  HostTensor upd = f32({1, 3}, {10, 20, 30});
  HostTensor s = run({zeros, i64({1, 3}, {1, 0, 2}), upd},
                     [](Builder& b, auto& v) { return scatter_elements(b, v[0], v[1], v[2], 0); });
  CHECK(mismatch(s, {3, 3}, {0, 20, 0, 10, 0, 0, 0, 0, 30}) == "");
  HostTensor add = run(
      {f32({1, 3}, {1, 1, 1}), i64({1, 2}, {2, 2}), f32({1, 2}, {5, 7})},
      [](Builder& b, auto& v) { return scatter_elements(b, v[0], v[1], v[2], 1, ScatterReduction::Add); });
  CHECK(mismatch(add, {1, 3}, {1, 1, 13}) == "");
}

TEST_CASE("one_hot with negative indices and a middle axis", "[frontend][indexing]") {
  HostTensor out = run({i64({2}, {1, -1}), f32({}, {5}), f32({}, {-1})},
                       [](Builder& b, auto& v) { return one_hot(b, v[0], 3, v[1], v[2], 0); });
  // axis 0: out[k, i] = (indices[i] mod 3 == k)
  CHECK(mismatch(out, {3, 2}, {-1, -1, 5, -1, -1, 5}) == "");
}

double source(CoordinateTransform t, double o, double scale, int64_t in, int64_t out) {
  switch (t) {
    case CoordinateTransform::HalfPixel: return (o + 0.5) / scale - 0.5;
    case CoordinateTransform::PytorchHalfPixel: return out > 1 ? (o + 0.5) / scale - 0.5 : 0.0;
    case CoordinateTransform::Asymmetric: return o / scale;
    case CoordinateTransform::TfHalfPixelForNN: return (o + 0.5) / scale;
    case CoordinateTransform::AlignCorners: return out == 1 ? 0.0 : o * double(in - 1) / double(out - 1);
    case CoordinateTransform::HalfPixelSymmetric: {
      const double adj = double(out) / (scale * double(in)), offset = double(in) / 2 * (1 - adj);
      return offset + (o + 0.5) / scale - 0.5;
    }
  }
  return 0;
}

// 2-D resize of x[1, 1, h, w] by the ONNX definitions.
std::vector<double> ref_resize(const std::vector<float>& x, int64_t h, int64_t w, int64_t oh, int64_t ow,
                               double sh, double sw, const ResizeOptions& o) {
  auto clampi = [](int64_t v, int64_t n) { return std::clamp<int64_t>(v, 0, n - 1); };
  auto nearest = [&](double c) {
    switch (o.nearest) {
      case NearestMode::RoundPreferFloor: return int64_t(std::ceil(c - 0.5));
      case NearestMode::RoundPreferCeil: return int64_t(std::floor(c + 0.5));
      case NearestMode::Floor: return int64_t(std::floor(c));
      case NearestMode::Ceil: return int64_t(std::ceil(c));
    }
    return int64_t{0};
  };
  std::vector<double> out;
  for (int64_t i = 0; i < oh; ++i)
    for (int64_t j = 0; j < ow; ++j) {
      const double ci = source(o.transform, double(i), sh, h, oh),
                   cj = source(o.transform, double(j), sw, w, ow);
      if (o.mode == ResizeMode::Nearest) {
        out.push_back(x[clampi(nearest(ci), h) * w + clampi(nearest(cj), w)]);
        continue;
      }
      const int64_t i0 = int64_t(std::floor(ci)), j0 = int64_t(std::floor(cj));
      const double ti = ci - double(i0), tj = cj - double(j0);
      auto at = [&](int64_t a, int64_t c) { return double(x[clampi(a, h) * w + clampi(c, w)]); };
      out.push_back((1 - ti) * ((1 - tj) * at(i0, j0) + tj * at(i0, j0 + 1)) +
                    ti * ((1 - tj) * at(i0 + 1, j0) + tj * at(i0 + 1, j0 + 1)));
    }
  return out;
}

TEST_CASE("resize nearest and linear, integer and fractional scales, every transform", "[frontend][resize]") {
  const int64_t h = 3, w = 4;
  std::vector<float> x = data(size_t(h * w), 121);
  struct Scales {
    double sh, sw;
  };
  for (Scales sc : {Scales{2.0, 3.0}, Scales{1.5, 0.5}, Scales{0.6, 1.75}}) {
    const int64_t oh = int64_t(std::floor(double(h) * double(float(sc.sh)))),
                  ow = int64_t(std::floor(double(w) * double(float(sc.sw))));
    for (ResizeMode mode : {ResizeMode::Nearest, ResizeMode::Linear})
      for (CoordinateTransform t :
           {CoordinateTransform::HalfPixel, CoordinateTransform::PytorchHalfPixel,
            CoordinateTransform::Asymmetric, CoordinateTransform::AlignCorners,
            CoordinateTransform::TfHalfPixelForNN, CoordinateTransform::HalfPixelSymmetric})
        for (NearestMode nm : {NearestMode::RoundPreferFloor, NearestMode::RoundPreferCeil,
                               NearestMode::Floor, NearestMode::Ceil}) {
          if (mode == ResizeMode::Linear && nm != NearestMode::RoundPreferFloor) continue;
          ResizeOptions o;
          o.mode = mode;
          o.transform = t;
          o.nearest = nm;
          o.scales = {1.0, 1.0, sc.sh, sc.sw};
          HostTensor out =
              run({f32({1, 1, h, w}, x)}, [&](Builder& b, auto& v) { return resize(b, v[0], o); });
          INFO("scales " << sc.sh << "x" << sc.sw << " mode " << int(mode) << " transform " << int(t)
                         << " nearest " << int(nm));
          CHECK(mismatch(out, {1, 1, oh, ow},
                         ref_resize(x, h, w, oh, ow, double(float(sc.sh)), double(float(sc.sw)), o), 1e-5,
                         1e-6) == "");
        }
  }
}

TEST_CASE("resize by sizes, and by scale over a symbolic batch and height", "[frontend][resize]") {
  std::vector<float> x = data(2 * 3, 131);
  ResizeOptions o;
  o.mode = ResizeMode::Linear;
  o.sizes = {1, 1, 5, 2};
  HostTensor out = run({f32({1, 1, 2, 3}, x)}, [&](Builder& b, auto& v) { return resize(b, v[0], o); });
  CHECK(mismatch(out, {1, 1, 5, 2}, ref_resize(x, 2, 3, 5, 2, 2.5, 2.0 / 3.0, o), 1e-5, 1e-6) == "");

  for (int64_t n : {1, 3}) {
    const int64_t h = n + 1;  // H bound separately: 2 or 4 rows
    std::vector<float> xs = data(size_t(n * h * 2), 141);
    auto r = eval(
        [](Builder& b) {
          Value v = b.input(TISA_DTYPE_F32, {b.symbol("N"), lit(1), b.symbol("H"), lit(2)});
          ResizeOptions s;
          s.scales = {1.0, 1.0, 1.5, 2.0};
          Value y = resize(b, v, s);
          CHECK(dims_str(b, dims_of(b, y)) == "[N, 1, floordiv(H * 3, 2), 4]");
          return std::vector<Value>{y};
        },
        {f32({n, 1, h, 2}, xs)});
    const int64_t oh = h * 3 / 2;
    std::vector<double> want;
    for (int64_t i = 0; i < n; ++i) {
      std::vector<float> plane(xs.begin() + i * h * 2, xs.begin() + (i + 1) * h * 2);
      ResizeOptions ref_o;
      auto part = ref_resize(plane, h, 2, oh, 4, 1.5, 2.0, ref_o);
      want.insert(want.end(), part.begin(), part.end());
    }
    CHECK(mismatch(r[0], {n, 1, oh, 4}, want) == "");
  }
}

}  // namespace
}  // namespace tisa::ops::test
