#include "frontends/ops/indexing.hpp"

#include "frontends/ops/broadcast.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ops {
namespace {

Value index_tensor(Builder& b, Value indices, std::string_view op) {
  const tisa_dtype_t dt = dtype_of(b, indices);
  if (dt == TISA_DTYPE_I32 || dt == TISA_DTYPE_I64) return indices;
  if (!ir::dtype_is_int(dt)) invalid("{}: indices must be integers, got {}", op, dtype_name(dt));
  return b.cast(indices, TISA_DTYPE_I64);
}

// index + dim where index < 0.
Value wrap_negative(Builder& b, Value index, const Expr& dim) {
  const Dims& shape = dims_of(b, index);
  Value d = b.broadcast(dim_value(b, dim, dtype_of(b, index)), shape);
  Value negative = b.binary(TISA_OP_LT, index, splat_like(b, 0.0, index));
  return b.select(negative, b.add(index, d), index);
}

// Linear index into the flattened data for each element of indices (elementwise API of
// GatherElements / ScatterElements); -1 where the index is out of range.
Value linear_index(Builder& b, Value data, Value indices, int64_t axis, std::string_view op) {
  const Dims& dd = dims_of(b, data);
  if (rank_of(b, indices) != rank_of(b, data))
    invalid("{}: indices {} and data {} differ in rank", op, dims_str(b, dims_of(b, indices)),
            dims_str(b, dd));
  Value idx = wrap_negative(b, b.cast(index_tensor(b, indices, op), TISA_DTYPE_I64), dd[axis]);
  const Dims shape = dims_of(b, idx);
  auto dim_tensor = [&](const Expr& e) { return b.broadcast(dim_value(b, e, TISA_DTYPE_I64), shape); };
  Value linear = b.fill(TISA_DTYPE_I64, shape, 0.0);
  for (int64_t a = 0; a < rank_of(b, data); ++a) {
    Value coord = a == axis ? idx : b.iota(TISA_DTYPE_I64, shape, a);
    linear = b.add(b.mul(linear, dim_tensor(dd[a])), coord);
  }
  Value in_range = b.binary(TISA_OP_AND, b.binary(TISA_OP_LE, splat_like(b, 0.0, idx), idx),
                            b.binary(TISA_OP_LT, idx, dim_tensor(dd[axis])));
  return b.select(in_range, linear, splat_like(b, -1.0, linear));
}

}  // namespace

Value gather(Builder& b, Value data, Value indices, int64_t axis) {
  axis = normalize_axis(axis, rank_of(b, data), "gather");
  Value idx = wrap_negative(b, index_tensor(b, indices, "gather"), dims_of(b, data)[axis]);
  return b.gather(data, idx, axis);
}

Value embedding(Builder& b, Value table, Value ids) {
  return gather(b, table, ids, 0);
}

Value gather_elements(Builder& b, Value data, Value indices, int64_t axis) {
  axis = normalize_axis(axis, rank_of(b, data), "gather_elements");
  Value linear = linear_index(b, data, indices, axis, "gather_elements");
  Value flat = b.reshape(data, {ir::product(dims_of(b, data))});
  return b.gather(flat, linear, 0);
}

Value scatter_elements(Builder& b, Value data, Value indices, Value updates, int64_t axis,
                       ScatterReduction reduction) {
  axis = normalize_axis(axis, rank_of(b, data), "scatter_elements");
  Value linear = linear_index(b, data, indices, axis, "scatter_elements");
  const Expr count = ir::product(dims_of(b, linear));
  Value u = b.reshape(cast_to(b, updates, dtype_of(b, data)), {count});
  Value flat = b.reshape(data, {ir::product(dims_of(b, data))});
  tisa_scatter_mode_t mode = TISA_SCATTER_MODE_SET;
  switch (reduction) {
    case ScatterReduction::None: mode = TISA_SCATTER_MODE_SET; break;
    case ScatterReduction::Add: mode = TISA_SCATTER_MODE_ADD; break;
    case ScatterReduction::Max: mode = TISA_SCATTER_MODE_MAX; break;
    case ScatterReduction::Min: mode = TISA_SCATTER_MODE_MIN; break;
    case ScatterReduction::Mul: mode = TISA_SCATTER_MODE_MUL; break;
  }
  Value out = b.scatter(flat, b.reshape(linear, {count}), u, 0, mode);
  return b.reshape(out, dims_of(b, data));
}

Value one_hot(Builder& b, Value indices, int64_t depth, Value on_value, Value off_value, int64_t axis) {
  if (depth < 1) invalid("one_hot: depth {} < 1", depth);
  const int64_t out_rank = rank_of(b, indices) + 1;
  axis = normalize_axis(axis, out_rank, "one_hot");
  Value idx = wrap_negative(b, b.cast(index_tensor(b, indices, "one_hot"), TISA_DTYPE_I64), lit(depth));
  Dims shape = dims_of(b, idx), lifted = shape;
  shape.insert(shape.begin() + axis, lit(depth));
  lifted.insert(lifted.begin() + axis, lit(1));
  Value hot =
      b.binary(TISA_OP_EQ, b.iota(TISA_DTYPE_I64, shape, axis), b.broadcast(b.reshape(idx, lifted), shape));
  const tisa_dtype_t dt = promote_types(dtype_of(b, on_value), dtype_of(b, off_value));
  Value on = broadcast_to(b, b.reshape(cast_to(b, on_value, dt), {}), shape, "one_hot");
  Value off = broadcast_to(b, b.reshape(cast_to(b, off_value, dt), {}), shape, "one_hot");
  return b.select(hot, on, off);
}

}  // namespace tisa::ops
