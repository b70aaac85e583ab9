#include "frontends/ops/linalg.hpp"

#include "frontends/ops/broadcast.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ops {

tisa_dtype_t default_accumulator(tisa_dtype_t dtype) {
  if (ir::dtype_is_float(dtype)) return dtype;
  if (!ir::dtype_is_int(dtype)) invalid("matmul: dtype {} cannot be multiplied", dtype_name(dtype));
  return ir::find_dtype(dtype)->bits <= 32 ? TISA_DTYPE_I32 : TISA_DTYPE_I64;
}

Value matmul_acc(Builder& b, Value x, Value y, tisa_dtype_t acc) {
  const tisa_dtype_t dtype = promote_types(dtype_of(b, x), dtype_of(b, y));
  x = cast_to(b, x, dtype);
  y = cast_to(b, y, dtype);
  const bool x_vector = rank_of(b, x) == 1, y_vector = rank_of(b, y) == 1;
  if (rank_of(b, x) == 0 || rank_of(b, y) == 0) invalid("matmul: operands must have rank >= 1");
  if (x_vector) x = b.reshape(x, {lit(1), dims_of(b, x)[0]});
  if (y_vector) y = b.reshape(y, {dims_of(b, y)[0], lit(1)});
  const Dims xd = dims_of(b, x), yd = dims_of(b, y);
  const Expr m = xd[xd.size() - 2], k = xd.back(), n = yd.back();
  if (!k.equals(yd[yd.size() - 2]))
    invalid("matmul: contracted dims differ: {} x {}", dims_str(b, xd), dims_str(b, yd));
  const Dims xb(xd.begin(), xd.end() - 2), yb(yd.begin(), yd.end() - 2);

  Value out;
  Dims out_dims;
  if (yb.empty() && !xb.empty()) {
    // [B..., M, K] x [K, N]: one 2-D product over the flattened rows.
    const Expr rows = ir::product(xb) * m;
    out = b.matmul(b.reshape(x, {rows, k}), y, acc);
    out_dims = xb;
  } else {
    const Dims batch = broadcast_shapes(b, xb, yb, "matmul");
    Dims xs = batch, ys = batch;
    xs.insert(xs.end(), {m, k});
    ys.insert(ys.end(), {k, n});
    out = b.matmul(broadcast_to(b, x, xs, "matmul"), broadcast_to(b, y, ys, "matmul"), acc);
    out_dims = batch;
  }
  if (!x_vector) out_dims.push_back(m);
  if (!y_vector) out_dims.push_back(n);
  return reshape_to(b, out, out_dims);
}

Value matmul(Builder& b, Value x, Value y) {
  const tisa_dtype_t dtype = promote_types(dtype_of(b, x), dtype_of(b, y));
  return cast_to(b, matmul_acc(b, x, y, default_accumulator(dtype)), dtype);
}

Value gemm(Builder& b, Value a, Value bm, std::optional<Value> c, const GemmOptions& options) {
  if (rank_of(b, a) != 2 || rank_of(b, bm) != 2)
    invalid("gemm: A and B must have rank 2, got {} and {}", dims_str(b, dims_of(b, a)),
            dims_str(b, dims_of(b, bm)));
  if (options.trans_a) a = b.transpose(a, {1, 0});
  if (options.trans_b) bm = b.transpose(bm, {1, 0});
  Value y = matmul(b, a, bm);
  if (options.alpha != 1.0) y = b.mul(y, splat_like(b, options.alpha, y));
  if (!c) return y;
  Value cc = broadcast_to(b, cast_to(b, *c, dtype_of(b, y)), dims_of(b, y), "gemm");
  if (options.beta != 1.0) cc = b.mul(cc, splat_like(b, options.beta, cc));
  return b.add(y, cc);
}

}  // namespace tisa::ops
