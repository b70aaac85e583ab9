// Device memory: a sub-allocator that carves buffers out of large VkDeviceMemory blocks, each
// bound to one VkBuffer whose device address the kernels use. Regions are shared_ptrs, so a
// launch in flight keeps what it reads and writes alive after the caller lets go.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace tisa::vk {

// Owns the VkDevice: destroyed after every pool and pipeline that uses it, and keeps the
// VkInstance (owner) alive until then.
struct LogicalDevice {
  VkDevice handle = VK_NULL_HANDLE;
  std::shared_ptr<const void> owner;
  LogicalDevice(VkDevice device, std::shared_ptr<const void> instance)
      : handle(device), owner(std::move(instance)) {}
  ~LogicalDevice();
  LogicalDevice(const LogicalDevice&) = delete;
  LogicalDevice& operator=(const LogicalDevice&) = delete;
};

struct Block {
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceAddress address = 0;
  uint8_t* mapped = nullptr;  // null unless the pool is host-visible
  uint64_t size = 0;
  std::map<uint64_t, uint64_t> free;  // offset -> size, coalesced
};

class Pool;

// A sub-allocation; returned to its pool when the last owner lets go.
struct Region {
  std::shared_ptr<Pool> pool;
  Block* block = nullptr;
  uint64_t offset = 0;
  uint64_t size = 0;
  ~Region();
  VkDeviceAddress address() const { return block->address + offset; }
  uint8_t* host() const { return block->mapped ? block->mapped + offset : nullptr; }
  VkBuffer buffer() const { return block->buffer; }
};

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  static constexpr uint64_t kAlignment = 256;
  static constexpr uint64_t kBlockSize = 64ull << 20;

  Pool(std::shared_ptr<LogicalDevice> device, uint32_t memory_type, bool host_visible, const char* what);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Throws OUT_OF_MEMORY (with the size and the pool) when the device has no room.
  std::shared_ptr<Region> allocate(uint64_t size);
  bool host_visible() const { return host_visible_; }

 private:
  friend struct Region;
  void release(Block* block, uint64_t offset, uint64_t size);
  Block* new_block(uint64_t size);

  std::shared_ptr<LogicalDevice> device_;
  uint32_t memory_type_;
  bool host_visible_;
  const char* what_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Block>> blocks_;
};

}  // namespace tisa::vk
