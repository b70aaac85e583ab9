// conv and conv_transpose against direct nested-loop (gather-style and scatter-style) references.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

struct Geometry {
  std::vector<int64_t> strides, dilations, pads_begin, pads_end;
  int64_t group = 1;
};

// out[n, o, p...] = bias[o] + sum over c in o's group, kernel taps t of
// x[n, c, p * stride + t * dilation - pad] * w[o, c - group start, t] (outside x: 0).
std::vector<double> ref_conv(const std::vector<float>& x, const Shape& xs, const std::vector<float>& w,
                             const Shape& ws, const std::vector<float>& bias, const Geometry& g,
                             Shape& out_shape) {
  const size_t s = xs.size() - 2;
  const int64_t og = ws[0] / g.group, cg = ws[1];
  out_shape = {xs[0], ws[0]};
  for (size_t i = 0; i < s; ++i)
    out_shape.push_back((xs[i + 2] + g.pads_begin[i] + g.pads_end[i] - g.dilations[i] * (ws[i + 2] - 1) - 1) /
                            g.strides[i] +
                        1);
  const Shape kernel(ws.begin() + 2, ws.end());
  std::vector<double> out;
  for_each_index(out_shape, [&](const Shape& o) {
    double acc = bias.empty() ? 0.0 : bias[o[1]];
    const int64_t grp = o[1] / og;
    for (int64_t c = 0; c < cg; ++c)
      for_each_index(kernel, [&](const Shape& t) {
        Shape xi{o[0], grp * cg + c};
        for (size_t i = 0; i < s; ++i) {
          const int64_t p = o[i + 2] * g.strides[i] + t[i] * g.dilations[i] - g.pads_begin[i];
          if (p < 0 || p >= xs[i + 2]) return;
          xi.push_back(p);
        }
        Shape wi{o[1], c};
        wi.insert(wi.end(), t.begin(), t.end());
        acc += double(x[offset(xs, xi)]) * w[offset(ws, wi)];
      });
    out.push_back(acc);
  });
  return out;
}

ConvOptions options(const Geometry& g) {
  ConvOptions o;
  o.strides = g.strides;
  o.dilations = g.dilations;
  o.pads_begin = g.pads_begin;
  o.pads_end = g.pads_end;
  o.group = g.group;
  return o;
}

std::string check_conv(const Shape& xs, const Shape& ws, const Geometry& g, bool with_bias) {
  std::vector<float> x = data(size_t(count(xs)), 31), w = data(size_t(count(ws)), 32);
  std::vector<float> bias = with_bias ? data(size_t(ws[0]), 33) : std::vector<float>{};
  Shape out_shape;
  const std::vector<double> want = ref_conv(x, xs, w, ws, bias, g, out_shape);
  std::vector<HostTensor> in{f32(xs, x), f32(ws, w)};
  if (with_bias) in.push_back(f32({ws[0]}, bias));
  HostTensor out = run(in, [&](Builder& b, auto& v) {
    return conv(b, v[0], v[1], with_bias ? std::optional<Value>(v[2]) : std::nullopt, options(g));
  });
  return mismatch(out, out_shape, want, 1e-5, 1e-5);
}

TEST_CASE("conv 2-D with strides, dilation, groups and asymmetric padding", "[frontend][conv]") {
  CHECK(check_conv({1, 2, 5, 5}, {3, 2, 3, 3}, {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 1}, true) == "");
  CHECK(check_conv({2, 4, 7, 6}, {6, 2, 3, 2}, {{2, 1}, {1, 2}, {1, 0}, {2, 1}, 2}, true) == "");
  CHECK(check_conv({1, 4, 6, 6}, {4, 1, 3, 3}, {{1, 2}, {2, 1}, {2, 0}, {0, 1}, 4}, false) ==
        "");  // depthwise
}

