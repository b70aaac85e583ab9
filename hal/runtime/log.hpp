// libtisa's logging through spdlog. TISA_LOG_LEVEL = trace|debug|info|warn|error|off (default
// warn). TISA_LOADER_DEBUG=1 reports every loader decision at info level.
#pragma once

#include <spdlog/logger.h>

#include "tisa/driver.h"

namespace tisa::rt {

// Our own logger, not registered in spdlog's global registry (applications may use spdlog too).
spdlog::logger& logger();
bool loader_debug();

template <typename... Args>
void log_error(fmt::format_string<Args...> format, Args&&... args) {
  logger().error(format, std::forward<Args>(args)...);
}
template <typename... Args>
void log_warn(fmt::format_string<Args...> format, Args&&... args) {
  logger().warn(format, std::forward<Args>(args)...);
}
template <typename... Args>
void log_debug(fmt::format_string<Args...> format, Args&&... args) {
  logger().debug(format, std::forward<Args>(args)...);
}
// A loader decision: info when TISA_LOADER_DEBUG=1, else debug.
template <typename... Args>
void log_loader(fmt::format_string<Args...> format, Args&&... args) {
  logger().log(loader_debug() ? spdlog::level::info : spdlog::level::debug, format,
               std::forward<Args>(args)...);
}

// The tisa_drv_log_fn given to drivers; user is the driver's name (a const std::string*).
void driver_log(void* user, tisa_log_level_t level, const char* message);

}  // namespace tisa::rt
