// Errors at the driver ABI: the driver's name on every message, and guarded(), which turns
// whatever the body throws into a status code and a message in the caller's tisa_drv_error_t
// (a tisa::Error keeps its code, std::bad_alloc is OUT_OF_MEMORY, anything else INTERNAL).
// No exception crosses the ABI.
#pragma once

#include <string_view>
#include <utility>

#include "hal/ir/error.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

// Defined once by each driver, e.g. `const std::string_view tisa::drv::kDriverName = "cpu driver";`.
// Every message the support library writes starts with it.
extern const std::string_view kDriverName;

// tisa::fail and tisa::invalid with "<kDriverName>: " in front of the message.
template <typename... Args>
[[noreturn]] void fail(tisa_status_code_t code, fmt::format_string<Args...> format, Args&&... args) {
  throw Error(code, fmt::format("{}: {}", kDriverName, fmt::format(format, std::forward<Args>(args)...)));
}
template <typename... Args>
[[noreturn]] void invalid(fmt::format_string<Args...> format, Args&&... args) {
  fail(TISA_INVALID_ARGUMENT, format, std::forward<Args>(args)...);
}

// Copies message into err (truncated, NUL-terminated); err may be NULL.
void write_error(tisa_drv_error_t* err, std::string_view message);

// The status of the exception being handled; its message goes to err.
tisa_drv_status_t current_exception_status(tisa_drv_error_t* err) noexcept;

template <class F>
tisa_drv_status_t guarded(tisa_drv_error_t* err, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return current_exception_status(err);
  }
}

}  // namespace tisa::drv
