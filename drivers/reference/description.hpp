// The reference driver as the support library sees it (drivers/support/table.hpp): its objects,
// its device, and how it compiles; launch.cpp runs the launches. Buffers (host memory), events
// and every ABI check are the support library's.
#pragma once

#include <cstdio>
#include <memory>

#include "drivers/reference/kernels/evaluate.hpp"
#include "drivers/support/device_info.hpp"
#include "drivers/support/driver_base.hpp"
#include "drivers/support/module_checks.hpp"
#include "drivers/support/work_queue.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::reference {

// The extensions the device claims: the float dtypes that the kernels implement (spec 10.5).
inline constexpr tisa_extension_mask_t kClaimedExtensions =
    TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16) | TISA_EXT_MASK(TISA_EXT_XF64);

struct Executable {
  std::shared_ptr<const ir::Module> module;
};

struct Driver : drv::DriverBase {
  using DriverBase::DriverBase;
  drv::WorkQueue queue;  // the one device's queue: launches run in submission order
};

struct Description {
  static constexpr const char* kName = "reference";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr auto supports = ref::supports;

  static std::unique_ptr<Driver> create(const drv::CreateRequest& request) {
    auto driver = std::make_unique<Driver>(request);
    driver->log(TISA_LOG_DEBUG,
                "reference driver created (ABI " + drv::abi_version_text(request.abi_version) + ")");
    return driver;
  }

  // The one device: the host, running the reference kernels.
  static tisa_drv_device_info_t device_info(const Driver& /*driver*/, uint32_t /*device*/) {
    tisa_drv_device_info_t info{};
    info.isa_version = TISA_ISA_VERSION;
    std::snprintf(info.name, sizeof(info.name), "%s", "TISA reference (host)");
    info.kind = TISA_DEVICE_KIND_CPU;
    info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;
    info.extensions = kClaimedExtensions;
    info.limits = drv::spec_limits();
    info.memory_bytes = drv::host_memory_bytes();
    return info;
  }

  // The reference runs the module as written at every optimization level: its results are the
  // spec's.
  static std::unique_ptr<Executable> compile(Driver& /*driver*/, std::shared_ptr<const ir::Module> module,
                                             uint32_t /*opt_level*/) {
    drv::check_module_claims(*module, TISA_ISA_VERSION, kClaimedExtensions, ref::supports);
    return std::make_unique<Executable>(Executable{std::move(module)});
  }

  // launch.cpp
  static void* launch(Driver& driver, Executable& exe, const tisa_drv_launch_args_t& args);
};

}  // namespace tisa::reference
