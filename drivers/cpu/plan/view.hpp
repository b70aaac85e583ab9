// Strided views: a tensor read through offset + sum(index[d] * stride[d]) elements of a dense
// base. Every movement op except pad and concat is such a view of its operand, so chains of
// views compose into one and are never copied. reshape composes only when the strides allow it
// (as numpy's no-copy reshape); a consumer that iterates in row-major order needs no reshape at
// all, because reshape keeps that order.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "tisa/types.h"

namespace tisa::cpu {

struct StridedView {
  uint32_t rank = 0;
  int64_t dims[TISA_MAX_RANK] = {};
  int64_t strides[TISA_MAX_RANK] = {};  // elements; 0 repeats (broadcast), negative reverses
  int64_t offset = 0;                   // elements from the base

  int64_t count() const;
  std::span<const int64_t> shape() const { return {dims, rank}; }
  // Row-major over a dense base of this shape.
  static StridedView dense(std::span<const int64_t> shape, int64_t offset = 0);
  // Whether element i of the row-major order is base element offset + i.
  bool is_dense() const;
  // Size-1 axes dropped and axes that step through memory as one merged (at least rank 1):
  // what gathers iterate.
  StridedView coalesced() const;
};

// The view ops, applied to a view whose dims are the op's operand shape. Arguments are the
// op's attributes, already checked by the verifier and evaluated under the binding.
StridedView transpose_view(const StridedView& v, std::span<const int64_t> perm);
StridedView broadcast_view(const StridedView& v, std::span<const int64_t> out_shape);
StridedView slice_view(const StridedView& v, std::span<const int64_t> start, std::span<const int64_t> step,
                       std::span<const int64_t> out_shape);
StridedView reverse_view(const StridedView& v, std::span<const int64_t> axes);
StridedView window_view(const StridedView& v, std::span<const int64_t> stride,
                        std::span<const int64_t> dilation, std::span<const int64_t> out_shape);
// The same elements in row-major order as shape, if strides can express it.
std::optional<StridedView> reshape_view(const StridedView& v, std::span<const int64_t> shape);
// Axes reordered: result axis i is v's axis order[i].
StridedView permute_view(const StridedView& v, std::span<const int64_t> order);

}  // namespace tisa::cpu
