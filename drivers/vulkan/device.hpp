// One Vulkan physical device as a TISA device: the logical device and its compute queue, the
// capabilities read from its features and limits, its memory pools and its pipelines.
#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "drivers/vulkan/instance.hpp"
#include "drivers/vulkan/memory.hpp"
#include "drivers/vulkan/pipelines.hpp"
#include "tisa/driver.h"

namespace tisa::vk {

struct Capabilities {
  std::string name;
  VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
  bool float64 = false;  // shaderFloat64: the f32 ops rounded through double need it
  bool unified = false;  // device memory is host-visible: no staging copies
  // Plan for a CPU (lavapipe): kernels that avoid barriers and shared memory. The device type by
  // default; TISA_VULKAN_TARGET=gpu|cpu overrides it (the tests run the GPU plans on lavapipe).
  bool cpu_like = false;
  uint32_t max_groups_x = 65535, max_groups_y = 65535, max_groups_z = 65535;
  bool matmul_shared = false;  // matmul tiles through shared memory (GPUs), not read directly (CPUs)
  // matmul_*_sg (lhs rows shared by 8 lanes) may run: workgroups of 32 invocations make full
  // subgroups of 8, 16 or 32 lanes with broadcast and shuffle. By default only on CPU devices
  // (lavapipe), where subgroups are always full.
  bool subgroup_rows = false;
  uint64_t max_allocation = 0;  // maxMemoryAllocationSize
  int64_t loop_budget = 0;      // loop iterations one invocation may run in all; 0: no limit
  uint64_t device_heap_bytes = 0;
};

class Device {
 public:
  Device(std::shared_ptr<const Instance> instance, VkPhysicalDevice physical, Logger log);
  ~Device();  // waits for the queue, then releases everything
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  const Capabilities& caps() const { return caps_; }
  tisa_drv_device_info_t info() const;
  // The generated support table, less what the device's features rule out; why not, or "".
  std::string unsupported_reason(uint32_t opcode, uint32_t dtype) const;

  VkDevice handle() const { return device_->handle; }
  Pool& tensors() { return *tensor_pool_; }   // device-local (host-visible when unified)
  Pool& staging() { return *staging_pool_; }  // host-visible: staging and parameter records
  Pipelines& pipelines() { return *pipelines_; }

  // Command buffers come from one pool: record and submit under this lock.
  std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }
  VkCommandBuffer begin_commands();                       // under lock()
  VkFence submit(VkCommandBuffer commands);               // under lock(); ends and submits
  void release(VkCommandBuffer commands, VkFence fence);  // takes the lock itself
  // Waits for every submission (host access to buffers orders after launches this way).
  void wait_idle();
  // A lost device stays lost: once a wait reports VK_ERROR_DEVICE_LOST, every later use of the
  // device fails with DEVICE_LOST. TISA_VULKAN_FAULT=device-lost makes every launch's wait report
  // it (the work itself runs), so the path can be tested on a device that never loses itself.
  void mark_lost() { lost_ = true; }
  void check_not_lost() const;
  bool inject_loss() const { return inject_loss_; }
  // Synchronous copies between host memory and a region (staging when not unified).
  void write(const Region& region, uint64_t offset, const void* src, uint64_t size);
  void read(const Region& region, uint64_t offset, void* dst, uint64_t size);
  void zero(const Region& region);

 private:
  void copy_sync(VkBuffer src, uint64_t src_offset, VkBuffer dst, uint64_t dst_offset, uint64_t size);

  Logger log_;
  VkPhysicalDevice physical_;
  VkPhysicalDeviceProperties props_{};
  Capabilities caps_;
  std::shared_ptr<LogicalDevice> device_;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkCommandPool command_pool_ = VK_NULL_HANDLE;
  std::mutex mutex_;
  std::shared_ptr<Pool> tensor_pool_, staging_pool_;
  std::unique_ptr<Pipelines> pipelines_;
  std::atomic<bool> lost_{false};
  bool inject_loss_ = false;
};

}  // namespace tisa::vk
