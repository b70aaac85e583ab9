// Row-local steps run block of rows by block of rows: each part on the block, in order, so
// that what one part stores is read back by the next from cache, not from memory.
#include <algorithm>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kBlockElements = 16 * 1024;  // 64 KiB of f32 per value: a few stay in L2
constexpr int64_t kGrain = 32 * 1024;          // elements below which one thread does it all

}  // namespace

int64_t RowStep::work() const {
  int64_t total = 0;
  for (const auto& step : owned) total += step->work();
  return total;
}

void RowStep::run(const ExecContext& ctx) const {
  if (rows * cols == 0) return;
  const int64_t block = std::clamp<int64_t>(kBlockElements / std::max<int64_t>(cols, 1), 1, rows);
  const int64_t tasks = rows * cols <= kGrain ? 1 : (rows + block - 1) / block;
  const int64_t rows_per_task = (rows + tasks - 1) / tasks;
  size_t scratch = 0;
  for (const Part& p : parts) {
    scratch = std::max(
        scratch, p.fused ? p.fused->program.scratch_bytes() : p.reduce->rows_scratch_bytes(rows_per_task));
  }
  ctx.scratch->reserve(scratch);
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned thread) {
    const int64_t first = task * rows_per_task;
    const int64_t last = std::min(rows, first + rows_per_task);
    if (first >= last) return;
    uint8_t* memory = ctx.scratch->at(thread);
    for (const Part& p : parts) {
      if (p.fused)
        p.fused->run_range(ctx, memory, first * cols, last * cols, p.stream);
      else
        p.reduce->run_rows(ctx, memory, first, last);
    }
  });
}

}  // namespace tisa::cpu
