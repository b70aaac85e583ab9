#include "frontends/ops/activation.hpp"

#include <cmath>

#include "frontends/ops/broadcast.hpp"

namespace tisa::ops {
namespace {

Value c(Builder& b, double v, Value like) {
  return splat_like(b, v, like);
}
Value is_negative(Builder& b, Value x) {
  return b.binary(TISA_OP_LT, x, c(b, 0.0, x));
}
// TISA 1.1's expm1: exp(x) - 1 would lose the relative accuracy near 0.
Value exp_minus_one(Builder& b, Value x) {
  return b.unary(TISA_OP_EXPM1, x);
}

}  // namespace

Value relu(Builder& b, Value x) {
  return b.max(x, c(b, 0.0, x));
}

Value leaky_relu(Builder& b, Value x, double alpha) {
  require_float(b, x, "leaky_relu");
  return b.select(is_negative(b, x), b.mul(x, c(b, alpha, x)), x);
}

Value prelu(Builder& b, Value x, Value slope) {
  Value s = broadcast_to(b, cast_to(b, slope, dtype_of(b, x)), dims_of(b, x), "prelu");
  return b.select(is_negative(b, x), b.mul(x, s), x);
}

Value thresholded_relu(Builder& b, Value x, double alpha) {
  return b.select(b.binary(TISA_OP_LT, c(b, alpha, x), x), x, c(b, 0.0, x));
}

Value elu(Builder& b, Value x, double alpha) {
  require_float(b, x, "elu");
  return b.select(is_negative(b, x), b.mul(c(b, alpha, x), exp_minus_one(b, x)), x);
}

Value selu(Builder& b, Value x, double alpha, double gamma) {
  require_float(b, x, "selu");
  Value nonpositive = b.binary(TISA_OP_LE, x, c(b, 0.0, x));
  Value inner = b.select(nonpositive, b.mul(c(b, alpha, x), exp_minus_one(b, x)), x);
  return b.mul(c(b, gamma, x), inner);
}

Value celu(Builder& b, Value x, double alpha) {
  require_float(b, x, "celu");
  Value scaled = b.mul(c(b, alpha, x), exp_minus_one(b, b.div(x, c(b, alpha, x))));
  return b.add(b.max(x, c(b, 0.0, x)), b.min(scaled, c(b, 0.0, x)));
}

Value sigmoid(Builder& b, Value x) {
  require_float(b, x, "sigmoid");
  Value e = b.unary(TISA_OP_EXP, b.unary(TISA_OP_NEG, x));
  return b.unary(TISA_OP_RECIP, b.add(c(b, 1.0, x), e));
}

Value hard_sigmoid(Builder& b, Value x, double alpha, double beta) {
  require_float(b, x, "hard_sigmoid");
  Value y = b.add(b.mul(x, c(b, alpha, x)), c(b, beta, x));
  return b.max(c(b, 0.0, x), b.min(c(b, 1.0, x), y));
}

Value hard_swish(Builder& b, Value x) {
  return b.mul(x, hard_sigmoid(b, x, 1.0 / 6.0, 0.5));
}

Value softplus(Builder& b, Value x) {
  require_float(b, x, "softplus");
  Value tail = b.unary(TISA_OP_EXP, b.unary(TISA_OP_NEG, b.unary(TISA_OP_ABS, x)));
  return b.add(b.max(x, c(b, 0.0, x)), b.unary(TISA_OP_LOG1P, tail));
}

Value softsign(Builder& b, Value x) {
  require_float(b, x, "softsign");
  return b.div(x, b.add(c(b, 1.0, x), b.unary(TISA_OP_ABS, x)));
}

Value mish(Builder& b, Value x) {
  return b.mul(x, b.unary(TISA_OP_TANH, softplus(b, x)));
}

Value silu(Builder& b, Value x) {
  return b.mul(x, sigmoid(b, x));
}

Value shrink(Builder& b, Value x, double bias, double lambd) {
  Value low = b.binary(TISA_OP_LT, x, c(b, -lambd, x));
  Value high = b.binary(TISA_OP_LT, c(b, lambd, x), x);
  Value zero = c(b, 0.0, x);
  return b.select(low, b.add(x, c(b, bias, x)), b.select(high, b.sub(x, c(b, bias, x)), zero));
}

Value gelu(Builder& b, Value x, GeluApproximation approximation) {
  require_float(b, x, "gelu");
  Value inner;
  if (approximation == GeluApproximation::None) {
    inner = b.unary(TISA_OP_ERF, b.mul(x, c(b, 1.0 / std::sqrt(2.0), x)));
  } else {
    Value cube = b.mul(b.mul(x, x), x);
    Value poly = b.add(x, b.mul(cube, c(b, 0.044715, x)));
    inner = b.unary(TISA_OP_TANH, b.mul(poly, c(b, std::sqrt(2.0 / M_PI), x)));
  }
  return b.mul(b.mul(x, c(b, 0.5, x)), b.add(c(b, 1.0, x), inner));
}

}  // namespace tisa::ops
