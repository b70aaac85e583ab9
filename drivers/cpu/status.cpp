#include "drivers/cpu/status.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

#include "hal/ir/error.hpp"

namespace tisa::cpu {

void write_error(tisa_drv_error_t* err, std::string_view message) {
  if (!err) return;
  const size_t n = std::min(message.size(), sizeof(err->message) - 1);
  std::memcpy(err->message, message.data(), n);
  err->message[n] = '\0';
}

tisa_drv_status_t current_exception_status(tisa_drv_error_t* err) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    write_error(err, e.message());
    return e.code();
  } catch (const std::bad_alloc&) {
    write_error(err, "cpu driver: out of host memory");
    return TISA_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    if (err) std::snprintf(err->message, sizeof(err->message), "cpu driver: internal error: %s", e.what());
    return TISA_INTERNAL;
  } catch (...) {
    write_error(err, "cpu driver: internal error (unknown exception)");
    return TISA_INTERNAL;
  }
}

}  // namespace tisa::cpu
