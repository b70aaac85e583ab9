#include "drivers/vulkan/device.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "drivers/vulkan/kernel_table.hpp"
#include "drivers/vulkan/vk_check.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

uint32_t find_queue_family(VkPhysicalDevice physical) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
  // A compute-only family is the dedicated async-compute queue on GPUs that have one.
  for (uint32_t i = 0; i < count; ++i) {
    if ((families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) && !(families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT))
      return i;
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) return i;
  }
  drv::fail(TISA_UNAVAILABLE, "the Vulkan device has no compute queue");
}

int find_memory_type(const VkPhysicalDeviceMemoryProperties& mem, VkMemoryPropertyFlags required,
                     VkMemoryPropertyFlags preferred) {
  int fallback = -1;
  for (uint32_t i = 0; i < mem.memoryTypeCount; ++i) {
    const VkMemoryPropertyFlags f = mem.memoryTypes[i].propertyFlags;
    if ((f & required) != required) continue;
    if ((f & preferred) == preferred) return static_cast<int>(i);
    if (fallback < 0) fallback = static_cast<int>(i);
  }
  return fallback;
}

// The matmul path: tiles through shared memory on GPUs; direct reads on CPUs, with lhs rows
// shared in subgroups where 32-invocation workgroups make subgroups of 8, 16 or 32 lanes with
// broadcast and shuffle (lavapipe: 8). TISA_VULKAN_MATMUL=shared|direct|subgroup picks one (for
// experiments and tests); subgroup still needs those operations.
void choose_matmul(Capabilities& caps, const VkPhysicalDeviceSubgroupProperties& sg, const Logger& log) {
  constexpr VkSubgroupFeatureFlags needed =
      VK_SUBGROUP_FEATURE_BASIC_BIT | VK_SUBGROUP_FEATURE_BALLOT_BIT | VK_SUBGROUP_FEATURE_SHUFFLE_BIT;
  const bool can_share = (sg.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                         (sg.supportedOperations & needed) == needed && sg.subgroupSize >= 8 &&
                         32 % sg.subgroupSize == 0;
  std::string path = caps.cpu_like ? "subgroup" : "shared";
  if (const char* m = std::getenv("TISA_VULKAN_MATMUL"); m && *m) {
    if (std::strcmp(m, "shared") == 0 || std::strcmp(m, "direct") == 0 || std::strcmp(m, "subgroup") == 0) {
      path = m;
    } else {
      log(TISA_LOG_WARN, fmt::format("TISA_VULKAN_MATMUL={} is not shared, direct or subgroup: ignored", m));
    }
  }
  caps.matmul_shared = path == "shared";
  caps.subgroup_rows = path == "subgroup" && can_share;
}

}  // namespace

