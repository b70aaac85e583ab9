// reduce_sum, reduce_prod, reduce_max, reduce_min, argmax, argmin.
#include <cmath>
#include <limits>

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/fold.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ref {
namespace {

// Where an input element lands in the output: reduced axes are dropped (or kept at index 0).
class OutputIndex {
 public:
  OutputIndex(size_t rank, std::span<const int64_t> axes, bool keepdims, const ir::Shape& out_shape)
      : reduced_(rank, false), out_strides_(strides_of(out_shape)), keepdims_(keepdims) {
    for (int64_t axis : axes) reduced_[static_cast<size_t>(axis)] = true;
  }
  int64_t of(const std::vector<int64_t>& index) const {
    int64_t offset = 0;
    size_t out_dim = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      if (!reduced_[d]) {
        offset += index[d] * out_strides_[out_dim++];
      } else if (keepdims_) {
        ++out_dim;  // kept as a size-1 axis at index 0
      }
    }
    return offset;
  }

 private:
  std::vector<bool> reduced_;
  std::vector<int64_t> out_strides_;
  bool keepdims_;
};

FoldKind fold_kind(tisa_opcode_t op) {
  switch (op) {
    case TISA_OP_REDUCE_SUM: return FoldKind::sum;
    case TISA_OP_REDUCE_PROD: return FoldKind::prod;
    case TISA_OP_REDUCE_MAX: return FoldKind::max;
    default: return FoldKind::min;
  }
}

HostTensor reduce(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  const std::vector<int64_t>& axes = c.attr("axes").ints;
  const OutputIndex output_index(x.shape.size(), axes, c.attr("keepdims").i != 0, out.shape);
  return dispatch(x.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    using T = typename D::type;
    if constexpr (is_bool<D>) {
      c.unimplemented(D::code);
    } else {
      const Fold<D> reduction{fold_kind(c.inst.op)};
      std::vector<typename Fold<D>::Acc> acc(static_cast<size_t>(ir::element_count(out.shape)),
                                             reduction.identity());
      for_each_index(x.shape, [&](const std::vector<int64_t>& index, int64_t linear) {
        auto& slot = acc[static_cast<size_t>(output_index.of(index))];
        slot = reduction.combine(slot, load<T>(x, linear));
      });
      for (size_t i = 0; i < acc.size(); ++i) store(out, static_cast<int64_t>(i), static_cast<T>(acc[i]));
      return out;
    }
  });
}

// argmax/argmin: the first extreme along axis, or the first NaN if there is one.
HostTensor arg_reduce(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  const auto axis = static_cast<size_t>(c.attr("axis").i);
  const int64_t extent = x.shape[axis];
  if (extent == 0) invalid("{} over axis {}, which is empty", c.op.name, axis);
  const int64_t step = strides_of(x.shape)[axis];
  ir::Shape outer = x.shape;
  outer[axis] = 1;
  const std::vector<int64_t> x_strides = strides_of(x.shape);
  const bool is_max = c.inst.op == TISA_OP_ARGMAX;
  return dispatch(x.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    using T = typename D::type;
    // The row-major order of `outer` is the output's order, with or without keepdims.
    for_each_index(outer, [&](const std::vector<int64_t>& index, int64_t linear) {
      int64_t start = 0;
      for (size_t k = 0; k < index.size(); ++k) start += index[k] * x_strides[k];
      int64_t best = 0;
      T best_value = load<T>(x, start);
      for (int64_t k = 1; k < extent; ++k) {
        if constexpr (is_float<D>) {
          if (std::isnan(best_value)) break;
        }
        const T v = load<T>(x, start + k * step);
        bool better = is_max ? v > best_value : v < best_value;
        if constexpr (is_float<D>) better = better || std::isnan(v);
        if (better) {
          best = k;
          best_value = v;
        }
      }
      store<int64_t>(out, linear, best);
    });
    return out;
  });
}

}  // namespace

HostTensor eval_reduce(const Call& c) {
  switch (c.inst.op) {
    case TISA_OP_REDUCE_SUM:
    case TISA_OP_REDUCE_PROD:
    case TISA_OP_REDUCE_MAX:
    case TISA_OP_REDUCE_MIN: return reduce(c);
    case TISA_OP_ARGMAX:
    case TISA_OP_ARGMIN: return arg_reduce(c);
    case TISA_OP_CUMSUM:
    case TISA_OP_CUMPROD:
    case TISA_OP_CUMMAX:
    case TISA_OP_CUMMIN: return eval_scan(c);
    default: break;
  }
  c.unimplemented(c.operand(0).dtype);
}

}  // namespace tisa::ref
