#include "frontends/ops/resize_taps.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tisa::ops::detail {
namespace {

// The taps of every output position: taps[k].index[o] and taps[k].weight[o].
struct Tap {
  std::vector<int64_t> index;
  std::vector<double> weight;
};

// Keys' cubic convolution kernel at distances 1 + r, r, 1 - r, 2 - r (ONNX's cubic_coeffs).
std::array<double, 4> cubic_weights(double r, double a) {
  const auto outer = [a](double d) { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a; };  // 1 <= d <= 2
  const auto inner = [a](double d) { return ((a + 2) * d - (a + 3)) * d * d + 1; };        // d <= 1
  return {outer(1 + r), inner(r), inner(1 - r), outer(2 - r)};
}

int64_t nearest_index(NearestMode mode, double x) {
  switch (mode) {
    case NearestMode::RoundPreferFloor: return static_cast<int64_t>(std::ceil(x - 0.5));
    case NearestMode::RoundPreferCeil: return static_cast<int64_t>(std::floor(x + 0.5));
    case NearestMode::Floor: return static_cast<int64_t>(std::floor(x));
    case NearestMode::Ceil: return static_cast<int64_t>(std::ceil(x));
  }
  invalid("resize: unknown nearest mode");
}

// Indices before clamping (so that exclude_outside can see which taps fall outside) and weights.
void position_taps(const ResizeOptions& o, double x, int64_t in, std::vector<int64_t>& index,
                   std::vector<double>& weight) {
  switch (o.mode) {
    case ResizeMode::Nearest:
      index = {nearest_index(o.nearest, x)};
      weight = {1.0};
      return;
    case ResizeMode::Linear: {
      const double f = std::floor(x);
      index = {static_cast<int64_t>(f), static_cast<int64_t>(f) + 1};
      weight = {1 - (x - f), x - f};
      return;
    }
    case ResizeMode::Cubic: {
      // The left neighbour is preferred: an integral x takes r = 1 (taps x-2 .. x+1), as ONNX.
      const double base = std::ceil(x) - 1;
      const auto w = cubic_weights(x - base, o.cubic_coeff_a);
      const auto i0 = static_cast<int64_t>(base) - 1;
      index = {i0, i0 + 1, i0 + 2, i0 + 3};
      weight.assign(w.begin(), w.end());
      if (o.exclude_outside) {
        double sum = 0;
        for (size_t k = 0; k < 4; ++k) {
          if (index[k] < 0 || index[k] >= in) weight[k] = 0;
          sum += weight[k];
        }
        for (double& v : weight) v /= sum;
      }
      return;
    }
  }
}

std::vector<Tap> axis_taps(const ResizeOptions& o, const AxisSampling& s) {
  const size_t out = s.coordinate.size();
  const size_t count = o.mode == ResizeMode::Nearest ? 1 : o.mode == ResizeMode::Linear ? 2 : 4;
  // Extrapolated positions keep index 0 and weight 0; a select replaces them afterwards.
  std::vector<Tap> taps(count, Tap{std::vector<int64_t>(out, 0), std::vector<double>(out, 0.0)});
  std::vector<int64_t> index;
  std::vector<double> weight;
  for (size_t p = 0; p < out; ++p) {
    if (s.outside[p]) continue;
    position_taps(o, s.coordinate[p], s.in, index, weight);
    for (size_t k = 0; k < count; ++k) {
      // Taps outside the input repeat the edge element (ONNX pads with 'edge').
      taps[k].index[p] = std::clamp<int64_t>(index[k], 0, s.in - 1);
      taps[k].weight[p] = weight[k];
    }
  }
  return taps;
}

}  // namespace

Value resize_axis_taps(Builder& b, const ResizeOptions& o, Value x, int64_t axis, const AxisSampling& s) {
  const auto out = static_cast<int64_t>(s.coordinate.size());
  if (s.in <= 0) invalid("resize: cannot sample an empty axis {}", axis);
  const tisa_dtype_t dt = dtype_of(b, x);
  // Weights, masks and the extrapolation value are [1, .., out, .., 1], broadcast to the result.
  const auto along_axis = [&](Value v, const Dims& to) {
    Dims lifted(to.size(), lit(1));
    lifted[static_cast<size_t>(axis)] = lit(out);
    return b.broadcast(b.reshape(v, lifted), to);
  };
  Value sum;
  bool first = true;
  for (const Tap& tap : axis_taps(o, s)) {
    Value index = b.constant(TISA_DTYPE_I64, {out}, std::span<const int64_t>(tap.index));
    Value taken = b.gather(x, index, axis);
    if (o.mode != ResizeMode::Nearest)
      taken = b.mul(taken, along_axis(constant_from(b, dt, {out}, tap.weight), dims_of(b, taken)));
    sum = first ? taken : b.add(sum, taken);
    first = false;
  }
  if (std::find(s.outside.begin(), s.outside.end(), true) == s.outside.end()) return sum;
  std::vector<uint8_t> mask(s.outside.begin(), s.outside.end());
  Value outside = b.constant(TISA_DTYPE_BOOL, {out}, std::span<const uint8_t>(mask));
  const Dims dims = dims_of(b, sum);
  const double extrapolation[] = {o.extrapolation_value};
  Value value = b.broadcast(constant_from(b, dt, {}, extrapolation), dims);
  return b.select(along_axis(outside, dims), value, sum);
}

}  // namespace tisa::ops::detail
