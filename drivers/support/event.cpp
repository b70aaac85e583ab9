#include "drivers/support/event.hpp"

#include <chrono>

#include "drivers/support/driver_base.hpp"

namespace tisa::drv {
namespace {

EventState& state_of(void* event) {
  return *handle_of<Event>(event, "event").state;
}

// Status of a finished event (its failure message goes to err).
tisa_drv_status_t finished_status(const EventState& state, tisa_drv_error_t* err) {
  if (state.status != TISA_OK) write_error(err, state.message);
  return state.status;
}

}  // namespace

void EventState::complete(tisa_drv_status_t result, std::string text) {
  {
    std::lock_guard lock(mutex);
    status = result;
    message = std::move(text);
    done = true;
  }
  done_signal.notify_all();
}

Event* completed_event() {
  static Event completed;
  return &completed;
}

std::unique_ptr<Event> pending_event() {
  auto event = std::make_unique<Event>();
  event->state = std::make_shared<EventState>();
  return event;
}

std::unique_ptr<Event> failed_event(tisa_drv_status_t status, const char* message) {
  auto event = pending_event();
  event->state->complete(status, message);
  return event;
}

tisa_drv_status_t event_wait(void* /*driver*/, void* event, uint64_t timeout_ns, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (event == completed_event()) return TISA_OK;
    EventState& state = state_of(event);
    std::unique_lock lock(state.mutex);
    auto finished = [&] { return state.done; };
    // Timeouts beyond ~146 years are forever (and keep the clock arithmetic from overflowing).
    if (timeout_ns >= (uint64_t{1} << 62)) {
      state.done_signal.wait(lock, finished);
    } else if (!state.done_signal.wait_for(lock, std::chrono::nanoseconds(timeout_ns), finished)) {
      write_error(err, fmt::format("{}: the launch has not completed within {} ns", kDriverName, timeout_ns));
      return TISA_DEADLINE_EXCEEDED;
    }
    return finished_status(state, err);
  });
}

tisa_drv_status_t event_query(void* /*driver*/, void* event, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (event == completed_event()) return TISA_OK;
    EventState& state = state_of(event);
    std::lock_guard lock(state.mutex);
    if (!state.done) {
      write_error(err, fmt::format("{}: the launch has not completed yet", kDriverName));
      return TISA_DEADLINE_EXCEEDED;
    }
    return finished_status(state, err);
  });
}

// The work keeps its own reference to the state: destroying an event early is safe.
void event_destroy(void* /*driver*/, void* event) {
  if (event != completed_event()) delete static_cast<Event*>(event);
}

}  // namespace tisa::drv
