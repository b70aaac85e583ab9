// Checks concrete tensor types against a module's inputs and outputs: the part of launch
// validation that needs no device (shared by tisa_module_infer_outputs and launches).
#pragma once

#include <span>
#include <vector>

#include "hal/ir/bind.hpp"
#include "hal/ir/module.hpp"
#include "tisa/tisa.h"

namespace tisa::rt {

// The concrete input shapes after checking count, dtype and rank of every input type.
std::vector<ir::Shape> input_shapes(const ir::Module& module, std::span<const tisa_tensor_type_t> inputs);
// Binds the symbols (checks literal dims, symbol agreement, bounds and launch assertions) and
// returns the module's output types.
struct Binding {
  std::vector<int64_t> symbols;
  std::vector<tisa_tensor_type_t> outputs;
};
Binding bind_inputs(const ir::Module& module, std::span<const tisa_tensor_type_t> inputs);

// "f32[2, 3]" for messages.
std::string type_text(const tisa_tensor_type_t& type);

}  // namespace tisa::rt
