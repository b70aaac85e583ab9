// The entry point (version negotiation), the function table and the driver object.
#include <memory>
#include <string>

#include "objects.hpp"
#include "status.hpp"

namespace vendor {
namespace {

std::string version_text(uint32_t version) {
  return text("%u.%u", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!info || !out_driver) invalid("driver_create needs info and out_driver");
    if (TISA_VERSION_MAJOR(info->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE,
           text("implements driver ABI %s, asked to run ABI %s",
                version_text(TISA_DRIVER_ABI_VERSION).c_str(), version_text(info->abi_version).c_str()));
    }
    auto driver = std::make_unique<Driver>();
    // Fields past the caller's struct_size are absent (an older loader).
    if (info->struct_size >= offsetof(tisa_drv_create_info_t, log_user) + sizeof(void*)) {
      driver->log = info->log;
      driver->log_user = info->log_user;
    }
    *out_driver = driver.release();
    return TISA_OK;
  });
}

void driver_destroy(void* driver) {
  delete static_cast<Driver*>(driver);
}

const tisa_driver_table_t kTable = {
    .struct_size = sizeof(tisa_driver_table_t),
    .abi_version = TISA_DRIVER_ABI_VERSION,
    .name = "vendor-example",
    .version = "0.1.0",
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

Driver& driver_of(void* driver) {
  if (!driver) invalid("the driver handle is null");
  return *static_cast<Driver*>(driver);
}

void check_device(uint32_t device) {
  if (device != 0) invalid(text("device %u does not exist (the driver has 1)", device));
}

}  // namespace vendor

// Any loader of the same major version is accepted: the table only grows.
extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return vendor::guarded(err, [&] {
    if (!loader || !out_table) vendor::invalid("negotiate needs loader info and out_table");
    if (TISA_VERSION_MAJOR(loader->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      vendor::fail(TISA_INCOMPATIBLE, vendor::text("implements driver ABI %s, the loader speaks ABI %s",
                                                   vendor::version_text(TISA_DRIVER_ABI_VERSION).c_str(),
                                                   vendor::version_text(loader->abi_version).c_str()));
    }
    *out_table = &vendor::kTable;
    return TISA_OK;
  });
}
