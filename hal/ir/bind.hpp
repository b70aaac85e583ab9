// Symbol binding at launch: concrete input shapes -> symbol values -> every value's shape.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::ir {

using Shape = std::vector<int64_t>;

// Binds the symbols from the inputs' concrete dims; checks dtypes are the caller's business.
// Checks rank, literal dims, repeated symbols, upper bounds and every assertion; throws
// Error(INVALID_ARGUMENT) naming the input, dim or instruction.
std::vector<int64_t> bind_symbols(const Module& module, std::span<const Shape> input_shapes);
// The concrete shape of a type under a binding (throws if a dim is negative or too large).
Shape resolve(const TensorType& type, std::span<const int64_t> symbols);
// Every value's concrete shape, indexed by value id.
std::vector<Shape> resolve_all(const Module& module, std::span<const int64_t> symbols);
int64_t element_count(std::span<const int64_t> shape);

}  // namespace tisa::ir