Device::Device(std::shared_ptr<const Instance> instance, VkPhysicalDevice physical, Logger log)
    : log_(std::move(log)), physical_(physical) {
  vkGetPhysicalDeviceProperties(physical, &props_);
  VkPhysicalDeviceVulkan12Properties p12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES};
  VkPhysicalDeviceSubgroupProperties subgroups{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES, &p12};
  VkPhysicalDeviceMaintenance3Properties m3{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES,
                                            &subgroups};
  VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &m3};
  vkGetPhysicalDeviceProperties2(physical, &props2);
  VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f12};
  vkGetPhysicalDeviceFeatures2(physical, &features);
  VkPhysicalDeviceMemoryProperties mem;
  vkGetPhysicalDeviceMemoryProperties(physical, &mem);

  caps_.name = props_.deviceName;
  caps_.type = props_.deviceType;
  caps_.float64 = features.features.shaderFloat64;
  caps_.max_groups_x = props_.limits.maxComputeWorkGroupCount[0];
  caps_.max_groups_y = props_.limits.maxComputeWorkGroupCount[1];
  caps_.max_groups_z = props_.limits.maxComputeWorkGroupCount[2];
  if (const char* g = std::getenv("TISA_VULKAN_MAX_GROUPS")) {
    const uint32_t cap = std::max(1, std::atoi(g));
    for (uint32_t* n : {&caps_.max_groups_x, &caps_.max_groups_y, &caps_.max_groups_z})
      *n = std::min(*n, cap);
  }
  caps_.cpu_like = caps_.type == VK_PHYSICAL_DEVICE_TYPE_CPU;
  if (const char* t = std::getenv("TISA_VULKAN_TARGET"); t && *t) {
    if (std::strcmp(t, "gpu") == 0 || std::strcmp(t, "cpu") == 0) {
      caps_.cpu_like = std::strcmp(t, "cpu") == 0;
    } else {
      log_(TISA_LOG_WARN, fmt::format("TISA_VULKAN_TARGET={} is not gpu or cpu: ignored", t));
    }
  }
  choose_matmul(caps_, subgroups, log_);
  caps_.max_allocation = m3.maxMemoryAllocationSize;
  // llvmpipe (lavapipe) ends any loop once an invocation has run 65535 loop iterations in all
  // (gallivm's LP_MAX_TGSI_LOOP_ITERATIONS), silently: the plans keep under it there.
  if (p12.driverID == VK_DRIVER_ID_MESA_LLVMPIPE) caps_.loop_budget = 65535;
  for (uint32_t h = 0; h < mem.memoryHeapCount; ++h) {
    if (mem.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) {
      caps_.device_heap_bytes = std::max<uint64_t>(caps_.device_heap_bytes, mem.memoryHeaps[h].size);
    }
  }
  if (!caps_.float64) {
    log_(TISA_LOG_INFO, caps_.name + " lacks shaderFloat64: the ops computed in double (" + float64_ops() +
                            ") are not supported");
  }

  // Only what the kernels use is enabled.
  VkPhysicalDeviceVulkan12Features enable12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  enable12.bufferDeviceAddress = VK_TRUE;
  enable12.storageBuffer8BitAccess = VK_TRUE;
  VkPhysicalDeviceFeatures2 enable{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &enable12};
  enable.features.shaderInt64 = VK_TRUE;
  enable.features.shaderFloat64 = caps_.float64 ? VK_TRUE : VK_FALSE;
  const uint32_t family = find_queue_family(physical);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue_info.queueFamilyIndex = family;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;
  VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &enable};
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue_info;
  VkDevice handle;
  check(vkCreateDevice(physical, &info, nullptr, &handle), "vkCreateDevice");
  device_ = std::make_shared<LogicalDevice>(handle, std::move(instance));
  vkGetDeviceQueue(handle, family, 0, &queue_);
  VkCommandPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = family;
  check(vkCreateCommandPool(handle, &pool_info, nullptr, &command_pool_), "vkCreateCommandPool");

  // Unified: the device-local memory is also host-visible and the device shares the host's
  // memory (CPU or integrated); TISA_VULKAN_FORCE_STAGING=1 takes the staging path anyway.
  constexpr VkMemoryPropertyFlags host =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  const int local = find_memory_type(mem, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0);
  const int local_host = find_memory_type(mem, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | host, 0);
  const int staging = find_memory_type(mem, host, VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
  if (staging < 0) drv::fail(TISA_UNAVAILABLE, "{} has no host-visible coherent memory", caps_.name);
  const bool shares_host = props_.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU ||
                           props_.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
  const char* fault = std::getenv("TISA_VULKAN_FAULT");
  inject_loss_ = fault && std::strcmp(fault, "device-lost") == 0;
  const char* force = std::getenv("TISA_VULKAN_FORCE_STAGING");
  caps_.unified = shares_host && local_host >= 0 && !(force && std::strcmp(force, "1") == 0);
  if (caps_.unified) {
    tensor_pool_ =
        std::make_shared<Pool>(device_, static_cast<uint32_t>(local_host), true, "device-local host-visible");
  } else {
    tensor_pool_ = std::make_shared<Pool>(device_, static_cast<uint32_t>(local >= 0 ? local : staging), false,
                                          "device-local");
  }
  staging_pool_ = std::make_shared<Pool>(device_, static_cast<uint32_t>(staging), true, "host-visible");
  pipelines_ = std::make_unique<Pipelines>(device_, props_, log_);
}

Device::~Device() {
  vkDeviceWaitIdle(device_->handle);
  pipelines_.reset();
  vkDestroyCommandPool(device_->handle, command_pool_, nullptr);
  // The pools (and with them the VkDevice) go when the last region does.
}

tisa_drv_device_info_t Device::info() const {
  tisa_drv_device_info_t info{};
  info.struct_size = sizeof(info);
  info.isa_version = TISA_ISA_VERSION;
  std::snprintf(info.name, sizeof(info.name), "%s (Vulkan)", caps_.name.c_str());
  info.kind = caps_.type == VK_PHYSICAL_DEVICE_TYPE_CPU ? TISA_DEVICE_KIND_CPU : TISA_DEVICE_KIND_GPU;
  // The shaders do not request the DenormPreserve execution mode, so whether subnormals survive
  // is the implementation's choice: the device declares flushing (spec 4.4), which the CTS judges.
  info.flags = TISA_DEVICE_FLAG_FLUSH_SUBNORMALS | (caps_.unified ? TISA_DEVICE_FLAG_HOST_VISIBLE : 0);
  info.extensions = 0;
  info.limits.max_rank = static_cast<uint32_t>(TISA_MAX_RANK);
  info.limits.max_dim = TISA_MAX_DIM;
  // One tensor lives in one allocation.
  info.limits.max_buffer_bytes = caps_.max_allocation ? caps_.max_allocation : caps_.device_heap_bytes;
  info.limits.max_elements =
      std::min<int64_t>(TISA_MAX_ELEMENTS, static_cast<int64_t>(info.limits.max_buffer_bytes));
  info.memory_bytes = caps_.device_heap_bytes;
  return info;
}

