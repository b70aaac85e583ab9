#include "frontends/ops/reduce.hpp"

#include <algorithm>
#include <numeric>

namespace tisa::ops {
namespace {

Value reduce(Builder& b, tisa_opcode_t opcode, Value x, const Axes& axes, bool keepdims,
             std::string_view op) {
  return b.reduce(opcode, x, reduction_axes(b, x, axes, op), keepdims);
}

Value arg_reduce(Builder& b, tisa_opcode_t opcode, Value x, int64_t axis, bool keepdims, bool last,
                 std::string_view op) {
  axis = normalize_axis(axis, rank_of(b, x), op);
  if (!last) return b.arg_reduce(opcode, x, axis, keepdims);
  Value index = b.arg_reduce(opcode, b.reverse(x, {axis}), axis, keepdims);
  Value top = dim_value(b, dims_of(b, x)[axis] - lit(1), TISA_DTYPE_I64);
  return b.sub(b.broadcast(top, dims_of(b, index)), index);
}

}  // namespace

std::vector<int64_t> reduction_axes(const Builder& b, Value x, const Axes& axes, std::string_view op) {
  if (axes) return normalize_axes(*axes, rank_of(b, x), op);
  std::vector<int64_t> all(static_cast<size_t>(rank_of(b, x)));
  std::iota(all.begin(), all.end(), 0);
  return all;
}

Expr reduced_count(const Builder& b, Value x, std::span<const int64_t> axes) {
  Expr count = lit(1);
  for (int64_t a : axes) count = count * dims_of(b, x)[a];
  return count;
}

Value reduce_sum(Builder& b, Value x, const Axes& axes, bool keepdims) {
  return reduce(b, TISA_OP_REDUCE_SUM, x, axes, keepdims, "reduce_sum");
}
Value reduce_prod(Builder& b, Value x, const Axes& axes, bool keepdims) {
  return reduce(b, TISA_OP_REDUCE_PROD, x, axes, keepdims, "reduce_prod");
}
Value reduce_max(Builder& b, Value x, const Axes& axes, bool keepdims) {
  return reduce(b, TISA_OP_REDUCE_MAX, x, axes, keepdims, "reduce_max");
}
Value reduce_min(Builder& b, Value x, const Axes& axes, bool keepdims) {
  return reduce(b, TISA_OP_REDUCE_MIN, x, axes, keepdims, "reduce_min");
}

Value reduce_mean(Builder& b, Value x, const Axes& axes, bool keepdims) {
  const std::vector<int64_t> ax = reduction_axes(b, x, axes, "reduce_mean");
  Value sum = b.reduce(TISA_OP_REDUCE_SUM, x, ax, keepdims);
  Value count = dim_value(b, reduced_count(b, x, ax), dtype_of(b, x));
  return b.div(sum, b.broadcast(count, dims_of(b, sum)));
}

Value reduce_sum_square(Builder& b, Value x, const Axes& axes, bool keepdims) {
  return reduce(b, TISA_OP_REDUCE_SUM, b.mul(x, x), axes, keepdims, "reduce_sum_square");
}

Value reduce_l1(Builder& b, Value x, const Axes& axes, bool keepdims) {
  return reduce(b, TISA_OP_REDUCE_SUM, b.unary(TISA_OP_ABS, x), axes, keepdims, "reduce_l1");
}

Value reduce_l2(Builder& b, Value x, const Axes& axes, bool keepdims) {
  require_float(b, x, "reduce_l2");
  return b.unary(TISA_OP_SQRT, reduce_sum_square(b, x, axes, keepdims));
}

Value reduce_log_sum(Builder& b, Value x, const Axes& axes, bool keepdims) {
  require_float(b, x, "reduce_log_sum");
  return b.unary(TISA_OP_LOG, reduce(b, TISA_OP_REDUCE_SUM, x, axes, keepdims, "reduce_log_sum"));
}

Value reduce_log_sum_exp(Builder& b, Value x, const Axes& axes, bool keepdims) {
  require_float(b, x, "reduce_log_sum_exp");
  const std::vector<int64_t> ax = reduction_axes(b, x, axes, "reduce_log_sum_exp");
  Value m = b.reduce(TISA_OP_REDUCE_MAX, x, ax, /*keepdims=*/true);
  Value infinite =
      b.binary(TISA_OP_EQ, b.unary(TISA_OP_ABS, m), splat_like(b, highest_value(dtype_of(b, x)), m));
  Value shift = b.select(infinite, splat_like(b, 0.0, m), m);
  Value e = b.unary(TISA_OP_EXP, b.sub(x, b.broadcast(shift, dims_of(b, x))));
  Value lse = b.add(b.unary(TISA_OP_LOG, b.reduce(TISA_OP_REDUCE_SUM, e, ax, true)), shift);
  if (keepdims) return lse;
  Dims kept;
  for (int64_t i = 0; i < rank_of(b, x); ++i)
    if (std::find(ax.begin(), ax.end(), i) == ax.end()) kept.push_back(dims_of(b, x)[i]);
  return b.reshape(lse, kept);
}

Value argmax(Builder& b, Value x, int64_t axis, bool keepdims, bool select_last_index) {
  return arg_reduce(b, TISA_OP_ARGMAX, x, axis, keepdims, select_last_index, "argmax");
}
Value argmin(Builder& b, Value x, int64_t axis, bool keepdims, bool select_last_index) {
  return arg_reduce(b, TISA_OP_ARGMIN, x, axis, keepdims, select_last_index, "argmin");
}

}  // namespace tisa::ops
