#include "drivers/cpu/plan/program.hpp"

namespace tisa::cpu {
namespace {

uint8_t* slot_memory(uint8_t* scratch, int slot) {
  return scratch + static_cast<size_t>(slot) * kTile * 8;
}

}  // namespace

void Program::begin(const ExecContext& ctx, uint8_t* scratch) const {
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (leaves[i].is_splat()) gather(ctx, leaves[i], 0, kTile, slot_memory(scratch, static_cast<int>(i)));
  }
}

const uint8_t* Program::eval(const ExecContext& ctx, uint8_t* scratch, int64_t start, int64_t n, uint8_t* out,
                             bool stream) const {
  const auto** slots =
      reinterpret_cast<const uint8_t**>(scratch + static_cast<size_t>(slot_count) * kTile * 8);
  const int leaf_count = static_cast<int>(leaves.size());
  for (int i = 0; i < leaf_count; ++i) {
    const Operand& leaf = leaves[static_cast<size_t>(i)];
    uint8_t* mine = slot_memory(scratch, i);
    if (leaf.is_splat()) {
      slots[i] = mine;
    } else if (const uint8_t* in_place = direct(ctx, leaf, start)) {
      slots[i] = in_place;
    } else {
      gather(ctx, leaf, start, n, mine);
      slots[i] = mine;
    }
  }
  if (!chain.empty()) {
    ChainStep steps[kMaxChain];
    for (size_t j = 0; j < chain.size(); ++j) {
      const ChainOp& c = chain[j];
      steps[j].opcode = c.opcode;
      steps[j].operand = c.operand;
      steps[j].swapped = c.swapped;
      steps[j].splat = c.splat;
      steps[j].pointer = c.leaf >= 0 ? reinterpret_cast<const float*>(slots[c.leaf]) : nullptr;
    }
    uint8_t* target = out ? out : slot_memory(scratch, result);
    ctx.kernels->chain_f32(steps, static_cast<int>(chain.size()),
                           reinterpret_cast<const float*>(slots[chain_first]),
                           reinterpret_cast<float*>(target), n, stream && out);
    return target;
  }
  const size_t last = ops.size() - 1;
  for (size_t j = 0; j < ops.size(); ++j) {
    const ProgramOp& op = ops[j];
    uint8_t* target = (out && j == last && op.out == result) ? out : slot_memory(scratch, op.out);
    op.fn(op.in[0] >= 0 ? slots[op.in[0]] : nullptr, op.in[1] >= 0 ? slots[op.in[1]] : nullptr,
          op.in[2] >= 0 ? slots[op.in[2]] : nullptr, target, n);
    slots[op.out] = target;
  }
  return slots[result];
}

}  // namespace tisa::cpu
