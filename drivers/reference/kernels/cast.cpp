// cast and bitcast.
#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/convert.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ref {
namespace {

HostTensor cast(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  const int64_t count = ir::element_count(x.shape);
  return dispatch(x.dtype, c.op.name, [&](auto from) -> HostTensor {
    using From = decltype(from);
    return dispatch(out.dtype, c.op.name, [&](auto to) -> HostTensor {
      using To = decltype(to);
      for (int64_t i = 0; i < count; ++i) {
        store(out, i, convert<To, From>(load<typename From::type>(x, i)));
      }
      return out;
    });
  });
}

// The same bits seen as another dtype of the same width.
HostTensor bitcast(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  if (ir::dtype_size(x.dtype) != ir::dtype_size(out.dtype) || x.data.size() != out.data.size()) {
    invalid("bitcast: the source and target dtypes differ in width");
  }
  // Dispatching the target rejects dtypes the reference does not implement.
  dispatch(out.dtype, c.op.name, [](auto) -> int { return 0; });
  out.data = x.data;
  return out;
}

}  // namespace

HostTensor eval_type(const Call& c) {
  switch (c.inst.op) {
    case TISA_OP_CAST: return cast(c);
    case TISA_OP_BITCAST: return bitcast(c);
    default: break;
  }
  c.unimplemented(c.inst.type.dtype);
}

}  // namespace tisa::ref
