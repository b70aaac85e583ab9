#include "hal/ir/passes/passes.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::ir {

void optimize(Module& m, tisa_opt_level_t level) {
  if (!m.verified) verify(m);
  if (level == TISA_OPT_O0) return;
  // O1 rewrites; O2 and O3 add driver-side fusion, memory planning and tuning on top.
  for (int round = 0; round < 8; ++round) {
    bool changed = canonicalize(m);
    changed |= constant_folding(m);
    changed |= common_subexpression_elimination(m);
    changed |= dead_code_elimination(m);
    if (!changed) break;
  }
  verify(m);
}

}  // namespace tisa::ir
