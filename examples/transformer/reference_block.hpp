// The same transformer block in plain C++ double precision, written from the textbook formulas
// and not from tisa::ops: the independent check of the TISA module.
#pragma once

#include <cstdint>
#include <vector>

#include "examples/transformer/transformer_block.hpp"

namespace tisa::examples {

// x: [batch, seq, d_model] row-major (f32 values, exact in double). Returns y in the same layout.
std::vector<double> reference_block(const BlockConfig& config, const BlockWeights& weights,
                                    const std::vector<float>& x, int64_t seq);

}  // namespace tisa::examples
