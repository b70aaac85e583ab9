// Scans (cumsum, cumprod, cummax, cummin): element k of each line along axis combines the
// elements before it (exclusive) or up to it (inclusive), walking from the end when reverse.

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/fold.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"

namespace tisa::ref {
namespace {

FoldKind fold_kind(tisa_opcode_t op) {
  switch (op) {
    case TISA_OP_CUMSUM: return FoldKind::sum;
    case TISA_OP_CUMPROD: return FoldKind::prod;
    case TISA_OP_CUMMAX: return FoldKind::max;
    default: return FoldKind::min;
  }
}

}  // namespace

HostTensor eval_scan(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  const auto axis = static_cast<size_t>(c.attr("axis").i);
  const bool exclusive = c.attr("exclusive").i != 0;
  const bool reverse = c.attr("reverse").i != 0;
  const int64_t extent = x.shape[axis];
  const std::vector<int64_t> strides = strides_of(x.shape);
  // One line per position of the other axes: walk `outer`, whose axis is collapsed to 1.
  ir::Shape outer = x.shape;
  outer[axis] = 1;
  return dispatch(x.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    using T = typename D::type;
    if constexpr (is_bool<D>) {
      c.unimplemented(D::code);
    } else {
      const Fold<D> running{fold_kind(c.inst.op)};
      for_each_index(outer, [&](const std::vector<int64_t>& index, int64_t) {
        int64_t start = 0;
        for (size_t k = 0; k < index.size(); ++k) start += index[k] * strides[k];
        auto acc = running.identity();
        for (int64_t step = 0; step < extent; ++step) {
          const int64_t at = start + (reverse ? extent - 1 - step : step) * strides[axis];
          const T v = load<T>(x, at);
          if (exclusive) store(out, at, static_cast<T>(acc));
          acc = running.combine(acc, v);
          if (!exclusive) store(out, at, static_cast<T>(acc));
        }
      });
      return out;
    }
  });
}

}  // namespace tisa::ref
