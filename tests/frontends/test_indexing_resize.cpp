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
  // mul (a TISA 1.1 scatter mode): duplicates multiply in.
  HostTensor mul = run(
      {f32({1, 3}, {2, 3, 4}), i64({1, 3}, {2, 0, 2}), f32({1, 3}, {5, -1, 0.5f})},
      [](Builder& b, auto& v) { return scatter_elements(b, v[0], v[1], v[2], 1, ScatterReduction::Mul); });
  CHECK(mismatch(mul, {1, 3}, {-2, 3, 10}) == "");
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
    case CoordinateTransform::AlignCorners: {
      // ONNX's reference divides by the unrounded resized length in * scale.
      const double length = double(in) * scale;
      return length == 1.0 ? 0.0 : o * double(in - 1) / (length - 1);
    }
    case CoordinateTransform::HalfPixelSymmetric: {
      const double adj = double(out) / (scale * double(in)), offset = double(in) / 2 * (1 - adj);
      return offset + (o + 0.5) / scale - 0.5;
    }
    case CoordinateTransform::TfCropAndResize: break;
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

// Cubic and tf_crop_and_resize by ONNX's reference construction: the n nearest elements of the
// edge-padded row (ties to the lower index), weighted by Keys' kernel of their distance.
struct Taps {
  std::vector<int64_t> index;
  std::vector<double> weight;
};

Taps reference_taps(const ResizeOptions& o, double c, int64_t in) {
  const int n = o.mode == ResizeMode::Cubic ? 4 : 2;
  std::vector<int64_t> candidates;
  for (int64_t i = -2; i < in + 2; ++i) candidates.push_back(i);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](int64_t a, int64_t b) { return std::fabs(c - double(a)) < std::fabs(c - double(b)); });
  Taps t;
  t.index.assign(candidates.begin(), candidates.begin() + n);
  std::sort(t.index.begin(), t.index.end());
  const double a = o.cubic_coeff_a;
  double sum = 0;
  for (int64_t i : t.index) {
    const double d = std::fabs(c - double(i));
    double w = 0;
    if (o.mode == ResizeMode::Linear)
      w = std::max(0.0, 1 - d);
    else if (d <= 1)
      w = (a + 2) * d * d * d - (a + 3) * d * d + 1;
    else if (d < 2)
      w = a * d * d * d - 5 * a * d * d + 8 * a * d - 4 * a;
    if (o.exclude_outside && (i < 0 || i >= in)) w = 0;
    t.weight.push_back(w);
    sum += w;
  }
  if (o.exclude_outside)
    for (double& w : t.weight) w /= sum;
  for (int64_t& i : t.index) i = std::clamp<int64_t>(i, 0, in - 1);
  return t;
}

double crop_source(const ResizeOptions& o, int axis, double p, double length, int64_t in) {
  const double start = o.roi[size_t(axis)], end = o.roi[size_t(axis) + 4];
  const double x =
      length == 1 ? (end - start) * double(in - 1) / 2 : p * (end - start) * double(in - 1) / (length - 1);
  return x + start * double(in - 1);
}

std::vector<double> ref_resize_taps(const std::vector<float>& x, int64_t h, int64_t w, int64_t oh, int64_t ow,
                                    double sh, double sw, const ResizeOptions& o) {
  const bool crop = o.transform == CoordinateTransform::TfCropAndResize;
  std::vector<double> out;
  for (int64_t i = 0; i < oh; ++i)
    for (int64_t j = 0; j < ow; ++j) {
      const double ci =
          crop ? crop_source(o, 2, double(i), double(h) * sh, h) : source(o.transform, double(i), sh, h, oh);
      const double cj =
          crop ? crop_source(o, 3, double(j), double(w) * sw, w) : source(o.transform, double(j), sw, w, ow);
      if (crop && (ci < 0 || ci > double(h - 1) || cj < 0 || cj > double(w - 1))) {
        out.push_back(o.extrapolation_value);
        continue;
      }
      const Taps ti = reference_taps(o, ci, h), tj = reference_taps(o, cj, w);
      double v = 0;
      for (size_t a = 0; a < ti.index.size(); ++a)
        for (size_t b = 0; b < tj.index.size(); ++b)
          v += ti.weight[a] * tj.weight[b] * double(x[size_t(ti.index[a] * w + tj.index[b])]);
      out.push_back(v);
    }
  return out;
}

