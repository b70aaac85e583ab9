// Convolution and transposed convolution in ONNX layout: x[N, C, spatial...] (1 to 3 spatial
// axes), weights [O, C / group, k...] (conv) or [C, O / group, k...] (transposed).
#pragma once

#include <optional>

#include "frontends/ops/spatial.hpp"

namespace tisa::ops {

struct ConvOptions {
  std::vector<int64_t> strides;     // default 1
  std::vector<int64_t> dilations;   // default 1
  std::vector<int64_t> pads_begin;  // default 0
  std::vector<int64_t> pads_end;    // default 0
  AutoPad auto_pad = AutoPad::NotSet;
  int64_t group = 1;
};

// im2col with views: pad -> reshape [N*C, s...] -> window (size [1, k...]) ->
// reshape [N, G, C/G, P, K] -> transpose [G, N, P, C/G, K] -> reshape [G, N*P, C/G*K], times the
// weights as [G, C/G*K, O/G] in one batched matmul (batch = groups) -> [N, O, o...] (+ bias [O]).
// Numerics: matmul's dot bound with n = C/G * K terms per output, then one add for the bias.
Value conv(Builder& b, Value x, Value w, std::optional<Value> bias, const ConvOptions& options = {});

struct ConvTransposeOptions {
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads_begin;
  std::vector<int64_t> pads_end;
  std::vector<int64_t> output_padding;  // added at the end of each spatial axis
  std::vector<int64_t> output_shape;    // spatial sizes; when given, pads are derived from it
  AutoPad auto_pad = AutoPad::NotSet;
  int64_t group = 1;
};

// Transposed convolution (the gradient of conv), out = stride * (in - 1) + output_padding +
// dilation * (k - 1) + 1 - pads_begin - pads_end, as a direct convolution:
// 1. zero insertion: stride - 1 zeros between input elements (reshape to [.., d, 1, ..], pad the
//    size-1 axis to stride, reshape to [.., d * stride, ..], slice off the trailing zeros);
// 2. pad by dilation * (k - 1) - pads_begin before and dilation * (k - 1) - pads_end +
//    output_padding after (negative amounts crop);
// 3. conv with stride 1, the same dilation and groups, and the weights flipped on every spatial
//    axis with in / out channels swapped per group ([C, O/G, k] -> [O, C/G, k]).
// Cost: the matmul multiplies the inserted zeros too, stride^spatial_rank times the products of
// a direct implementation. Numerics: exact zeros add nothing, so each output is a dot over the
// taps that land on it (dot bound with n = C/G * K).
Value conv_transpose(Builder& b, Value x, Value w, std::optional<Value> bias,
                     const ConvTransposeOptions& options = {});

}  // namespace tisa::ops
