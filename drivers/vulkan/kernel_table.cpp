#include "drivers/vulkan/kernel_table.hpp"

#include <fmt/format.h>

#include "hal/ir/registry.hpp"
#include "tisa/isa_ops.h"

namespace tisa::vk {
namespace {

#define TISA_VK_COMPUTE_TYPE(dtype, type)
#define TISA_VK_SUPPORTED(op, dtype, f64, shader) {TISA_OP_##op, TISA_DTYPE_##dtype, (f64) != 0, shader},
constexpr KernelEntry kKernels[] = {
#include "kernel_table.inc"
};
#undef TISA_VK_SUPPORTED
#undef TISA_VK_COMPUTE_TYPE

struct ComputeType {
  tisa_dtype_t dtype;
  const char* type;
};
#define TISA_VK_SUPPORTED(op, dtype, f64, shader)
#define TISA_VK_COMPUTE_TYPE(dtype, type) {TISA_DTYPE_##dtype, type},
constexpr ComputeType kComputeTypes[] = {
#include "kernel_table.inc"
};
#undef TISA_VK_SUPPORTED
#undef TISA_VK_COMPUTE_TYPE

}  // namespace

const KernelEntry* find_kernel(uint32_t op, uint32_t dtype) {
  for (const KernelEntry& e : kKernels) {
    if (e.op == op && e.dtype == dtype) return &e;
  }
  return nullptr;
}

const char* compute_type(tisa_dtype_t dtype) {
  for (const ComputeType& t : kComputeTypes) {
    if (t.dtype == dtype) return t.type;
  }
  return nullptr;
}

std::string float64_ops() {
  std::string out;
  for (const KernelEntry& e : kKernels) {
    if (!e.needs_float64) continue;
    out += fmt::format("{}{} on {}", out.empty() ? "" : ", ", ir::find_op(e.op)->name,
                       ir::find_dtype(e.dtype)->name);
  }
  return out;
}

}  // namespace tisa::vk
