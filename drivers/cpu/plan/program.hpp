// A fused elementwise program: leaves (operands read through views, or splats) and a list of
// elementwise kernels over tile-sized slots. It is evaluated one tile of the row-major
// iteration space at a time, so intermediate values live in cache-sized slots and never in
// memory. Fused steps store its result; reductions fold it as it is produced.
#pragma once

#include <cstdint>
#include <vector>

#include "drivers/cpu/plan/exec.hpp"

namespace tisa::cpu {

inline constexpr int64_t kTile = 2048;  // elements per slot: 8 KiB of f32

struct ProgramOp {
  ElementwiseFn fn = nullptr;
  int16_t in[3] = {-1, -1, -1};  // slots
  int16_t out = -1;
};

// A program whose ops form one f32 chain (each op takes the previous result and at most one
// leaf) runs as a register chain instead of op by op through the slots.
struct ChainOp {
  uint32_t opcode = 0;
  ChainStep::Operand operand = ChainStep::Operand::None;
  bool swapped = false;
  float splat = 0;
  int16_t leaf = -1;  // the operand's slot (Pointer)
};
inline constexpr size_t kMaxChain = 32;

class Program {
 public:
  int64_t count = 0;            // elements of the iteration space
  std::vector<Operand> leaves;  // slot i reads leaf i
  std::vector<ProgramOp> ops;   // in order; they write slots from leaves.size() up
  int16_t result = -1;          // slot of the value the program computes
  uint32_t result_size = 0;     // its element size
  int16_t slot_count = 0;
  std::vector<ChainOp> chain;  // empty: run op by op
  int16_t chain_first = -1;    // the leaf slot the chain starts from
  // A chain whose tensor leaves are all read in place needs no slot: a stored result may be
  // evaluated in spans longer than a tile (fewer calls, the same bits).
  bool wide = false;

  // Bytes of per-thread scratch that eval() needs: the slots, then a pointer per slot.
  size_t scratch_bytes() const { return static_cast<size_t>(slot_count) * (kTile * 8 + sizeof(void*)); }
  // Prepares a task's scratch (splat leaves are filled once, here).
  void begin(const ExecContext& ctx, uint8_t* scratch) const;
  // Computes elements [start, start + n), n <= kTile (any n when wide and out is given), and returns where
  // the result is. When out is given, the last op writes there directly (out may be a dense leaf's own
  // memory: ops read an element before writing it); stream asks for non-temporal stores there.
  const uint8_t* eval(const ExecContext& ctx, uint8_t* scratch, int64_t start, int64_t n, uint8_t* out,
                      bool stream = false) const;
};

}  // namespace tisa::cpu