TEST_CASE("conv 1-D and 3-D", "[frontend][conv]") {
  CHECK(check_conv({2, 3, 9}, {4, 3, 3}, {{2}, {2}, {1}, {2}, 1}, true) == "");
  CHECK(check_conv({1, 2, 4, 5, 3}, {4, 1, 2, 3, 2}, {{1, 2, 1}, {1, 1, 2}, {0, 1, 1}, {1, 1, 0}, 2}, true) ==
        "");
}

TEST_CASE("conv auto_pad SAME_UPPER / SAME_LOWER / VALID", "[frontend][conv]") {
  std::vector<float> x = data(1 * 1 * 5 * 5, 41), w = data(1 * 1 * 2 * 2, 42);
  // kernel 2, stride 2 on 5: out 3, total pad (3-1)*2 + 2 - 5 = 1: upper puts it at the end.
  for (auto [mode, lo] :
       {std::pair{AutoPad::SameUpper, int64_t{0}}, std::pair{AutoPad::SameLower, int64_t{1}}}) {
    ConvOptions o;
    o.strides = {2, 2};
    o.auto_pad = mode;
    HostTensor out = run({f32({1, 1, 5, 5}, x), f32({1, 1, 2, 2}, w)},
                         [&](Builder& b, auto& v) { return conv(b, v[0], v[1], std::nullopt, o); });
    Shape out_shape;
    const auto want = ref_conv(x, {1, 1, 5, 5}, w, {1, 1, 2, 2}, {},
                               {{2, 2}, {1, 1}, {lo, lo}, {1 - lo, 1 - lo}, 1}, out_shape);
    CHECK(out_shape == Shape{1, 1, 3, 3});
    CHECK(mismatch(out, out_shape, want, 1e-5, 1e-6) == "");
  }
  ConvOptions valid;
  valid.auto_pad = AutoPad::Valid;
  valid.pads_begin = {5, 5};  // ignored under VALID
  HostTensor out = run({f32({1, 1, 5, 5}, x), f32({1, 1, 2, 2}, w)},
                       [&](Builder& b, auto& v) { return conv(b, v[0], v[1], std::nullopt, valid); });
  CHECK(out.shape == Shape{1, 1, 4, 4});
}

TEST_CASE("conv over a symbolic batch (N = 1 and 3)", "[frontend][conv]") {
  const Shape ws{4, 2, 3, 3};
  std::vector<float> w = data(size_t(count(ws)), 51), bias = data(4, 52);
  const Geometry g{{1, 1}, {1, 1}, {1, 1}, {1, 1}, 1};
  for (int64_t n : {1, 3}) {
    const Shape xs{n, 2, 4, 4};
    std::vector<float> x = data(size_t(count(xs)), 53);
    auto out = eval(
        [&](Builder& b) {
          Value xv = b.input(TISA_DTYPE_F32, {b.symbol("N"), lit(2), lit(4), lit(4)});
          Value wv = b.constant(TISA_DTYPE_F32, ws, std::span<const float>(w));
          Value bv = b.constant(TISA_DTYPE_F32, {4}, std::span<const float>(bias));
          Value y = conv(b, xv, wv, bv, options(g));
          CHECK(dims_str(b, dims_of(b, y)) == "[N, 4, 4, 4]");
          return std::vector<Value>{y};
        },
        {f32(xs, x)});
    Shape out_shape;
    const auto want = ref_conv(x, xs, w, ws, bias, g, out_shape);
    CHECK(mismatch(out[0], out_shape, want, 1e-5, 1e-5) == "");
  }
}

TEST_CASE("conv rejects mismatched channels with a clear message", "[frontend][conv]") {
  Builder b;
  Value x = b.input(TISA_DTYPE_F32, {lit(1), lit(4), lit(5), lit(5)});
  Value w = b.input(TISA_DTYPE_F32, {lit(6), lit(3), lit(3), lit(3)});
  ConvOptions o;
  o.group = 2;
  CHECK(error_of([&] {
          conv(b, x, w, std::nullopt, o);
        }).find("conv: x has 4 channels and weights [6, 3, 3, 3] with group 2") == 0);
}

