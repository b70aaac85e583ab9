#include "drivers/vulkan/pipelines.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "drivers/vulkan/vk_check.hpp"

namespace tisa::vk {
namespace {

// $TISA_VULKAN_CACHE_DIR, else $XDG_CACHE_HOME/tisa, else ~/.cache/tisa; "" disables the cache.
std::string cache_file(const VkPhysicalDeviceProperties& props) {
  std::filesystem::path dir;
  if (const char* d = std::getenv("TISA_VULKAN_CACHE_DIR")) {
    if (!*d) return "";
    dir = d;
  } else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
    dir = std::filesystem::path(x) / "tisa";
  } else if (const char* h = std::getenv("HOME"); h && *h) {
    dir = std::filesystem::path(h) / ".cache" / "tisa";
  } else {
    return "";
  }
  std::string uuid;
  for (uint8_t b : props.pipelineCacheUUID) uuid += fmt::format("{:02x}", b);
  return (dir / fmt::format("vulkan-pipelines-{:04x}-{:04x}-{}.bin", props.vendorID, props.deviceID, uuid))
      .string();
}

// The cache header (Vulkan spec "Pipeline Cache Header"): only data this device wrote is used.
bool header_matches(const std::vector<char>& data, const VkPhysicalDeviceProperties& props) {
  if (data.size() < 16 + VK_UUID_SIZE) return false;
  uint32_t words[4];
  std::memcpy(words, data.data(), sizeof(words));
  return words[0] >= 16 + VK_UUID_SIZE && words[1] == VK_PIPELINE_CACHE_HEADER_VERSION_ONE &&
         words[2] == props.vendorID && words[3] == props.deviceID &&
         std::memcmp(data.data() + 16, props.pipelineCacheUUID, VK_UUID_SIZE) == 0;
}

}  // namespace

Pipelines::Pipelines(std::shared_ptr<LogicalDevice> device, const VkPhysicalDeviceProperties& props,
                     Logger log)
    : device_(std::move(device)), log_(std::move(log)), cache_path_(cache_file(props)) {
  std::vector<char> data;
  if (!cache_path_.empty()) {
    std::ifstream in(cache_path_, std::ios::binary);
    if (in) data.assign(std::istreambuf_iterator<char>(in), {});
    if (!data.empty() && !header_matches(data, props)) {
      log_(TISA_LOG_INFO, "ignoring pipeline cache " + cache_path_ + ": written by another device or driver");
      data.clear();
    }
  }
  VkPipelineCacheCreateInfo cache_info{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  cache_info.initialDataSize = data.size();
  cache_info.pInitialData = data.empty() ? nullptr : data.data();
  check(vkCreatePipelineCache(device_->handle, &cache_info, nullptr, &cache_), "vkCreatePipelineCache");

  VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(uint64_t)};
  VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layout_info.pushConstantRangeCount = 1;
  layout_info.pPushConstantRanges = &push;
  check(vkCreatePipelineLayout(device_->handle, &layout_info, nullptr, &layout_), "vkCreatePipelineLayout");
}

Pipelines::~Pipelines() {
  VkDevice dev = device_->handle;
  for (auto& [name, pipeline] : pipelines_) vkDestroyPipeline(dev, pipeline, nullptr);
  if (!cache_path_.empty() && !pipelines_.empty()) {
    size_t size = 0;
    std::vector<char> data;
    if (vkGetPipelineCacheData(dev, cache_, &size, nullptr) == VK_SUCCESS && size) {
      data.resize(size);
      if (vkGetPipelineCacheData(dev, cache_, &size, data.data()) != VK_SUCCESS) data.clear();
      data.resize(std::min(size, data.size()));
    }
    // Written to a temporary name (pid and object: unique across processes and devices) and
    // renamed, so concurrent processes never read half a file.
    std::error_code ec;
    const std::filesystem::path path(cache_path_);
    std::filesystem::create_directories(path.parent_path(), ec);
    const std::string tmp =
        fmt::format("{}.{}.{}.tmp", cache_path_, getpid(), static_cast<const void*>(this));
    bool ok = false;
    if (!data.empty()) {
      std::ofstream out(tmp, std::ios::binary);
      ok = static_cast<bool>(out.write(data.data(), static_cast<std::streamsize>(data.size())));
    }
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (!ok || ec) {
      std::filesystem::remove(tmp, ec);
      log_(TISA_LOG_WARN, "could not write the pipeline cache " + cache_path_);
    }
  }
  vkDestroyPipelineLayout(dev, layout_, nullptr);
  vkDestroyPipelineCache(dev, cache_, nullptr);
}

namespace {

std::string variant_key(std::string_view name, const Variant& v) {
  return fmt::format("{}/{}.{}.{}.{}.{}", name, v.op, v.dense, v.wide, v.rank, v.rank2);
}

}  // namespace

VkPipeline Pipelines::get(std::string_view name, const Variant& variant) {
  const std::string key = variant_key(name, variant);
  std::lock_guard lock(mutex_);
  if (auto it = pipelines_.find(key); it != pipelines_.end()) return it->second;
  const SpirvBlob* blob = nullptr;
  for (const SpirvBlob& b : spirv_blobs()) {
    if (name == b.name) blob = &b;
  }
  if (!blob) drv::fail(TISA_INTERNAL, "no kernel named {} was built into the driver", name);
  VkPipeline pipeline = create({blob->words, blob->bytes / 4}, variant);
  pipelines_.emplace(key, pipeline);
  return pipeline;
}

VkPipeline Pipelines::get(const std::string& key, std::span<const uint32_t> spirv, const Variant& variant) {
  const std::string full_key = variant_key(key, variant);
  std::lock_guard lock(mutex_);
  if (auto it = pipelines_.find(full_key); it != pipelines_.end()) return it->second;
  VkPipeline pipeline = create(spirv, variant);
  pipelines_.emplace(full_key, pipeline);
  return pipeline;
}

VkPipeline Pipelines::create(std::span<const uint32_t> spirv, const Variant& variant) {
  VkShaderModuleCreateInfo module_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  module_info.codeSize = spirv.size_bytes();
  module_info.pCode = spirv.data();
  VkShaderModule module;
  check(vkCreateShaderModule(device_->handle, &module_info, nullptr, &module), "vkCreateShaderModule");
  static_assert(sizeof(Variant) == 5 * 4, "Variant: five 32-bit constants");
  const VkSpecializationMapEntry entries[5] = {{0, 0, 4}, {1, 4, 4}, {2, 8, 4}, {3, 12, 4}, {4, 16, 4}};
  const VkSpecializationInfo specialization{5, entries, sizeof(Variant), &variant};
  VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = module;
  info.stage.pName = "main";
  info.stage.pSpecializationInfo = &specialization;
  info.layout = layout_;
  VkPipeline pipeline;
  const VkResult result = vkCreateComputePipelines(device_->handle, cache_, 1, &info, nullptr, &pipeline);
  vkDestroyShaderModule(device_->handle, module, nullptr);
  check(result, "vkCreateComputePipelines");
  return pipeline;
}

}  // namespace tisa::vk
