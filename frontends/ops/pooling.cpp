#include "frontends/ops/pooling.hpp"

#include <numeric>

#include "frontends/ops/reduce.hpp"

namespace tisa::ops {
namespace {

// The axes of one window in windows()' result [N*C, o..., 1, k...].
std::vector<int64_t> window_axes(size_t spatial) {
  std::vector<int64_t> axes(spatial + 1);
  std::iota(axes.begin(), axes.end(), static_cast<int64_t>(spatial + 1));
  return axes;
}

// [N*C, o...] -> [N, C, o...].
Value unflatten(Builder& b, Value pooled, Value x) {
  const Dims& xd = dims_of(b, x);
  Dims out{xd[0], xd[1]};
  const Dims& pd = dims_of(b, pooled);
  out.insert(out.end(), pd.begin() + 1, pd.end());
  return b.reshape(pooled, out);
}

// Sum over each window of zero-padded x, as [N, C, o...].
Value window_sums(Builder& b, Value x, const WindowParams& p, const std::vector<AxisGeometry>& g) {
  return unflatten(
      b, b.reduce(TISA_OP_REDUCE_SUM, windows(b, x, p, g, 0.0, 0.0), window_axes(g.size()), false), x);
}

std::vector<int64_t> spatial_axes(const Builder& b, Value x) {
  std::vector<int64_t> axes(static_cast<size_t>(rank_of(b, x) - 2));
  std::iota(axes.begin(), axes.end(), 2);
  return axes;
}

}  // namespace

Value max_pool(Builder& b, Value x, WindowParams p) {
  const std::vector<AxisGeometry> g = window_geometry(b, x, p, "max_pool");
  const double lowest = lowest_value(dtype_of(b, x));
  Value w = windows(b, x, p, g, lowest, lowest);
  return unflatten(b, b.reduce(TISA_OP_REDUCE_MAX, w, window_axes(g.size()), false), x);
}

Value average_pool(Builder& b, Value x, WindowParams p, bool count_include_pad) {
  require_float(b, x, "average_pool");
  const std::vector<AxisGeometry> g = window_geometry(b, x, p, "average_pool");
  Value sums = window_sums(b, x, p, g);
  bool constant_count = true;
  for (const AxisGeometry& a : g) {
    constant_count = constant_count && a.pad_extra.as_lit() == 0 &&
                     (count_include_pad || (a.pad_low.as_lit() == 0 && a.pad_high.as_lit() == 0));
  }
  if (constant_count) {
    const double k = std::accumulate(p.kernel.begin(), p.kernel.end(), 1.0, std::multiplies<>());
    return b.div(sums, splat_like(b, k, sums));
  }
  // Count the elements that take part: ones over the input (and the explicit pads when they
  // count), zeros over the rest of the padding, summed per window like x.
  const Dims& xd = dims_of(b, x);
  Dims ones_shape{lit(1), lit(1)};
  ones_shape.insert(ones_shape.end(), xd.begin() + 2, xd.end());
  Value ones = b.fill(dtype_of(b, x), ones_shape, 1.0);
  WindowParams cp = p;
  std::vector<AxisGeometry> cg = g;
  if (count_include_pad) {
    Dims low(ones_shape.size(), lit(0)), high = low;
    for (size_t i = 0; i < g.size(); ++i) {
      low[i + 2] = g[i].pad_low;
      high[i + 2] = g[i].pad_high;
      cg[i].pad_low = cg[i].pad_high = lit(0);
    }
    ones = b.pad(ones, low, high, 1.0);
  }
  Value counts = window_sums(b, ones, cp, cg);  // [1, 1, o...]
  return b.div(sums, b.broadcast(counts, dims_of(b, sums)));
}

Value lp_pool(Builder& b, Value x, WindowParams p, int64_t power) {
  require_float(b, x, "lp_pool");
  if (power < 1) invalid("lp_pool: p must be >= 1, got {}", power);
  const std::vector<AxisGeometry> g = window_geometry(b, x, p, "lp_pool");
  Value a = b.unary(TISA_OP_ABS, x);
  Value powered = power == 1   ? a
                  : power == 2 ? b.mul(a, a)
                               : b.binary(TISA_OP_POW, a, splat_like(b, double(power), a));
  Value sums = window_sums(b, powered, p, g);
  if (power == 1) return sums;
  if (power == 2) return b.unary(TISA_OP_SQRT, sums);
  return b.binary(TISA_OP_POW, sums, splat_like(b, 1.0 / double(power), sums));
}

Value global_max_pool(Builder& b, Value x) {
  return reduce_max(b, x, spatial_axes(b, x), true);
}
Value global_average_pool(Builder& b, Value x) {
  require_float(b, x, "global_average_pool");
  return reduce_mean(b, x, spatial_axes(b, x), true);
}
Value global_lp_pool(Builder& b, Value x, int64_t power) {
  require_float(b, x, "global_lp_pool");
  if (power < 1) invalid("global_lp_pool: p must be >= 1, got {}", power);
  Value a = b.unary(TISA_OP_ABS, x);
  Value powered = b.binary(TISA_OP_POW, a, splat_like(b, double(power), a));
  Value sums = reduce_sum(b, powered, spatial_axes(b, x), true);
  return b.binary(TISA_OP_POW, sums, splat_like(b, 1.0 / double(power), sums));
}

}  // namespace tisa::ops
