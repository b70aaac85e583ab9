// The faulty driver's objects and its description, from which the support library builds the
// function table (drivers/support/table.hpp): the reference's device and checks, the fault
// carried into every executable. Buffers, events and the ABI checks are the support library's.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "conformance/tests/faulty_driver/faults.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "drivers/support/device_info.hpp"
#include "drivers/support/driver_base.hpp"
#include "drivers/support/module_checks.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::faulty {

struct Driver : drv::DriverBase {
  Driver(const drv::CreateRequest& request, Fault injected) : DriverBase(request), fault(injected) {}
  Fault fault = Fault::None;
};

struct Executable {
  Fault fault = Fault::None;
  std::shared_ptr<const ir::Module> module;
};

struct Description {
  static constexpr const char* kName = "faulty";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr auto supports = ref::supports;

  static std::unique_ptr<Driver> create(const drv::CreateRequest& request) {
    const std::optional<Fault> fault = parse_fault(request.config);
    if (!fault) drv::invalid("unknown fault \"{}\" in the manifest's config", request.config);
    return std::make_unique<Driver>(request, *fault);
  }

  static tisa_drv_device_info_t device_info(const Driver& driver, uint32_t /*device*/) {
    tisa_drv_device_info_t info{};
    info.isa_version = TISA_ISA_VERSION;
    std::snprintf(info.name, sizeof(info.name), "TISA reference with fault %s",
                  std::string(fault_name(driver.fault)).c_str());
    info.kind = TISA_DEVICE_KIND_CPU;
    info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;
    info.extensions = kClaimedExtensions;
    info.limits = drv::spec_limits();
    return info;
  }

  static std::unique_ptr<Executable> compile(Driver& driver, std::shared_ptr<const ir::Module> module,
                                             uint32_t /*opt_level*/) {
    drv::check_module_claims(*module, TISA_ISA_VERSION, kClaimedExtensions, ref::supports);
    return std::make_unique<Executable>(Executable{driver.fault, std::move(module)});
  }

  // run.cpp: evaluates at once, the fault applied.
  static void* launch(Driver& driver, Executable& exe, const tisa_drv_launch_args_t& args);
};

}  // namespace tisa::faulty
