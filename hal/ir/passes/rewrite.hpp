// Helpers shared by the passes: use replacement and compaction with value renumbering.
#pragma once

#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::ir {

// Points every use of each value v (operands and outputs) at replacement[v].
void replace_uses(Module& m, const std::vector<ValueId>& replacement);
// Keeps the instructions with keep[i], renumbers values, drops unreferenced constants.
void compact(Module& m, const std::vector<bool>& keep);
// Identity replacement table for m.
std::vector<ValueId> identity_map(const Module& m);

}  // namespace tisa::ir
