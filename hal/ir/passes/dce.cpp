#include "hal/ir/passes/passes.hpp"
#include "hal/ir/passes/rewrite.hpp"

namespace tisa::ir {

bool dead_code_elimination(Module& m) {
  std::vector<bool> live(m.value_count(), false);
  for (ValueId v : m.outputs) live[v] = true;
  const size_t n_in = m.inputs.size();
  for (size_t i = m.insts.size(); i-- > 0;)
    if (live[n_in + i])
      for (ValueId op : m.insts[i].operands) live[op] = true;
  std::vector<bool> keep(m.insts.size());
  bool changed = false;
  for (size_t i = 0; i < m.insts.size(); ++i) {
    keep[i] = live[n_in + i];
    changed |= !keep[i];
  }
  if (changed) compact(m, keep);
  return changed;
}

}  // namespace tisa::ir
