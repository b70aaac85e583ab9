#include "conformance/cts/support.hpp"

#include <fmt/format.h>

#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {

std::optional<std::string> unsupported_reason(const Target& target, const ir::Module& module) {
  // A device of an older minor version is not expected to run what a newer one added.
  const uint32_t needed = ir::required_version(module);
  if (TISA_VERSION_MAJOR(needed) == TISA_VERSION_MAJOR(target.info.isa_version) &&
      needed > target.info.isa_version) {
    return fmt::format("the case needs TISA {}; the device implements TISA {}", ir::version_text(needed),
                       ir::version_text(target.info.isa_version));
  }
  const tisa_extension_mask_t missing = module.extensions & ~target.info.extensions;
  if (missing != 0) {
    return fmt::format(
        "the device does not claim {}",
        ir::extension_string(module.version, missing).substr(std::string("TISA1p0").size() + 1));
  }
  for (const ir::Inst& inst : module.insts) {
    const ir::OpInfo* op = ir::find_op(inst.op);
    if (!op) continue;
    // The type variable T's dtype: the first T operand's, else the result's (creation ops).
    tisa_dtype_t dtype = inst.type.dtype;
    for (size_t i = 0; i < op->operands.size() && i < inst.operands.size(); ++i) {
      if (op->operands[i].constraint == ir::OperandConstraint::T) {
        dtype = module.value_type(inst.operands[i]).dtype;
        break;
      }
    }
    if (!tisa_device_supports(target.device, inst.op, dtype)) {
      return fmt::format("the device does not support {} on {}", op->name, ir::find_dtype(dtype)->name);
    }
  }
  return std::nullopt;
}

std::string take_status(tisa_status_t status) {
  if (status == nullptr) return "OK";
  std::string text =
      fmt::format("{}: {}", tisa_status_code_name(tisa_status_code(status)), tisa_status_message(status));
  tisa_status_free(status);
  return text;
}

}  // namespace tisa::cts
