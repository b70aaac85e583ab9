// Executables: the module words decoded and verified again (a driver never trusts its input),
// checked against what the device implements, then compiled: the fusion plan once, and an
// instance per symbol binding (at once when the module has no symbols).
#include <algorithm>
#include <span>

#include "drivers/cpu/description.hpp"
#include "drivers/cpu/support.hpp"

namespace tisa::cpu {
namespace {

constexpr size_t kCachedInstances = 8;

}  // namespace

Executable::Executable(std::shared_ptr<const ir::Module> module, uint32_t opt_level,
                       const KernelTable& kernels)
    : module(std::move(module)),
      plan_(plan_fusion(*this->module, opt_level >= TISA_OPT_O2)),
      kernels_(kernels) {
  if (this->module->symbols.empty()) instance({});
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
  std::shared_ptr<const Instance> built = build_instance(*module, plan_, symbols, kernels_);
  recent_.insert(recent_.begin(), built);
  if (recent_.size() > kCachedInstances) recent_.pop_back();
  return built;
}

std::unique_ptr<Executable> Description::compile(Driver& driver, std::shared_ptr<const ir::Module> module,
                                                 uint32_t opt_level) {
  check_supported(*module);
  return std::make_unique<Executable>(std::move(module), opt_level, driver.device->kernels);
}

}  // namespace tisa::cpu
