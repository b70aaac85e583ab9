#include "drivers/cpu/support.hpp"

#include "drivers/cpu/objects.hpp"
#include "drivers/reference/kernels/call.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cpu {

bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype) {
  const ir::OpInfo* op = ir::find_op(static_cast<uint32_t>(opcode));
  const ir::DtypeInfo* type = ir::find_dtype(static_cast<uint32_t>(dtype));
  return op && type && op->extension == TISA_EXT_BASE && op->since <= kDeviceIsaVersion &&
         type->extension == TISA_EXT_BASE && ir::mask_has(op->t_mask, dtype);
}

void check_supported(const ir::Module& module) {
  if (TISA_VERSION_MAJOR(module.version) != TISA_VERSION_MAJOR(kDeviceIsaVersion) ||
      TISA_VERSION_MINOR(module.version) > TISA_VERSION_MINOR(kDeviceIsaVersion)) {
    fail(TISA_INCOMPATIBLE, "cpu driver: the module needs TISA {}, the device implements {}",
         ir::version_text(module.version), ir::version_text(kDeviceIsaVersion));
  }
  if (module.extensions != 0) {
    fail(TISA_UNIMPLEMENTED, "cpu driver: the module needs extensions {}; the device implements TISA-B only",
         ir::extension_string(module.version, module.extensions));
  }
  for (size_t i = 0; i < module.insts.size(); ++i) {
    const ir::Inst& inst = module.insts[i];
    const auto id = static_cast<ir::ValueId>(module.inputs.size() + i);
    const ir::OpInfo* op = ir::find_op(inst.op);
    if (op && ir::inst_version(*op, inst) > kDeviceIsaVersion) {
      fail(TISA_INCOMPATIBLE, "cpu driver: {} needs TISA {}, the device implements {}",
           ir::describe(module, id), ir::version_text(ir::inst_version(*op, inst)),
           ir::version_text(kDeviceIsaVersion));
    }
    const tisa_dtype_t dtype = ref::type_variable_dtype(module, inst);
    if (!supports(inst.op, dtype)) {
      const ir::DtypeInfo* info = ir::find_dtype(dtype);
      fail(TISA_UNIMPLEMENTED, "cpu driver: {} on {} is not implemented", ir::describe(module, id),
           info ? info->name : "an unknown dtype");
    }
  }
}

}  // namespace tisa::cpu
