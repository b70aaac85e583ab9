// Scans (cumsum, cumprod, cummax, cummin): element k of each line along axis combines the
// elements before it (exclusive) or up to it (inclusive), walking from the end when reverse.
#include <limits>
#include <type_traits>

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"

namespace tisa::ref {
namespace {

// The running value of one line: float sums and products are kept in double and rounded once
// per output element (well within the dot and product bounds); integers wrap in their own type;
// max/min stay in the element type, so they are exact.
template <class D>
struct Running {
  using T = typename D::type;
  using Acc = std::conditional_t<is_float<D>, double, T>;
  tisa_opcode_t op;

  // The exclusive scan's first element: the identity of the combination.
  Acc identity() const {
    switch (op) {
      case TISA_OP_CUMSUM: return Acc{0};
      case TISA_OP_CUMPROD: return Acc{1};
      case TISA_OP_CUMMAX:
        if constexpr (is_float<D>)
          return -std::numeric_limits<T>::infinity();
        else
          return std::numeric_limits<T>::min();
      default:  // cummin
        if constexpr (is_float<D>)
          return std::numeric_limits<T>::infinity();
        else
          return std::numeric_limits<T>::max();
    }
  }
  Acc combine(Acc acc, T x) const {
    switch (op) {
      case TISA_OP_CUMSUM:
        if constexpr (is_float<D>)
          return acc + static_cast<double>(x);
        else
          return wrap_add(acc, x);
      case TISA_OP_CUMPROD:
        if constexpr (is_float<D>)
          return acc * static_cast<double>(x);
        else
          return wrap_mul(acc, x);
      case TISA_OP_CUMMAX: return max_value<D>(static_cast<T>(acc), x);
      default: return min_value<D>(static_cast<T>(acc), x);
    }
  }
};

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
      const Running<D> running{c.inst.op};
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
