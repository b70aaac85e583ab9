// Executables: the module words decoded and verified again (a driver never trusts its input),
// checked against what the device implements, then compiled: the fusion plan once, and an
// instance per symbol binding (at once when the module has no symbols).
#include <algorithm>
#include <span>

#include "drivers/cpu/entry_points.hpp"
#include "drivers/cpu/objects.hpp"
#include "drivers/cpu/status.hpp"
#include "drivers/cpu/support.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cpu {
namespace {

constexpr size_t kCachedInstances = 8;

}  // namespace

Executable::Executable(std::shared_ptr<const ir::Module> module, uint32_t opt_level,
                       const KernelTable& kernels)
    : module_(std::move(module)), plan_(plan_fusion(*module_, opt_level >= TISA_OPT_O2)), kernels_(kernels) {
  if (module_->symbols.empty()) instance({});
}

std::shared_ptr<const Instance> Executable::instance(std::span<const int64_t> symbols) {
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < recent_.size(); ++i) {
    if (std::ranges::equal(recent_[i]->symbols, symbols)) {
      std::rotate(recent_.begin(), recent_.begin() + static_cast<std::ptrdiff_t>(i),
                  recent_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return recent_.front();
    }
  }
  std::shared_ptr<const Instance> built = build_instance(*module_, plan_, symbols, kernels_);
  recent_.insert(recent_.begin(), built);
  if (recent_.size() > kCachedInstances) recent_.pop_back();
  return built;
}

tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Driver& self = driver_of(driver);
    check_device(device);
    if (!out_exe) invalid("cpu driver: executable_create needs out_exe");
    if (!words && word_count != 0) invalid("cpu driver: the module words are null");
    if (opt_level > TISA_OPT_O3) invalid("cpu driver: optimization level {} does not exist", opt_level);
    auto module = std::make_shared<ir::Module>(ir::decode(std::span(words, word_count)));
    ir::verify(*module);
    check_supported(*module);
    *out_exe = new Executable(std::move(module), opt_level, self.device->kernels);
    return TISA_OK;
  });
}

void executable_destroy(void* driver, void* exe) {
  delete static_cast<Executable*>(exe);
}

}  // namespace tisa::cpu
