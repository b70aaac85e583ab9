// Normalizations. Statistics in the input's float dtype: mean = reduce_mean (sum then divide),
// var = mean((x - mean)^2) (two passes, no E[x^2] - E[x]^2 cancellation), then
// (x - mean) * rsqrt(var + eps) (rsqrt: 2 ulp).
#pragma once

#include <optional>

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// Normalizes over the axes [axis, rank); scale and bias broadcast to x (ONNX
// LayerNormalization, PyTorch layer_norm).
Value layer_norm(Builder& b, Value x, std::optional<Value> scale, std::optional<Value> bias,
                 int64_t axis = -1, double epsilon = 1e-5);
// x * rsqrt(mean(x^2 over [axis, rank)) + eps) * scale.
Value rms_norm(Builder& b, Value x, std::optional<Value> scale, int64_t axis = -1, double epsilon = 1e-5);
// Inference form on x[N, C, ...] with per-channel [C] parameters:
// (x - mean) * (scale * rsqrt(var + eps)) + bias; the factor is computed once per channel.
Value batch_norm(Builder& b, Value x, Value scale, Value bias, Value mean, Value var, double epsilon = 1e-5);
// x[N, C, ...] split into `groups` groups of C / groups channels, each normalized over its
// channels and all spatial positions. scale and bias are per channel [C] (ONNX opset 21,
// PyTorch), or per group [groups] (ONNX opset 18), then repeated over each group's channels.
Value group_norm(Builder& b, Value x, Value scale, Value bias, int64_t groups, double epsilon = 1e-5);
// group_norm with one channel per group.
Value instance_norm(Builder& b, Value x, Value scale, Value bias, double epsilon = 1e-5);
// x / ||x||_p along axis, p in {1, 2} (ONNX LpNormalization; a zero vector gives NaN).
Value lp_normalize(Builder& b, Value x, int64_t axis = -1, int64_t p = 2);
// (x - mean) / (sqrt(var) + 1e-9) over axes (ONNX MeanVarianceNormalization).
Value mean_variance_normalize(Builder& b, Value x, std::vector<int64_t> axes = {0, 2, 3});

}  // namespace tisa::ops
