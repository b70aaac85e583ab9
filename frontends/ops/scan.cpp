#include "frontends/ops/scan.hpp"

namespace tisa::ops {

Value cumsum(Builder& b, Value x, int64_t axis, bool exclusive, bool reverse) {
  axis = normalize_axis(axis, rank_of(b, x), "cumsum");
  const int64_t last = rank_of(b, x) - 1;
  Value moved = move_axis(b, x, axis, last);
  const Dims moved_dims = dims_of(b, moved);
  const Expr len = moved_dims[last];
  const Dims outer(moved_dims.begin(), moved_dims.end() - 1);
  const Expr rows = ir::product(outer);

  // mask[j, i]: does input position i contribute to output position j?
  Value out_pos = b.iota(TISA_DTYPE_I64, {len, len}, 0);
  Value in_pos = b.iota(TISA_DTYPE_I64, {len, len}, 1);
  const tisa_opcode_t cmp = exclusive ? TISA_OP_LT : TISA_OP_LE;
  Value mask = reverse ? b.binary(cmp, out_pos, in_pos) : b.binary(cmp, in_pos, out_pos);

  const Dims cube{rows, len, len};
  Value spread = b.broadcast(b.reshape(moved, {rows, lit(1), len}), cube);
  Value kept = b.select(b.broadcast(mask, cube), spread, b.fill(dtype_of(b, x), cube, 0.0));
  Value sums = b.reshape(b.reduce(TISA_OP_REDUCE_SUM, kept, {2}, false), moved_dims);
  return move_axis(b, sums, last, axis);
}

}  // namespace tisa::ops
