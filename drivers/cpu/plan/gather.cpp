// Reading operands: in place when dense, otherwise run by run along the innermost axis of the
// coalesced view (each run one strided copy kernel call).
#include <algorithm>
#include <cstring>

#include "drivers/cpu/plan/exec.hpp"

namespace tisa::cpu {

const uint8_t* direct(const ExecContext& ctx, const Operand& x, int64_t start) {
  if (!x.dense) return nullptr;
  return ctx.address(x.base) + (x.view.offset + start) * static_cast<int64_t>(x.element_size);
}

void gather(const ExecContext& ctx, const Operand& x, int64_t start, int64_t n, void* dst) {
  if (n <= 0) return;
  const StridedCopyFn copy = ctx.kernels->strided_copy(x.element_size);
  if (x.is_splat()) {
    copy(&x.splat, 0, dst, n);
    return;
  }
  const uint8_t* base = ctx.address(x.base);
  const auto size = static_cast<int64_t>(x.element_size);
  if (x.dense) {
    std::memcpy(dst, base + (x.view.offset + start) * size, static_cast<size_t>(n * size));
    return;
  }
  const StridedView& w = x.walk;
  const uint32_t inner = w.rank - 1;
  int64_t index[TISA_MAX_RANK];
  int64_t offset = w.offset;
  int64_t rest = start;
  for (uint32_t d = w.rank; d-- > 0;) {
    index[d] = rest % w.dims[d];
    rest /= w.dims[d];
    offset += index[d] * w.strides[d];
  }
  auto* out = static_cast<uint8_t*>(dst);
  while (n > 0) {
    const int64_t run = std::min(n, w.dims[inner] - index[inner]);
    copy(base + offset * size, w.strides[inner], out, run);
    out += run * size;
    n -= run;
    // Advance by run elements: the inner axis wraps at most once per run.
    offset += run * w.strides[inner];
    index[inner] += run;
    for (uint32_t d = inner; d > 0 && index[d] == w.dims[d]; --d) {
      offset -= w.dims[d] * w.strides[d];
      index[d] = 0;
      ++index[d - 1];
      offset += w.strides[d - 1];
    }
  }
}

}  // namespace tisa::cpu
