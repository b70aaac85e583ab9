// The entry point (version negotiation), the function table, and the driver object.
#include <string>

#include "drivers/reference/entry_points.hpp"
#include "drivers/reference/objects.hpp"
#include "drivers/reference/status.hpp"
#include "hal/ir/error.hpp"

namespace tisa::reference {
namespace {

std::string version_string(uint32_t version) {
  return fmt::format("{}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!info || !out_driver) invalid("reference driver: driver_create needs info and out_driver");
    if (info->struct_size < sizeof(uint32_t) * 2) {
      invalid("reference driver: create info struct_size {} is too small", info->struct_size);
    }
    if (TISA_VERSION_MAJOR(info->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE, "reference driver: implements driver ABI {}, asked to run ABI {}",
           version_string(TISA_DRIVER_ABI_VERSION), version_string(info->abi_version));
    }
    auto driver = std::make_unique<Driver>();
    // Fields past the caller's struct_size are absent (an older loader): leave them unset.
    if (info->struct_size >= offsetof(tisa_drv_create_info_t, log_user) + sizeof(void*)) {
      driver->log = info->log;
      driver->log_user = info->log_user;
    }
    driver->abi_version = info->abi_version;
    driver->log_message(TISA_LOG_DEBUG,
                        "reference driver created (ABI " + version_string(info->abi_version) + ")");
    *out_driver = driver.release();
    return TISA_OK;
  });
}

void driver_destroy(void* driver) {
  // Joins the worker after the queued launches have finished.
  delete static_cast<Driver*>(driver);
}

const tisa_driver_table_t kTable = {
    .struct_size = sizeof(tisa_driver_table_t),
    .abi_version = TISA_DRIVER_ABI_VERSION,
    .name = "reference",
    .version = "1.0.0",
    .driver_create = driver_create,
    .driver_destroy = driver_destroy,
    .device_count = device_count,
    .device_get_info = device_get_info,
    .device_supports = device_supports,
    .buffer_create = buffer_create,
    .buffer_destroy = buffer_destroy,
    .buffer_write = buffer_write,
    .buffer_read = buffer_read,
    .executable_create = executable_create,
    .executable_destroy = executable_destroy,
    .launch = launch,
    .event_wait = event_wait,
    .event_destroy = event_destroy,
    .buffer_map = buffer_map,
    .buffer_unmap = buffer_unmap,
    .event_query = event_query,
};

}  // namespace

void Driver::log_message(tisa_log_level_t level, const std::string& message) const {
  if (log) log(log_user, level, message.c_str());
}

Driver& driver_of(void* driver) {
  if (!driver) invalid("reference driver: the driver handle is null");
  return *static_cast<Driver*>(driver);
}

void check_device(uint32_t device) {
  if (device >= kDeviceCount) {
    invalid("reference driver: device {} does not exist (the driver has {})", device, kDeviceCount);
  }
}

// Accepts any loader of the same major version: the table only grows, and a 1.0 loader reads
// the first TISA_DRIVER_TABLE_SIZE_1_0 bytes of it.
tisa_drv_status_t negotiate(const tisa_loader_info_t* loader, const tisa_driver_table_t** out_table,
                            tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!loader || !out_table) invalid("reference driver: negotiate needs loader info and out_table");
    if (loader->struct_size < sizeof(tisa_loader_info_t)) {
      invalid("reference driver: loader info struct_size {} is smaller than {}", loader->struct_size,
              sizeof(tisa_loader_info_t));
    }
    if (TISA_VERSION_MAJOR(loader->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE,
           "reference driver: implements driver ABI {}, the loader speaks ABI {}; major versions "
           "differ",
           version_string(TISA_DRIVER_ABI_VERSION), version_string(loader->abi_version));
    }
    *out_table = &kTable;
    return TISA_OK;
  });
}

}  // namespace tisa::reference

extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::reference::negotiate(loader, out_table, err);
}
