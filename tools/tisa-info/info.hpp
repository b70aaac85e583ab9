// What tisa-info reports, gathered once through the public C API and printed as text or JSON.
#pragma once

#include <string>
#include <vector>

#include "tisa/tisa.h"

namespace tisa::info {

// One cell of the op x dtype matrix.
enum class Coverage : char { Supported = 'y', Unsupported = '.', NotAllowed = '-' };

struct OpCoverage {
  tisa_opcode_t opcode;
  std::string name;
  std::vector<Coverage> by_dtype;  // indexed like Info::dtypes
};

struct DeviceInfo {
  uint32_t index;
  tisa_device_info_t info;
  std::vector<OpCoverage> coverage;
};

struct Info {
  uint32_t loader_abi_version;
  std::string search_origin;                 // which rule gave the search path
  std::vector<std::string> search_entries;   // where the loader looked
  std::vector<std::string> missing_entries;  // of those, the ones that do not exist
  std::vector<tisa_driver_report_t> drivers;
  std::vector<DeviceInfo> devices;
  std::vector<tisa_dtype_t> dtypes;  // the coverage columns, in registry order
  std::vector<std::string> dtype_names;
};

// driver_files: like TISA_DRIVER_FILES; empty for the environment and default paths.
// Throws std::runtime_error when the instance cannot be created.
Info gather(const std::string& driver_files);

void print_text(const Info& info);
void print_json(const Info& info);

std::string version_text(uint32_t version);
std::vector<std::string> flag_names(uint32_t flags);

}  // namespace tisa::info
