// Matrix products with numpy semantics on top of the batched `matmul` primitive, which needs
// equal ranks and equal batch dims (no broadcasting): the batch dims are broadcast explicitly.
// Numerics: matmul's dot bound (per output, n = K terms).
#pragma once

#include <optional>

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// The accumulator the registry allows for dtype: the float itself, i32 for integers of up to 32
// bits, i64 above.
tisa_dtype_t default_accumulator(tisa_dtype_t dtype);

// numpy matmul: rank-1 operands become a row (lhs) or a column (rhs) and that axis is dropped
// from the result; batch dims broadcast to a common shape. A rank-2 rhs against a batched lhs is
// one [B*M, K] x [K, N] product (no copy of the rhs per batch). The result has the operands'
// promoted dtype (integers accumulate in i32 / i64, then wrap back by the cast).
Value matmul(Builder& b, Value x, Value y);
// As matmul, with the result in the accumulator dtype acc (ONNX MatMulInteger: i8 x i8 -> i32).
Value matmul_acc(Builder& b, Value x, Value y, tisa_dtype_t acc);

struct GemmOptions {
  bool trans_a = false;
  bool trans_b = false;
  double alpha = 1.0;
  double beta = 1.0;
};
// ONNX Gemm: alpha * A' B' + beta * C, A' = A or A^T ([M, K]), B' = B or B^T ([K, N]); C
// broadcasts to [M, N]. alpha and beta multiply only when not 1 (one extra rounding each).
Value gemm(Builder& b, Value a, Value bm, std::optional<Value> c, const GemmOptions& options = {});

// Determinant of x[..., M, M] (M literal) -> [...]: Gaussian elimination with partial pivoting,
// unrolled over the M columns. Step k picks the row r >= k of the largest |a[r, k]| (argmax, the
// first on ties), swaps it with row k (selects on row iotas; a swap flips the sign), multiplies
// the determinant by the pivot and subtracts a[r, k] / pivot times row k from every row r > k.
// A zero pivot (the column is zero below the diagonal) makes the determinant 0; it is divided
// as 1 so that the rest stays finite. Cost: M steps of O(M^2) elementwise ops per matrix.
// Numerics: those of LU with partial pivoting (backward stable up to the growth factor).
Value det(Builder& b, Value x);

}  // namespace tisa::ops
