// Executables: the module words decoded and verified again (a driver never trusts its input),
// then checked against what the reference implements.
#include <span>

#include "drivers/reference/entry_points.hpp"
#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/objects.hpp"
#include "drivers/reference/status.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::reference {
namespace {

void check_implemented(const ir::Module& module) {
  if (TISA_VERSION_MAJOR(module.version) != TISA_ISA_VERSION_MAJOR ||
      TISA_VERSION_MINOR(module.version) > TISA_ISA_VERSION_MINOR) {
    fail(TISA_INCOMPATIBLE, "reference driver: the module needs TISA {}.{}, the device implements {}.{}",
         TISA_VERSION_MAJOR(module.version), TISA_VERSION_MINOR(module.version), TISA_ISA_VERSION_MAJOR,
         TISA_ISA_VERSION_MINOR);
  }
  if (const tisa_extension_mask_t missing = module.extensions & ~kClaimedExtensions) {
    fail(TISA_UNIMPLEMENTED, "reference driver: the module needs extensions {}; the device implements {}",
         ir::extension_string(module.version, missing),
         ir::extension_string(TISA_ISA_VERSION, kClaimedExtensions));
  }
  for (size_t i = 0; i < module.insts.size(); ++i) {
    const ir::Inst& inst = module.insts[i];
    const tisa_dtype_t dtype = ref::type_variable_dtype(module, inst);
    if (!ref::supports(inst.op, dtype)) {
      const ir::DtypeInfo* info = ir::find_dtype(dtype);
      fail(TISA_UNIMPLEMENTED, "reference driver: {} on {} is not implemented",
           ir::describe(module, static_cast<ir::ValueId>(module.inputs.size() + i)),
           info ? info->name : "an unknown dtype");
    }
  }
}

}  // namespace

tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    check_device(device);
    if (!out_exe) invalid("reference driver: executable_create needs out_exe");
    if (!words && word_count != 0) invalid("reference driver: the module words are null");
    if (opt_level > TISA_OPT_O3) invalid("reference driver: optimization level {} does not exist", opt_level);
    // The reference runs the module as written at every level: its results are the spec's.
    auto module = std::make_shared<ir::Module>(ir::decode(std::span(words, word_count)));
    ir::verify(*module);
    check_implemented(*module);
    auto exe = std::make_unique<Executable>();
    exe->module = std::move(module);
    *out_exe = exe.release();
    return TISA_OK;
  });
}

void executable_destroy(void* driver, void* exe) {
  delete static_cast<Executable*>(exe);
}

}  // namespace tisa::reference
