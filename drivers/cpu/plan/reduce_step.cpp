// Reductions over [outer, reduced, inner]: split by output rows when there are enough of them,
// otherwise by parts of the reduced axis with one partial accumulator set per part, merged in a
// fixed order (results do not depend on thread timing).
#include <algorithm>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kGrain = 32 * 1024;  // input elements per task at least

}  // namespace

void ReduceStep::fold(const ExecContext& ctx, uint8_t* scratch, int64_t from, int64_t to,
                      int64_t first_output, uint8_t* acc) const {
  const int64_t row = reduced * inner;  // input elements per outer index
  // Tiles end at multiples of kTile of the whole iteration space, so that the runs the row
  // kernels sum (and so the bits of f32 sums) do not depend on how rows were split into tasks.
  for (int64_t start = from, n = 0; start < to; start += n) {
    n = std::min((start / kTile + 1) * kTile, to) - start;
    const uint8_t* values = program.eval(ctx, scratch, start, n, nullptr);
    // Walk the tile in runs that stay within one (outer, reduced) row of inner elements.
    int64_t at = start;
    while (at < start + n) {
      const int64_t o = at / row;
      const int64_t within = at - o * row;
      const uint8_t* x = values + (at - start) * static_cast<int64_t>(element_size);
      if (inner == 1) {
        const int64_t run = std::min(start + n - at, row - within);
        kernels.row(x, run, acc + (o - first_output) * kernels.acc_size);
        at += run;
      } else {
        const int64_t b = within % inner;
        const int64_t run = std::min(start + n - at, inner - b);
        kernels.column(x, run, acc + ((o * inner + b) - first_output) * kernels.acc_size);
        at += run;
      }
    }
  }
}

void ReduceStep::run(const ExecContext& ctx) const {
  const int64_t outputs = outer * inner;
  if (outputs == 0) return;
  const int64_t total = outputs * reduced;
  const auto threads = static_cast<int64_t>(ctx.pool->size());
  if (outer >= 2 * threads || total <= kGrain) {
    run_by_rows(ctx);
  } else {
    run_by_parts(ctx, std::min<int64_t>(task_count(ctx, total, kGrain), std::max<int64_t>(reduced, 1)));
  }
}

// Each task owns whole outer rows: its accumulators, then its outputs.
void ReduceStep::run_by_rows(const ExecContext& ctx) const {
  const int64_t row = reduced * inner;
  const int64_t tasks = std::min(task_count(ctx, outer * std::max<int64_t>(row, 1), kGrain), outer);
  const int64_t rows_per_task = (outer + tasks - 1) / tasks;
  ctx.scratch->reserve(rows_scratch_bytes(rows_per_task));
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned thread) {
    const int64_t first = task * rows_per_task;
    const int64_t last = std::min(outer, first + rows_per_task);
    if (first < last) run_rows(ctx, ctx.scratch->at(thread), first, last);
  });
}

size_t ReduceStep::rows_scratch_bytes(int64_t rows) const {
  return (program.scratch_bytes() + 63) / 64 * 64 + static_cast<size_t>(rows * inner) * kernels.acc_size;
}

void ReduceStep::run_rows(const ExecContext& ctx, uint8_t* scratch, int64_t first, int64_t last) const {
  const int64_t row = reduced * inner;
  uint8_t* acc = scratch + (program.scratch_bytes() + 63) / 64 * 64;
  const int64_t outputs = (last - first) * inner;
  kernels.init(acc, outputs);
  program.begin(ctx, scratch);
  fold(ctx, scratch, first * row, last * row, first * inner, acc);
  kernels.finish(acc, outputs, ctx.address(dest) + first * inner * static_cast<int64_t>(element_size));
}

// Each task folds a slice of the reduced axis for every output into its own accumulators.
void ReduceStep::run_by_parts(const ExecContext& ctx, int64_t parts) const {
  const int64_t outputs = outer * inner;
  const int64_t per_part = (reduced + parts - 1) / parts;
  const size_t acc_bytes = static_cast<size_t>(outputs) * kernels.acc_size;
  std::vector<uint8_t> partial(acc_bytes * static_cast<size_t>(parts + 1));
  ctx.scratch->reserve(program.scratch_bytes());
  ctx.pool->parallel_for(parts, [&](int64_t part, unsigned thread) {
    uint8_t* acc = partial.data() + acc_bytes * static_cast<size_t>(part + 1);
    kernels.init(acc, outputs);
    const int64_t r0 = part * per_part;
    const int64_t r1 = std::min(reduced, r0 + per_part);
    if (r0 >= r1) return;
    uint8_t* scratch = ctx.scratch->at(thread);
    program.begin(ctx, scratch);
    for (int64_t o = 0; o < outer; ++o) {
      const int64_t base = o * reduced * inner;
      fold(ctx, scratch, base + r0 * inner, base + r1 * inner, 0, acc);
    }
  });
  uint8_t* total = partial.data();
  kernels.init(total, outputs);
  for (int64_t part = 0; part < parts; ++part) {
    kernels.merge(partial.data() + acc_bytes * static_cast<size_t>(part + 1), outputs, total);
  }
  kernels.finish(total, outputs, ctx.address(dest));
}

}  // namespace tisa::cpu
