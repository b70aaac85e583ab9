// select(cond, on_true, on_false): picks whole elements, so it is the same for every dtype.
#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"

namespace tisa::ref {

HostTensor eval_ternary(const Call& c) {
  if (c.inst.op != TISA_OP_SELECT) c.unimplemented(c.inst.type.dtype);
  const HostTensor& cond = c.operand(0);
  const HostTensor& on_true = c.operand(1);
  const HostTensor& on_false = c.operand(2);
  HostTensor out = c.result();
  const int64_t count = ir::element_count(out.shape);
  for (int64_t i = 0; i < count; ++i) {
    copy_element(load<uint8_t>(cond, i) != 0 ? on_true : on_false, i, out, i);
  }
  return out;
}

}  // namespace tisa::ref
