// The ABI boundary: every entry runs its body through guarded(), which turns a tisa::Error into
// its status code, std::bad_alloc into OUT_OF_MEMORY and anything else into INTERNAL, and writes
// the message into the caller's tisa_drv_error_t. No exception crosses the ABI.
#pragma once

#include <string_view>

#include "tisa/driver.h"

namespace tisa::cpu {

// Copies message into err (truncated, NUL-terminated); err may be NULL.
void write_error(tisa_drv_error_t* err, std::string_view message);

tisa_drv_status_t current_exception_status(tisa_drv_error_t* err) noexcept;

template <class F>
tisa_drv_status_t guarded(tisa_drv_error_t* err, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return current_exception_status(err);
  }
}

}  // namespace tisa::cpu
