// The driver loader: finds manifests, filters them, loads and negotiates with each driver,
// and reports for every driver found whether it was loaded and why (or why not).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "hal/runtime/driver.hpp"
#include "tisa/driver.h"

namespace tisa::rt {

struct DriverReport {
  std::string name;
  std::string manifest_path;
  std::string library_path;
  uint32_t abi_version = 0;
  bool loaded = false;
  std::string reason;
};

struct LoadedDriver {
  std::shared_ptr<Driver> driver;
  std::vector<uint32_t> device_indices;  // the driver's devices that answered device_get_info
  std::vector<tisa_drv_device_info_t> device_infos;
};

struct LoadResult {
  std::vector<DriverReport> reports;
  std::vector<LoadedDriver> drivers;
};

// option_driver_files: tisa_instance_options_t::driver_files, or NULL.
LoadResult load_drivers(const char* option_driver_files);

}  // namespace tisa::rt
