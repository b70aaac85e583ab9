#include "frontends/ops/normalization.hpp"

#include <numeric>

#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/reduce.hpp"

namespace tisa::ops {
namespace {

std::vector<int64_t> trailing_axes(int64_t from, int64_t rank) {
  std::vector<int64_t> axes(static_cast<size_t>(rank - from));
  std::iota(axes.begin(), axes.end(), from);
  return axes;
}

// (x - mean) * rsqrt(var + eps) over axes.
Value standardize(Builder& b, Value x, const std::vector<int64_t>& axes, double epsilon) {
  Value centered = b.sub(x, b.broadcast(reduce_mean(b, x, axes, true), dims_of(b, x)));
  Value var = reduce_mean(b, b.mul(centered, centered), axes, true);
  Value inv_std = b.unary(TISA_OP_RSQRT, b.add(var, splat_like(b, epsilon, var)));
  return b.mul(centered, b.broadcast(inv_std, dims_of(b, x)));
}

// A per-channel [C] vector as [C, 1, ...] broadcast to x[N, C, ...].
Value per_channel(Builder& b, Value v, Value x, std::string_view op) {
  const Dims& xd = dims_of(b, x);
  if (rank_of(b, v) != 1 || !dims_of(b, v)[0].equals(xd[1]))
    invalid("{}: expected a parameter of shape [{}], got {}", op, dim_str(b, xd[1]),
            dims_str(b, dims_of(b, v)));
  Dims shape(xd.size() - 1, lit(1));
  shape[0] = xd[1];
  return b.broadcast(b.reshape(cast_to(b, v, dtype_of(b, x)), shape), xd);
}

Value affine(Builder& b, Value y, std::optional<Value> scale, std::optional<Value> bias,
             std::string_view op) {
  if (scale) y = b.mul(y, broadcast_to(b, cast_to(b, *scale, dtype_of(b, y)), dims_of(b, y), op));
  if (bias) y = b.add(y, broadcast_to(b, cast_to(b, *bias, dtype_of(b, y)), dims_of(b, y), op));
  return y;
}

}  // namespace

Value layer_norm(Builder& b, Value x, std::optional<Value> scale, std::optional<Value> bias, int64_t axis,
                 double epsilon) {
  require_float(b, x, "layer_norm");
  axis = normalize_axis(axis, rank_of(b, x), "layer_norm");
  return affine(b, standardize(b, x, trailing_axes(axis, rank_of(b, x)), epsilon), scale, bias, "layer_norm");
}

Value rms_norm(Builder& b, Value x, std::optional<Value> scale, int64_t axis, double epsilon) {
  require_float(b, x, "rms_norm");
  axis = normalize_axis(axis, rank_of(b, x), "rms_norm");
  Value ms = reduce_mean(b, b.mul(x, x), trailing_axes(axis, rank_of(b, x)), true);
  Value inv = b.unary(TISA_OP_RSQRT, b.add(ms, splat_like(b, epsilon, ms)));
  return affine(b, b.mul(x, b.broadcast(inv, dims_of(b, x))), scale, std::nullopt, "rms_norm");
}

Value batch_norm(Builder& b, Value x, Value scale, Value bias, Value mean, Value var, double epsilon) {
  require_float(b, x, "batch_norm");
  if (rank_of(b, x) < 2)
    invalid("batch_norm: needs x of rank >= 2 ([N, C, ...]), got {}", dims_str(b, dims_of(b, x)));
  const tisa_dtype_t dt = dtype_of(b, x);
  Value var_x = cast_to(b, var, dt);
  Value factor =
      b.mul(cast_to(b, scale, dt), b.unary(TISA_OP_RSQRT, b.add(var_x, splat_like(b, epsilon, var_x))));
  Value centered = b.sub(x, per_channel(b, mean, x, "batch_norm"));
  return b.add(b.mul(centered, per_channel(b, factor, x, "batch_norm")),
               per_channel(b, bias, x, "batch_norm"));
}

Value group_norm(Builder& b, Value x, Value scale, Value bias, int64_t groups, double epsilon) {
  require_float(b, x, "group_norm");
  const Dims xd = dims_of(b, x);
  if (xd.size() < 2) invalid("group_norm: needs x of rank >= 2 ([N, C, ...]), got {}", dims_str(b, xd));
  const int64_t channels = require_literal(b, xd[1], "group_norm", "the channel count");
  if (groups < 1 || channels % groups != 0)
    invalid("group_norm: {} channels do not split into {} groups", channels, groups);
  Expr rest = lit(channels / groups);
  for (size_t i = 2; i < xd.size(); ++i) rest = rest * xd[i];
  Value grouped = b.reshape(x, {xd[0], lit(groups), rest});
  Value y = b.reshape(standardize(b, grouped, {2}, epsilon), xd);
  // Per-group parameters [G] repeat over the group's channels.
  auto expand_groups = [&](Value v) {
    if (rank_of(b, v) == 1 && groups != channels && dims_of(b, v)[0].as_lit() == groups)
      return b.reshape(
          b.broadcast(b.reshape(v, {lit(groups), lit(1)}), {lit(groups), lit(channels / groups)}),
          {lit(channels)});
    return v;
  };
  y = b.mul(y, per_channel(b, expand_groups(scale), x, "group_norm"));
  return b.add(y, per_channel(b, expand_groups(bias), x, "group_norm"));
}

Value instance_norm(Builder& b, Value x, Value scale, Value bias, double epsilon) {
  if (rank_of(b, x) < 2) invalid("instance_norm: needs x of rank >= 2 ([N, C, ...])");
  const int64_t channels = require_literal(b, dims_of(b, x)[1], "instance_norm", "the channel count");
  return group_norm(b, x, scale, bias, channels, epsilon);
}

Value lp_normalize(Builder& b, Value x, int64_t axis, int64_t p) {
  require_float(b, x, "lp_normalize");
  axis = normalize_axis(axis, rank_of(b, x), "lp_normalize");
  if (p != 1 && p != 2) invalid("lp_normalize: p must be 1 or 2, got {}", p);
  Value norm = p == 1 ? reduce_l1(b, x, std::vector<int64_t>{axis}, true)
                      : reduce_l2(b, x, std::vector<int64_t>{axis}, true);
  return b.div(x, b.broadcast(norm, dims_of(b, x)));
}

Value mean_variance_normalize(Builder& b, Value x, std::vector<int64_t> axes) {
  require_float(b, x, "mean_variance_normalize");
  axes = normalize_axes(axes, rank_of(b, x), "mean_variance_normalize");
  Value centered = b.sub(x, b.broadcast(reduce_mean(b, x, axes, true), dims_of(b, x)));
  Value std_dev = b.unary(TISA_OP_SQRT, reduce_mean(b, b.mul(centered, centered), axes, true));
  Value denom = b.add(std_dev, splat_like(b, 1e-9, std_dev));
  return b.div(centered, b.broadcast(denom, dims_of(b, x)));
}

}  // namespace tisa::ops
