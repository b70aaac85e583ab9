// The benchmarked programs, written with the builder as a framework would lower them.
#pragma once

#include <cstdint>

#include "hal/ir/module.hpp"

namespace tisa::bench {

// [m, k] x [k, n] in f32.
ir::Module matmul_module(int64_t m, int64_t k, int64_t n);
// ops elementwise f32 ops (mul, add, max, sub, min, ... with scalar fills) over x [count].
ir::Module chain_module(int ops, int64_t count);
// Row softmax and layernorm over [rows, cols].
ir::Module softmax_module(int64_t rows, int64_t cols);
ir::Module layernorm_module(int64_t rows, int64_t cols);
// A 3x3, stride 1, pad 1 convolution of an [h, w, c] image with f filters:
// pad -> window -> reshape -> matmul.
ir::Module conv3x3_module(int64_t h, int64_t w, int64_t c, int64_t f);
// One add of two f32[count].
ir::Module add_module(int64_t count);

}  // namespace tisa::bench
