// Activations, Clip, Softmax / LogSoftmax (with the opset < 13 coercion to 2-D).
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/activation.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/indexing.hpp"
#include "frontends/ops/reduce.hpp"
#include "frontends/ops/shape.hpp"
#include "frontends/ops/softmax.hpp"

namespace tisa::onnx_import {
namespace {

template <Value (*F)(ir::Builder&, Value)>
void simple(NodeContext& c) {
  c.out(0, F(c.b, c.in(0)));
}

void leaky_relu(NodeContext& c) {
  c.out(0, ops::leaky_relu(c.b, c.in(0), c.attr.f("alpha", 0.01)));
}
void elu(NodeContext& c) {
  c.out(0, ops::elu(c.b, c.in(0), c.attr.f("alpha", 1.0)));
}
void celu(NodeContext& c) {
  c.out(0, ops::celu(c.b, c.in(0), c.attr.f("alpha", 1.0)));
}
void thresholded_relu(NodeContext& c) {
  c.out(0, ops::thresholded_relu(c.b, c.in(0), c.attr.f("alpha", 1.0)));
}
void selu(NodeContext& c) {
  c.out(0, ops::selu(c.b, c.in(0), c.attr.f("alpha", 1.67326319217681884765625),
                     c.attr.f("gamma", 1.05070102214813232421875)));
}
void hard_sigmoid(NodeContext& c) {
  c.out(0, ops::hard_sigmoid(c.b, c.in(0), c.attr.f("alpha", 0.2), c.attr.f("beta", 0.5)));
}
void shrink(NodeContext& c) {
  c.out(0, ops::shrink(c.b, c.in(0), c.attr.f("bias", 0.0), c.attr.f("lambd", 0.5)));
}
void prelu(NodeContext& c) {
  c.out(0, ops::prelu(c.b, c.in(0), c.in(1)));
}

void gelu(NodeContext& c) {
  const std::string approx = c.attr.s("approximate", "none");
  if (approx != "none" && approx != "tanh") c.attr.bad("approximate", "must be 'none' or 'tanh'");
  c.out(0, ops::gelu(c.b, c.in(0),
                     approx == "tanh" ? ops::GeluApproximation::Tanh : ops::GeluApproximation::None));
}

void clip(NodeContext& c) {
  if (c.opset < 11) {
    c.out(0, ops::clip(c.b, c.in(0), c.attr.f("min"), c.attr.f("max")));
    return;
  }
  c.out(0, ops::clip(c.b, c.in(0), c.opt(1), c.opt(2)));
}

template <Value (*F)(ir::Builder&, Value, int64_t)>
void softmax_like(NodeContext& c) {
  Value x = c.in(0);
  if (c.opset >= 13) return c.out(0, F(c.b, x, c.attr.i("axis", -1)));
  // Before opset 13: the input is coerced to 2-D [prod(d[:axis]), prod(d[axis:])].
  const int64_t axis = c.attr.i("axis", 1);
  const auto dims = c.dims(x);
  Value flat = ops::flatten(c.b, x, axis);
  c.out(0, ops::reshape_to(c.b, F(c.b, flat, 1), dims));
}

// Hardmax: 1 at the first maximum along axis, else 0 (argmax -> one_hot).
Value hardmax_along(ir::Builder& b, Value x, int64_t axis) {
  const int64_t rank = static_cast<int64_t>(b.type(x).rank());
  axis = ops::normalize_axis(axis, rank, "Hardmax");
  const int64_t depth =
      ops::require_literal(b, b.type(x).dims[static_cast<size_t>(axis)], "Hardmax", "the axis");
  const tisa_dtype_t dtype = b.type(x).dtype;
  Value index = ops::argmax(b, x, axis, false);
  return ops::one_hot(b, index, depth, b.scalar(dtype, 1.0), b.scalar(dtype, 0.0), axis);
}

void hardmax(NodeContext& c) {
  Value x = c.in(0);
  if (c.opset >= 13) return c.out(0, hardmax_along(c.b, x, c.attr.i("axis", -1)));
  const auto dims = c.dims(x);
  Value flat = ops::flatten(c.b, x, c.attr.i("axis", 1));
  c.out(0, ops::reshape_to(c.b, hardmax_along(c.b, flat, 1), dims));
}

}  // namespace

void add_activation_converters(ConverterTable& t) {
  t["Relu"] = simple<ops::relu>;
  t["Sigmoid"] = simple<ops::sigmoid>;
  t["Softplus"] = simple<ops::softplus>;
  t["Softsign"] = simple<ops::softsign>;
  t["HardSwish"] = simple<ops::hard_swish>;
  t["Mish"] = simple<ops::mish>;
  t["LeakyRelu"] = leaky_relu;
  t["Elu"] = elu;
  t["Celu"] = celu;
  t["Selu"] = selu;
  t["ThresholdedRelu"] = thresholded_relu;
  t["HardSigmoid"] = hard_sigmoid;
  t["Shrink"] = shrink;
  t["PRelu"] = prelu;
  t["Gelu"] = gelu;
  t["Clip"] = clip;
  t["Hardmax"] = hardmax;
  t["Softmax"] = softmax_like<ops::softmax>;
  t["LogSoftmax"] = softmax_like<ops::log_softmax>;
}

}  // namespace tisa::onnx_import
