// The cold path: the reference kernels (the executable specification) on gathered operands.
#include <cstring>

#include "drivers/cpu/plan/steps.hpp"
#include "drivers/reference/kernels/call.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cpu {

int64_t ReferenceStep::work() const {
  int64_t elements = ir::element_count(out_shape);
  for (const ir::Shape& s : operand_shapes) elements += ir::element_count(s);
  return elements * 8;  // the reference is several times slower per element than a kernel
}

void ReferenceStep::run(const ExecContext& ctx) const {
  std::vector<ref::HostTensor> tensors(operands.size());
  std::vector<const ref::HostTensor*> pointers;
  for (size_t i = 0; i < operands.size(); ++i) {
    ref::HostTensor& t = tensors[i];
    t.dtype = operands[i].dtype;
    t.shape = operand_shapes[i];
    const int64_t count = ir::element_count(t.shape);
    t.data.resize(static_cast<size_t>(count) * operands[i].element_size);
    gather(ctx, operands[i], 0, count, t.data.data());
    pointers.push_back(&t);
  }
  const ref::HostTensor result = ref::evaluate_bound(*ctx.module, *inst, pointers, out_shape, ctx.symbols);
  const size_t bytes = static_cast<size_t>(ir::element_count(out_shape)) * ir::dtype_size(inst->type.dtype);
  if (result.data.size() != bytes) fail(TISA_INTERNAL, "cpu driver: the reference result has another size");
  if (bytes) std::memcpy(ctx.address(dest), result.data.data(), bytes);
}

}  // namespace tisa::cpu
