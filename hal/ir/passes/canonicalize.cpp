#include "hal/ir/passes/passes.hpp"
#include "hal/ir/passes/rewrite.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ir {
namespace {

bool same_dims(const std::vector<Expr>& a, const std::vector<Expr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].equals(b[i])) return false;
  return true;
}

bool all_zero(const std::vector<Expr>& v) {
  for (const auto& e : v)
    if (!e.is_lit() || e.lit_value() != 0) return false;
  return true;
}

// True when the instruction returns its first operand unchanged.
bool is_identity(const Module& m, const Inst& inst) {
  if (inst.operands.empty()) return false;
  const TensorType& in = m.value_type(inst.operands[0]);
  if (in.dtype != inst.type.dtype) return false;
  switch (inst.op) {
    case TISA_OP_RESHAPE:
    case TISA_OP_BROADCAST: return same_dims(in.dims, inst.type.dims);
    case TISA_OP_TRANSPOSE:
      for (size_t i = 0; i < inst.attrs[0].ints.size(); ++i)
        if (inst.attrs[0].ints[i] != static_cast<int64_t>(i)) return false;
      return true;
    case TISA_OP_SLICE: {
      const auto& step = inst.attrs[2].ints;
      for (int64_t s : step)
        if (s != 1) return false;
      return all_zero(inst.attrs[0].exprs) && same_dims(inst.attrs[1].exprs, in.dims);
    }
    case TISA_OP_PAD: return all_zero(inst.attrs[0].exprs) && all_zero(inst.attrs[1].exprs);
    case TISA_OP_REVERSE:
    case TISA_OP_REDUCE_SUM:
    case TISA_OP_REDUCE_PROD:
    case TISA_OP_REDUCE_MAX:
    case TISA_OP_REDUCE_MIN: return inst.attrs[0].ints.empty();
    case TISA_OP_CONCAT: return inst.operands.size() == 1;
    case TISA_OP_CAST: return true;  // dtype equal, checked above
    default: return false;
  }
}

}  // namespace

bool canonicalize(Module& m) {
  const auto n_in = static_cast<ValueId>(m.inputs.size());
  return rewrite_forward(m, [&](Inst& inst, ValueId, bool& edited) -> std::optional<ValueId> {
    if (is_identity(m, inst)) return inst.operands[0];
    // reshape(reshape(x)) -> reshape(x); transpose(transpose(x)) -> one transpose.
    if (inst.operands.size() != 1 || m.is_input(inst.operands[0])) return std::nullopt;
    const Inst& producer = m.insts[inst.operands[0] - n_in];
    if (inst.op == TISA_OP_RESHAPE && producer.op == TISA_OP_RESHAPE) {
      inst.operands[0] = producer.operands[0];
      edited = true;
    } else if (inst.op == TISA_OP_TRANSPOSE && producer.op == TISA_OP_TRANSPOSE) {
      std::vector<int64_t> perm;
      for (int64_t p : inst.attrs[0].ints) perm.push_back(producer.attrs[0].ints[p]);
      inst.attrs[0].ints = std::move(perm);
      inst.operands[0] = producer.operands[0];
      edited = true;
    }
    return std::nullopt;
  });
}

}  // namespace tisa::ir
