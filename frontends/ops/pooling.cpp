#include "frontends/ops/pooling.hpp"

#include <numeric>

#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/indexing.hpp"
#include "frontends/ops/pad.hpp"
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

namespace {

// The flat index of every element of a tensor of shape d (i64), spatial strides reversed for
// column-major.
Value flat_positions(Builder& b, const Dims& d, bool column_major) {
  const size_t s = d.size() - 2;
  Dims stride(d.size(), lit(1));
  for (size_t i = 0; i < s; ++i) {
    // Row-major: the last spatial axis varies fastest; column-major: the first one.
    const size_t axis = column_major ? 2 + i : d.size() - 1 - i;
    const size_t previous = column_major ? axis - 1 : axis + 1;
    if (i > 0) stride[axis] = stride[previous] * d[previous];
  }
  Expr plane = lit(1);
  for (size_t i = 0; i < s; ++i) plane = plane * d[2 + i];
  stride[1] = plane;
  stride[0] = plane * d[1];
  Value index;
  for (size_t a = 0; a < d.size(); ++a) {
    Value term = b.iota(TISA_DTYPE_I64, d, static_cast<int64_t>(a));
    if (!stride[a].equals(lit(1)))
      term = b.mul(term, b.broadcast(dim_value(b, stride[a], TISA_DTYPE_I64), d));
    index = a == 0 ? term : b.add(index, term);
  }
  return index;
}

// [N*C, o..., 1, k...] -> [N*C, o..., K].
Value flatten_windows(Builder& b, Value w, size_t spatial) {
  const Dims wd = dims_of(b, w);
  Dims flat(wd.begin(), wd.begin() + static_cast<std::ptrdiff_t>(spatial + 1));
  Expr k = lit(1);
  for (size_t i = spatial + 1; i < wd.size(); ++i) k = k * wd[i];
  flat.push_back(k);
  return b.reshape(w, flat);
}

}  // namespace

PoolWithIndices max_pool_with_indices(Builder& b, Value x, WindowParams p, bool column_major) {
  const std::vector<AxisGeometry> g = window_geometry(b, x, p, "max_pool");
  const double lowest = lowest_value(dtype_of(b, x));
  const auto last = static_cast<int64_t>(g.size() + 1);
  Value w = flatten_windows(b, windows(b, x, p, g, lowest, lowest), g.size());
  Value best = b.arg_reduce(TISA_OP_ARGMAX, w, last, true);  // [N*C, o..., 1]
  // Padding reads -1 (a padding position wins only where the window's maximum is -inf).
  Value positions = flat_positions(b, dims_of(b, x), column_major);
  Value iw = flatten_windows(b, windows(b, positions, p, g, -1.0, -1.0), g.size());
  Value chosen = gather_elements(b, iw, cast_to(b, best, TISA_DTYPE_I64), last);
  Value values = b.reduce(TISA_OP_REDUCE_MAX, w, {last}, false);
  return {unflatten(b, values, x), unflatten(b, b.reshape(chosen, dims_of(b, values)), x)};
}

Value max_unpool(Builder& b, Value x, Value indices, WindowParams p,
                 const std::vector<int64_t>& output_spatial) {
  const Dims xd = dims_of(b, x);
  if (xd.size() < 3 || xd.size() > 5)
    invalid("max_unpool: needs x of shape [N, C, spatial...] with 1 to 3 spatial axes, got {}",
            dims_str(b, xd));
  if (!same_dims(xd, dims_of(b, indices)))
    invalid("max_unpool: indices {} do not have the shape of x {}", dims_str(b, dims_of(b, indices)),
            dims_str(b, xd));
  if (dtype_of(b, indices) != TISA_DTYPE_I64 && dtype_of(b, indices) != TISA_DTYPE_I32)
    invalid("max_unpool: indices must be i64 or i32, got {}", dtype_name(dtype_of(b, indices)));
  const size_t s = xd.size() - 2;
  const auto defaults = [&](std::vector<int64_t>& v, int64_t value, std::string_view what) {
    if (v.empty()) v.assign(s, value);
    if (v.size() != s) invalid("max_unpool: {} has {} entries for {} spatial axes", what, v.size(), s);
  };
  if (p.kernel.size() != s)
    invalid("max_unpool: kernel_shape has {} entries for {} spatial axes", p.kernel.size(), s);
  defaults(p.strides, 1, "strides");
  defaults(p.pads_begin, 0, "pads (begin)");
  defaults(p.pads_end, 0, "pads (end)");
  if (!output_spatial.empty() && output_spatial.size() != s)
    invalid("max_unpool: output shape has {} spatial sizes for {} spatial axes", output_spatial.size(), s);
  Dims unpooled{xd[0], xd[1]};
  Expr total = xd[0] * xd[1];
  for (size_t i = 0; i < s; ++i) {
    const Expr size =
        (xd[i + 2] - lit(1)) * lit(p.strides[i]) + lit(p.kernel[i] - p.pads_begin[i] - p.pads_end[i]);
    if (auto v = size.as_lit(); v && *v < 1) invalid("max_unpool: spatial axis {} unpools to size {}", i, *v);
    unpooled.push_back(size);
    total = total * size;
  }
  Expr count = lit(1);
  for (const Expr& e : xd) count = count * e;
  Value zeros = b.fill(dtype_of(b, x), {total}, 0.0);
  Value flat = b.scatter(zeros, b.reshape(indices, {count}), b.reshape(x, {count}), 0, TISA_SCATTER_MODE_SET);
  Value y = b.reshape(flat, unpooled);
  if (output_spatial.empty()) return y;
  std::vector<int64_t> low(s + 2, 0), high(s + 2, 0);
  for (size_t i = 0; i < s; ++i)
    high[i + 2] = output_spatial[i] -
                  require_literal(b, unpooled[i + 2], "max_unpool", "a spatial size (with an output shape)");
  return pad(b, y, low, high);
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