struct TransposeGeometry {
  std::vector<int64_t> strides, dilations, pads_begin, pads_end, output_padding;
  int64_t group = 1;
};

// Scatter form: every input element adds x * w into out[p * stride + t * dilation - pad].
std::vector<double> ref_conv_transpose(const std::vector<float>& x, const Shape& xs,
                                       const std::vector<float>& w, const Shape& ws,
                                       const std::vector<float>& bias, const TransposeGeometry& g,
                                       Shape& out_shape) {
  const size_t s = xs.size() - 2;
  const int64_t cin_g = xs[1] / g.group, og = ws[1];
  out_shape = {xs[0], og * g.group};
  for (size_t i = 0; i < s; ++i)
    out_shape.push_back(g.strides[i] * (xs[i + 2] - 1) + g.output_padding[i] +
                        g.dilations[i] * (ws[i + 2] - 1) + 1 - g.pads_begin[i] - g.pads_end[i]);
  std::vector<double> out(size_t(count(out_shape)), 0.0);
  for_each_index(out_shape,
                 [&](const Shape& o) { out[offset(out_shape, o)] = bias.empty() ? 0.0 : bias[o[1]]; });
  const Shape kernel(ws.begin() + 2, ws.end());
  for_each_index(xs, [&](const Shape& xi) {
    const int64_t grp = xi[1] / cin_g;
    for (int64_t oc = 0; oc < og; ++oc)
      for_each_index(kernel, [&](const Shape& t) {
        Shape oi{xi[0], grp * og + oc};
        for (size_t i = 0; i < s; ++i) {
          const int64_t p = xi[i + 2] * g.strides[i] + t[i] * g.dilations[i] - g.pads_begin[i];
          if (p < 0 || p >= out_shape[i + 2]) return;
          oi.push_back(p);
        }
        Shape wi{xi[1], oc};
        wi.insert(wi.end(), t.begin(), t.end());
        out[offset(out_shape, oi)] += double(x[offset(xs, xi)]) * w[offset(ws, wi)];
      });
  });
  return out;
}

std::string check_conv_transpose(const Shape& xs, const Shape& ws, const TransposeGeometry& g,
                                 bool with_bias) {
  std::vector<float> x = data(size_t(count(xs)), 61), w = data(size_t(count(ws)), 62);
  std::vector<float> bias = with_bias ? data(size_t(ws[1] * g.group), 63) : std::vector<float>{};
  Shape out_shape;
  const auto want = ref_conv_transpose(x, xs, w, ws, bias, g, out_shape);
  std::vector<HostTensor> in{f32(xs, x), f32(ws, w)};
  if (with_bias) in.push_back(f32({ws[1] * g.group}, bias));
  ConvTransposeOptions o;
  o.strides = g.strides;
  o.dilations = g.dilations;
  o.pads_begin = g.pads_begin;
  o.pads_end = g.pads_end;
  o.output_padding = g.output_padding;
  o.group = g.group;
  HostTensor out = run(in, [&](Builder& b, auto& v) {
    return conv_transpose(b, v[0], v[1], with_bias ? std::optional<Value>(v[2]) : std::nullopt, o);
  });
  return mismatch(out, out_shape, want, 1e-5, 1e-5);
}

TEST_CASE("conv_transpose 2-D against the scatter form", "[frontend][conv_transpose]") {
  CHECK(check_conv_transpose({1, 2, 3, 3}, {2, 3, 3, 3}, {{2, 2}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, 1}, true) ==
        "");
  CHECK(check_conv_transpose({2, 4, 3, 2}, {4, 1, 2, 3}, {{3, 2}, {1, 2}, {0, 2}, {1, 0}, {0, 1}, 2}, true) ==
        "");
  // Pads larger than dilation * (k - 1) crop the zero-inserted input.
  CHECK(check_conv_transpose({1, 1, 4, 4}, {1, 1, 2, 2}, {{2, 2}, {1, 1}, {2, 0}, {1, 2}, {0, 0}, 1},
                             false) == "");
}

