// The ABI boundary of the example driver: failures inside are thrown as DriverError and turned
// into a status code and a message by guarded(). No exception crosses the ABI.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include <tisa/driver.h>

namespace vendor {

class DriverError : public std::runtime_error {
 public:
  DriverError(tisa_drv_status_t code, const std::string& message)
      : std::runtime_error("vendor-example driver: " + message), code_(code) {}
  tisa_drv_status_t code() const noexcept { return code_; }

 private:
  tisa_drv_status_t code_;
};

// printf-style message text.
__attribute__((format(printf, 1, 2))) inline std::string text(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  return buffer;
}

[[noreturn]] inline void fail(tisa_drv_status_t code, const std::string& message) {
  throw DriverError(code, message);
}
[[noreturn]] inline void invalid(const std::string& message) {
  fail(TISA_INVALID_ARGUMENT, message);
}

inline void write_error(tisa_drv_error_t* err, const char* message) {
  if (err) std::snprintf(err->message, sizeof(err->message), "%s", message);
}

template <class F>
tisa_drv_status_t guarded(tisa_drv_error_t* err, F&& body) noexcept {
  try {
    return std::forward<F>(body)();
  } catch (const DriverError& e) {
    write_error(err, e.what());
    return e.code();
  } catch (const std::bad_alloc&) {
    write_error(err, "vendor-example driver: out of host memory");
    return TISA_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    write_error(err, e.what());
    return TISA_INTERNAL;
  } catch (...) {
    write_error(err, "vendor-example driver: unknown internal error");
    return TISA_INTERNAL;
  }
}

}  // namespace vendor
