// What only the cpu driver knows, as the description the support library builds the function
// table from (drivers/support/table.hpp); one group per file (driver.cpp, device.cpp,
// executable.cpp, launch.cpp). Buffers and events are the support library's.
#pragma once

#include <memory>

#include "drivers/cpu/objects.hpp"
#include "drivers/cpu/support.hpp"
#include "drivers/support/negotiate.hpp"
#include "tisa/driver.h"

namespace tisa::cpu {

struct Description {
  static constexpr const char* kName = "cpu";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr auto supports = cpu::supports;

  // driver.cpp
  static std::unique_ptr<Driver> create(const drv::CreateRequest& request);
  // device.cpp
  static tisa_drv_device_info_t device_info(const Driver& driver, uint32_t device);
  // executable.cpp
  static std::unique_ptr<Executable> compile(Driver& driver, std::shared_ptr<const ir::Module> module,
                                             uint32_t opt_level);
  // launch.cpp
  static void* launch(Driver& driver, Executable& exe, const tisa_drv_launch_args_t& args);
};

}  // namespace tisa::cpu
