#include "drivers/vulkan/memory.hpp"

#include <algorithm>

#include "drivers/vulkan/vk_check.hpp"

namespace tisa::vk {

LogicalDevice::~LogicalDevice() {
  if (handle) vkDestroyDevice(handle, nullptr);
}

Region::~Region() {
  if (pool && block) pool->release(block, offset, size);
}

Pool::Pool(std::shared_ptr<LogicalDevice> device, uint32_t memory_type, bool host_visible, const char* what)
    : device_(std::move(device)), memory_type_(memory_type), host_visible_(host_visible), what_(what) {}

Pool::~Pool() {
  for (auto& block : blocks_) {
    vkDestroyBuffer(device_->handle, block->buffer, nullptr);
    vkFreeMemory(device_->handle, block->memory, nullptr);  // unmaps too
  }
}

Block* Pool::new_block(uint64_t size) {
  auto block = std::make_unique<Block>();
  block->size = size;
  VkBufferCreateInfo buffer_info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  buffer_info.size = size;
  buffer_info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                      VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_SHADER_DEVICE_ADDRESS_BIT;
  buffer_info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  check(vkCreateBuffer(device_->handle, &buffer_info, nullptr, &block->buffer), "vkCreateBuffer");
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device_->handle, block->buffer, &req);
  VkMemoryAllocateFlagsInfo flags{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO};
  flags.flags = VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT;
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, &flags};
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = memory_type_;
  const VkResult result = vkAllocateMemory(device_->handle, &alloc, nullptr, &block->memory);
  if (result != VK_SUCCESS) {
    vkDestroyBuffer(device_->handle, block->buffer, nullptr);
    if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY || result == VK_ERROR_OUT_OF_HOST_MEMORY) {
      drv::fail(TISA_OUT_OF_MEMORY, "cannot allocate {} bytes of {} memory ({})", size, what_,
                result_name(result));
    }
    check(result, "vkAllocateMemory");
  }
  check(vkBindBufferMemory(device_->handle, block->buffer, block->memory, 0), "vkBindBufferMemory");
  if (host_visible_) {
    void* ptr = nullptr;
    check(vkMapMemory(device_->handle, block->memory, 0, VK_WHOLE_SIZE, 0, &ptr), "vkMapMemory");
    block->mapped = static_cast<uint8_t*>(ptr);
  }
  VkBufferDeviceAddressInfo address_info{VK_STRUCTURE_TYPE_BUFFER_DEVICE_ADDRESS_INFO};
  address_info.buffer = block->buffer;
  block->address = vkGetBufferDeviceAddress(device_->handle, &address_info);
  block->free.emplace(0, size);
  blocks_.push_back(std::move(block));
  return blocks_.back().get();
}

std::shared_ptr<Region> Pool::allocate(uint64_t size) {
  // Zero-byte tensors still get a distinct, valid address.
  const uint64_t rounded = std::max<uint64_t>(kAlignment, (size + kAlignment - 1) / kAlignment * kAlignment);
  if (rounded < size) drv::fail(TISA_OUT_OF_MEMORY, "a buffer of {} bytes is too large", size);
  std::lock_guard lock(mutex_);
  auto take = [&](Block* block) -> std::shared_ptr<Region> {
    for (auto it = block->free.begin(); it != block->free.end(); ++it) {
      if (it->second < rounded) continue;
      const uint64_t offset = it->first, left = it->second - rounded;
      block->free.erase(it);
      if (left) block->free.emplace(offset + rounded, left);
      auto region = std::make_shared<Region>();
      region->pool = shared_from_this();
      region->block = block;
      region->offset = offset;
      region->size = rounded;
      return region;
    }
    return nullptr;
  };
  for (auto& block : blocks_) {
    if (auto region = take(block.get())) return region;
  }
  // Requests above the block size get a block of their own.
  return take(new_block(std::max(rounded, kBlockSize)));
}

void Pool::release(Block* block, uint64_t offset, uint64_t size) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = block->free.emplace(offset, size);
  if (!inserted) return;
  auto next = std::next(it);
  if (next != block->free.end() && it->first + it->second == next->first) {
    it->second += next->second;
    block->free.erase(next);
  }
  if (it != block->free.begin()) {
    auto prev = std::prev(it);
    if (prev->first + prev->second == it->first) {
      prev->second += it->second;
      block->free.erase(it);
    }
  }
}

}  // namespace tisa::vk
