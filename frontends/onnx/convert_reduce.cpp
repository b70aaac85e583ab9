// Reductions (axes as an attribute, or as an input for ReduceSum from opset 13) and arg-reductions.
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/reduce.hpp"

namespace tisa::onnx_import {
namespace {

using ReduceFn = Value (*)(ir::Builder&, Value, const ops::Axes&, bool);

template <ReduceFn F>
void reduce(NodeContext& c) {
  const bool keepdims = c.attr.i("keepdims", 1) != 0;
  const bool noop_with_empty_axes = c.attr.i("noop_with_empty_axes", 0) != 0;
  ops::Axes axes = c.attr.ints("axes");
  if (!axes && c.has(1)) axes = c.ints(1, "axes");
  // An empty list reduces every axis unless noop_with_empty_axes.
  if (axes && axes->empty() && !noop_with_empty_axes) axes.reset();
  if (!axes && noop_with_empty_axes) axes = std::vector<int64_t>{};
  c.out(0, F(c.b, c.in(0), axes, keepdims));
}

using ArgFn = Value (*)(ir::Builder&, Value, int64_t, bool, bool);

template <ArgFn F>
void arg_reduce(NodeContext& c) {
  c.out(0, F(c.b, c.in(0), c.attr.i("axis", 0), c.attr.i("keepdims", 1) != 0,
             c.attr.i("select_last_index", 0) != 0));
}

}  // namespace

void add_reduce_converters(ConverterTable& t) {
  t["ReduceSum"] = reduce<ops::reduce_sum>;
  t["ReduceProd"] = reduce<ops::reduce_prod>;
  t["ReduceMax"] = reduce<ops::reduce_max>;
  t["ReduceMin"] = reduce<ops::reduce_min>;
  t["ReduceMean"] = reduce<ops::reduce_mean>;
  t["ReduceSumSquare"] = reduce<ops::reduce_sum_square>;
  t["ReduceL1"] = reduce<ops::reduce_l1>;
  t["ReduceL2"] = reduce<ops::reduce_l2>;
  t["ReduceLogSum"] = reduce<ops::reduce_log_sum>;
  t["ReduceLogSumExp"] = reduce<ops::reduce_log_sum_exp>;
  t["ArgMax"] = arg_reduce<ops::argmax>;
  t["ArgMin"] = arg_reduce<ops::argmin>;
}

}  // namespace tisa::onnx_import
