// Fused elementwise steps: the iteration space split into chunks of whole tiles, one chunk per
// task; each tile is evaluated in scratch and stored (or written in place by the last op).
#include <algorithm>
#include <cstring>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kGrain = 32 * 1024;  // elements below which one thread does it all
// Results larger than this bypass the caches (non-temporal stores): they will not be read back
// from cache anyway, and the stores need not read the lines they overwrite.
constexpr int64_t kStreamBytes = 32 << 20;

}  // namespace

void FusedStep::run(const ExecContext& ctx) const {
  const int64_t count = program.count;
  if (count == 0) return;
  uint8_t* out = ctx.address(dest);
  const auto size = static_cast<int64_t>(program.result_size);
  const int64_t tasks = task_count(ctx, count, kGrain);
  const int64_t chunk = ((count + tasks - 1) / tasks + kTile - 1) / kTile * kTile;
  if (program.ops.empty()) {  // a copy: gather straight into place
    ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned) {
      const int64_t from = task * chunk;
      const int64_t n = std::min(count, from + chunk) - from;
      if (n > 0) gather(ctx, program.leaves[0], from, n, out + from * size);
    });
    return;
  }
  ctx.scratch->reserve(program.scratch_bytes());
  const bool stream = count * size >= kStreamBytes;
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned thread) {
    uint8_t* scratch = ctx.scratch->at(thread);
    program.begin(ctx, scratch);
    const int64_t end = std::min(count, (task + 1) * chunk);
    for (int64_t start = task * chunk; start < end; start += kTile) {
      const int64_t n = std::min(kTile, end - start);
      uint8_t* target = out + start * size;
      const uint8_t* result = program.eval(ctx, scratch, start, n, target, stream);
      if (result != target) std::memcpy(target, result, static_cast<size_t>(n * size));
    }
  });
}

}  // namespace tisa::cpu
