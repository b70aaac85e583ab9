// f32 matmul through OpenBLAS's cblas_sgemm, run single-threaded on each of the pool's threads
// (the driver's private OpenBLAS is set to one thread): every thread computes a block of rows
// (or of columns, when the result is wide), gathering its rows of a left operand BLAS cannot
// read in place into its own scratch memory, one block at a time.
#include <cblas.h>

#include <algorithm>
#include <cstring>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kGrain = 16 * 1024;
constexpr int64_t kPackBytes = 1 << 20;  // per thread: rows of a gathered left operand
constexpr int64_t kMinPart = 16;         // rows or columns per task at least
constexpr double kSmallFlops = 1 << 20;  // below this, one thread does the whole product

// Gathers elements [start, start + count) of x into dst on every thread.
void parallel_gather(const ExecContext& ctx, const Operand& x, int64_t start, int64_t count, float* dst) {
  const int64_t tasks = task_count(ctx, count, kGrain);
  const int64_t chunk = (count + tasks - 1) / tasks;
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned) {
    const int64_t from = task * chunk;
    const int64_t n = std::min(count, from + chunk) - from;
    if (n > 0) gather(ctx, x, start + from, n, dst + from);
  });
}

const float* matrix_at(const ExecContext& ctx, const MatmulStep::Matrix& a, int64_t batch) {
  const auto* base = reinterpret_cast<const float*>(ctx.address(a.x.base));
  return base + a.x.view.offset + batch * a.batch_stride;
}

}  // namespace

void use_single_threaded_blas() {
  openblas_set_num_threads(1);
}

int64_t MatmulStep::pack_rows(int64_t k) {
  return std::max<int64_t>(1, (kPackBytes / 4) / std::max<int64_t>(k, 1));
}

void MatmulStep::run(const ExecContext& ctx) const {
  if (batch == 0 || m == 0 || n == 0) return;
  auto* out = reinterpret_cast<float*>(ctx.address(dest));
  if (k == 0) {
    std::memset(out, 0, static_cast<size_t>(batch * m * n) * sizeof(float));
    return;
  }
  const bool by_rows = m >= n;
  const int64_t extent = by_rows ? m : n;
  const double flops = 2.0 * static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  const auto threads = static_cast<int64_t>(ctx.pool->size());
  const int64_t parts =
      flops < kSmallFlops ? 1 : std::clamp<int64_t>(2 * threads, 1, std::max<int64_t>(1, extent / kMinPart));
  const int64_t rows_per_pack = pack_rows(k);
  if (!lhs.direct) ctx.scratch->reserve(static_cast<size_t>(std::min(rows_per_pack, m) * k) * sizeof(float));
  for (int64_t b = 0; b < batch; ++b) {
    const float* right;
    CBLAS_TRANSPOSE right_trans = CblasNoTrans;
    int64_t ldb = n;
    if (rhs.direct) {
      right = matrix_at(ctx, rhs, b);
      right_trans = rhs.transposed ? CblasTrans : CblasNoTrans;
      ldb = rhs.ld;
    } else {
      auto* pack = reinterpret_cast<float*>(ctx.address(rhs_pack));
      parallel_gather(ctx, rhs.x, b * k * n, k * n, pack);
      right = pack;
    }
    const float* left = lhs.direct ? matrix_at(ctx, lhs, b) : nullptr;
    float* c = out + b * m * n;
    ctx.pool->parallel_for(parts, [&](int64_t part, unsigned thread) {
      const int64_t from = extent * part / parts, to = extent * (part + 1) / parts;
      const int64_t row0 = by_rows ? from : 0, rows = by_rows ? to - from : m;
      const int64_t col0 = by_rows ? 0 : from, cols = by_rows ? n : to - from;
      if (rows <= 0 || cols <= 0) return;
      const float* right_block = right_trans == CblasNoTrans ? right + col0 : right + col0 * ldb;
      float* c_block = c + row0 * n + col0;
      if (lhs.direct) {
        const float* a = lhs.transposed ? left + row0 : left + row0 * lhs.ld;
        cblas_sgemm(CblasRowMajor, lhs.transposed ? CblasTrans : CblasNoTrans, right_trans,
                    static_cast<blasint>(rows), static_cast<blasint>(cols), static_cast<blasint>(k), 1.0f, a,
                    static_cast<blasint>(lhs.ld), right_block, static_cast<blasint>(ldb), 0.0f, c_block,
                    static_cast<blasint>(n));
        return;
      }
      auto* pack = reinterpret_cast<float*>(ctx.scratch->at(thread));
      for (int64_t r = 0; r < rows; r += rows_per_pack) {
        const int64_t block = std::min(rows_per_pack, rows - r);
        gather(ctx, lhs.x, (b * m + row0 + r) * k, block * k, pack);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, right_trans, static_cast<blasint>(block),
                    static_cast<blasint>(cols), static_cast<blasint>(k), 1.0f, pack, static_cast<blasint>(k),
                    right_block, static_cast<blasint>(ldb), 0.0f, c_block + r * n, static_cast<blasint>(n));
      }
    });
  }
}

}  // namespace tisa::cpu
