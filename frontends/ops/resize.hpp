// ONNX Resize as one gather per resized axis (separable, as ONNX's reference).
//
// Nearest and linear (the exact path): index tensors are computed in the graph from an iota over
// the output positions. The source coordinate of position o is the exact fraction
// (a * o + c) / den of the transformation (the scale is taken as the exact ratio of its f32 value,
// or out / in for sizes), so the rounding modes work in i64 arithmetic: floor((alpha * o + beta) /
// d) with integer div, then clamp to [0, in - 1]. Ties and integral coordinates are therefore
// exact, with no f32 drift. Linear mode gathers the floor and floor + 1 neighbours and blends them
// with (1 - t, t), t = remainder / den (one rounding each). Works for any rank, integer and
// fractional scales, and symbolic input dims when scales are given (half_pixel, asymmetric,
// tf_half_pixel_for_nn; align_corners and half_pixel_symmetric need literal dims).
//
// Cubic, and every mode under tf_crop_and_resize (the tap path): the taps and their weights
// depend on each output position's coordinate, so they are computed on the host (the resized
// dims must be literals) and become constants: one gather per tap and a weighted sum. Cubic uses
// the 4 taps around the coordinate (Keys' kernel with cubic_coeff_a; exclude_outside zeroes the
// taps outside the input and renormalizes); taps outside the input repeat the edge element.
//
// As ONNX's reference, align_corners and tf_crop_and_resize divide by the unrounded resized
// length (in * scale) when scales are given. Numerics: nearest is exact; linear and cubic: the
// weighted sum's roundings (weights rounded to the tensor's dtype).
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

enum class ResizeMode { Nearest, Linear, Cubic };
enum class CoordinateTransform {
  HalfPixel,
  HalfPixelSymmetric,
  PytorchHalfPixel,
  AlignCorners,
  Asymmetric,
  TfHalfPixelForNN,
  TfCropAndResize
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
  // Cubic: the kernel's a (ONNX cubic_coeff_a), and whether taps outside the input are dropped.
  double cubic_coeff_a = -0.75;
  bool exclude_outside = false;
  // TfCropAndResize: the crop box in normalized coordinates, starts of every axis then ends
  // (empty: the whole input), and the value of output positions whose source is outside the input.
  std::vector<double> roi;
  double extrapolation_value = 0.0;
};

Value resize(Builder& b, Value x, const ResizeOptions& options);

}  // namespace tisa::ops
