// Reductions with ONNX semantics on top of reduce_sum / reduce_prod / reduce_max / reduce_min
// and argmax / argmin. Axes may be negative; nullopt reduces every axis, an empty list reduces
// none (a copy: ONNX's noop_with_empty_axes).
#pragma once

#include <optional>

#include "frontends/ops/common.hpp"

namespace tisa::ops {

using Axes = std::optional<std::vector<int64_t>>;

Value reduce_sum(Builder& b, Value x, const Axes& axes, bool keepdims = true);
Value reduce_prod(Builder& b, Value x, const Axes& axes, bool keepdims = true);
Value reduce_max(Builder& b, Value x, const Axes& axes, bool keepdims = true);
Value reduce_min(Builder& b, Value x, const Axes& axes, bool keepdims = true);
// sum / count, count = product of the reduced dims (a tensor from the shape expression when it
// is symbolic). Floats: dot bound of the sum plus one division (2.5 ulp); an empty reduction
// gives 0 / 0 = NaN. Integers: truncated division.
Value reduce_mean(Builder& b, Value x, const Axes& axes, bool keepdims = true);
Value reduce_sum_square(Builder& b, Value x, const Axes& axes, bool keepdims = true);
Value reduce_l1(Builder& b, Value x, const Axes& axes, bool keepdims = true);
// sqrt(sum(x^2)): no scaling, so it overflows when x^2 does (|x| > ~1.8e19).
Value reduce_l2(Builder& b, Value x, const Axes& axes, bool keepdims = true);
Value reduce_log_sum(Builder& b, Value x, const Axes& axes, bool keepdims = true);
// m + log(sum(exp(x - m))), m the max; m is replaced by 0 where it is infinite so that all -inf
// gives -inf and a +inf element gives +inf instead of NaN.
Value reduce_log_sum_exp(Builder& b, Value x, const Axes& axes, bool keepdims = true);

// Index (i64) of the first maximum / minimum; select_last_index takes the last one instead
// (reverse, arg-reduce, dim - 1 - index).
Value argmax(Builder& b, Value x, int64_t axis, bool keepdims = true, bool select_last_index = false);
Value argmin(Builder& b, Value x, int64_t axis, bool keepdims = true, bool select_last_index = false);

// The normalized axes (every axis for nullopt).
std::vector<int64_t> reduction_axes(const Builder& b, Value x, const Axes& axes, std::string_view op);
// Product of the reduced dimensions.
Expr reduced_count(const Builder& b, Value x, std::span<const int64_t> axes);

}  // namespace tisa::ops
