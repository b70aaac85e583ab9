// Status objects and the C boundary: every API function runs its body through guarded(), which
// turns any C++ exception into a status so that nothing is thrown across the C API.
#pragma once

#include <new>
#include <string>

#include "hal/ir/error.hpp"
#include "tisa/tisa.h"

struct tisa_status_s {
  tisa_status_code_t code;
  std::string message;
};

namespace tisa::rt {

// Never fails: if even the status cannot be allocated, a static OUT_OF_MEMORY status is
// returned (and tisa_status_free ignores it).
tisa_status_t make_status(tisa_status_code_t code, std::string message) noexcept;
tisa_status_t status_from_current_exception(const char* function) noexcept;

template <typename Body>
tisa_status_t guarded(const char* function, Body&& body) noexcept {
  try {
    body();
    return nullptr;
  } catch (...) {
    return status_from_current_exception(function);
  }
}

// For the API functions that return a value instead of a status: the fallback on any failure.
template <typename T, typename Body>
T guarded_value(T fallback, Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return fallback;
  }
}

// Throws INVALID_ARGUMENT "<function>: <what> is NULL" when pointer is NULL.
inline void require(const void* pointer, const char* function, const char* what) {
  if (pointer == nullptr) invalid("{}: {} is NULL", function, what);
}

}  // namespace tisa::rt
