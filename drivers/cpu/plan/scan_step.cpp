// Scans over [outer, extent, inner]: lines along the axis are independent, so tasks take whole
// lines (inner == 1: each line adjacent in memory) or, when the lines lie side by side
// (inner > 1), one outer index and a block of inner positions, walked along the axis with one
// accumulator per line. Every element is combined in line order, so results do not depend on
// the split.
#include <algorithm>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kGrain = 32 * 1024;  // elements per task at least
constexpr int64_t kBlock = 1024;       // side-by-side lines per unit (their accumulators stay in L1)

}  // namespace

void ScanStep::run(const ExecContext& ctx) const {
  if (outer * extent * inner == 0) return;
  uint8_t* out = ctx.address(dest);
  const auto size = static_cast<int64_t>(element_size);
  // Reads element `at` of the row-major order in place, or gathers n of them into the output
  // (the kernels may write over what they read).
  auto source = [&](int64_t at, int64_t n) -> const uint8_t* {
    if (const uint8_t* in_place = direct(ctx, x, at)) return in_place;
    gather(ctx, x, at, n, out + at * size);
    return out + at * size;
  };
  if (inner == 1) {
    const int64_t tasks = task_count(ctx, outer * extent, std::max<int64_t>(kGrain, extent));
    const int64_t lines_per_task = (outer + tasks - 1) / tasks;
    ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned) {
      const int64_t end = std::min(outer, (task + 1) * lines_per_task);
      for (int64_t line = task * lines_per_task; line < end; ++line) {
        const int64_t at = line * extent;
        kernels.line(source(at, extent), extent, exclusive, reverse, out + at * size);
      }
    });
    return;
  }
  const int64_t block = std::min(inner, kBlock);
  const int64_t blocks = (inner + block - 1) / block;
  const int64_t units = outer * blocks;
  const int64_t tasks = task_count(ctx, units * extent * block, kGrain);
  const int64_t units_per_task = (units + tasks - 1) / tasks;
  ctx.scratch->reserve(static_cast<size_t>(block) * kernels.acc_size);
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned thread) {
    uint8_t* acc = ctx.scratch->at(thread);
    const int64_t end = std::min(units, (task + 1) * units_per_task);
    for (int64_t unit = task * units_per_task; unit < end; ++unit) {
      const int64_t o = unit / blocks;
      const int64_t first = (unit % blocks) * block;
      const int64_t n = std::min(block, inner - first);
      kernels.init(acc, n);
      for (int64_t step = 0; step < extent; ++step) {
        const int64_t k = reverse ? extent - 1 - step : step;
        const int64_t at = (o * extent + k) * inner + first;
        kernels.column(source(at, n), n, exclusive, acc, out + at * size);
      }
    }
  });
}

}  // namespace tisa::cpu
