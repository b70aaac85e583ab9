// Helpers shared by the passes: use replacement and compaction with value renumbering.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::ir {

// Points every use of each value v (operands and outputs) at replacement[v].
void replace_uses(Module& m, const std::vector<ValueId>& replacement);
// Keeps the instructions with keep[i], renumbers values, drops unreferenced constants.
void compact(Module& m, const std::vector<bool>& keep);
// Identity replacement table for m.
std::vector<ValueId> identity_map(const Module& m);

// Visits the instructions in order with operands already pointing at earlier replacements;
// `visit` may edit the instruction (returning true if it did) and may return a value that
// replaces the instruction's result. Afterwards uses are redirected and dead code removed.
// Returns true if anything changed.
using ReplaceFn = std::function<std::optional<ValueId>(Inst& inst, ValueId id, bool& edited)>;
bool rewrite_forward(Module& m, const ReplaceFn& visit);

}  // namespace tisa::ir
