#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/passes/passes.hpp"
#include "hal/ir/passes/rewrite.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ir {
namespace {

// Folded tensors become module data: keep them small so modules do not balloon.
constexpr int64_t kMaxFoldedElements = 1 << 16;

std::optional<Shape> literal_shape(const TensorType& t) {
  Shape s;
  for (const auto& d : t.dims) {
    if (!d.is_lit()) return std::nullopt;
    s.push_back(d.lit_value());
  }
  return s;
}

bool is_creation(tisa_opcode_t op) {
  return op == TISA_OP_CONSTANT || op == TISA_OP_FILL || op == TISA_OP_IOTA;
}

}  // namespace

bool constant_folding(Module& m) {
  const auto n_in = static_cast<ValueId>(m.inputs.size());
  // Values known at compile time, evaluated lazily with the reference semantics.
  std::vector<std::optional<ref::HostTensor>> known(m.value_count());
  std::vector<bool> is_known(m.value_count(), false);
  bool changed = false;
  for (size_t i = 0; i < m.insts.size(); ++i) {
    Inst& inst = m.insts[i];
    ValueId id = n_in + static_cast<ValueId>(i);
    auto shape = literal_shape(inst.type);
    if (!shape || element_count(*shape) > kMaxFoldedElements) continue;
    bool all_known = true;
    for (ValueId op : inst.operands) all_known = all_known && is_known[op];
    if (!all_known) continue;
    std::vector<const ref::HostTensor*> operands;
    for (ValueId op : inst.operands) operands.push_back(&*known[op]);
    try {
      known[id] = ref::evaluate_inst(m, inst, operands, *shape);
    } catch (const std::exception&) {
      continue;  // not foldable here (e.g. a dtype the reference lacks): leave it to the driver
    }
    is_known[id] = true;
    if (is_creation(inst.op)) continue;
    // Replace the instruction by a constant holding its value.
    m.constants.push_back(known[id]->data);
    Inst folded;
    folded.op = TISA_OP_CONSTANT;
    folded.attrs = {Attr::dtype(inst.type.dtype), Attr::list(*shape),
                    Attr::data(static_cast<uint32_t>(m.constants.size() - 1))};
    folded.type = inst.type;
    inst = std::move(folded);
    changed = true;
  }
  if (changed) dead_code_elimination(m);
  return changed;
}

}  // namespace tisa::ir
