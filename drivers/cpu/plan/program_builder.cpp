// Fused programs: the members' ops with their operands resolved to leaves (read through views)
// or earlier ops, slots reused once their last reader has run, and the register-chain form
// when the ops allow it.
#include <algorithm>
#include <climits>
#include <cstring>
#include <unordered_map>

#include "drivers/cpu/plan/builder.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cpu {
namespace {

constexpr int16_t kMaxSlots = 1024;

// The dtype an elementwise kernel is looked up by: select by its value operands, the others by
// their first operand.
tisa_dtype_t kernel_dtype(const ir::Module& m, const ir::Inst& in) {
  return m.value_type(in.operands[in.op == TISA_OP_SELECT ? 1 : 0]).dtype;
}

}  // namespace

Program InstanceBuilder::build_program(std::span<const ir::ValueId> members, ir::ValueId result_value,
                                       const ir::Shape& space) {
  Program p;
  p.count = ir::element_count(space);
  // An operand reference: a leaf (>= 0) or a member's op (encoded as -1 - index).
  // Maps sized by the program, not the module: a module may have a million instructions.
  std::unordered_map<ir::ValueId, int32_t> member_index, leaf_of_value;
  for (size_t i = 0; i < members.size(); ++i) member_index[members[i]] = static_cast<int32_t>(i);
  auto reference = [&](ir::ValueId o) -> int32_t {
    ir::ValueId w = o;
    while (!m_.is_input(w) && plan_.roles[w] == Role::View && inst(w).op == TISA_OP_RESHAPE) {
      w = inst(w).operands[0];
    }
    if (auto member = member_index.find(w); member != member_index.end()) return -1 - member->second;
    auto [leaf, added] = leaf_of_value.try_emplace(o, static_cast<int32_t>(p.leaves.size()));
    if (added) p.leaves.push_back(operand_of(o));
    return leaf->second;
  };
  struct Pending {
    ElementwiseFn fn;
    int32_t in[3] = {0, 0, 0};
    int count = 0;
  };
  std::vector<Pending> pending(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    const ir::Inst& in = inst(members[i]);
    Pending& op = pending[i];
    op.fn = kernels_.elementwise(in.op, kernel_dtype(m_, in), in.type.dtype);
    if (!op.fn) {
      fail(TISA_UNIMPLEMENTED, "cpu driver: no kernel for {}", ir::describe(m_, members[i]));
    }
    op.count = static_cast<int>(in.operands.size());
    for (int k = 0; k < op.count; ++k) op.in[k] = reference(in.operands[static_cast<size_t>(k)]);
  }
  const int32_t result = reference(result_value);

  // Slots: one per leaf, then op results, reusing a slot once its last reader has run (never
  // for that reader's own result: a cast may change the element size).
  const auto leaf_count = static_cast<int16_t>(p.leaves.size());
  std::vector<size_t> last_read(members.size(), 0);
  for (size_t i = 0; i < members.size(); ++i) {
    for (int k = 0; k < pending[i].count; ++k) {
      if (pending[i].in[k] < 0) last_read[static_cast<size_t>(-1 - pending[i].in[k])] = i;
    }
  }
  if (result < 0) last_read[static_cast<size_t>(-1 - result)] = SIZE_MAX;
  std::vector<int16_t> slot_of_op(members.size(), -1);
  std::vector<int16_t> free_slots;
  int16_t next_slot = leaf_count;
  auto slot = [&](int32_t ref) { return ref >= 0 ? static_cast<int16_t>(ref) : slot_of_op[-1 - ref]; };
  for (size_t i = 0; i < members.size(); ++i) {
    ProgramOp op;
    op.fn = pending[i].fn;
    for (int k = 0; k < pending[i].count; ++k) op.in[k] = slot(pending[i].in[k]);
    if (!free_slots.empty()) {
      op.out = free_slots.back();
      free_slots.pop_back();
    } else {
      if (next_slot >= kMaxSlots)
        fail(TISA_UNIMPLEMENTED, "cpu driver: a fused program needs too many slots");
      op.out = next_slot++;
    }
    slot_of_op[i] = op.out;
    p.ops.push_back(op);
    for (int k = 0; k < pending[i].count; ++k) {
      const int32_t ref = pending[i].in[k];
      if (ref < 0 && last_read[static_cast<size_t>(-1 - ref)] == i) {
        const int16_t s = slot_of_op[-1 - ref];
        if (std::find(free_slots.begin(), free_slots.end(), s) == free_slots.end()) free_slots.push_back(s);
      }
    }
  }
  p.slot_count = next_slot;
  p.result = slot(result);
  p.result_size = static_cast<uint32_t>(ir::dtype_size(m_.value_type(result_value).dtype));
  // A linear f32 chain runs in registers: op 0 reads leaves, every later op the previous result
  // (once or twice) and at most one leaf, and only its successor reads each result.
  const bool all_f32 = std::all_of(members.begin(), members.end(), [&](ir::ValueId v) {
    const ir::Inst& in = inst(v);
    return in.type.dtype == TISA_DTYPE_F32 && kernel_dtype(m_, in) == TISA_DTYPE_F32 &&
           kernels_.chain_supports(in.op);
  });
  if (all_f32 && !members.empty() && members.size() <= kMaxChain &&
      result == -1 - int32_t(members.size() - 1)) {
    std::vector<ChainOp> chain;
    bool linear = pending[0].in[0] >= 0 && (pending[0].count < 2 || pending[0].in[1] >= 0);
    for (size_t i = 0; i < members.size() && linear; ++i) {
      const Pending& op = pending[i];
      ChainOp c;
      c.opcode = inst(members[i]).op;
      const int32_t previous = -1 - static_cast<int32_t>(i) + 1;  // op i - 1's reference
      int32_t other = INT32_MIN;
      if (i == 0) {
        p.chain_first = static_cast<int16_t>(op.in[0]);
        if (op.count == 2) other = op.in[1];
      } else if (op.count == 1) {
        linear = op.in[0] == previous;
      } else if (op.in[0] == previous && op.in[1] == previous) {
        c.operand = ChainStep::Operand::Acc;
      } else if (op.in[0] == previous) {
        other = op.in[1];
      } else if (op.in[1] == previous) {
        other = op.in[0];
        c.swapped = true;
      } else {
        linear = false;
      }
      if (other != INT32_MIN) {
        if (other < 0) {
          linear = false;  // an earlier result: not a chain
        } else if (p.leaves[static_cast<size_t>(other)].is_splat()) {
          c.operand = ChainStep::Operand::Splat;
          const auto bits = static_cast<uint32_t>(p.leaves[static_cast<size_t>(other)].splat);
          std::memcpy(&c.splat, &bits, sizeof c.splat);
        } else {
          c.operand = ChainStep::Operand::Pointer;
          c.leaf = static_cast<int16_t>(other);
        }
      }
      chain.push_back(c);
    }
    if (linear) p.chain = std::move(chain);
  }
  if (!p.chain.empty()) {
    p.wide = std::all_of(p.leaves.begin(), p.leaves.end(),
                         [](const Operand& x) { return x.is_splat() || x.dense; }) &&
             !p.leaves[static_cast<size_t>(p.chain_first)].is_splat();
  }
  return p;
}

}  // namespace tisa::cpu
