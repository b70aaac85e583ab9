// Compute pipelines: one per kernel and variant (the specialization constants of
// shaders/common.glsl), created on first use, kept for the device's life, and backed by a
// VkPipelineCache persisted on disk so a second process skips the compiles (where the device's
// cache keeps compiled code; lavapipe's keeps only a header). Kernels are the ones embedded at
// build time, or SPIR-V compiled at run time (fused kernels).
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
#include "drivers/vulkan/params.hpp"

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
  // An embedded kernel's pipeline. Thread-safe; throws INTERNAL for a name no shader has.
  VkPipeline get(std::string_view name, const Variant& variant);
  // The pipeline of SPIR-V compiled at run time, cached under key (which must name the code).
  VkPipeline get(const std::string& key, std::span<const uint32_t> spirv, const Variant& variant);

 private:
  std::shared_ptr<LogicalDevice> device_;
  Logger log_;
  std::string cache_path_;
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  std::mutex mutex_;
  std::unordered_map<std::string, VkPipeline> pipelines_;  // by key and variant

  VkPipeline create(std::span<const uint32_t> spirv, const Variant& variant);  // under mutex_
};

}  // namespace tisa::vk
