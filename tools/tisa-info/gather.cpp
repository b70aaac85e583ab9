// Collects the report through the C API; the registry gives the coverage rows and columns.
#include <stdexcept>

#include <fmt/format.h>

#include "hal/ir/registry.hpp"
#include "hal/runtime/search_paths.hpp"
#include "tisa/driver.h"
#include "tools/tisa-info/info.hpp"

namespace tisa::info {
namespace {

void check(tisa_status_t status) {
  if (status == nullptr) return;
  const std::string message =
      fmt::format("{}: {}", tisa_status_code_name(tisa_status_code(status)), tisa_status_message(status));
  tisa_status_free(status);
  throw std::runtime_error(message);
}

std::vector<OpCoverage> coverage_of(tisa_device_t device, const std::vector<tisa_dtype_t>& dtypes) {
  std::vector<OpCoverage> rows;
  for (const ir::OpInfo& op : ir::all_ops()) {
    OpCoverage row{op.opcode, std::string(op.name), {}};
    for (tisa_dtype_t dtype : dtypes) {
      if (!ir::mask_has(op.t_mask, dtype)) {
        row.by_dtype.push_back(Coverage::NotAllowed);
      } else {
        row.by_dtype.push_back(tisa_device_supports(device, op.opcode, dtype) ? Coverage::Supported
                                                                              : Coverage::Unsupported);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::string version_text(uint32_t version) {
  return fmt::format("{}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

std::vector<std::string> flag_names(uint32_t flags) {
  std::vector<std::string> names;
  if (flags & TISA_DEVICE_FLAG_HOST_VISIBLE) names.emplace_back("host_visible");
  if (flags & TISA_DEVICE_FLAG_FLUSH_SUBNORMALS) names.emplace_back("flush_subnormals");
  const uint32_t unknown = flags & ~(TISA_DEVICE_FLAG_HOST_VISIBLE | TISA_DEVICE_FLAG_FLUSH_SUBNORMALS);
  if (unknown) names.push_back(fmt::format("0x{:x}", unknown));
  return names;
}

Info gather(const std::string& driver_files) {
  Info info;
  info.loader_abi_version = TISA_DRIVER_ABI_VERSION;
  const rt::SearchPath path = rt::driver_search_path(driver_files.c_str());
  info.search_origin = driver_files.empty() ? path.origin : "--driver-files";
  info.search_entries = path.entries;
  info.missing_entries = rt::find_manifest_files(path).missing;
  for (const ir::DtypeInfo& d : ir::all_dtypes()) {
    info.dtypes.push_back(d.dtype);
    info.dtype_names.emplace_back(d.name);
  }

  tisa_instance_options_t options{};
  options.struct_size = sizeof options;
  options.driver_files = driver_files.empty() ? nullptr : driver_files.c_str();
  tisa_instance_t instance = nullptr;
  check(tisa_instance_create(&options, &instance));
  try {
    for (uint32_t i = 0; i < tisa_instance_driver_count(instance); ++i) {
      tisa_driver_report_t report{};
      check(tisa_instance_driver_report(instance, i, &report));
      info.drivers.push_back(report);
    }
    for (uint32_t i = 0; i < tisa_instance_device_count(instance); ++i) {
      tisa_device_t device = nullptr;
      check(tisa_instance_get_device(instance, i, &device));
      DeviceInfo d{i, {}, {}};
      d.info.struct_size = sizeof d.info;
      check(tisa_device_get_info(device, &d.info));
      d.coverage = coverage_of(device, info.dtypes);
      info.devices.push_back(std::move(d));
    }
  } catch (...) {
    tisa_instance_release(instance);
    throw;
  }
  tisa_instance_release(instance);
  return info;
}

}  // namespace tisa::info
