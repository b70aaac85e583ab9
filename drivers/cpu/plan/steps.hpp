// The steps an instance runs, one class per kind of work. Each holds everything it needs with
// concrete shapes; run() splits the work over the pool.
#pragma once

#include <cstdint>
#include <vector>

#include "drivers/cpu/plan/program.hpp"
#include "hal/ir/bind.hpp"

namespace tisa::cpu {

// Results larger than this bypass the caches (non-temporal stores): they will not be read back
// from cache anyway, and the stores need not read the lines they overwrite.
inline constexpr int64_t kStreamBytes = 32 << 20;

// A fused elementwise program stored densely into dest (also: a view or splat materialized,
// when the program has no ops).
class FusedStep final : public Step {
 public:
  Program program;
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override { return program.count; }
  // Elements [from, to) on the calling thread (scratch: program.scratch_bytes()).
  void run_range(const ExecContext& ctx, uint8_t* scratch, int64_t from, int64_t to, bool stream) const;
};

// A reduction over the program's values seen as [outer, reduced, inner] (row-major): dest gets
// outer * inner elements. The program produces the reduced tensor tile by tile.
class ReduceStep final : public Step {
 public:
  Program program;
  ReduceKernels kernels;
  int64_t outer = 1, reduced = 1, inner = 1;
  uint32_t element_size = 0;
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override { return outer * reduced * inner; }
  // Outer rows [first, last) on the calling thread (scratch: rows_scratch_bytes(last - first)).
  void run_rows(const ExecContext& ctx, uint8_t* scratch, int64_t first, int64_t last) const;
  size_t rows_scratch_bytes(int64_t rows) const;

 private:
  void run_by_rows(const ExecContext& ctx) const;
  void run_by_parts(const ExecContext& ctx, int64_t parts) const;
  // Folds elements [from, to) of the iteration space into acc, which holds the accumulators
  // of outputs starting at first_output.
  void fold(const ExecContext& ctx, uint8_t* scratch, int64_t from, int64_t to, int64_t first_output,
            uint8_t* acc) const;
};

// cumsum/cumprod/cummax/cummin of x seen as [outer, extent, inner] (row-major), scanned along
// the extent axis into dest.
class ScanStep final : public Step {
 public:
  Operand x;
  ScanKernels kernels;
  int64_t outer = 1, extent = 1, inner = 1;
  uint32_t element_size = 0;
  bool exclusive = false, reverse = false;
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override { return outer * extent * inner; }
};

// Row-local steps run together (softmax, layernorm): fused and reduce steps over [rows, cols]
// in which every value a step reads from an earlier part is read from the same row (a row of
// it, or its element of a per-row reduction broadcast along the row). Blocks of rows are split
// over the pool and every part runs on a block while its rows are in cache.
class RowStep final : public Step {
 public:
  struct Part {
    const FusedStep* fused = nullptr;  // one of the two
    const ReduceStep* reduce = nullptr;
    bool stream = false;  // a large result no later part reads
  };
  StepList owned;
  std::vector<Part> parts;
  int64_t rows = 0, cols = 0;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override;
};

// f32 matmul through BLAS: [batch, m, k] x [batch, k, n], split over the pool's threads by rows
// (or columns, when n > m). Operands whose strides BLAS accepts are read in place; a left
// operand that is not (a windowed convolution input) is gathered a block of rows at a time into
// each thread's scratch, so it is never materialized whole; a right one is gathered whole.
class MatmulStep final : public Step {
 public:
  struct Matrix {
    Operand x;            // row-major order is [batch, rows, cols]
    bool direct = false;  // BLAS reads it in place
    bool transposed = false;
    int64_t ld = 0, batch_stride = 0;  // elements (direct)
  };
  Matrix lhs, rhs;
  int64_t batch = 1, m = 0, k = 0, n = 0;
  Location rhs_pack;  // a temporary for a gathered right operand
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override { return batch * m * n * (2 * k + 64) / 64; }
  // Rows of a gathered left operand per block.
  static int64_t pack_rows(int64_t k);
};

// The driver's OpenBLAS runs on one thread (the pool provides the parallelism).
void use_single_threaded_blas();

// pad: dest filled with the value, the operand copied row by row into the interior.
class PadStep final : public Step {
 public:
  Operand x;
  ir::Shape in_shape, out_shape;
  std::vector<int64_t> low;
  uint64_t value = 0;  // element bytes
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override { return ir::element_count(out_shape); }
};

// concat along an axis: each part's [outer, extent, inner] block copied into place.
class ConcatStep final : public Step {
 public:
  std::vector<Operand> parts;
  std::vector<int64_t> extents;  // each part's size along the axis
  int64_t outer = 1, inner = 1, total = 0;
  uint32_t element_size = 0;
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override { return outer * total * inner; }
};

// The cold path: one instruction evaluated by the reference kernels on gathered operands (ops
// without a kernel of their own here: iota, gather, scatter, argmax, argmin, integer matmul).
class ReferenceStep final : public Step {
 public:
  const ir::Inst* inst = nullptr;
  std::vector<Operand> operands;
  std::vector<ir::Shape> operand_shapes;
  ir::Shape out_shape;
  Location dest;
  void run(const ExecContext& ctx) const override;
  int64_t work() const override;
};

}  // namespace tisa::cpu
