// The entry point, the function table, and the driver object: the Vulkan instance and one
// TISA device per usable physical device.
#include <cstdlib>

#include <fmt/format.h>

#include "drivers/support/device_info.hpp"
#include "drivers/support/negotiate.hpp"
#include "drivers/vulkan/objects.hpp"
#include "drivers/vulkan/vk_check.hpp"

const std::string_view tisa::drv::kDriverName = "vulkan driver";

namespace tisa::vk {
namespace {

// The table is spelled out rather than generated (drv::make_table): device_supports depends on
// each device's features, and buffers and events are the GPU's own.
const tisa_driver_table_t kTable = {
    .struct_size = sizeof(tisa_driver_table_t),
    .abi_version = TISA_DRIVER_ABI_VERSION,
    .name = "vulkan",
    .version = "0.1.0",
    .driver_create = driver_create,
    .driver_destroy = drv::driver_destroy,
    .device_count = drv::device_count,
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

LaunchRecord::~LaunchRecord() {
  if (fence) vkWaitForFences(device->handle(), 1, &fence, VK_TRUE, UINT64_MAX);
  device->release(commands, fence);
}

Driver::~Driver() {
  for (auto& slot : devices) {
    slot->device->wait_idle();
    std::lock_guard lock(slot->retired_mutex);
    slot->retired.clear();
  }
}

DeviceSlot& Driver::slot(uint32_t device) {
  drv::check_device(*this, device);
  return *devices[device];
}

void Driver::check_validation(const char* during) {
  if (!instance || !instance->validation()) return;
  const std::vector<std::string> messages = instance->take_validation_messages();
  if (messages.empty()) return;
  std::string text = messages.front();
  if (messages.size() > 1) text += fmt::format(" (and {} more)", messages.size() - 1);
  drv::fail(TISA_INTERNAL, "the Vulkan validation layer reported during {}: {}", during, text);
}

tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    const drv::CreateRequest request = drv::read_create_info(info, out_driver);
    auto driver = std::make_unique<Driver>(request);
    Logger log = [l = request.log](tisa_log_level_t level, const std::string& message) {
      l(level, "vulkan driver: " + message);
    };
    // The environment overrides the manifest's config string.
    std::string selection(request.config);
    if (const char* env = std::getenv("TISA_VULKAN_DEVICE")) selection = env;
    driver->device_count = 0;
    try {
      driver->instance = std::make_shared<Instance>(log);
    } catch (const Error& e) {
      // No Vulkan here is zero devices, not an error; a validation layer asked for and missing is.
      if (std::getenv("TISA_VULKAN_VALIDATION")) throw;
      log(TISA_LOG_INFO, "no Vulkan devices: " + e.message());
    }
    if (driver->instance) {
      for (VkPhysicalDevice physical : driver->instance->usable_devices(selection)) {
        try {
          auto slot = std::make_unique<DeviceSlot>();
          slot->device = std::make_shared<Device>(driver->instance, physical, log);
          driver->devices.push_back(std::move(slot));
        } catch (const Error& e) {
          log(TISA_LOG_WARN, "a Vulkan device could not be opened: " + e.message());
        }
      }
      driver->device_count = static_cast<uint32_t>(driver->devices.size());
      driver->check_validation("device creation");
    }
    drv::publish_driver(std::move(driver), out_driver);
    return TISA_OK;
  });
}

tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Driver& self = drv::driver_of<Driver>(driver);
    const tisa_drv_device_info_t info = self.slot(device).device->info();
    drv::copy_device_info(info, out);
    return TISA_OK;
  });
}

int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype) {
  if (!driver) return 0;
  const Driver& self = static_cast<const Driver&>(*static_cast<drv::DriverBase*>(driver));
  if (device >= self.device_count) return 0;
  return self.devices[device]->device->unsupported_reason(opcode, dtype).empty() ? 1 : 0;
}

}  // namespace tisa::vk

extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::drv::negotiate(loader, tisa::vk::kTable, out_table, err);
}
