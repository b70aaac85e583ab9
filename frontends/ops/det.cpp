#include "frontends/ops/linalg.hpp"

#include "frontends/ops/indexing.hpp"

namespace tisa::ops {

Value det(Builder& b, Value x) {
  require_float(b, x, "det");
  const Dims d = dims_of(b, x);
  if (d.size() < 2) invalid("det: needs x of shape [..., M, M], got {}", dims_str(b, d));
  const int64_t m = require_literal(b, d.back(), "det", "the matrix size");
  if (!d[d.size() - 2].equals(d.back())) invalid("det: the matrices {} are not square", dims_str(b, d));
  const Dims batch(d.begin(), d.end() - 2);
  const Expr n = ir::product(std::span<const Expr>(batch));
  const tisa_dtype_t dt = dtype_of(b, x);
  const Dims square{n, lit(m), lit(m)}, row{n, lit(1), lit(m)}, column{n, lit(m), lit(1)},
      one{n, lit(1), lit(1)};
  const auto i64 = [&](const Dims& shape, double v) { return b.fill(TISA_DTYPE_I64, shape, v); };
  const auto full = [&](const Dims& shape, double v) { return b.fill(dt, shape, v); };

  Value a = b.reshape(x, square);
  Value rows = b.iota(TISA_DTYPE_I64, square, 1);
  Value column_rows = b.iota(TISA_DTYPE_I64, column, 1);
  Value result = full(one, 1.0);
  for (int64_t k = 0; k < m; ++k) {
    // The pivot row: the largest |a[r, k]| over r >= k.
    Value below = b.slice(a, {lit(0), lit(k), lit(k)}, {n, lit(m), lit(k + 1)}, {1, 1, 1});
    Value pivot_at =
        b.add(b.arg_reduce(TISA_OP_ARGMAX, b.unary(TISA_OP_ABS, below), 1, true), i64(one, double(k)));
    Value pivot_row = gather_elements(b, a, b.broadcast(pivot_at, row), 1);  // [n, 1, m]
    Value row_k = b.slice(a, {lit(0), lit(k), lit(0)}, {n, lit(k + 1), lit(m)}, {1, 1, 1});
    Value is_k = b.binary(TISA_OP_EQ, rows, i64(square, double(k)));
    Value is_pivot = b.binary(TISA_OP_EQ, rows, b.broadcast(pivot_at, square));
    a = b.select(is_k, b.broadcast(pivot_row, square), b.select(is_pivot, b.broadcast(row_k, square), a));
    Value swapped = b.binary(TISA_OP_NE, pivot_at, i64(one, double(k)));
    Value pivot = b.slice(pivot_row, {lit(0), lit(0), lit(k)}, {n, lit(1), lit(k + 1)}, {1, 1, 1});
    result = b.mul(b.mul(result, pivot), b.select(swapped, full(one, -1.0), full(one, 1.0)));
    if (k + 1 == m) break;
    Value zero_pivot = b.binary(TISA_OP_EQ, pivot, full(one, 0.0));
    Value divisor = b.broadcast(b.select(zero_pivot, full(one, 1.0), pivot), column);
    Value factor = b.div(b.slice(a, {lit(0), lit(0), lit(k)}, {n, lit(m), lit(k + 1)}, {1, 1, 1}), divisor);
    factor = b.select(b.binary(TISA_OP_LT, i64(column, double(k)), column_rows), factor, full(column, 0.0));
    a = b.sub(a, b.mul(b.broadcast(factor, square), b.broadcast(pivot_row, square)));
  }
  return b.reshape(result, batch);
}

}  // namespace tisa::ops
