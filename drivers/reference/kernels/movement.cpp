// Movement ops. Each is materialized: the output is a new dense tensor whose every element is
// copied from the one source position the op's index formula names. Elements are copied as
// bytes, so one code path serves every dtype.
#include <algorithm>

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ref {
namespace {

using Index = std::vector<int64_t>;

// out[index] = x[source(index)] for every output index.
template <class F>
HostTensor gather_elements(const Call& c, F&& source) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  const Index x_strides = strides_of(x.shape);
  Index from(x.shape.size());
  for_each_index(out.shape, [&](const Index& index, int64_t linear) {
    source(index, from);
    int64_t offset = 0;
    for (size_t d = 0; d < from.size(); ++d) offset += from[d] * x_strides[d];
    copy_element(x, offset, out, linear);
  });
  return out;
}

HostTensor reshape(const Call& c) {
  HostTensor out = c.result();
  if (out.data.size() != c.operand(0).data.size()) {
    invalid("reshape changes the element count ({} to {})", ir::element_count(c.operand(0).shape),
            ir::element_count(out.shape));
  }
  out.data = c.operand(0).data;  // row-major order is kept
  return out;
}

HostTensor transpose(const Call& c) {
  const std::vector<int64_t>& perm = c.attr("perm").ints;
  return gather_elements(c, [&](const Index& index, Index& from) {
    for (size_t i = 0; i < perm.size(); ++i) from[static_cast<size_t>(perm[i])] = index[i];
  });
}

HostTensor broadcast(const Call& c) {
  const ir::Shape& in = c.operand(0).shape;
  const size_t lead = c.out_shape.size() - in.size();  // axes align on the right
  return gather_elements(c, [&](const Index& index, Index& from) {
    for (size_t d = 0; d < in.size(); ++d) from[d] = in[d] == 1 ? 0 : index[d + lead];
  });
}

HostTensor slice(const Call& c) {
  const ir::Shape& in = c.operand(0).shape;
  const std::vector<int64_t> start = c.exprs("start");
  const std::vector<int64_t> stop = c.exprs("stop");
  const std::vector<int64_t>& step = c.attr("step").ints;
  for (size_t d = 0; d < in.size(); ++d) {
    if (start[d] < 0 || start[d] > stop[d] || stop[d] > in[d] || step[d] < 1) {
      invalid("slice axis {}: needs 0 <= start ({}) <= stop ({}) <= dim ({}) and step ({}) >= 1", d, start[d],
              stop[d], in[d], step[d]);
    }
  }
  return gather_elements(c, [&](const Index& index, Index& from) {
    for (size_t d = 0; d < from.size(); ++d) from[d] = start[d] + index[d] * step[d];
  });
}

HostTensor pad(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  const std::vector<int64_t> low = c.exprs("low");
  for (size_t d = 0; d < x.shape.size(); ++d) {
    if (low[d] < 0 || low[d] + x.shape[d] > out.shape[d]) {
      invalid("pad axis {}: low ({}) must be >= 0 and fit the output dim ({})", d, low[d], out.shape[d]);
    }
  }
  const std::vector<uint8_t> value = scalar_attr_element(out.dtype, c.attr("value").bits);
  for (size_t at = 0; at < out.data.size(); at += value.size()) {
    std::memcpy(out.data.data() + at, value.data(), value.size());
  }
  const Index out_strides = strides_of(out.shape);
  for_each_index(x.shape, [&](const Index& index, int64_t linear) {
    int64_t offset = 0;
    for (size_t d = 0; d < index.size(); ++d) offset += (index[d] + low[d]) * out_strides[d];
    copy_element(x, linear, out, offset);
  });
  return out;
}

HostTensor concat(const Call& c) {
  HostTensor out = c.result();
  const auto axis = static_cast<size_t>(c.attr("axis").i);
  const Index out_strides = strides_of(out.shape);
  int64_t base = 0;  // where the current operand starts along axis
  for (const HostTensor* part : c.operands) {
    for_each_index(part->shape, [&](const Index& index, int64_t linear) {
      int64_t offset = base * out_strides[axis];
      for (size_t d = 0; d < index.size(); ++d) offset += index[d] * out_strides[d];
      copy_element(*part, linear, out, offset);
    });
    base += part->shape[axis];
  }
  return out;
}

HostTensor reverse(const Call& c) {
  const ir::Shape& in = c.operand(0).shape;
  std::vector<bool> reversed(in.size(), false);
  for (int64_t axis : c.attr("axes").ints) reversed[static_cast<size_t>(axis)] = true;
  return gather_elements(c, [&](const Index& index, Index& from) {
    for (size_t d = 0; d < in.size(); ++d) from[d] = reversed[d] ? in[d] - 1 - index[d] : index[d];
  });
}

// out[i..., j...] = x[i * stride + j * dilation] per axis.
HostTensor window(const Call& c) {
  const size_t rank = c.operand(0).shape.size();
  const std::vector<int64_t>& stride = c.attr("stride").ints;
  const std::vector<int64_t>& dilation = c.attr("dilation").ints;
  return gather_elements(c, [&](const Index& index, Index& from) {
    for (size_t d = 0; d < rank; ++d) from[d] = index[d] * stride[d] + index[rank + d] * dilation[d];
  });
}

}  // namespace

HostTensor eval_movement(const Call& c) {
  switch (c.inst.op) {
    case TISA_OP_RESHAPE: return reshape(c);
    case TISA_OP_TRANSPOSE: return transpose(c);
    case TISA_OP_BROADCAST: return broadcast(c);
    case TISA_OP_SLICE: return slice(c);
    case TISA_OP_PAD: return pad(c);
    case TISA_OP_CONCAT: return concat(c);
    case TISA_OP_REVERSE: return reverse(c);
    case TISA_OP_WINDOW: return window(c);
    default: break;
  }
  c.unimplemented(c.operand(0).dtype);
}

}  // namespace tisa::ref
