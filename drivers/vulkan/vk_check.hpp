// VkResult to TISA status: every failing Vulkan call becomes a tisa::Error naming the call.
#pragma once

#include <vulkan/vulkan.h>

#include "drivers/support/errors.hpp"

namespace tisa::vk {

const char* result_name(VkResult result);
tisa_status_code_t status_of(VkResult result);

// Throws (OUT_OF_MEMORY, DEVICE_LOST or INTERNAL) when result is an error.
inline void check(VkResult result, const char* what) {
  if (result < 0) drv::fail(status_of(result), "{} failed: {}", what, result_name(result));
}

}  // namespace tisa::vk
