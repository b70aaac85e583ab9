// Where a step reads or writes a tensor, resolved against one launch's buffers.
#pragma once

#include <cstdint>

#include "drivers/cpu/plan/view.hpp"
#include "tisa/isa.h"

namespace tisa::cpu {

// A dense tensor's first byte: a launch input or output, a temporary in the executable's
// arena, or module data.
struct Location {
  enum class Space : uint8_t { Input, Output, Temp, Constant };
  Space space = Space::Temp;
  uint32_t index = 0;  // input, output, temporary or constant number
};

// How a step reads a value: a strided view of a dense tensor in row-major order of the view's
// dims (which may be another shape with the same element count: a reshape the consumer's
// row-major walk absorbs), or one element repeated (fill, and any view of it).
struct Operand {
  enum class Kind : uint8_t { Tensor, Splat };
  Kind kind = Kind::Tensor;
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  uint32_t element_size = 0;
  Location base;
  StridedView view;
  uint64_t splat = 0;  // the element's bytes, little-endian (Splat)
  // Filled by finalize(): the view as gathers walk it, and whether it is the base's row-major
  // order (read in place, no copy).
  StridedView walk;
  bool dense = false;

  bool is_splat() const { return kind == Kind::Splat; }
  void finalize() {
    walk = view.coalesced();
    dense = !is_splat() && view.is_dense();
  }
};

// Copies elements [start, start + n) of the operand's row-major order into dst.
void gather(const struct ExecContext& ctx, const Operand& x, int64_t start, int64_t n, void* dst);
// The operand's elements from start as they lie in memory, or null when they need a gather.
const uint8_t* direct(const struct ExecContext& ctx, const Operand& x, int64_t start);

}  // namespace tisa::cpu
