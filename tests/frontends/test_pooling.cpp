// Max / average / Lp / global pooling against a direct window loop.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

enum class Kind { Max, AvgInclude, AvgExclude, L2 };

// Windows start at o * stride - pad_begin; ceil mode rounds the count up and drops a window
// starting in the end padding. Averages divide by the taps inside [-pad_begin, in + pad_end)
// (include) or inside the input (exclude).
std::vector<double> ref_pool(const std::vector<float>& x, const Shape& xs, const WindowParams& p, Kind kind,
                             Shape& out_shape) {
  const size_t s = xs.size() - 2;
  out_shape = {xs[0], xs[1]};
  for (size_t i = 0; i < s; ++i) {
    const int64_t span = p.dilations[i] * (p.kernel[i] - 1) + 1;
    const int64_t room = xs[i + 2] + p.pads_begin[i] + p.pads_end[i] - span;
    int64_t out = (p.ceil_mode ? (room + p.strides[i] - 1) / p.strides[i] : room / p.strides[i]) + 1;
    if (p.ceil_mode && (out - 1) * p.strides[i] >= xs[i + 2] + p.pads_begin[i]) --out;
    out_shape.push_back(out);
  }
  std::vector<double> out;
  const Shape kernel = p.kernel;
  for_each_index(out_shape, [&](const Shape& o) {
    double acc = kind == Kind::Max ? -INFINITY : 0.0;
    double n = 0;
    for_each_index(kernel, [&](const Shape& t) {
      Shape xi{o[0], o[1]};
      bool inside = true, in_pads = true;
      for (size_t i = 0; i < s; ++i) {
        const int64_t c = o[i + 2] * p.strides[i] + t[i] * p.dilations[i] - p.pads_begin[i];
        inside = inside && c >= 0 && c < xs[i + 2];
        in_pads = in_pads && c >= -p.pads_begin[i] && c < xs[i + 2] + p.pads_end[i];
        xi.push_back(c);
      }
      if (kind == Kind::AvgInclude ? in_pads : inside) n += 1;
      if (!inside) return;
      const double v = x[offset(xs, xi)];
      if (kind == Kind::Max)
        acc = std::max(acc, v);
      else if (kind == Kind::L2)
        acc += v * v;
      else
        acc += v;
    });
    out.push_back(kind == Kind::Max ? acc : kind == Kind::L2 ? std::sqrt(acc) : acc / n);
  });
  return out;
}

WindowParams params(std::vector<int64_t> k, std::vector<int64_t> s, std::vector<int64_t> d,
                    std::vector<int64_t> pb, std::vector<int64_t> pe, bool ceil_mode) {
  WindowParams p;
  p.kernel = std::move(k);
  p.strides = std::move(s);
  p.dilations = std::move(d);
  p.pads_begin = std::move(pb);
  p.pads_end = std::move(pe);
  p.ceil_mode = ceil_mode;
  return p;
}

std::string check_pool(const Shape& xs, const WindowParams& p, Kind kind) {
  std::vector<float> x = data(size_t(count(xs)), 81);
  Shape out_shape;
  const auto want = ref_pool(x, xs, p, kind, out_shape);
  HostTensor out = run({f32(xs, x)}, [&](Builder& b, auto& v) {
    switch (kind) {
      case Kind::Max: return max_pool(b, v[0], p);
      case Kind::AvgInclude: return average_pool(b, v[0], p, true);
      case Kind::AvgExclude: return average_pool(b, v[0], p, false);
      case Kind::L2: return lp_pool(b, v[0], p, 2);
    }
    return v[0];
  });
  return mismatch(out, out_shape, want, 1e-5, 1e-6);
}

