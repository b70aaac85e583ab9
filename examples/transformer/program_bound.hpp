// The error bound of a whole program's float output (spec section 5.8): the largest
// max|out - ref| / max|ref| a conforming device may show against the binary64 reference.
#pragma once

#include <cstdint>
#include <span>

#include "hal/ir/bind.hpp"
#include "hal/ir/module.hpp"

namespace tisa::examples {

// W of spec 5.8 under a binding of the module's symbols: 1 per instruction with a float result
// and a bounded numerics mode, n for one that sums or multiplies n terms (matmul: K; reductions:
// the elements folded into each output element).
double program_weight(const ir::Module& module, std::span<const int64_t> symbols);
// program_ulps_per_op * u * W, u = 2^-24 (f32).
double program_bound(const ir::Module& module, std::span<const int64_t> symbols);

}  // namespace tisa::examples
