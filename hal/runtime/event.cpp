// tisa_event_*: waits with timeouts, the cached final outcome, and failures passed on to the
// launches that read what a failed launch wrote.
#include "hal/runtime/event.hpp"

#include "hal/runtime/status.hpp"

namespace tisa::rt {
namespace {

tisa_status_t outcome_of(const LaunchState& launch) {
  return launch.code == TISA_OK ? nullptr : make_status(launch.code, launch.message);
}

// The failure of a launch this one read from, if any. Launches on one device run in submission
// order, so once this launch completed they have too and the waits return at once.
std::optional<std::pair<tisa_status_code_t, std::string>> failed_dependency(LaunchState& launch) {
  std::vector<std::pair<std::string, std::shared_ptr<LaunchState>>> reads_from;
  {
    std::lock_guard lock(launch.mutex);
    reads_from = launch.reads_from;
  }
  for (const auto& [label, writer] : reads_from) {
    const tisa_status_t status = wait_launch(*writer, TISA_WAIT_FOREVER);
    if (status == nullptr) continue;
    std::string message =
        fmt::format("{} was written by a launch that failed: {}", label, tisa_status_message(status));
    tisa_status_free(status);
    return std::pair{TISA_FAILED_PRECONDITION, std::move(message)};
  }
  return std::nullopt;
}

}  // namespace

tisa_status_t wait_launch(LaunchState& launch, uint64_t timeout_ns) noexcept {
  std::string message;
  tisa_status_code_t code;
  {
    std::lock_guard lock(launch.mutex);
    if (launch.finished) return outcome_of(launch);
  }
  // Not under the launch's lock: a wait may block, and other threads may poll meanwhile.
  code = timeout_ns == 0 ? launch.driver->event_query(launch.handle, message)
                         : launch.driver->event_wait(launch.handle, timeout_ns, message);
  if (code == TISA_DEADLINE_EXCEEDED) {
    return make_status(code, timeout_ns == 0
                                 ? std::string("the launch has not completed yet")
                                 : fmt::format("the launch did not complete within {} ns", timeout_ns));
  }
  if (code == TISA_OK) {
    try {
      if (auto failure = failed_dependency(launch)) std::tie(code, message) = std::move(*failure);
    } catch (const std::exception& e) {  // formatting or allocation
      code = TISA_INTERNAL;
      message = e.what();
    }
  }
  std::lock_guard lock(launch.mutex);
  if (!launch.finished) {
    launch.finished = true;
    launch.code = code;
    launch.message = std::move(message);
    // Nothing of the launch runs any more: let go of what it kept alive.
    launch.reads_from.clear();
    launch.executable.reset();
    launch.buffers.clear();
  }
  return outcome_of(launch);
}

LaunchState::~LaunchState() {
  if (handle == nullptr) return;
  // The driver may still be using the buffers; the event must outlive the launch.
  if (!finished) tisa_status_free(wait_launch(*this, TISA_WAIT_FOREVER));
  driver->event_destroy(handle);
}

}  // namespace tisa::rt

tisa_event_s::~tisa_event_s() {
  if (launch && launch->handle != nullptr)
    tisa_status_free(tisa::rt::wait_launch(*launch, TISA_WAIT_FOREVER));
}

extern "C" {

TISA_API tisa_status_t tisa_event_wait(tisa_event_t event, uint64_t timeout_ns) {
  if (event == nullptr) return tisa::rt::make_status(TISA_INVALID_ARGUMENT, "tisa_event_wait: event is NULL");
  return tisa::rt::wait_launch(*event->launch, timeout_ns);
}

TISA_API void tisa_event_release(tisa_event_t event) {
  delete event;
}

}  // extern "C"
