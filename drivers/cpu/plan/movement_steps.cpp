// pad and concat: the two movement ops that are not views. Both copy whole rows of their
// operands (gathered through the operands' views) into place.
#include <algorithm>

#include "drivers/cpu/plan/steps.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kGrain = 16 * 1024;

}  // namespace

void PadStep::run(const ExecContext& ctx) const {
  const int64_t out_count = ir::element_count(out_shape);
  if (out_count == 0) return;
  uint8_t* out = ctx.address(dest);
  const auto size = static_cast<int64_t>(x.element_size);
  const StridedCopyFn splat = ctx.kernels->strided_copy(x.element_size);
  {
    const int64_t tasks = task_count(ctx, out_count, kGrain);
    const int64_t chunk = (out_count + tasks - 1) / tasks;
    ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned) {
      const int64_t from = task * chunk;
      const int64_t n = std::min(out_count, from + chunk) - from;
      if (n > 0) splat(&value, 0, out + from * size, n);
    });
  }
  const int64_t in_count = ir::element_count(in_shape);
  if (in_count == 0) return;
  const size_t rank = in_shape.size();
  const int64_t width = rank ? in_shape[rank - 1] : 1;
  const int64_t rows = in_count / width;
  std::vector<int64_t> out_strides(rank, 1);
  for (size_t d = rank; d-- > 1;) out_strides[d - 1] = out_strides[d] * out_shape[d];
  const int64_t tasks = task_count(ctx, in_count, kGrain);
  const int64_t per_task = (rows + tasks - 1) / tasks;
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned) {
    const int64_t last = std::min(rows, (task + 1) * per_task);
    for (int64_t row = task * per_task; row < last; ++row) {
      int64_t offset = rank ? low[rank - 1] : 0;
      int64_t rest = row;
      for (size_t d = rank - (rank ? 1 : 0); d-- > 0;) {
        offset += (rest % in_shape[d] + low[d]) * out_strides[d];
        rest /= in_shape[d];
      }
      gather(ctx, x, row * width, width, out + offset * size);
    }
  });
}

void ConcatStep::run(const ExecContext& ctx) const {
  uint8_t* out = ctx.address(dest);
  const auto size = static_cast<int64_t>(element_size);
  const auto part_count = static_cast<int64_t>(parts.size());
  const int64_t blocks = part_count * outer;
  const int64_t tasks = task_count(ctx, outer * total * inner, kGrain);
  const int64_t per_task = (blocks + tasks - 1) / tasks;
  std::vector<int64_t> bases(parts.size(), 0);
  for (size_t p = 1; p < parts.size(); ++p) bases[p] = bases[p - 1] + extents[p - 1];
  ctx.pool->parallel_for(tasks, [&](int64_t task, unsigned) {
    const int64_t last = std::min(blocks, (task + 1) * per_task);
    for (int64_t block = task * per_task; block < last; ++block) {
      const auto p = static_cast<size_t>(block % part_count);
      const int64_t o = block / part_count;
      const int64_t n = extents[p] * inner;
      gather(ctx, parts[p], o * n, n, out + (o * total + bases[p]) * inner * size);
    }
  });
}

}  // namespace tisa::cpu