TEST_CASE("conv_transpose 1-D and 3-D", "[frontend][conv_transpose]") {
  CHECK(check_conv_transpose({1, 2, 5}, {2, 2, 3}, {{2}, {2}, {1}, {0}, {1}, 1}, true) == "");
  CHECK(check_conv_transpose({1, 2, 2, 3, 2}, {2, 1, 2, 2, 3},
                             {{2, 1, 2}, {1, 1, 1}, {0, 1, 1}, {1, 0, 0}, {1, 0, 0}, 2}, false) == "");
}

TEST_CASE("conv_transpose output_shape derives the pads", "[frontend][conv_transpose]") {
  std::vector<float> x = data(9, 71), w = data(9, 72);
  ConvTransposeOptions o;
  o.strides = {2, 2};
  o.output_shape = {6, 6};  // total padding 2*2 + 3 - 6 = 1 per axis: begin 1 (not SAME_UPPER), end 0
  HostTensor out = run({f32({1, 1, 3, 3}, x), f32({1, 1, 3, 3}, w)},
                       [&](Builder& b, auto& v) { return conv_transpose(b, v[0], v[1], std::nullopt, o); });
  Shape out_shape;
  const auto want = ref_conv_transpose(x, {1, 1, 3, 3}, w, {1, 1, 3, 3}, {},
                                       {{2, 2}, {1, 1}, {1, 1}, {0, 0}, {0, 0}, 1}, out_shape);
  CHECK(out_shape == Shape{1, 1, 6, 6});
  CHECK(mismatch(out, out_shape, want, 1e-5, 1e-6) == "");
}

TEST_CASE("conv_transpose output_shape above the natural size: negative pads, floor-split",
          "[frontend][conv_transpose]") {
  std::vector<float> x = data(9, 73), w = data(9, 74);
  struct Case {
    AutoPad auto_pad;
    std::vector<int64_t> strides, output_shape;
    TransposeGeometry geometry;
  };
  // Natural size stride * 2 + 3. Totals -1 and -2: floor(-1 / 2) = -1 goes to the end (NOTSET)
  // or to the beginning (SAME_UPPER), as ONNX's reference splits them.
  for (const Case& c :
       {Case{AutoPad::NotSet, {3, 2}, {10, 8}, {{3, 2}, {1, 1}, {0, 0}, {-1, -1}, {0, 0}, 1}},
        Case{AutoPad::NotSet, {3, 3}, {10, 11}, {{3, 3}, {1, 1}, {0, -1}, {-1, -1}, {0, 0}, 1}},
        Case{AutoPad::SameUpper, {3, 3}, {10, 11}, {{3, 3}, {1, 1}, {-1, -1}, {0, -1}, {0, 0}, 1}},
        Case{AutoPad::SameUpper, {2, 2}, {5, 6}, {{2, 2}, {1, 1}, {1, 0}, {1, 1}, {0, 0}, 1}}}) {
    ConvTransposeOptions o;
    o.strides = c.strides;
    o.output_shape = c.output_shape;
    o.auto_pad = c.auto_pad;
    HostTensor out = run({f32({1, 1, 3, 3}, x), f32({1, 1, 3, 3}, w)},
                         [&](Builder& b, auto& v) { return conv_transpose(b, v[0], v[1], std::nullopt, o); });
    Shape out_shape;
    const auto want = ref_conv_transpose(x, {1, 1, 3, 3}, w, {1, 1, 3, 3}, {}, c.geometry, out_shape);
    INFO("output_shape " << c.output_shape[0] << "x" << c.output_shape[1]);
    CHECK(out_shape == Shape{1, 1, c.output_shape[0], c.output_shape[1]});
    CHECK(mismatch(out, out_shape, want, 1e-5, 1e-6) == "");
  }
}

}  // namespace
}  // namespace tisa::ops::test
