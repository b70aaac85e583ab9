// Internal to resize: the tap path, for resizes whose taps and weights differ per output
// position (cubic, tf_crop_and_resize). Not part of the operator library's API.
#pragma once

#include <vector>

#include "frontends/ops/resize.hpp"

namespace tisa::ops::detail {

// One resized axis: the input length and, per output position, the source coordinate and
// whether it lies outside the input (tf_crop_and_resize gives extrapolation_value there).
struct AxisSampling {
  int64_t in = 0;
  std::vector<double> coordinate;
  std::vector<bool> outside;
};

// x resized along axis: sum over taps of gather(x, tap index) * tap weight, both constants.
Value resize_axis_taps(Builder& b, const ResizeOptions& o, Value x, int64_t axis, const AxisSampling& s);

}  // namespace tisa::ops::detail
