// What a device can run: the registry default for device_supports and the module check done
// before a module is handed to a driver ("not supported" is said up front, never discovered
// by a driver halfway through).
#include "hal/ir/error.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"
#include "hal/runtime/device.hpp"

namespace tisa::rt {
namespace {

bool claims(const tisa_device_s& device, tisa_extension_t extension) {
  return extension == TISA_EXT_BASE || (device.info.extensions & TISA_EXT_MASK(extension)) != 0;
}

// The dtype an instruction is "on" for the support matrix: its T operand's, else its result's.
tisa_dtype_t inst_dtype(const ir::Module& module, const ir::Inst& inst, const ir::OpInfo& op) {
  for (size_t i = 0; i < op.operands.size() && i < inst.operands.size(); ++i) {
    if (op.operands[i].constraint == ir::OperandConstraint::T) {
      return module.value_type(inst.operands[i]).dtype;
    }
  }
  return inst.type.dtype;
}

}  // namespace

bool spec_allows(int64_t opcode, int64_t dtype) {
  if (opcode < 0 || opcode > UINT32_MAX || dtype < 0 || dtype > UINT32_MAX) return false;
  const ir::OpInfo* op = ir::find_op(static_cast<uint32_t>(opcode));
  const ir::DtypeInfo* type = ir::find_dtype(static_cast<uint32_t>(dtype));
  return op != nullptr && type != nullptr && ir::mask_has(op->t_mask, type->dtype);
}

bool device_supports(tisa_device_s& device, int64_t opcode, int64_t dtype) {
  if (!spec_allows(opcode, dtype)) return false;
  const ir::OpInfo& op = *ir::find_op(static_cast<uint32_t>(opcode));
  const ir::DtypeInfo& type = *ir::find_dtype(static_cast<uint32_t>(dtype));
  if (op.since > device.info.isa_version) return false;  // added after the device's ISA version
  if (auto answer = device.driver->device_supports(device.index, op.opcode, type.dtype)) return *answer;
  return claims(device, op.extension) && claims(device, type.extension);
}

void check_module_supported(tisa_device_s& device, const ir::Module& module) {
  const uint32_t isa = device.info.isa_version;
  // The version the driver will read: the lowest defining what the module uses (spec 9.2).
  const uint32_t needed = ir::encoding_version(module);
  if (TISA_VERSION_MAJOR(needed) != TISA_VERSION_MAJOR(isa) ||
      TISA_VERSION_MINOR(needed) > TISA_VERSION_MINOR(isa)) {
    fail(TISA_INCOMPATIBLE, "module needs TISA {}.{} but device '{}' implements TISA {}.{}",
         TISA_VERSION_MAJOR(needed), TISA_VERSION_MINOR(needed), device.info.name, TISA_VERSION_MAJOR(isa),
         TISA_VERSION_MINOR(isa));
  }
  const tisa_extension_mask_t missing = module.extensions & ~device.info.extensions;
  if (missing != 0) {
    fail(TISA_UNIMPLEMENTED, "module needs extensions {} that device '{}' ({}) does not claim",
         ir::extension_string(module.version, missing), device.info.name, device.info.extension_string);
  }
  for (ir::ValueId v = 0; v < module.value_count(); ++v) {
    const tisa_dtype_t dtype = module.value_type(v).dtype;
    const tisa_extension_t ext = ir::dtype_extension(dtype);
    if (!claims(device, ext)) {
      fail(TISA_UNIMPLEMENTED, "{}: dtype {} needs extension {}, which device '{}' does not claim",
           module.is_input(v) ? fmt::format("input {}", v) : ir::describe(module, v),
           ir::find_dtype(dtype)->name, ir::extension_name(ext), device.info.name);
    }
  }
  for (size_t i = 0; i < module.insts.size(); ++i) {
    const ir::Inst& inst = module.insts[i];
    const ir::OpInfo* op = ir::find_op(inst.op);
    if (op == nullptr) continue;  // the verifier rejects unknown opcodes
    const tisa_dtype_t dtype = inst_dtype(module, inst, *op);
    if (!device_supports(device, inst.op, dtype)) {
      const ir::DtypeInfo* info = ir::find_dtype(dtype);
      fail(TISA_UNIMPLEMENTED, "{}: device '{}' does not support {} on {}",
           ir::describe(module, static_cast<ir::ValueId>(module.inputs.size() + i)), device.info.name,
           op->name, info ? info->name : "an invalid dtype");
    }
  }
}

}  // namespace tisa::rt