TEST_CASE("max pooling: padding, strides, dilation, ceil mode", "[frontend][pool]") {
  CHECK(check_pool({1, 2, 5, 5}, params({2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, false), Kind::Max) == "");
  CHECK(check_pool({2, 1, 6, 7}, params({3, 2}, {2, 1}, {1, 2}, {1, 0}, {1, 1}, false), Kind::Max) == "");
  CHECK(check_pool({1, 2, 5, 6}, params({2, 3}, {2, 2}, {1, 1}, {0, 1}, {0, 1}, true), Kind::Max) == "");
  CHECK(check_pool({1, 1, 7}, params({3}, {3}, {1}, {1}, {1}, true), Kind::Max) == "");
  CHECK(check_pool({1, 1, 4, 3, 5}, params({2, 2, 2}, {2, 1, 2}, {1, 1, 1}, {0, 0, 1}, {0, 1, 0}, false),
                   Kind::Max) == "");
}

TEST_CASE("max pooling pads with -inf: an all-negative window at the border", "[frontend][pool]") {
  HostTensor out = run({f32({1, 1, 2}, {-5, -7})}, [](Builder& b, auto& v) {
    return max_pool(b, v[0], params({2}, {1}, {1}, {1}, {1}, false));
  });
  CHECK(mismatch(out, {1, 1, 3}, {-5, -5, -7}) == "");
}

TEST_CASE("average pooling, count_include_pad both ways", "[frontend][pool]") {
  for (Kind kind : {Kind::AvgInclude, Kind::AvgExclude}) {
    CHECK(check_pool({1, 2, 5, 5}, params({3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, false), kind) == "");
    CHECK(check_pool({2, 1, 6, 5}, params({2, 3}, {2, 2}, {1, 1}, {1, 0}, {0, 2}, true), kind) == "");
    CHECK(check_pool({1, 1, 8}, params({3}, {2}, {2}, {2}, {1}, false), kind) == "");
    CHECK(check_pool({1, 1, 4, 4}, params({2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, false), kind) == "");
  }
  CHECK(check_pool({1, 2, 5, 5}, params({2, 2}, {2, 2}, {1, 1}, {1, 0}, {0, 1}, false), Kind::L2) == "");
}

TEST_CASE("pooling with auto_pad SAME_UPPER and a symbolic batch", "[frontend][pool]") {
  for (int64_t n : {1, 3}) {
    const Shape xs{n, 2, 5, 5};
    std::vector<float> x = data(size_t(count(xs)), 91);
    auto out = eval(
        [](Builder& b) {
          Value v = b.input(TISA_DTYPE_F32, {b.symbol("N"), lit(2), lit(5), lit(5)});
          WindowParams p;
          p.kernel = {3, 3};
          p.strides = {2, 2};
          p.auto_pad = AutoPad::SameUpper;
          return std::vector<Value>{max_pool(b, v, p), average_pool(b, v, p, false)};
        },
        {f32(xs, x)});
    // SAME_UPPER on 5 with k 3, s 2: out 3, total pad (3-1)*2 + 3 - 5 = 2: 1 before, 1 after.
    Shape out_shape;
    CHECK(mismatch(out[0], {n, 2, 3, 3},
                   ref_pool(x, xs, params({3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, false), Kind::Max,
                            out_shape)) == "");
    CHECK(mismatch(out[1], {n, 2, 3, 3},
                   ref_pool(x, xs, params({3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, false), Kind::AvgExclude,
                            out_shape),
                   1e-5, 1e-6) == "");
  }
}

// Values and flat indices of the first maximum of each window (row-major window order), the
// index row- or column-major over the spatial axes.
struct RefArgmax {
  std::vector<double> values, indices;
};
RefArgmax ref_max_pool_indices(const std::vector<float>& x, const Shape& xs, const WindowParams& p,
                               bool column_major, Shape& out_shape) {
  ref_pool(x, xs, p, Kind::Max, out_shape);
  const size_t s = xs.size() - 2;
  RefArgmax r;
  for_each_index(out_shape, [&](const Shape& o) {
    double best = -INFINITY;
    int64_t at = -1;
    for_each_index(p.kernel, [&](const Shape& t) {
      Shape xi{o[0], o[1]};
      for (size_t i = 0; i < s; ++i) {
        xi.push_back(o[i + 2] * p.strides[i] + t[i] * p.dilations[i] - p.pads_begin[i]);
        if (xi.back() < 0 || xi.back() >= xs[i + 2]) return;
      }
      const double v = x[offset(xs, xi)];
      if (at >= 0 && !(v > best)) return;
      best = v;
      int64_t spatial = 0;
      for (size_t i = 0; i < s; ++i) {
        const size_t a = column_major ? s - 1 - i : i;  // the slowest axis first
        spatial = spatial * xs[a + 2] + xi[a + 2];
      }
      at = (o[0] * xs[1] + o[1]) * (count(xs) / xs[0] / xs[1]) + spatial;
    });
    r.values.push_back(best);
    r.indices.push_back(double(at));
  });
  return r;
}

TEST_CASE("max pooling with indices: ties, padding, dilation, both storage orders", "[frontend][pool]") {
  struct Case {
    Shape xs;
    WindowParams p;
  };
  for (const Case& c :
       {Case{{2, 2, 5, 5}, params({2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, false)},
        Case{{1, 2, 5, 6}, params({3, 2}, {1, 2}, {1, 2}, {1, 0}, {1, 1}, false)},
        Case{{1, 1, 7}, params({3}, {2}, {1}, {1}, {1}, true)},
        Case{{1, 2, 3, 4, 3}, params({2, 2, 2}, {1, 2, 1}, {1, 1, 1}, {0, 1, 0}, {1, 0, 0}, false)}})
    for (bool column_major : {false, true}) {
      // Values rounded to thirds, so that windows hold ties.
      std::vector<float> x = data(size_t(count(c.xs)), 111);
      for (float& v : x) v = std::round(v * 3) / 3;
      Shape out_shape;
      const RefArgmax want = ref_max_pool_indices(x, c.xs, c.p, column_major, out_shape);
      auto out = eval(
          [&](Builder& b) {
            Value v = b.input(TISA_DTYPE_F32, ir::lits(c.xs));
            const PoolWithIndices r = max_pool_with_indices(b, v, c.p, column_major);
            return std::vector<Value>{r.values, r.indices};
          },
          {f32(c.xs, x)});
      INFO("input rank " << c.xs.size() << " column_major " << column_major);
      CHECK(mismatch(out[0], out_shape, want.values) == "");
      REQUIRE(out[1].dtype == TISA_DTYPE_I64);
      std::vector<double> got;
      for (int64_t i : values<int64_t>(out[1])) got.push_back(double(i));
      CHECK(out[1].shape == out_shape);
      CHECK(mismatch(std::vector<float>(got.begin(), got.end()), want.indices, 0, 0) == "");
    }
}

TEST_CASE("max_unpool inverts max pooling; output sizes pad or crop at the end", "[frontend][pool]") {
  const Shape xs{1, 2, 4, 5};
  std::vector<float> x = data(size_t(count(xs)), 121);
  const WindowParams p = params({2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 1}, false);
  Shape pooled_shape;
  const RefArgmax pooled = ref_max_pool_indices(x, xs, p, false, pooled_shape);  // [1, 2, 2, 3]
  // Unpooled: (2 - 1) * 2 + 2 = 4 rows, (3 - 1) * 2 + 2 - 1 = 5 columns: the input's shape.
  for (const Shape& spatial : {Shape{}, Shape{5, 7}, Shape{3, 5}}) {
    const Shape unpooled{1, 2, 4, 5};
    const Shape out_shape = spatial.empty() ? unpooled : Shape{1, 2, spatial[0], spatial[1]};
    std::vector<double> want(size_t(count(out_shape)), 0.0);
    for (size_t i = 0; i < pooled.indices.size(); ++i) {
      Shape at(4);
      int64_t flat = int64_t(pooled.indices[i]);
      for (size_t a = 4; a-- > 0;) {
        at[a] = flat % unpooled[a];
        flat /= unpooled[a];
      }
      if (at[2] < out_shape[2] && at[3] < out_shape[3])
        want[size_t(offset(out_shape, at))] = pooled.values[i];
    }
    std::vector<int64_t> idx;
    for (double d : pooled.indices) idx.push_back(int64_t(d));
    std::vector<float> vals(pooled.values.begin(), pooled.values.end());
    HostTensor out = run({f32(pooled_shape, vals), i64(pooled_shape, idx)},
                         [&](Builder& b, auto& v) { return max_unpool(b, v[0], v[1], p, spatial); });
    INFO("output spatial " << spatial.size());
    CHECK(mismatch(out, out_shape, want, 0, 0) == "");
  }
  Builder b;
  Value v = b.input(TISA_DTYPE_F32, {lit(1), lit(1), lit(2), lit(2)});
  Value i = b.input(TISA_DTYPE_I64, {lit(1), lit(1), lit(2), lit(3)});
  CHECK(error_of([&] {
          max_unpool(b, v, i, params({2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, false));
        }).find("do not have the shape of x") != std::string::npos);
}

TEST_CASE("global pooling", "[frontend][pool]") {
  std::vector<float> x = data(2 * 3 * 4, 101);
  HostTensor mx = run({f32({2, 3, 4}, x)}, [](Builder& b, auto& v) { return global_max_pool(b, v[0]); });
  HostTensor avg = run({f32({2, 3, 4}, x)}, [](Builder& b, auto& v) { return global_average_pool(b, v[0]); });
  HostTensor lp = run({f32({2, 3, 4}, x)}, [](Builder& b, auto& v) { return global_lp_pool(b, v[0], 3); });
  std::vector<double> want_max, want_avg, want_lp;
  for (int r = 0; r < 6; ++r) {
    double m = -INFINITY, s = 0, p = 0;
    for (int k = 0; k < 4; ++k) {
      m = std::max(m, double(x[r * 4 + k]));
      s += x[r * 4 + k];
      p += std::pow(std::fabs(double(x[r * 4 + k])), 3);
    }
    want_max.push_back(m);
    want_avg.push_back(s / 4);
    want_lp.push_back(std::cbrt(p));
  }
  CHECK(mismatch(mx, {2, 3, 1}, want_max) == "");
  CHECK(mismatch(avg, {2, 3, 1}, want_avg) == "");
  CHECK(mismatch(lp, {2, 3, 1}, want_lp, 1e-4, 1e-6) == "");
}

}  // namespace
}  // namespace tisa::ops::test
