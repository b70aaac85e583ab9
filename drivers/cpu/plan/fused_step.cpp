// Fused elementwise steps: the iteration space split into chunks of whole tiles, one chunk per
// task; each tile is evaluated in scratch and stored (or written in place by the last op).
#include <algorithm>
#include <cstring>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kGrain = 32 * 1024;    // elements below which one thread does it all
constexpr int64_t kWideSpan = 8 * 1024;  // elements per call of a wide chain (Program::wide)
}  // namespace

void FusedStep::run(const ExecContext& ctx) const {
  const int64_t count = program.count;
  if (count == 0) return;
  const int64_t tasks = task_count(ctx, count, kGrain);
  const int64_t chunk = ((count + tasks - 1) / tasks + kTile - 1) / kTile * kTile;
  if (!program.ops.empty()) ctx.scratch->reserve(program.scratch_bytes());
  const bool stream = count * static_cast<int64_t>(program.result_size) >= kStreamBytes;
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned thread) {
    const int64_t from = task * chunk;
    const int64_t to = std::min(count, from + chunk);
    if (from < to) run_range(ctx, ctx.scratch->at(thread), from, to, stream);
  });
}

void FusedStep::run_range(const ExecContext& ctx, uint8_t* scratch, int64_t from, int64_t to,
                          bool stream) const {
  uint8_t* out = ctx.address(dest);
  const auto size = static_cast<int64_t>(program.result_size);
  if (program.ops.empty()) {  // a copy: gather straight into place
    gather(ctx, program.leaves[0], from, to - from, out + from * size);
    return;
  }
  program.begin(ctx, scratch);
  const int64_t span = program.wide ? kWideSpan : kTile;
  for (int64_t start = from; start < to; start += span) {
    const int64_t n = std::min(span, to - start);
    uint8_t* target = out + start * size;
    const uint8_t* result = program.eval(ctx, scratch, start, n, target, stream);
    if (result != target) std::memcpy(target, result, static_cast<size_t>(n * size));
  }
}

}  // namespace tisa::cpu
