// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (inference forms of the loss ops).
// loss[n, d...] = -input[n, target[n, d...], d...] * w, w = weight[target] (or 1), w = 0 where
// target == ignore_index; mean = sum(loss) / sum(w) (the ONNX definition, also without weights).
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/indexing.hpp"
#include "frontends/ops/reduce.hpp"
#include "frontends/ops/shape.hpp"
#include "frontends/ops/softmax.hpp"

namespace tisa::onnx_import {
namespace {

Value nll(NodeContext& c, Value input, Value target, std::optional<Value> weight) {
  const std::string reduction = c.attr.s("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean")
    c.attr.bad("reduction", fmt::format("must be none, sum or mean, got '{}'", reduction));
  const auto ignore = c.attr.i("ignore_index");
  Value picked = ops::gather_elements(c.b, input, ops::unsqueeze(c.b, target, {1}), 1);
  Value loss = c.b.unary(TISA_OP_NEG, ops::squeeze(c.b, picked, std::vector<int64_t>{1}));
  const tisa_dtype_t dtype = c.dtype(loss);
  std::optional<Value> w;
  if (weight) w = ops::gather(c.b, *weight, target, 0);
  if (ignore) {
    Value keep = ops::not_equal(c.b, target, c.b.scalar(c.dtype(target), static_cast<double>(*ignore)));
    w = ops::where(c.b, keep, w ? *w : ops::splat_like(c.b, 1.0, loss), c.b.scalar(dtype, 0.0));
  }
  if (w) loss = c.b.mul(loss, *w);
  if (reduction == "none") return loss;
  Value sum = ops::reduce_sum(c.b, loss, std::nullopt, false);
  if (reduction == "sum") return sum;
  if (!w) return ops::reduce_mean(c.b, loss, std::nullopt, false);
  return c.b.div(sum, ops::reduce_sum(c.b, *w, std::nullopt, false));
}

void nll_node(NodeContext& c) {
  c.out(0, nll(c, c.in(0), c.in(1), c.opt(2)));
}

void softmax_cross_entropy_node(NodeContext& c) {
  Value log_prob = ops::log_softmax(c.b, c.in(0), 1);
  c.out(0, nll(c, log_prob, c.in(1), c.opt(2)));
  c.out(1, log_prob);
}

}  // namespace

void add_loss_converters(ConverterTable& t) {
  t["NegativeLogLikelihoodLoss"] = nll_node;
  t["SoftmaxCrossEntropyLoss"] = softmax_cross_entropy_node;
}

}  // namespace tisa::onnx_import
