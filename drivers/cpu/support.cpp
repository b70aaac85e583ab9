#include "drivers/cpu/support.hpp"

#include "drivers/cpu/objects.hpp"
#include "drivers/support/module_checks.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cpu {

bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype) {
  const ir::OpInfo* op = ir::find_op(static_cast<uint32_t>(opcode));
  const ir::DtypeInfo* type = ir::find_dtype(static_cast<uint32_t>(dtype));
  return op && type && op->extension == TISA_EXT_BASE && op->since <= kDeviceIsaVersion &&
         type->extension == TISA_EXT_BASE && ir::mask_has(op->t_mask, dtype);
}

void check_supported(const ir::Module& module) {
  // No extension: the device claims TISA-B only (device.cpp).
  drv::check_module_claims(module, kDeviceIsaVersion, 0, supports);
}

}  // namespace tisa::cpu
