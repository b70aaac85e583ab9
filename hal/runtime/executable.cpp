// tisa_executable_*: optimize a copy of the verified module at the requested level, encode it
// and hand the words to the driver.
#include "hal/ir/codec.hpp"
#include "hal/ir/passes/passes.hpp"
#include "hal/runtime/c_enum.hpp"
#include "hal/runtime/device.hpp"
#include "hal/runtime/objects.hpp"
#include "hal/runtime/status.hpp"

extern "C" {

TISA_API tisa_status_t tisa_executable_create(tisa_device_t device, tisa_module_t module,
                                              tisa_opt_level_t opt_level, tisa_executable_t* out_executable) {
  return tisa::rt::guarded("tisa_executable_create", [&] {
    tisa::rt::require(out_executable, "tisa_executable_create", "out_executable");
    *out_executable = nullptr;
    tisa::rt::require(device, "tisa_executable_create", "device");
    tisa::rt::require(module, "tisa_executable_create", "module");
    const int64_t level = tisa::rt::raw_enum(opt_level);
    if (level < TISA_OPT_O0 || level > TISA_OPT_O3) {
      tisa::invalid("tisa_executable_create: unknown optimization level {}", level);
    }
    tisa::rt::check_module_supported(*device, *module->module);
    auto optimized = std::make_shared<tisa::ir::Module>(*module->module);
    if (level != TISA_OPT_O0) tisa::ir::optimize(*optimized, static_cast<tisa_opt_level_t>(level));
    const std::vector<uint32_t> words = tisa::ir::encode(*optimized);

    auto executable = std::make_unique<tisa_executable_s>();
    executable->device = device->shared_from_this();
    executable->module = module->module;
    executable->optimized = std::move(optimized);
    executable->state = std::make_shared<tisa::rt::ExecutableState>();
    executable->state->driver = device->driver;
    executable->state->handle = device->driver->executable_create(device->index, words.data(), words.size(),
                                                                  static_cast<uint32_t>(level));
    *out_executable = executable.release();
  });
}

TISA_API void tisa_executable_release(tisa_executable_t executable) {
  delete executable;
}

}  // extern "C"
