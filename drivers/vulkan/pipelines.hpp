// Compute pipelines of the embedded kernels: created on first use, kept for the device's life,
// and backed by a VkPipelineCache persisted on disk so a second process skips the compiles
// (lavapipe compiles each pipeline with LLVM: the cache saves it most of its start-up).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "drivers/vulkan/instance.hpp"
#include "drivers/vulkan/memory.hpp"

namespace tisa::vk {

struct SpirvBlob {
  const char* name;
  const uint32_t* words;
  size_t bytes;
};
// The shaders compiled at build time (generated spirv_table.cpp).
std::span<const SpirvBlob> spirv_blobs();

class Pipelines {
 public:
  Pipelines(std::shared_ptr<LogicalDevice> device, const VkPhysicalDeviceProperties& props, Logger log);
  ~Pipelines();  // saves the cache (a failure is a warning)
  Pipelines(const Pipelines&) = delete;
  Pipelines& operator=(const Pipelines&) = delete;

  VkPipelineLayout layout() const { return layout_; }
  // Thread-safe; throws INTERNAL for a name no shader has.
  VkPipeline get(std::string_view name);

 private:
  std::shared_ptr<LogicalDevice> device_;
  Logger log_;
  std::string cache_path_;
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  std::mutex mutex_;
  std::unordered_map<std::string, VkPipeline> pipelines_;
};

}  // namespace tisa::vk
