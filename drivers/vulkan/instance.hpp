// The Vulkan instance through the system loader, the optional Khronos validation layer (a
// debug-utils messenger collects what it reports), and the physical devices this driver can use.
#pragma once

#include <vulkan/vulkan.h>

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "tisa/driver.h"

namespace tisa::vk {

using Logger = std::function<void(tisa_log_level_t, const std::string&)>;

class Instance {
 public:
  // Validation is on when TISA_VULKAN_VALIDATION=1 or VK_INSTANCE_LAYERS names the Khronos
  // layer; with TISA_VULKAN_VALIDATION=1 and no layer installed, creation fails (UNAVAILABLE).
  explicit Instance(Logger log);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  VkInstance handle() const { return instance_; }
  bool validation() const { return validation_; }
  // The physical devices that meet the driver's requirements and the selection (config string
  // from the manifest, else TISA_VULKAN_DEVICE): "3" or "index:3", "type:gpu|cpu|discrete|
  // integrated|virtual", "name:<substring>" or a bare name substring. Others are logged with why.
  std::vector<VkPhysicalDevice> usable_devices(const std::string& selection) const;

  // Validation messages (warnings and errors) since the last call; a launch fails on any.
  std::vector<std::string> take_validation_messages();

 private:
  static VkBool32 VKAPI_PTR on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                       VkDebugUtilsMessageTypeFlagsEXT types,
                                       const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

  Logger log_;
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  bool validation_ = false;
  std::mutex messages_mutex_;
  std::vector<std::string> messages_;
};

// Why a physical device cannot run this driver ("" when it can).
std::string missing_requirements(VkPhysicalDevice device);

}  // namespace tisa::vk
