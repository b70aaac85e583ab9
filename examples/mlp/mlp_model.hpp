// A two-layer MLP forward pass with a symbolic batch N, written with the TISA builder:
//   x f32[N, 16] -> matmul W1 [16, 32] + b1 -> gelu -> matmul W2 [32, 10] + b2 -> softmax.
// gelu and softmax are compositions of primitives, as a framework's lowering would write them.
#pragma once

#include <cstdint>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::examples {

struct MlpWeights {
  static constexpr int64_t kIn = 16, kHidden = 32, kOut = 10;
  std::vector<float> w1, b1, w2, b2;  // row-major [16, 32], [32], [32, 10], [10]
};

// Deterministic pseudo-random weights, scaled by 1/sqrt(fan_in), from a fixed seed.
MlpWeights make_weights(uint64_t seed);
// The verified module; its single input is x, its single output the softmax probabilities.
ir::Module build_mlp(const MlpWeights& weights);

}  // namespace tisa::examples
