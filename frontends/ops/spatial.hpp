// Geometry shared by convolution and pooling on [N, C, spatial...] tensors (ONNX layout):
// padding modes, output sizes, and the pad -> window step that all of them start with.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// ONNX auto_pad. SAME_*: output = ceil(input / stride), the total padding split evenly with the
// odd element at the end (upper) or the beginning (lower). VALID: no padding.
enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

// Per spatial axis. Empty vectors mean the defaults (stride 1, dilation 1, pads 0).
struct WindowParams {
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads_begin;
  std::vector<int64_t> pads_end;
  AutoPad auto_pad = AutoPad::NotSet;
  // Output size rounds up; a window that would start in the end padding is dropped (ONNX since
  // opset 19 and PyTorch). Extra end padding makes the last windows fit.
  bool ceil_mode = false;
};

struct AxisGeometry {
  Expr pad_low;    // explicit / automatic padding before
  Expr pad_high;   // explicit / automatic padding after
  Expr pad_extra;  // additional padding after, only for ceil_mode
  Expr out;        // number of windows
};

// Checks the parameters against the spatial dims of x[N, C, spatial...] and fills in defaults;
// returns one AxisGeometry per spatial axis. op names the operator in error messages.
std::vector<AxisGeometry> window_geometry(const Builder& b, Value x, WindowParams& params,
                                          std::string_view op);

// x[N, C, s...] padded with pad_value by the geometry (extra padding with extra_value), reshaped
// to [N * C, s'...] and windowed: [N * C, o..., 1, k...], sliced to the geometry's output counts
// when the window op gives more (ceil mode). spatial rank <= 3 (window needs 2 * rank <= 8).
Value windows(Builder& b, Value x, const WindowParams& params, const std::vector<AxisGeometry>& geometry,
              double pad_value, double extra_value);

}  // namespace tisa::ops
