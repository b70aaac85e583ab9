// Vulkan-ICD-style driver discovery. Everything that can be checked before dlopen is checked
// first (format, ABI major, architecture, filters), so that a wrong library is never mapped.
#include "hal/runtime/loader.hpp"

#include <dlfcn.h>
#include <fnmatch.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>

#include "hal/ir/error.hpp"
#include "hal/runtime/log.hpp"
#include "hal/runtime/manifest.hpp"
#include "hal/runtime/search_paths.hpp"
#include "tisa/tisa.h"

namespace tisa::rt {
namespace {

std::string version_text(uint32_t version) {
  return fmt::format("{}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

std::string dl_error() {
  const char* text = dlerror();
  return text != nullptr ? text : "unknown error";
}

// The name filters from TISA_DRIVERS_SELECT / TISA_DRIVERS_DISABLE: comma-separated globs.
struct NameFilter {
  std::optional<std::string> select, disable;

  static NameFilter from_environment() {
    NameFilter filter;
    if (const char* v = std::getenv("TISA_DRIVERS_SELECT"); v != nullptr && *v != '\0') filter.select = v;
    if (const char* v = std::getenv("TISA_DRIVERS_DISABLE"); v != nullptr && *v != '\0') filter.disable = v;
    return filter;
  }
  static bool matches(const std::string& globs, const std::string& name) {
    for (const std::string& glob : split_list(globs, ',')) {
      if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
    }
    return false;
  }
  // Why name is filtered out, or nullopt.
  std::optional<std::string> rejects(const std::string& name) const {
    if (select && !matches(*select, name)) {
      return fmt::format("skipped: not selected by TISA_DRIVERS_SELECT={}", *select);
    }
    if (disable && matches(*disable, name)) {
      return fmt::format("skipped: disabled by TISA_DRIVERS_DISABLE={}", *disable);
    }
    return std::nullopt;
  }
};

// The ABI 1.0 functions a driver must provide, by name for the report.
std::optional<std::string> missing_required_function(const tisa_driver_table_t& t) {
  const std::pair<const void*, const char*> required[] = {
      {reinterpret_cast<const void*>(t.driver_create), "driver_create"},
      {reinterpret_cast<const void*>(t.driver_destroy), "driver_destroy"},
      {reinterpret_cast<const void*>(t.device_count), "device_count"},
      {reinterpret_cast<const void*>(t.device_get_info), "device_get_info"},
      {reinterpret_cast<const void*>(t.buffer_create), "buffer_create"},
      {reinterpret_cast<const void*>(t.buffer_destroy), "buffer_destroy"},
      {reinterpret_cast<const void*>(t.buffer_write), "buffer_write"},
      {reinterpret_cast<const void*>(t.buffer_read), "buffer_read"},
      {reinterpret_cast<const void*>(t.executable_create), "executable_create"},
      {reinterpret_cast<const void*>(t.executable_destroy), "executable_destroy"},
      {reinterpret_cast<const void*>(t.launch), "launch"},
      {reinterpret_cast<const void*>(t.event_wait), "event_wait"},
      {reinterpret_cast<const void*>(t.event_destroy), "event_destroy"},
  };
  for (const auto& [function, name] : required) {
    if (function == nullptr) return std::string(name);
  }
  return std::nullopt;
}

// Closes the library unless released (the Driver takes it over on success).
struct LibraryHandle {
  void* handle = nullptr;
  ~LibraryHandle() {
    if (handle != nullptr) dlclose(handle);
  }
  void* release() { return std::exchange(handle, nullptr); }
};

// Loads one driver whose manifest passed every check; fills the report either way.
std::optional<LoadedDriver> load_library(const Manifest& manifest, DriverReport& report) {
  LibraryHandle library;
  dlerror();
  library.handle = dlopen(manifest.library_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library.handle == nullptr) {
    report.reason = fmt::format("failed: cannot load {}: {}", manifest.library_path, dl_error());
    return std::nullopt;
  }
  dlerror();
  void* entry = dlsym(library.handle, TISA_DRIVER_ENTRY_POINT);
  if (entry == nullptr) {
    report.reason = fmt::format("failed: no entry point {} in {}: {}", TISA_DRIVER_ENTRY_POINT,
                                manifest.library_path, dl_error());
    return std::nullopt;
  }
  auto negotiate = reinterpret_cast<tisa_driver_negotiate_fn>(entry);
  tisa_loader_info_t loader{sizeof(tisa_loader_info_t), TISA_DRIVER_ABI_VERSION};
  const tisa_driver_table_t* table = nullptr;
  tisa_drv_error_t err;
  err.message[0] = '\0';
  const tisa_drv_status_t status = negotiate(&loader, &table, &err);
  err.message[TISA_DRV_ERROR_CAPACITY - 1] = '\0';
  if (status != TISA_OK) {
    const tisa_status_code_t code =
        status >= TISA_OK && status <= TISA_FAILED_PRECONDITION ? status : TISA_INTERNAL;
    report.reason = fmt::format("failed: {} returned {} (loader ABI {}): {}", TISA_DRIVER_ENTRY_POINT,
                                tisa_status_code_name(code), version_text(TISA_DRIVER_ABI_VERSION),
                                err.message[0] != '\0' ? err.message : "(no message)");
    return std::nullopt;
  }
  if (table == nullptr) {
    report.reason = fmt::format("failed: {} returned no function table", TISA_DRIVER_ENTRY_POINT);
    return std::nullopt;
  }
  report.abi_version = table->abi_version;
  if (TISA_VERSION_MAJOR(table->abi_version) != TISA_DRIVER_ABI_MAJOR) {
    report.reason = fmt::format(
        "failed: INCOMPATIBLE: driver ABI {} does not match loader ABI {} (major versions differ)",
        version_text(table->abi_version), version_text(TISA_DRIVER_ABI_VERSION));
    return std::nullopt;
  }
  if (table->struct_size < TISA_DRIVER_TABLE_SIZE_1_0) {
    report.reason = fmt::format("failed: INCOMPATIBLE: function table is {} bytes, ABI 1.0 needs at least {}",
                                table->struct_size, TISA_DRIVER_TABLE_SIZE_1_0);
    return std::nullopt;
  }
  // Newer minor: the extra trailing fields are ignored. Older: the later slots stay NULL.
  tisa_driver_table_t copy;
  std::memset(&copy, 0, sizeof copy);
  std::memcpy(&copy, table, std::min<size_t>(table->struct_size, sizeof copy));
  if (TISA_VERSION_MINOR(copy.abi_version) < 1) {
    // A 1.0 driver cannot know the 1.1 slots even if its table happens to be larger.
    copy.buffer_map = nullptr;
    copy.buffer_unmap = nullptr;
    copy.event_query = nullptr;
  }
  if (auto missing = missing_required_function(copy)) {
    report.reason =
        fmt::format("failed: INCOMPATIBLE: function table lacks the required ABI 1.0 function {}", *missing);
    return std::nullopt;
  }
  const std::string driver_name = copy.name != nullptr && *copy.name != '\0' ? copy.name : manifest.name;
  auto driver = std::make_shared<Driver>(manifest.name, manifest.library_path, library.release(), copy);
  try {
    driver->create(manifest.config);
  } catch (const Error& e) {
    report.reason = "failed: " + e.message();
    return std::nullopt;
  }
  LoadedDriver loaded{driver, {}, {}};
  // A driver that claims absurdly many devices is not asked about each of them.
  constexpr uint32_t kMaxDevicesPerDriver = 1024;
  uint32_t count = driver->device_count();
  std::string device_problems;
  if (count > kMaxDevicesPerDriver) {
    device_problems =
        fmt::format("; reports {} devices, only the first {} are used", count, kMaxDevicesPerDriver);
    count = kMaxDevicesPerDriver;
  }
  for (uint32_t i = 0; i < count; ++i) {
    try {
      loaded.device_infos.push_back(driver->device_info(i));
      loaded.device_indices.push_back(i);
    } catch (const Error& e) {
      log_warn("driver {}: device {} skipped: {}", manifest.name, i, e.message());
      device_problems += fmt::format("; device {} skipped: {}", i, e.message());
    }
  }
  const size_t devices = loaded.device_indices.size();
  report.loaded = true;
  report.reason = fmt::format("loaded: ABI {}, {} device{}{}", version_text(copy.abi_version), devices,
                              devices == 1 ? "" : "s", device_problems);
  if (driver_name != manifest.name) {
    log_loader("driver {} calls itself '{}' in its function table", manifest.name, driver_name);
  }
  return loaded;
}

}  // namespace

LoadResult load_drivers(const char* option_driver_files) {
  LoadResult result;
  const SearchPath path = driver_search_path(option_driver_files);
  const ManifestFiles files = find_manifest_files(path);
  for (const auto& entry : path.entries) log_loader("loader: searching {} ({})", entry, path.origin);
  for (const auto& missing : files.missing) log_loader("loader: {} does not exist", missing);
  if (files.files.empty()) log_loader("loader: no driver manifests found");

  const NameFilter filter = NameFilter::from_environment();
  std::set<std::string> loaded_names;
  for (const std::string& file : files.files) {
    DriverReport report;
    report.manifest_path = file;
    ManifestResult read = read_manifest(file);
    report.name = read.name;
    if (!read.manifest) {
      report.reason = "failed: " + read.error;
    } else {
      const Manifest& manifest = *read.manifest;
      report.library_path = manifest.library_path;
      if (auto why = filter.rejects(manifest.name)) {
        report.reason = *why;
      } else if (loaded_names.count(manifest.name) != 0) {
        report.reason = fmt::format("skipped: a driver named {} is already loaded", manifest.name);
      } else if (manifest.abi_major != TISA_DRIVER_ABI_MAJOR) {
        report.reason = fmt::format("skipped: manifest abi_major {}, loader supports {}", manifest.abi_major,
                                    TISA_DRIVER_ABI_MAJOR);
      } else if (manifest.library_arch != TISA_LIBRARY_ARCH) {
        report.reason = fmt::format("skipped: library_arch {} does not match {}", manifest.library_arch,
                                    TISA_LIBRARY_ARCH);
      } else if (auto loaded = load_library(manifest, report)) {
        loaded_names.insert(manifest.name);
        result.drivers.push_back(std::move(*loaded));
      }
    }
    if (report.loaded) {
      log_loader("loader: {} ({}): {}", report.name, report.manifest_path, report.reason);
    } else if (report.reason.rfind("failed", 0) == 0) {
      // A driver that should have worked and did not: worth a warning even without debug.
      log_warn("loader: {} ({}): {}", report.name, report.manifest_path, report.reason);
    } else {
      log_loader("loader: {} ({}): {}", report.name, report.manifest_path, report.reason);
    }
    result.reports.push_back(std::move(report));
  }
  return result;
}

}  // namespace tisa::rt
