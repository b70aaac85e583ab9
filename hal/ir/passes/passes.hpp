// Module-to-module passes. Each pass lives in its own file pair and keeps the module verified.
// O1 = canonicalize, constant folding, CSE, DCE (see spec/tisa-spec.md "Optimization levels").
#pragma once

#include "hal/ir/module.hpp"
#include "tisa/isa.h"

namespace tisa::ir {

// Removes instructions whose results no output needs. Returns true if anything changed.
bool dead_code_elimination(Module& module);
// Merges instructions with the same opcode, operands and attributes.
bool common_subexpression_elimination(Module& module);
// Evaluates instructions whose operands are all constants (within a size budget).
bool constant_folding(Module& module);
// Local identities: reshape to the same shape, transpose by the identity, chained reshapes...
bool canonicalize(Module& module);

// Runs the passes the level allows, to a fixed point; the result is verified.
void optimize(Module& module, tisa_opt_level_t level);

}  // namespace tisa::ir