std::string Device::unsupported_reason(uint32_t opcode, uint32_t dtype) const {
  const KernelEntry* kernel = find_kernel(opcode, dtype);
  if (!kernel) return "the Vulkan driver has no kernel for it yet";
  if (kernel->needs_float64 && !caps_.float64)
    return caps_.name + " lacks shaderFloat64, which it is computed with";
  return "";
}

VkCommandBuffer Device::begin_commands() {
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = command_pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer commands;
  check(vkAllocateCommandBuffers(device_->handle, &alloc, &commands), "vkAllocateCommandBuffers");
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check(vkBeginCommandBuffer(commands, &begin), "vkBeginCommandBuffer");
  return commands;
}

VkFence Device::submit(VkCommandBuffer commands) {
  check(vkEndCommandBuffer(commands), "vkEndCommandBuffer");
  VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence;
  check(vkCreateFence(device_->handle, &fence_info, nullptr, &fence), "vkCreateFence");
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &commands;
  const VkResult result = vkQueueSubmit(queue_, 1, &submit, fence);
  if (result != VK_SUCCESS) {
    vkDestroyFence(device_->handle, fence, nullptr);
    check(result, "vkQueueSubmit");
  }
  return fence;
}

void Device::release(VkCommandBuffer commands, VkFence fence) {
  std::lock_guard lock(mutex_);
  if (commands) vkFreeCommandBuffers(device_->handle, command_pool_, 1, &commands);
  if (fence) vkDestroyFence(device_->handle, fence, nullptr);
}

void Device::check_not_lost() const {
  if (lost_) {
    drv::fail(TISA_DEVICE_LOST,
              "{} was lost (VK_ERROR_DEVICE_LOST) during an earlier launch; create a new instance",
              caps_.name);
  }
}

void Device::wait_idle() {
  std::lock_guard lock(mutex_);
  check(vkQueueWaitIdle(queue_), "vkQueueWaitIdle");
}

void Device::copy_sync(VkBuffer src, uint64_t src_offset, VkBuffer dst, uint64_t dst_offset, uint64_t size) {
  VkCommandBuffer commands;
  VkFence fence;
  {
    std::lock_guard lock(mutex_);
    commands = begin_commands();
    // Earlier submissions' writes are complete and visible before the copy, and the copy before
    // the host (or a later submission) reads.
    VkMemoryBarrier before{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_MEMORY_WRITE_BIT,
                           VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT};
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1,
                         &before, 0, nullptr, 0, nullptr);
    VkBufferCopy region{src_offset, dst_offset, size};
    vkCmdCopyBuffer(commands, src, dst, 1, &region);
    VkMemoryBarrier after{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_TRANSFER_WRITE_BIT,
                          VK_ACCESS_HOST_READ_BIT | VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT};
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 1, &after, 0,
                         nullptr, 0, nullptr);
    fence = submit(commands);
  }
  const VkResult result = vkWaitForFences(device_->handle, 1, &fence, VK_TRUE, UINT64_MAX);
  release(commands, fence);
  check(result, "vkWaitForFences");
}

void Device::write(const Region& region, uint64_t offset, const void* src, uint64_t size) {
  check_not_lost();
  if (!size) return;
  wait_idle();
  if (uint8_t* host = region.host()) {
    std::memcpy(host + offset, src, size);
    return;
  }
  auto stage = staging_pool_->allocate(size);
  std::memcpy(stage->host(), src, size);
  copy_sync(stage->buffer(), stage->offset, region.buffer(), region.offset + offset, size);
}

void Device::read(const Region& region, uint64_t offset, void* dst, uint64_t size) {
  check_not_lost();
  if (!size) return;
  wait_idle();
  if (const uint8_t* host = region.host()) {
    std::memcpy(dst, host + offset, size);
    return;
  }
  auto stage = staging_pool_->allocate(size);
  copy_sync(region.buffer(), region.offset + offset, stage->buffer(), stage->offset, size);
  std::memcpy(dst, stage->host(), size);
}

void Device::zero(const Region& region) {
  if (uint8_t* host = region.host()) {
    std::memset(host, 0, region.size);
    return;
  }
  VkCommandBuffer commands;
  VkFence fence;
  {
    std::lock_guard lock(mutex_);
    commands = begin_commands();
    vkCmdFillBuffer(commands, region.buffer(), region.offset, region.size, 0);
    VkMemoryBarrier after{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_TRANSFER_WRITE_BIT,
                          VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT};
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 1,
                         &after, 0, nullptr, 0, nullptr);
    fence = submit(commands);
  }
  const VkResult result = vkWaitForFences(device_->handle, 1, &fence, VK_TRUE, UINT64_MAX);
  release(commands, fence);
  check(result, "vkWaitForFences");
}

}  // namespace tisa::vk
