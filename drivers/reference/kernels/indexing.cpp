// gather and scatter along one axis (numpy take / put semantics with defined out-of-range
// behaviour: gather reads 0, scatter skips).
#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ref {
namespace {

using Index = std::vector<int64_t>;

// The index tensor's elements as i64, whatever index dtype (class I) it has.
std::vector<int64_t> index_values(const Call& c, const HostTensor& indices) {
  return dispatch(indices.dtype, c.op.name, [&](auto d) -> std::vector<int64_t> {
    using D = decltype(d);
    if constexpr (!is_int<D>) {
      c.unimplemented(D::code);
    } else {
      std::vector<int64_t> values(static_cast<size_t>(ir::element_count(indices.shape)));
      for (size_t i = 0; i < values.size(); ++i) {
        values[i] = static_cast<int64_t>(load<typename D::type>(indices, static_cast<int64_t>(i)));
      }
      return values;
    }
  });
}

// Maps a position in the gather output / scatter updates, data.shape[:axis] + indices.shape +
// data.shape[axis+1:], to the data element it names; -1 when the index is out of range.
class AxisIndexer {
 public:
  AxisIndexer(const Call& c, const HostTensor& data, const HostTensor& indices, size_t axis)
      : axis_(axis),
        index_rank_(indices.shape.size()),
        data_shape_(data.shape),
        data_strides_(strides_of(data.shape)),
        index_strides_(strides_of(indices.shape)),
        indices_(index_values(c, indices)) {}

  int64_t data_offset(const Index& position) const {
    int64_t at = 0;
    for (size_t k = 0; k < index_rank_; ++k) at += position[axis_ + k] * index_strides_[k];
    const int64_t target = indices_[static_cast<size_t>(at)];
    if (target < 0 || target >= data_shape_[axis_]) return -1;
    int64_t offset = target * data_strides_[axis_];
    for (size_t d = 0; d < axis_; ++d) offset += position[d] * data_strides_[d];
    for (size_t d = axis_ + 1; d < data_shape_.size(); ++d) {
      offset += position[d - 1 + index_rank_] * data_strides_[d];
    }
    return offset;
  }

 private:
  size_t axis_;
  size_t index_rank_;
  ir::Shape data_shape_;
  Index data_strides_;
  Index index_strides_;
  std::vector<int64_t> indices_;
};

HostTensor gather(const Call& c) {
  const HostTensor& data = c.operand(0);
  HostTensor out = c.result();  // zero-filled: out-of-range reads stay 0 (false for bool)
  const AxisIndexer indexer(c, data, c.operand(1), static_cast<size_t>(c.attr("axis").i));
  for_each_index(out.shape, [&](const Index& position, int64_t linear) {
    const int64_t from = indexer.data_offset(position);
    if (from >= 0) copy_element(data, from, out, linear);
  });
  return out;
}

HostTensor scatter(const Call& c) {
  const HostTensor& data = c.operand(0);
  const HostTensor& updates = c.operand(2);
  HostTensor out = c.result();
  out.data = data.data;
  const AxisIndexer indexer(c, data, c.operand(1), static_cast<size_t>(c.attr("axis").i));
  const int64_t mode = c.attr("mode").i;
  return dispatch(data.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    using T = typename D::type;
    if constexpr (is_bool<D>) {
      c.unimplemented(D::code);
    } else {
      // Updates apply one at a time in row-major order: set keeps the last, add and mul combine
      // in that order, each step rounded once (integers wrap), max/min propagate NaN.
      for_each_index(updates.shape, [&](const Index& position, int64_t linear) {
        const int64_t to = indexer.data_offset(position);
        if (to < 0) return;
        const T u = load<T>(updates, linear);
        const T old = load<T>(out, to);
        switch (mode) {
          case TISA_SCATTER_MODE_SET: store(out, to, u); break;
          case TISA_SCATTER_MODE_ADD: store(out, to, add_value<D>(old, u)); break;
          case TISA_SCATTER_MODE_MAX: store(out, to, max_value<D>(old, u)); break;
          case TISA_SCATTER_MODE_MIN: store(out, to, min_value<D>(old, u)); break;
          case TISA_SCATTER_MODE_MUL: store(out, to, mul_value<D>(old, u)); break;
          default: invalid("scatter: mode {} is not one of set, add, max, min, mul", mode);
        }
      });
      return out;
    }
  });
}

}  // namespace

HostTensor eval_indexing(const Call& c) {
  switch (c.inst.op) {
    case TISA_OP_GATHER: return gather(c);
    case TISA_OP_SCATTER: return scatter(c);
    default: break;
  }
  c.unimplemented(c.operand(0).dtype);
}

}  // namespace tisa::ref
