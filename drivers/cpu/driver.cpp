// The entry point (version negotiation), the function table, and the driver object.
#include <new>
#include <string>

#include "drivers/cpu/entry_points.hpp"
#include "drivers/cpu/objects.hpp"
#include "drivers/cpu/plan/steps.hpp"
#include "drivers/cpu/status.hpp"
#include "hal/ir/error.hpp"

namespace tisa::cpu {
namespace {

std::string version_string(uint32_t version) {
  return fmt::format("{}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!info || !out_driver) invalid("cpu driver: driver_create needs info and out_driver");
    if (info->struct_size < sizeof(uint32_t) * 2) {
      invalid("cpu driver: create info struct_size {} is too small", info->struct_size);
    }
    if (TISA_VERSION_MAJOR(info->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE, "cpu driver: implements driver ABI {}, asked to run ABI {}",
           version_string(TISA_DRIVER_ABI_VERSION), version_string(info->abi_version));
    }
    auto driver = std::make_unique<Driver>();
    // Fields past the caller's struct_size are absent (an older loader): leave them unset.
    if (info->struct_size >= offsetof(tisa_drv_create_info_t, log_user) + sizeof(void*)) {
      driver->log = info->log;
      driver->log_user = info->log_user;
    }
    driver->abi_version = info->abi_version;
    driver->device = std::make_unique<Device>(ThreadPool::default_threads());
    driver->log_message(
        TISA_LOG_DEBUG,
        fmt::format("cpu driver created (ABI {}, {} threads, {} kernels)", version_string(info->abi_version),
                    driver->device->pool.size(), driver->device->kernels.isa));
    *out_driver = driver.release();
    return TISA_OK;
  });
}

void driver_destroy(void* driver) {
  // The queue finishes the launches in flight before the device goes.
  delete static_cast<Driver*>(driver);
}

const tisa_driver_table_t kTable = {
    .struct_size = sizeof(tisa_driver_table_t),
    .abi_version = TISA_DRIVER_ABI_VERSION,
    .name = "cpu",
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

// Accepts any loader of the same major version: the table only grows, and a 1.0 loader reads
// the first TISA_DRIVER_TABLE_SIZE_1_0 bytes of it.
tisa_drv_status_t negotiate(const tisa_loader_info_t* loader, const tisa_driver_table_t** out_table,
                            tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!loader || !out_table) invalid("cpu driver: negotiate needs loader info and out_table");
    if (loader->struct_size < sizeof(tisa_loader_info_t)) {
      invalid("cpu driver: loader info struct_size {} is smaller than {}", loader->struct_size,
              sizeof(tisa_loader_info_t));
    }
    if (TISA_VERSION_MAJOR(loader->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE,
           "cpu driver: implements driver ABI {}, the loader speaks ABI {}; major versions differ",
           version_string(TISA_DRIVER_ABI_VERSION), version_string(loader->abi_version));
    }
    *out_table = &kTable;
    return TISA_OK;
  });
}

}  // namespace

void Driver::log_message(tisa_log_level_t level, const std::string& message) const {
  if (log) log(log_user, level, message.c_str());
}

Driver& driver_of(void* driver) {
  if (!driver) invalid("cpu driver: the driver handle is null");
  return *static_cast<Driver*>(driver);
}

void check_device(uint32_t device) {
  if (device >= kDeviceCount) {
    invalid("cpu driver: device {} does not exist (the driver has {})", device, kDeviceCount);
  }
}

Device::Device(unsigned threads) : kernels(cpu::kernels()), pool(threads), scratch(threads) {
  use_single_threaded_blas();
}

Device::~Device() {
  ::operator delete(arena, std::align_val_t(kBufferAlignment));
}

uint8_t* Device::reserve_arena(uint64_t bytes) {
  if (bytes > arena_size) {
    ::operator delete(arena, std::align_val_t(kBufferAlignment));
    arena = nullptr;
    arena_size = 0;
    arena = static_cast<uint8_t*>(::operator new(bytes, std::align_val_t(kBufferAlignment)));
    arena_size = bytes;
  }
  return arena;
}

}  // namespace tisa::cpu

extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::cpu::negotiate(loader, out_table, err);
}
