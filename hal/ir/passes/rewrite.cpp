#include "hal/ir/passes/rewrite.hpp"

#include <numeric>

#include "hal/ir/passes/passes.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ir {

std::vector<ValueId> identity_map(const Module& m) {
  std::vector<ValueId> map(m.value_count());
  std::iota(map.begin(), map.end(), 0);
  return map;
}

void replace_uses(Module& m, const std::vector<ValueId>& replacement) {
  // Resolve chains (a -> b -> c) so one call settles everything.
  auto target = [&](ValueId v) {
    while (replacement[v] != v) v = replacement[v];
    return v;
  };
  for (auto& inst : m.insts)
    for (auto& op : inst.operands) op = target(op);
  for (auto& out : m.outputs) out = target(out);
}

bool rewrite_forward(Module& m, const ReplaceFn& visit) {
  std::vector<ValueId> replacement = identity_map(m);
  bool changed = false;
  const auto n_in = static_cast<ValueId>(m.inputs.size());
  for (size_t i = 0; i < m.insts.size(); ++i) {
    Inst& inst = m.insts[i];
    for (auto& op : inst.operands) op = replacement[op];
    ValueId id = n_in + static_cast<ValueId>(i);
    bool edited = false;
    if (auto r = visit(inst, id, edited)) {
      replacement[id] = *r;
      changed = true;
    }
    changed |= edited;
  }
  if (changed) {
    replace_uses(m, replacement);
    dead_code_elimination(m);
  }
  return changed;
}

void compact(Module& m, const std::vector<bool>& keep) {
  const auto n_in = static_cast<ValueId>(m.inputs.size());
  std::vector<ValueId> renumber(m.value_count(), UINT32_MAX);
  for (ValueId v = 0; v < n_in; ++v) renumber[v] = v;
  std::vector<Inst> insts;
  std::vector<std::string> names(m.inputs.size());
  for (size_t i = 0; i < m.insts.size(); ++i) {
    if (!keep[i]) continue;
    ValueId old = n_in + static_cast<ValueId>(i);
    renumber[old] = n_in + static_cast<ValueId>(insts.size());
    names.push_back(old < m.value_names.size() ? m.value_names[old] : "");
    insts.push_back(std::move(m.insts[i]));
  }
  for (auto& inst : insts)
    for (auto& op : inst.operands) op = renumber[op];
  for (auto& out : m.outputs) out = renumber[out];
  while (!names.empty() && names.back().empty()) names.pop_back();
  m.insts = std::move(insts);
  m.value_names = std::move(names);

  // Constants no instruction refers to any more are dropped.
  std::vector<int64_t> new_index(m.constants.size(), -1);
  std::vector<std::vector<uint8_t>> constants;
  for (auto& inst : m.insts)
    for (auto& a : inst.attrs)
      if (a.kind == TISA_ATTR_DATA) {
        auto& slot = new_index[a.i];
        if (slot < 0) {
          slot = static_cast<int64_t>(constants.size());
          constants.push_back(std::move(m.constants[a.i]));
        }
        a.i = slot;
      }
  m.constants = std::move(constants);
}

}  // namespace tisa::ir
