// tisa_event_*: waits with timeouts, and the cached final outcome.
#include "hal/runtime/event.hpp"

#include "hal/runtime/status.hpp"

namespace tisa::rt {

tisa_status_t wait_event(tisa_event_s& event, uint64_t timeout_ns) noexcept {
  std::string message;
  tisa_status_code_t code;
  {
    std::lock_guard lock(event.mutex);
    if (event.finished) {
      return event.code == TISA_OK ? nullptr : make_status(event.code, event.message);
    }
  }
  // Not under the event's lock: a wait may block, and other threads may poll meanwhile.
  code = timeout_ns == 0 ? event.driver->event_query(event.handle, message)
                         : event.driver->event_wait(event.handle, timeout_ns, message);
  if (code == TISA_DEADLINE_EXCEEDED) {
    return make_status(code, timeout_ns == 0
                                 ? std::string("the launch has not completed yet")
                                 : fmt::format("the launch did not complete within {} ns", timeout_ns));
  }
  std::lock_guard lock(event.mutex);
  if (!event.finished) {
    event.finished = true;
    event.code = code;
    event.message = std::move(message);
  }
  return event.code == TISA_OK ? nullptr : make_status(event.code, event.message);
}

}  // namespace tisa::rt

tisa_event_s::~tisa_event_s() {
  if (handle == nullptr) return;
  if (!finished) {
    // The driver may still be using the buffers; a released event must not free them early.
    tisa_status_free(tisa::rt::wait_event(*this, TISA_WAIT_FOREVER));
  }
  driver->event_destroy(handle);
}

extern "C" {

TISA_API tisa_status_t tisa_event_wait(tisa_event_t event, uint64_t timeout_ns) {
  if (event == nullptr) return tisa::rt::make_status(TISA_INVALID_ARGUMENT, "tisa_event_wait: event is NULL");
  return tisa::rt::wait_event(*event, timeout_ns);
}

TISA_API void tisa_event_release(tisa_event_t event) {
  delete event;
}

}  // extern "C"
