// Executables: the module decoded and verified again, checked against the device's support
// table, its constants uploaded once, and at O2 and up its elementwise chains fused into kernels
// compiled here (fusion.hpp).
#include "drivers/reference/kernels/call.hpp"
#include "drivers/support/module_checks.hpp"
#include "drivers/vulkan/objects.hpp"
#include "drivers/vulkan/plan.hpp"
#include "drivers/vulkan/shader_compiler.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::vk {

tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Driver& self = drv::driver_of<Driver>(driver);
    DeviceSlot& slot = self.slot(device);
    if (!out_exe) drv::invalid("executable_create needs out_exe");
    auto module = drv::decode_module(words, word_count, opt_level);
    Device& dev = *slot.device;
    dev.check_not_lost();
    // The claims of the device: ISA version and extensions; then each instruction's kernel.
    drv::check_module_claims(*module, TISA_ISA_VERSION, 0, [](tisa_opcode_t, tisa_dtype_t) { return true; });
    for (size_t i = 0; i < module->insts.size(); ++i) {
      const ir::Inst& inst = module->insts[i];
      const tisa_dtype_t dtype = ref::type_variable_dtype(*module, inst);
      if (std::string why = dev.unsupported_reason(inst.op, dtype); !why.empty()) {
        drv::fail(TISA_UNIMPLEMENTED, "{} on {}: {}",
                  ir::describe(*module, static_cast<ir::ValueId>(module->inputs.size() + i)),
                  ir::find_dtype(dtype)->name, why);
      }
    }
    check_plannable(*module);
    auto exe = std::make_unique<Executable>();
    exe->device = slot.device;
    exe->device_index = device;
    for (const std::vector<uint8_t>& data : module->constants) {
      auto region = dev.tensors().allocate(data.size());
      dev.write(*region, 0, data.data(), data.size());
      exe->constants.push_back(std::move(region));
    }
    if (opt_level >= TISA_OPT_O2) {
      exe->fusion = find_fusions(*module);
      std::string sizes;
      for (size_t g = 0; g < exe->fusion.groups.size(); ++g) {
        FusedGroup& group = exe->fusion.groups[g];
        group.spirv = compile_glsl(group.glsl, fmt::format("fused{}.comp", g));
        sizes += fmt::format("{}{}", g ? ", " : "", group.members.size());
      }
      if (!sizes.empty()) self.log(TISA_LOG_DEBUG, fmt::format("fused elementwise chains of {} ops", sizes));
    }
    exe->module = std::move(module);
    self.check_validation("executable_create");
    *out_exe = exe.release();
    return TISA_OK;
  });
}

void executable_destroy(void*, void* exe) {
  delete static_cast<Executable*>(exe);
}

}  // namespace tisa::vk
