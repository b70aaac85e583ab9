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
  // A chain operand repeated along the whole tile (a per-row value broadcast along the row)
  // becomes a splat of this tile: one element read instead of a tile gathered.
  uint64_t tile_splats = 0;  // bit i: leaf i (i < 64) is one value here, in its slot's first element
  for (int i = 0; i < leaf_count; ++i) {
    const Operand& leaf = leaves[static_cast<size_t>(i)];
    uint8_t* mine = slot_memory(scratch, i);
    const StridedView& w = leaf.walk;
    if (!chain.empty() && i < 64 && !leaf.is_splat() && !leaf.dense && w.strides[w.rank - 1] == 0 &&
        start % w.dims[w.rank - 1] + n <= w.dims[w.rank - 1]) {
      gather(ctx, leaf, start, 1, mine);
      tile_splats |= uint64_t{1} << i;
      slots[i] = mine;
    } else if (leaf.is_splat()) {
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
      if (c.leaf >= 0 && c.leaf < 64 && (tile_splats >> c.leaf & 1)) {
        steps[j].operand = ChainStep::Operand::Splat;
        steps[j].splat = *steps[j].pointer;
      }
    }
    uint8_t* target = out ? out : slot_memory(scratch, result);
    const float* first = reinterpret_cast<const float*>(slots[chain_first]);
    int begin = 0;
    const int count = static_cast<int>(chain.size());
    if (tile_splats >> chain_first & 1) {
      // The chain starts from one value for the whole tile (a per-row value, as in layernorm's
      // rsqrt(var + eps)): the steps up to the first tensor operand are computed once, then
      // the chain restarts from that operand, the value becoming its splat (order swapped).
      float value = *first;
      while (begin < count && steps[begin].operand != ChainStep::Operand::Pointer) ++begin;
      ctx.kernels->chain_f32(steps, begin, &value, &value, 1, false);
      if (begin == count) {
        ctx.kernels->strided_copy(4)(&value, 0, target, n);
        return target;
      }
      ChainStep& next = steps[begin];
      first = next.pointer;
      next.operand = ChainStep::Operand::Splat;
      next.splat = value;
      next.swapped = !next.swapped;
    }
    ctx.kernels->chain_f32(steps + begin, count - begin, first, reinterpret_cast<float*>(target), n,
                           stream && out);
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