TEST_CASE("resize cubic: every transform, cubic_coeff_a, exclude_outside", "[frontend][resize]") {
  const int64_t h = 4, w = 5;
  std::vector<float> x = data(size_t(h * w), 151);
  struct Scales {
    double sh, sw;
  };
  for (Scales sc : {Scales{2.0, 3.0}, Scales{0.6, 1.75}, Scales{0.5, 0.8}})
    for (CoordinateTransform t : {CoordinateTransform::HalfPixel, CoordinateTransform::PytorchHalfPixel,
                                  CoordinateTransform::Asymmetric, CoordinateTransform::AlignCorners})
      for (double a : {-0.75, -0.5})
        for (bool exclude : {false, true}) {
          const double fh = double(float(sc.sh)), fw = double(float(sc.sw));
          const int64_t oh = int64_t(std::floor(double(h) * fh)), ow = int64_t(std::floor(double(w) * fw));
          ResizeOptions o;
          o.mode = ResizeMode::Cubic;
          o.transform = t;
          o.cubic_coeff_a = a;
          o.exclude_outside = exclude;
          o.scales = {1.0, 1.0, sc.sh, sc.sw};
          HostTensor out =
              run({f32({1, 1, h, w}, x)}, [&](Builder& b, auto& v) { return resize(b, v[0], o); });
          INFO("scales " << sc.sh << "x" << sc.sw << " transform " << int(t) << " a " << a << " exclude "
                         << exclude);
          CHECK(mismatch(out, {1, 1, oh, ow}, ref_resize_taps(x, h, w, oh, ow, fh, fw, o), 1e-5, 1e-6) == "");
        }
}

TEST_CASE("resize tf_crop_and_resize: roi box, extrapolation outside it", "[frontend][resize]") {
  const int64_t h = 4, w = 4;
  std::vector<float> x = data(size_t(h * w), 161);
  for (ResizeMode mode : {ResizeMode::Nearest, ResizeMode::Linear, ResizeMode::Cubic})
    for (std::vector<double> roi : {std::vector<double>{0, 0, 0.4, 0.6, 1, 1, 0.6, 0.8},
                                    std::vector<double>{0, 0, 0.4, 0.6, 1, 1, 1.2, 1.7},
                                    std::vector<double>{0, 0, -0.3, 0.1, 1, 1, 0.9, 0.5}}) {
      ResizeOptions o;
      o.mode = mode;
      o.transform = CoordinateTransform::TfCropAndResize;
      o.nearest = NearestMode::RoundPreferCeil;
      o.roi = roi;
      o.extrapolation_value = 10.0;
      o.sizes = {1, 1, 3, 5};
      HostTensor out = run({f32({1, 1, h, w}, x)}, [&](Builder& b, auto& v) { return resize(b, v[0], o); });
      INFO("mode " << int(mode) << " roi " << roi[2] << ", " << roi[3] << " .. " << roi[6] << ", " << roi[7]);
      std::vector<double> want;
      if (mode == ResizeMode::Nearest) {
        for (int64_t i = 0; i < 3; ++i)
          for (int64_t j = 0; j < 5; ++j) {
            const double ci = crop_source(o, 2, double(i), 3, h), cj = crop_source(o, 3, double(j), 5, w);
            const bool outside = ci < 0 || ci > double(h - 1) || cj < 0 || cj > double(w - 1);
            want.push_back(outside ? 10.0
                                   : x[size_t(std::floor(ci + 0.5) * double(w) + std::floor(cj + 0.5))]);
          }
      } else {
        want = ref_resize_taps(x, h, w, 3, 5, 3.0 / double(h), 5.0 / double(w), o);
      }
      CHECK(mismatch(out, {1, 1, 3, 5}, want, 1e-5, 1e-6) == "");
    }
  // An axis of unchanged size is still cropped.
  ResizeOptions o;
  o.mode = ResizeMode::Linear;
  o.transform = CoordinateTransform::TfCropAndResize;
  o.roi = {0, 0, 0.5, 0, 1, 1, 1, 1};
  o.sizes = {1, 1, 4, 4};
  HostTensor out = run({f32({1, 1, h, w}, x)}, [&](Builder& b, auto& v) { return resize(b, v[0], o); });
  CHECK(mismatch(out, {1, 1, 4, 4}, ref_resize_taps(x, h, w, 4, 4, 1.0, 1.0, o), 1e-5, 1e-6) == "");
}

TEST_CASE("resize rejects what it cannot do, naming it", "[frontend][resize]") {
  Builder b;
  Value xi = b.input(TISA_DTYPE_I32, {lit(1), lit(1), lit(2), lit(2)});
  ResizeOptions o;
  o.mode = ResizeMode::Cubic;
  o.scales = {1, 1, 2, 2};
  CHECK(error_of([&] { resize(b, xi, o); }).find("needs a float tensor") != std::string::npos);
  Value xs = b.input(TISA_DTYPE_F32, {lit(1), lit(1), b.symbol("H"), lit(2)});
  CHECK(error_of([&] { resize(b, xs, o); }).find("must be a literal dimension") != std::string::npos);
  o.transform = CoordinateTransform::TfCropAndResize;
  o.roi = {0, 1};
  Value xf = b.input(TISA_DTYPE_F32, {lit(1), lit(1), lit(2), lit(2)});
  CHECK(error_of([&] { resize(b, xf, o); }).find("roi has 2 values") != std::string::npos);
}

}  // namespace
}  // namespace tisa::ops::test
