// ONNX Resize (nearest and linear) as one gather per resized axis, with index tensors computed
// in the graph from an iota over the output positions. The source coordinate of position o is the
// exact fraction (a * o + c) / den of the transformation (the scale is taken as the exact ratio of
// its f32 value, or out / in for sizes), so the rounding modes work in i64 arithmetic:
// floor((alpha * o + beta) / d) with integer div, then clamp to [0, in - 1]. Ties and integral
// coordinates are therefore exact, with no f32 drift. Linear mode gathers the floor and floor + 1
// neighbours and blends them with (1 - t, t), t = remainder / den (one rounding each); axes are
// resized one after another (separable, as ONNX's reference). Works for any rank (NCHW: the two
// spatial axes), integer and fractional scales, and symbolic input dims when scales are given
// (half_pixel, asymmetric, tf_half_pixel_for_nn; align_corners and half_pixel_symmetric need
// literal dims). Numerics: nearest is exact; linear: the blend's roundings.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

enum class ResizeMode { Nearest, Linear };
enum class CoordinateTransform {
  HalfPixel,
  HalfPixelSymmetric,
  PytorchHalfPixel,
  AlignCorners,
  Asymmetric,
  TfHalfPixelForNN
};
enum class NearestMode { RoundPreferFloor, RoundPreferCeil, Floor, Ceil };

struct ResizeOptions {
  ResizeMode mode = ResizeMode::Nearest;
  CoordinateTransform transform = CoordinateTransform::HalfPixel;
  NearestMode nearest = NearestMode::RoundPreferFloor;
  // One of the two, one entry per axis of x: scales (output = floor(input * scale), computed
  // exactly as a shape expression from the f32 value of the scale), or output sizes.
  std::vector<double> scales;
  std::vector<int64_t> sizes;
};

Value resize(Builder& b, Value x, const ResizeOptions& options);

}  // namespace tisa::ops
