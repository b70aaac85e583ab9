#include "drivers/support/errors.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

namespace tisa::drv {

void write_error(tisa_drv_error_t* err, std::string_view message) {
  if (!err) return;
  const size_t n = std::min(message.size(), sizeof(err->message) - 1);
  std::memcpy(err->message, message.data(), n);
  err->message[n] = '\0';
}

namespace {

// "<kDriverName>: <what><detail>" without allocating: this also reports out-of-memory.
void write_prefixed(tisa_drv_error_t* err, const char* what, const char* detail = "") {
  if (err) {
    std::snprintf(err->message, sizeof(err->message), "%.*s: %s%s", static_cast<int>(kDriverName.size()),
                  kDriverName.data(), what, detail);
  }
}

}  // namespace

tisa_drv_status_t current_exception_status(tisa_drv_error_t* err) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    write_error(err, e.message());
    return e.code();
  } catch (const std::bad_alloc&) {
    write_prefixed(err, "out of host memory");
    return TISA_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    write_prefixed(err, "internal error: ", e.what());
    return TISA_INTERNAL;
  } catch (...) {
    write_prefixed(err, "internal error (unknown exception)");
    return TISA_INTERNAL;
  }
}

}  // namespace tisa::drv
