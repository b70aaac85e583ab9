// Human-readable output: drivers with their reasons, then each device and its coverage matrix.
#include <algorithm>

#include <fmt/format.h>

#include "tools/tisa-info/info.hpp"

namespace tisa::info {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

std::string limit_text(int64_t value) {
  return value > 0 ? fmt::format("{}", value) : "unstated";
}

void print_search_path(const Info& info) {
  fmt::print("Search path ({}):\n", info.search_origin);
  for (const auto& entry : info.search_entries) {
    const bool missing = std::find(info.missing_entries.begin(), info.missing_entries.end(), entry) !=
                         info.missing_entries.end();
    fmt::print("  {}{}\n", entry, missing ? "  (does not exist)" : "");
  }
}

void print_drivers(const Info& info) {
  fmt::print("\nDrivers found: {}\n", info.drivers.size());
  if (info.drivers.empty()) {
    fmt::print(
        "  No TISA driver manifests were found in the search path above.\n"
        "  Set TISA_DRIVER_FILES or TISA_ADD_DRIVER_FILES to a manifest file or folder.\n");
  }
  for (const auto& d : info.drivers) {
    fmt::print("  {}: {}\n", d.name, d.loaded ? "loaded" : "not loaded");
    fmt::print("    manifest: {}\n", d.manifest_path);
    if (d.library_path[0] != '\0') fmt::print("    library:  {}\n", d.library_path);
    if (d.abi_version != 0) fmt::print("    ABI:      {}\n", version_text(d.abi_version));
    fmt::print("    reason:   {}\n", d.reason);
  }
}

void print_coverage(const Info& info, const DeviceInfo& device) {
  size_t name_width = 0;
  for (const auto& row : device.coverage) name_width = std::max(name_width, row.name.size());
  fmt::print("  Coverage (y: supported, .: not supported, -: not allowed by the spec):\n");
  fmt::print("    {:<{}}", "", name_width);
  for (const auto& dtype : info.dtype_names) fmt::print(" {:>4}", dtype);
  fmt::print("\n");
  size_t supported = 0, allowed = 0;
  for (const auto& row : device.coverage) {
    fmt::print("    {:<{}}", row.name, name_width);
    for (Coverage c : row.by_dtype) {
      fmt::print(" {:>4}", static_cast<char>(c));
      supported += c == Coverage::Supported;
      allowed += c != Coverage::NotAllowed;
    }
    fmt::print("\n");
  }
  fmt::print("  Supported: {} of {} (op, dtype) pairs the spec allows\n", supported, allowed);
}

void print_device(const Info& info, const DeviceInfo& device) {
  const tisa_device_info_t& d = device.info;
  fmt::print("\nDevice {}: {}\n", device.index, d.name);
  fmt::print("  driver:      {}\n", d.driver_name);
  fmt::print("  kind:        {}\n", tisa_device_kind_name(d.kind));
  fmt::print("  ISA version: {}\n", version_text(d.isa_version));
  fmt::print("  extensions:  {}\n", d.extension_string);
  const auto flags = flag_names(d.flags);
  fmt::print("  flags:       {}\n", flags.empty() ? "none" : join(flags, ", "));
  fmt::print("  limits:      max_rank {}, max_dim {}, max_elements {}, max_buffer_bytes {}\n",
             d.limits.max_rank, limit_text(d.limits.max_dim), limit_text(d.limits.max_elements),
             limit_text(static_cast<int64_t>(d.limits.max_buffer_bytes)));
  fmt::print("  memory:      {}\n", d.memory_bytes ? fmt::format("{} bytes", d.memory_bytes) : "unknown");
  print_coverage(info, device);
}

}  // namespace

void print_text(const Info& info) {
  fmt::print("TISA loader: driver ABI {}\n", version_text(info.loader_abi_version));
  print_search_path(info);
  print_drivers(info);
  fmt::print("\nDevices: {}\n", info.devices.size());
  for (const auto& device : info.devices) print_device(info, device);
}

}  // namespace tisa::info
