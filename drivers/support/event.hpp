// Events: the completion of one launch, shared by the event handle and the work that completes
// it. A launch that already finished without error may hand out completed_event(), one shared
// event that is never freed (no allocation on the fast path).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "drivers/support/errors.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

struct EventState {
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  tisa_drv_status_t status = TISA_OK;
  std::string message;

  void complete(tisa_drv_status_t status, std::string message);
};

struct Event {
  std::shared_ptr<EventState> state;  // null only in completed_event()
};

// The shared event of launches that completed without error.
Event* completed_event();

// A new event for work still to run; the work calls run_and_complete() on its state.
std::unique_ptr<Event> pending_event();

// Runs work (which may throw) and returns its status; a failure's message goes to failure.
template <class F>
tisa_drv_status_t run_guarded(F&& work, tisa_drv_error_t& failure) noexcept {
  return guarded(&failure, [&] {
    work();
    return TISA_OK;
  });
}

// Runs work (which may throw) and completes state with its outcome.
template <class F>
void run_and_complete(EventState& state, F&& work) noexcept {
  tisa_drv_error_t failure{};
  const tisa_drv_status_t status = run_guarded(std::forward<F>(work), failure);
  state.complete(status, status == TISA_OK ? std::string() : std::string(failure.message));
}

// A new event that has completed with status (not TISA_OK) and message.
std::unique_ptr<Event> failed_event(tisa_drv_status_t status, const char* message);

// Runs work (which may throw) at once and returns the event handle for its outcome:
// completed_event() on success (allocating nothing), otherwise a new event holding the failure.
template <class F>
void* run_now(F&& work) {
  tisa_drv_error_t failure{};
  const tisa_drv_status_t status = run_guarded(std::forward<F>(work), failure);
  if (status == TISA_OK) return completed_event();
  return failed_event(status, failure.message).release();
}

// Table entries.
tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err);
tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err);
void event_destroy(void* driver, void* event);

}  // namespace tisa::drv
