// Activation functions (ONNX / PyTorch definitions) from elementwise primitives.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// max(x, 0): NaN stays NaN, relu(-0) = +0.
Value relu(Builder& b, Value x);
// x < 0 ? alpha * x : x.
Value leaky_relu(Builder& b, Value x, double alpha = 0.01);
// x < 0 ? slope * x : x; slope broadcasts to x (ONNX PRelu, unidirectional).
Value prelu(Builder& b, Value x, Value slope);
// x > alpha ? x : 0.
Value thresholded_relu(Builder& b, Value x, double alpha = 1.0);
// Elu, Selu and Celu use TISA 1.1's expm1 for exp(x) - 1 (accurate near 0; the module declares
// TISA 1.1). x < 0 ? alpha * expm1(x) : x.
Value elu(Builder& b, Value x, double alpha = 1.0);
// gamma * (x <= 0 ? alpha * expm1(x) : x).
Value selu(Builder& b, Value x, double alpha = 1.67326319217681884765625,
           double gamma = 1.05070102214813232421875);
// max(0, x) + min(0, alpha * expm1(x / alpha)).
Value celu(Builder& b, Value x, double alpha = 1.0);
// 1 / (1 + exp(-x)) = recip(1 + exp(-x)): exp(-x) -> inf for x < -88 gives exactly 0.
Value sigmoid(Builder& b, Value x);
// max(0, min(1, alpha * x + beta)).
Value hard_sigmoid(Builder& b, Value x, double alpha = 0.2, double beta = 0.5);
// x * hard_sigmoid(x, 1/6, 1/2).
Value hard_swish(Builder& b, Value x);
// log(1 + exp(x)) in the overflow-free form max(x, 0) + log1p(exp(-|x|)) (TISA 1.1's log1p keeps
// the tiny values of very negative x, which log(1 + t) rounds to 0).
Value softplus(Builder& b, Value x);
// x / (1 + |x|).
Value softsign(Builder& b, Value x);
// x * tanh(softplus(x)).
Value mish(Builder& b, Value x);
// x * sigmoid(x).
Value silu(Builder& b, Value x);
// ONNX Shrink: x < -lambd ? x + bias : (x > lambd ? x - bias : 0).
Value shrink(Builder& b, Value x, double bias = 0.0, double lambd = 0.5);

enum class GeluApproximation { None, Tanh };
// None: 0.5 * x * (1 + erf(x / sqrt(2))) (erf: 16 ulp).
// Tanh: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))) (tanh: 5 ulp).
Value gelu(Builder& b, Value x, GeluApproximation approximation = GeluApproximation::None);

}  // namespace tisa::ops
