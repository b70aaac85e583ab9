#include "drivers/vulkan/instance.hpp"

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "drivers/vulkan/vk_check.hpp"

namespace tisa::vk {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool env_is(const char* name, const char* value) {
  const char* v = std::getenv(name);
  return v && std::strcmp(v, value) == 0;
}

bool layer_available(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const auto& l : layers) {
    if (std::strcmp(l.layerName, name) == 0) return true;
  }
  return false;
}

const char* type_name(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
    default: return "other";
  }
}

bool matches(const std::string& selection, uint32_t index, const VkPhysicalDeviceProperties& props) {
  if (selection.empty()) return true;
  std::string key = selection, value;
  if (auto colon = selection.find(':'); colon != std::string::npos) {
    key = selection.substr(0, colon);
    value = selection.substr(colon + 1);
  } else if (selection.find_first_not_of("0123456789") == std::string::npos) {
    key = "index";
    value = selection;
  } else {
    key = "name";
    value = selection;
  }
  if (key == "index") return value == std::to_string(index);
  if (key == "type") {
    if (value == "gpu") {
      return props.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU ||
             props.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
    }
    return value == type_name(props.deviceType);
  }
  if (key == "name") return std::strstr(props.deviceName, value.c_str()) != nullptr;
  drv::invalid("device selection '{}' is not index:N, type:T or name:S", selection);
}

}  // namespace

std::string missing_requirements(VkPhysicalDevice device) {
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(device, &props);
  if (props.apiVersion < VK_API_VERSION_1_2) return "it implements Vulkan 1.0 or 1.1, the driver needs 1.2";
  VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  VkPhysicalDeviceFeatures2 f{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f12};
  vkGetPhysicalDeviceFeatures2(device, &f);
  std::string missing;
  auto need = [&](bool has, const char* what) {
    if (!has) missing += missing.empty() ? what : std::string(", ") + what;
  };
  need(f.features.shaderInt64, "shaderInt64");
  need(f12.bufferDeviceAddress, "bufferDeviceAddress");
  need(f12.storageBuffer8BitAccess, "storageBuffer8BitAccess");
  if (!missing.empty()) return "it lacks " + missing;
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  for (const auto& family : families) {
    if (family.queueFlags & VK_QUEUE_COMPUTE_BIT) return "";
  }
  return "it has no compute queue";
}

Instance::Instance(Logger log) : log_(std::move(log)) {
  const char* layers_env = std::getenv("VK_INSTANCE_LAYERS");
  const bool asked = env_is("TISA_VULKAN_VALIDATION", "1");
  const bool via_loader = layers_env && std::strstr(layers_env, kValidationLayer);
  if (asked && !layer_available(kValidationLayer)) {
    drv::fail(TISA_UNAVAILABLE,
              "TISA_VULKAN_VALIDATION=1 but {} is not installed (Debian: vulkan-validationlayers)",
              kValidationLayer);
  }
  validation_ = asked || via_loader;

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "tisa";
  app.pEngineName = "tisa vulkan driver";
  app.apiVersion = VK_API_VERSION_1_2;
  VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  std::vector<const char*> layers, extensions;
  if (asked && !via_loader) layers.push_back(kValidationLayer);
  if (validation_) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  info.enabledLayerCount = static_cast<uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  // The messenger also sees instance creation itself.
  VkDebugUtilsMessengerCreateInfoEXT messenger{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messenger.pfnUserCallback = &Instance::on_message;
  messenger.pUserData = this;
  if (validation_) info.pNext = &messenger;
  const VkResult result = vkCreateInstance(&info, nullptr, &instance_);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER) {
    drv::fail(TISA_UNAVAILABLE, "the Vulkan loader found no driver implementing Vulkan 1.2");
  }
  check(result, "vkCreateInstance");
  if (validation_) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
    if (!create) drv::fail(TISA_UNAVAILABLE, "validation asked for, but VK_EXT_debug_utils is missing");
    check(create(instance_, &messenger, nullptr, &messenger_), "vkCreateDebugUtilsMessengerEXT");
    log_(TISA_LOG_INFO, "Khronos validation enabled: any validation message fails the launch");
  }
}

Instance::~Instance() {
  if (messenger_) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(instance_, messenger_, nullptr);
  }
  if (instance_) vkDestroyInstance(instance_, nullptr);
}

VkBool32 Instance::on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                              VkDebugUtilsMessageTypeFlagsEXT,
                              const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* self = static_cast<Instance*>(user);
  const std::string text =
      fmt::format("{}: {}", severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "error" : "warning",
                  data && data->pMessage ? data->pMessage : "(no message)");
  {
    std::lock_guard lock(self->messages_mutex_);
    self->messages_.push_back(text);
  }
  self->log_(TISA_LOG_WARN, "Vulkan validation " + text);
  return VK_FALSE;
}

std::vector<std::string> Instance::take_validation_messages() {
  std::lock_guard lock(messages_mutex_);
  return std::exchange(messages_, {});
}

std::vector<VkPhysicalDevice> Instance::usable_devices(const std::string& selection) const {
  uint32_t count = 0;
  check(vkEnumeratePhysicalDevices(instance_, &count, nullptr), "vkEnumeratePhysicalDevices");
  std::vector<VkPhysicalDevice> all(count);
  check(vkEnumeratePhysicalDevices(instance_, &count, all.data()), "vkEnumeratePhysicalDevices");
  std::vector<VkPhysicalDevice> usable;
  for (uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(all[i], &props);
    if (!matches(selection, i, props)) {
      log_(TISA_LOG_DEBUG,
           fmt::format("Vulkan device {} ({}) is not selected by '{}'", i, props.deviceName, selection));
      continue;
    }
    if (std::string why = missing_requirements(all[i]); !why.empty()) {
      log_(TISA_LOG_INFO, fmt::format("Vulkan device {} ({}) is not used: {}", i, props.deviceName, why));
      continue;
    }
    usable.push_back(all[i]);
  }
  return usable;
}

}  // namespace tisa::vk
