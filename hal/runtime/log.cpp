// The "tisa" logger: stderr, level from the environment, read once.
#include "hal/runtime/log.hpp"

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace tisa::rt {
namespace {

spdlog::level::level_enum level_from_environment() {
  const char* value = std::getenv("TISA_LOG_LEVEL");
  if (value == nullptr || *value == '\0') return spdlog::level::warn;
  const std::string_view name(value);
  if (name == "trace") return spdlog::level::trace;
  if (name == "debug") return spdlog::level::debug;
  if (name == "info") return spdlog::level::info;
  if (name == "warn" || name == "warning") return spdlog::level::warn;
  if (name == "error") return spdlog::level::err;
  if (name == "off") return spdlog::level::off;
  return spdlog::level::warn;
}

std::shared_ptr<spdlog::logger> make_logger() {
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto log = std::make_shared<spdlog::logger>("tisa", std::move(sink));
  log->set_pattern("[%n] [%l] %v");
  auto level = level_from_environment();
  // The loader debug switch must be visible even when the level is left at its default.
  if (loader_debug() && level > spdlog::level::info) level = spdlog::level::info;
  log->set_level(level);
  return log;
}

}  // namespace

bool loader_debug() {
  static const bool enabled = [] {
    const char* value = std::getenv("TISA_LOADER_DEBUG");
    return value != nullptr && *value != '\0' && std::string_view(value) != "0";
  }();
  return enabled;
}

spdlog::logger& logger() {
  static const std::shared_ptr<spdlog::logger> instance = make_logger();
  return *instance;
}

void driver_log(void* user, tisa_log_level_t level, const char* message) {
  if (message == nullptr) return;
  const auto* name = static_cast<const std::string*>(user);
  spdlog::level::level_enum spd_level = spdlog::level::info;
  switch (level) {
    case TISA_LOG_TRACE: spd_level = spdlog::level::trace; break;
    case TISA_LOG_DEBUG: spd_level = spdlog::level::debug; break;
    case TISA_LOG_INFO: spd_level = spdlog::level::info; break;
    case TISA_LOG_WARN: spd_level = spdlog::level::warn; break;
    case TISA_LOG_ERROR: spd_level = spdlog::level::err; break;
  }
  try {
    logger().log(spd_level, "driver {}: {}", name ? *name : std::string("?"), message);
  } catch (...) {
    // Logging must never throw back into a driver.
  }
}

}  // namespace tisa::rt
