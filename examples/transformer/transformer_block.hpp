// One pre-norm transformer encoder block, built with the composite operator library (tisa::ops)
// on a symbolic sequence length S:
//   h = x + out_proj(attention(split_heads(ln1(x) @ W_qkv + b_qkv)))
//   y = h + W_ff2^T gelu(ln2(h) @ W_ff1 + b_ff1) + b_ff2
// x and y are f32[batch, S, d_model]; weights are [in, out] row-major (x @ W).
#pragma once

#include <cstdint>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::examples {

struct BlockConfig {
  int64_t batch = 2;
  int64_t d_model = 32;
  int64_t heads = 4;
  int64_t d_ff = 128;
  int64_t max_seq = 512;  // the upper bound of the symbol S
  bool causal = false;    // position i attends to positions j <= i only
  double epsilon = 1e-5;  // layer norm
  int64_t head_dim() const { return d_model / heads; }
};

struct BlockWeights {
  std::vector<float> ln1_scale, ln1_bias;  // [D]
  std::vector<float> w_qkv, b_qkv;         // [D, 3D] (q, k, v side by side), [3D]
  std::vector<float> w_out, b_out;         // [D, D], [D]
  std::vector<float> ln2_scale, ln2_bias;  // [D]
  std::vector<float> w_ff1, b_ff1;         // [D, F], [F]
  std::vector<float> w_ff2, b_ff2;         // [F, D], [D]
};

// count values uniform in [center - spread, center + spread) from a splitmix64 sequence: the
// same on every platform (std:: distributions differ between libraries).
std::vector<float> random_floats(uint64_t seed, int64_t count, float center, float spread);
// Deterministic weights from a fixed seed: matrices scaled by 1/sqrt(fan_in), layer-norm scales
// near 1 and biases near 0 (as after training, not the 1 / 0 of initialization).
BlockWeights make_block_weights(const BlockConfig& config, uint64_t seed);
// The verified module: input x f32[batch, S, D], output f32[batch, S, D]. Throws tisa::Error on
// an inconsistent config (d_model not divisible by heads, wrong weight sizes).
ir::Module build_block(const BlockConfig& config, const BlockWeights& weights);

}  // namespace tisa::examples
