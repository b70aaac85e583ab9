// tisa_status_* and the mapping of C++ exceptions to status codes.
#include "hal/runtime/status.hpp"

#include <exception>

#include "hal/runtime/c_enum.hpp"
#include "hal/runtime/log.hpp"

namespace tisa::rt {
namespace {

tisa_status_s out_of_memory_status{TISA_OUT_OF_MEMORY, "out of memory"};

}  // namespace

tisa_status_t make_status(tisa_status_code_t code, std::string message) noexcept {
  try {
    return new tisa_status_s{code, std::move(message)};
  } catch (...) {
    return &out_of_memory_status;
  }
}

tisa_status_t status_from_current_exception(const char* function) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    return make_status(e.code(), e.message());
  } catch (const std::bad_alloc&) {
    return make_status(TISA_OUT_OF_MEMORY, std::string(function) + ": out of host memory");
  } catch (const std::exception& e) {
    log_error("{}: unexpected exception: {}", function, e.what());
    return make_status(TISA_INTERNAL, std::string(function) + ": internal error: " + e.what());
  } catch (...) {
    return make_status(TISA_INTERNAL, std::string(function) + ": internal error: unknown exception");
  }
}

}  // namespace tisa::rt

extern "C" {

TISA_API tisa_status_code_t tisa_status_code(tisa_status_t status) {
  return status ? status->code : TISA_OK;
}

TISA_API const char* tisa_status_message(tisa_status_t status) {
  return status ? status->message.c_str() : "";
}

TISA_API void tisa_status_free(tisa_status_t status) {
  if (status != &tisa::rt::out_of_memory_status) delete status;
}

TISA_API const char* tisa_status_code_name(tisa_status_code_t code) {
  switch (tisa::rt::raw_enum(code)) {
    case TISA_OK: return "OK";
    case TISA_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case TISA_UNAVAILABLE: return "UNAVAILABLE";
    case TISA_INCOMPATIBLE: return "INCOMPATIBLE";
    case TISA_UNIMPLEMENTED: return "UNIMPLEMENTED";
    case TISA_OUT_OF_MEMORY: return "OUT_OF_MEMORY";
    case TISA_DEVICE_LOST: return "DEVICE_LOST";
    case TISA_INTERNAL: return "INTERNAL";
    case TISA_DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case TISA_NOT_FOUND: return "NOT_FOUND";
    case TISA_FAILED_PRECONDITION: return "FAILED_PRECONDITION";
  }
  return "UNKNOWN";
}

}  // extern "C"
