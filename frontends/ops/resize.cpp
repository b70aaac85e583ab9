#include "frontends/ops/resize.hpp"

#include <cmath>

#include "frontends/ops/resize_taps.hpp"

namespace tisa::ops {
namespace {

// The scale as an exact ratio m / p: the f32 value of a given scale (a dyadic rational), or
// out / in for a given size.
struct Ratio {
  int64_t m, p;
};

Ratio scale_ratio(double scale) {
  int exponent = 0;
  const double mantissa = std::frexp(static_cast<double>(static_cast<float>(scale)), &exponent);
  int64_t m = static_cast<int64_t>(std::ldexp(mantissa, 24));
  int64_t shift = 24 - exponent;
  while (shift > 0 && m % 2 == 0) {
    m /= 2;
    --shift;
  }
  return shift <= 0 ? Ratio{m << -shift, 1} : Ratio{m, int64_t{1} << shift};
}

// floor(d * m / p), exact for symbols too.
Expr scaled_dim(const Expr& d, Ratio s) {
  if (auto v = d.as_lit()) return lit(*v * s.m / s.p);
  return ir::floordiv(d * lit(s.m), lit(s.p));
}

// Source coordinate of output position o as the exact fraction (a * o + c) / den. With
// s = m / p: half_pixel (o + 1/2) / s - 1/2 = (2p o + p - m) / 2m, and so on. Exact integer
// arithmetic instead of f32 keeps ties (x.5 for the round modes) and integral coordinates exact.
struct Affine {
  int64_t a, c, den;
};

Affine source_coordinate(const Builder& b, const ResizeOptions& o, const Expr& in, const Expr& out, Ratio s) {
  const auto lit_of = [&](const Expr& e) {
    return require_literal(b, e, "resize", "a resized dim (for this coordinate transform)");
  };
  switch (o.transform) {
    case CoordinateTransform::PytorchHalfPixel:
      if (out.as_lit() == 1) return {0, 0, 1};
      [[fallthrough]];
    case CoordinateTransform::HalfPixel: return {2 * s.p, s.p - s.m, 2 * s.m};
    case CoordinateTransform::Asymmetric: return {s.p, 0, s.m};
    case CoordinateTransform::TfHalfPixelForNN: return {2 * s.p, s.p, 2 * s.m};
    case CoordinateTransform::AlignCorners: {
      // o * (in - 1) / (in * s - 1) with the unrounded resized length in * s, as ONNX's
      // reference; for sizes s = out / in, so that is out - 1.
      const int64_t n_in = lit_of(in), den = n_in * s.m - s.p;
      if (den <= 0) return {0, 0, 1};
      return {(n_in - 1) * s.p, 0, den};
    }
    case CoordinateTransform::HalfPixelSymmetric:
      // offset = in/2 * (1 - out / (s * in)) = (in m - out p) / 2m, added to half_pixel.
      return {2 * s.p, lit_of(in) * s.m - lit_of(out) * s.p + s.p - s.m, 2 * s.m};
    case CoordinateTransform::TfCropAndResize: break;
  }
  invalid("resize: unknown coordinate transformation");
}

// floor((alpha * o + beta) / d) for o = 0 .. out-1 as i64 [out], and the remainder. TISA's
// integer div truncates, so beta is first lifted by k * d to make every numerator >= 0.
struct FloorDiv {
  Value quotient, remainder;
};

FloorDiv floor_div(Builder& b, const Expr& out, int64_t alpha, int64_t beta, int64_t d) {
  const Dims shape{out};
  const int64_t k = beta < 0 ? (-beta + d - 1) / d : 0;
  Value num = b.add(b.mul(b.iota(TISA_DTYPE_I64, shape, 0), b.fill(TISA_DTYPE_I64, shape, double(alpha))),
                    b.fill(TISA_DTYPE_I64, shape, double(beta + k * d)));
  Value den = b.fill(TISA_DTYPE_I64, shape, double(d));
  Value q = b.div(num, den);
  if (k) q = b.sub(q, b.fill(TISA_DTYPE_I64, shape, double(k)));
  return {q, b.binary(TISA_OP_REM, num, den)};
}

// Integer index (i64 [out]) clamped to [0, in - 1].
Value clamped_index(Builder& b, Value idx, const Expr& in) {
  const Dims shape = dims_of(b, idx);
  Value top = b.broadcast(dim_value(b, in - lit(1), TISA_DTYPE_I64), shape);
  return b.min(b.max(idx, b.fill(TISA_DTYPE_I64, shape, 0.0)), top);
}

Value resize_axis_exact(Builder& b, const ResizeOptions& o, Value x, int64_t axis, const Expr& out, Ratio s) {
  const Expr in = dims_of(b, x)[axis];
  const Affine f = source_coordinate(b, o, in, out, s);
  const Dims shape{out};
  if (o.mode == ResizeMode::Nearest) {
    // floor(x), ceil(x) = floor(x + (den-1)/den), round-half-down = ceil(x - 1/2), round-half-up
    // = floor(x + 1/2), all as floor((alpha o + beta) / d).
    Value index;
    switch (o.nearest) {
      case NearestMode::Floor: index = floor_div(b, out, f.a, f.c, f.den).quotient; break;
      case NearestMode::Ceil: index = floor_div(b, out, f.a, f.c + f.den - 1, f.den).quotient; break;
      case NearestMode::RoundPreferFloor:
        index = floor_div(b, out, 2 * f.a, 2 * f.c + f.den - 1, 2 * f.den).quotient;
        break;
      case NearestMode::RoundPreferCeil:
        index = floor_div(b, out, 2 * f.a, 2 * f.c + f.den, 2 * f.den).quotient;
        break;
    }
    return b.gather(x, clamped_index(b, index, in), axis);
  }
  const FloorDiv base = floor_div(b, out, f.a, f.c, f.den);
  Value lo = b.gather(x, clamped_index(b, base.quotient, in), axis);
  Value hi =
      b.gather(x, clamped_index(b, b.add(base.quotient, b.fill(TISA_DTYPE_I64, shape, 1.0)), in), axis);
  // t = remainder / den (one rounding), weights (1 - t, t) as [1, .., out, .., 1].
  const tisa_dtype_t dt = dtype_of(b, x);
  Value den = b.fill(dt, shape, double(f.den));
  Value t = b.div(b.cast(base.remainder, dt), den);
  Value t_lo = b.div(b.cast(b.sub(b.fill(TISA_DTYPE_I64, shape, double(f.den)), base.remainder), dt), den);
  const Dims gd = dims_of(b, lo);
  Dims lifted(gd.size(), lit(1));
  lifted[axis] = out;
  Value w_hi = b.broadcast(b.reshape(t, lifted), gd);
  Value w_lo = b.broadcast(b.reshape(t_lo, lifted), gd);
  return b.add(b.mul(lo, w_lo), b.mul(hi, w_hi));
}

// The host-side coordinates of the tap path. tf_crop_and_resize maps the output onto the roi box
// [start, end] of the input (in normalized coordinates); the others use the exact fraction.
detail::AxisSampling sample_axis(const Builder& b, const ResizeOptions& o, const Dims& dims, int64_t axis,
                                 const Expr& out, Ratio s) {
  detail::AxisSampling sampling;
  const Expr& in_dim = dims[static_cast<size_t>(axis)];
  sampling.in = require_literal(b, in_dim, "resize", "a dim resized in cubic or tf_crop_and_resize mode");
  const int64_t n_out =
      require_literal(b, out, "resize", "a resized dim in cubic or tf_crop_and_resize mode");
  const auto in = static_cast<double>(sampling.in);
  for (int64_t p = 0; p < n_out; ++p) {
    double x = 0;
    if (o.transform == CoordinateTransform::TfCropAndResize) {
      const size_t rank = dims.size();
      const double start = o.roi.empty() ? 0.0 : o.roi[static_cast<size_t>(axis)];
      const double end = o.roi.empty() ? 1.0 : o.roi[rank + static_cast<size_t>(axis)];
      // The unrounded resized length in * s, as ONNX's reference (out for sizes).
      const double length = in * static_cast<double>(s.m) / static_cast<double>(s.p);
      x = length == 1.0 ? (end - start) * (in - 1) / 2
                        : static_cast<double>(p) * (end - start) * (in - 1) / (length - 1);
      x += start * (in - 1);
    } else {
      const Affine f = source_coordinate(b, o, in_dim, out, s);
      x = static_cast<double>(f.a * p + f.c) / static_cast<double>(f.den);
    }
    sampling.coordinate.push_back(x);
    sampling.outside.push_back(o.transform == CoordinateTransform::TfCropAndResize && (x < 0 || x > in - 1));
  }
  return sampling;
}

bool uses_taps(const ResizeOptions& o) {
  return o.mode == ResizeMode::Cubic || o.transform == CoordinateTransform::TfCropAndResize;
}

// tf_crop_and_resize changes an axis of unchanged size unless its roi is the whole axis.
bool crops(const ResizeOptions& o, size_t axis, size_t rank) {
  return o.transform == CoordinateTransform::TfCropAndResize && !o.roi.empty() &&
         (o.roi[axis] != 0.0 || o.roi[rank + axis] != 1.0);
}

}  // namespace

Value resize(Builder& b, Value x, const ResizeOptions& o) {
  const int64_t rank = rank_of(b, x);
  const bool by_scale = !o.scales.empty();
  if (by_scale == !o.sizes.empty()) invalid("resize: give exactly one of scales and sizes");
  if (static_cast<int64_t>(by_scale ? o.scales.size() : o.sizes.size()) != rank)
    invalid("resize: {} {} for a tensor of rank {}", by_scale ? o.scales.size() : o.sizes.size(),
            by_scale ? "scales" : "sizes", rank);
  if (o.mode != ResizeMode::Nearest) require_float(b, x, "resize (linear, cubic)");
  if (!o.roi.empty() && static_cast<int64_t>(o.roi.size()) != 2 * rank)
    invalid("resize: roi has {} values for a tensor of rank {} (needs {})", o.roi.size(), rank, 2 * rank);
  for (int64_t a = 0; a < rank; ++a) {
    const Expr in = dims_of(b, x)[a];
    const bool crop = crops(o, static_cast<size_t>(a), static_cast<size_t>(rank));
    Expr out;
    Ratio ratio{1, 1};
    if (by_scale) {
      const double scale = o.scales[a];
      if (!(scale > 0.0)) invalid("resize: scale {} on axis {} is not positive", scale, a);
      if (scale == 1.0 && !crop) continue;
      ratio = scale_ratio(scale);
      out = scaled_dim(in, ratio);
    } else {
      if (o.sizes[a] < 0) invalid("resize: size {} on axis {} is negative", o.sizes[a], a);
      out = lit(o.sizes[a]);
      if (in.as_lit() == o.sizes[a] && !crop) continue;
      const int64_t n_in = require_literal(b, in, "resize", "a dim resized to a given size");
      ratio = {o.sizes[a], n_in};
    }
    x = uses_taps(o) ? detail::resize_axis_taps(b, o, x, a, sample_axis(b, o, dims_of(b, x), a, out, ratio))
                     : resize_axis_exact(b, o, x, a, out, ratio);
  }
  return x;
}

}  // namespace tisa::ops
