// Indexing operators on top of `gather` (numpy take along one axis) and `scatter`. TISA's
// out-of-range rule (reads give 0, writes are skipped; no wrap-around) is kept for indices outside
// [-dim, dim); ONNX's negative indices are wrapped explicitly first.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// ONNX Gather: indices in [-dim, dim); negatives get dim added (select on lt(index, 0)).
Value gather(Builder& b, Value data, Value indices, int64_t axis);
// table[V, E] looked up by ids[...] -> [..., E] (gather on axis 0).
Value embedding(Builder& b, Value table, Value ids);
// ONNX GatherElements / torch.gather: out[p] = data[p with p[axis] = indices[p]]. data is
// flattened and read with one gather at the linear index sum(coord_i * stride_i); the other
// coordinates come from iotas. Out-of-range indices read 0 (their linear index is made -1).
Value gather_elements(Builder& b, Value data, Value indices, int64_t axis);

enum class ScatterReduction { None, Add, Max, Min, Mul };
// ONNX ScatterElements: the same linear indices into the flattened data, one scatter (set / add /
// max / min, and mul, a TISA 1.1 scatter mode). Later updates win for None, as in row-major
// order. data must be numeric (scatter's class).
Value scatter_elements(Builder& b, Value data, Value indices, Value updates, int64_t axis,
                       ScatterReduction reduction = ScatterReduction::None);
// ONNX OneHot with a literal depth: eq(iota(depth), index) selects on_value / off_value; the new
// axis is inserted at `axis` (-1: last). Negative indices count from depth.
Value one_hot(Builder& b, Value indices, int64_t depth, Value on_value, Value off_value, int64_t axis = -1);

}  // namespace tisa::ops
