#include "drivers/support/module_checks.hpp"

#include <span>

#include "drivers/reference/kernels/call.hpp"
#include "drivers/support/errors.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::drv {

std::shared_ptr<const ir::Module> decode_module(const uint32_t* words, size_t word_count,
                                                uint32_t opt_level) {
  if (!words && word_count != 0) invalid("the module words are null");
  if (opt_level > TISA_OPT_O3) invalid("optimization level {} does not exist", opt_level);
  auto module = std::make_shared<ir::Module>(ir::decode(std::span(words, word_count)));
  ir::verify(*module);
  return module;
}

void check_module_claims(const ir::Module& module, uint32_t device_isa_version, tisa_extension_mask_t claimed,
                         bool (*supports)(tisa_opcode_t, tisa_dtype_t)) {
  if (TISA_VERSION_MAJOR(module.version) != TISA_VERSION_MAJOR(device_isa_version) ||
      TISA_VERSION_MINOR(module.version) > TISA_VERSION_MINOR(device_isa_version)) {
    fail(TISA_INCOMPATIBLE, "the module needs TISA {}, the device implements {}",
         ir::version_text(module.version), ir::version_text(device_isa_version));
  }
  if (const tisa_extension_mask_t missing = module.extensions & ~claimed) {
    if (claimed == 0) {
      fail(TISA_UNIMPLEMENTED, "the module needs extensions {}; the device implements TISA-B only",
           ir::extension_string(module.version, missing));
    }
    fail(TISA_UNIMPLEMENTED, "the module needs extensions {}; the device implements {}",
         ir::extension_string(module.version, missing), ir::extension_string(device_isa_version, claimed));
  }
  for (size_t i = 0; i < module.insts.size(); ++i) {
    const ir::Inst& inst = module.insts[i];
    const auto id = static_cast<ir::ValueId>(module.inputs.size() + i);
    const ir::OpInfo* op = ir::find_op(inst.op);
    if (op && ir::inst_version(*op, inst) > device_isa_version) {
      fail(TISA_INCOMPATIBLE, "{} needs TISA {}, the device implements {}", ir::describe(module, id),
           ir::version_text(ir::inst_version(*op, inst)), ir::version_text(device_isa_version));
    }
    const tisa_dtype_t dtype = ref::type_variable_dtype(module, inst);
    if (!supports(inst.op, dtype)) {
      const ir::DtypeInfo* info = ir::find_dtype(dtype);
      fail(TISA_UNIMPLEMENTED, "{} on {} is not implemented", ir::describe(module, id),
           info ? info->name : "an unknown dtype");
    }
  }
}

}  // namespace tisa::drv
