// tisa_instance_*: loads the drivers and enumerates their devices.
#include <algorithm>
#include <charconv>
#include <cstring>

#include "hal/runtime/copy_text.hpp"
#include "hal/runtime/device.hpp"
#include "hal/runtime/loader.hpp"
#include "hal/runtime/status.hpp"

namespace tisa::rt {
namespace {

std::optional<uint32_t> parse_index(std::string_view text) {
  uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string device_list(const tisa_instance_s& instance) {
  if (instance.devices.empty()) return "no devices";
  std::string list;
  for (size_t i = 0; i < instance.devices.size(); ++i) {
    const auto& d = *instance.devices[i];
    list += fmt::format("{}{}: {} ({}:{})", i ? ", " : "", i, d.info.name, d.info.driver_name,
                        d.ordinal_in_driver);
  }
  return list;
}

tisa_device_t find_device(const tisa_instance_s& instance, const char* selector) {
  const std::string_view text = selector ? selector : "";
  if (text.empty()) {
    if (instance.devices.empty()) fail(TISA_NOT_FOUND, "no TISA devices: no driver was loaded");
    return instance.devices[0].get();
  }
  if (auto index = parse_index(text)) {
    if (*index >= instance.devices.size()) {
      fail(TISA_NOT_FOUND, "device index {} is out of range: {}", *index, device_list(instance));
    }
    return instance.devices[*index].get();
  }
  std::string_view driver = text;
  uint32_t ordinal = 0;
  if (const size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    auto parsed = parse_index(text.substr(colon + 1));
    if (!parsed) invalid("device selector '{}': expected 'driver:N' with N a number", text);
    driver = text.substr(0, colon);
    ordinal = *parsed;
  }
  for (const auto& device : instance.devices) {
    if (device->info.driver_name == driver && device->ordinal_in_driver == ordinal) return device.get();
  }
  fail(TISA_NOT_FOUND, "no device matches '{}': {}", text, device_list(instance));
}

}  // namespace
}  // namespace tisa::rt

extern "C" {

TISA_API tisa_status_t tisa_instance_create(const tisa_instance_options_t* options,
                                            tisa_instance_t* out_instance) {
  return tisa::rt::guarded("tisa_instance_create", [&] {
    tisa::rt::require(out_instance, "tisa_instance_create", "out_instance");
    *out_instance = nullptr;
    const char* driver_files = nullptr;
    if (options != nullptr) {
      constexpr size_t needed = offsetof(tisa_instance_options_t, driver_files) + sizeof(const char*);
      if (options->struct_size < needed) {
        tisa::invalid("tisa_instance_create: options->struct_size is {}, expected at least {}",
                      options->struct_size, needed);
      }
      driver_files = options->driver_files;
    }
    tisa::rt::LoadResult loaded = tisa::rt::load_drivers(driver_files);
    auto instance = std::make_unique<tisa_instance_s>();
    instance->reports = std::move(loaded.reports);
    for (const auto& driver : loaded.drivers) {
      for (size_t i = 0; i < driver.device_indices.size(); ++i) {
        auto device = std::make_shared<tisa_device_s>();
        device->driver = driver.driver;
        device->index = driver.device_indices[i];
        device->ordinal_in_driver = static_cast<uint32_t>(i);
        device->info = tisa::rt::device_info_from_driver(driver.driver->name(), driver.device_infos[i]);
        instance->devices.push_back(std::move(device));
      }
    }
    *out_instance = instance.release();
  });
}

TISA_API void tisa_instance_release(tisa_instance_t instance) {
  delete instance;
}

TISA_API uint32_t tisa_instance_driver_count(tisa_instance_t instance) {
  return instance ? static_cast<uint32_t>(instance->reports.size()) : 0;
}

TISA_API tisa_status_t tisa_instance_driver_report(tisa_instance_t instance, uint32_t index,
                                                   tisa_driver_report_t* out) {
  return tisa::rt::guarded("tisa_instance_driver_report", [&] {
    tisa::rt::require(instance, "tisa_instance_driver_report", "instance");
    tisa::rt::require(out, "tisa_instance_driver_report", "out");
    if (index >= instance->reports.size()) {
      tisa::fail(TISA_NOT_FOUND, "tisa_instance_driver_report: index {} out of range ({} drivers found)",
                 index, instance->reports.size());
    }
    const tisa::rt::DriverReport& r = instance->reports[index];
    std::memset(out, 0, sizeof *out);
    tisa::rt::copy_text(out->name, r.name);
    tisa::rt::copy_text(out->manifest_path, r.manifest_path);
    tisa::rt::copy_text(out->library_path, r.library_path);
    out->abi_version = r.abi_version;
    out->loaded = r.loaded ? 1 : 0;
    tisa::rt::copy_text(out->reason, r.reason);
  });
}

TISA_API uint32_t tisa_instance_device_count(tisa_instance_t instance) {
  return instance ? static_cast<uint32_t>(instance->devices.size()) : 0;
}

TISA_API tisa_status_t tisa_instance_get_device(tisa_instance_t instance, uint32_t index,
                                                tisa_device_t* out_device) {
  return tisa::rt::guarded("tisa_instance_get_device", [&] {
    tisa::rt::require(instance, "tisa_instance_get_device", "instance");
    tisa::rt::require(out_device, "tisa_instance_get_device", "out_device");
    *out_device = nullptr;
    if (index >= instance->devices.size()) {
      tisa::fail(TISA_NOT_FOUND, "tisa_instance_get_device: index {} out of range ({} devices)", index,
                 instance->devices.size());
    }
    *out_device = instance->devices[index].get();
  });
}

TISA_API tisa_status_t tisa_instance_find_device(tisa_instance_t instance, const char* selector,
                                                 tisa_device_t* out_device) {
  return tisa::rt::guarded("tisa_instance_find_device", [&] {
    tisa::rt::require(instance, "tisa_instance_find_device", "instance");
    tisa::rt::require(out_device, "tisa_instance_find_device", "out_device");
    *out_device = nullptr;
    *out_device = tisa::rt::find_device(*instance, selector);
  });
}

}  // extern "C"
