// Launch completion. An event's outcome is final once the launch finished: waiting again
// returns the same result.
#pragma once

#include <cstdint>

#include "hal/runtime/objects.hpp"

namespace tisa::rt {

// NULL when the launch completed, DEADLINE_EXCEEDED when timeout_ns passed first, otherwise
// the launch's failure. A zero timeout polls (the driver's event_query, or its polyfill).
tisa_status_t wait_event(tisa_event_s& event, uint64_t timeout_ns) noexcept;

}  // namespace tisa::rt
