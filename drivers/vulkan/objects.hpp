// The Vulkan driver's objects behind the ABI's opaque handles.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/support/driver_base.hpp"
#include "drivers/vulkan/device.hpp"
#include "drivers/vulkan/fusion.hpp"
#include "drivers/vulkan/instance.hpp"
#include "hal/ir/module.hpp"

namespace tisa::vk {

// A submitted launch: the command buffer, its fence and everything the GPU work touches.
struct LaunchRecord {
  std::shared_ptr<Device> device;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
  std::vector<std::shared_ptr<Region>> keep_alive;  // buffers, temporaries, parameters, constants

  std::mutex mutex;
  bool done = false;
  tisa_drv_status_t status = TISA_OK;
  std::string message;

  ~LaunchRecord();
};

struct DeviceSlot {
  std::shared_ptr<Device> device;
  // Launches whose event was destroyed before they finished; reaped on later launches.
  std::mutex retired_mutex;
  std::vector<std::shared_ptr<LaunchRecord>> retired;
};

struct Driver : drv::DriverBase {
  explicit Driver(const drv::CreateRequest& request) : DriverBase(request) {}
  ~Driver() override;
  std::shared_ptr<Instance> instance;
  std::vector<std::unique_ptr<DeviceSlot>> devices;

  DeviceSlot& slot(uint32_t device);
  // Fails the calling entry when the validation layer reported anything since the last check.
  void check_validation(const char* during);
};

struct Buffer {
  std::shared_ptr<Device> device;
  std::shared_ptr<Region> region;
  uint64_t size = 0;
};

struct Executable {
  std::shared_ptr<Device> device;
  uint32_t device_index = 0;
  std::shared_ptr<const ir::Module> module;
  std::vector<std::shared_ptr<Region>> constants;  // by constant index
  Fusion fusion;                                   // empty below O2
};

struct LaunchEvent {
  std::shared_ptr<LaunchRecord> record;
};

// Table entries (one file per concern).
tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver, tisa_drv_error_t* err);
tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err);
int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype);
tisa_drv_status_t buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                void** out_buffer, tisa_drv_error_t* err);
void buffer_destroy(void* driver, void* buffer);
tisa_drv_status_t buffer_write(void* driver, void* buffer, uint64_t offset, const void* src, uint64_t size,
                               tisa_drv_error_t* err);
tisa_drv_status_t buffer_read(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                              tisa_drv_error_t* err);
tisa_drv_status_t buffer_map(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err);
void buffer_unmap(void* driver, void* buffer);
tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err);
void executable_destroy(void* driver, void* exe);
tisa_drv_status_t launch(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err);
tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err);
tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err);
void event_destroy(void* driver, void* event);

}  // namespace tisa::vk
