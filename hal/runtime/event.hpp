// Launch completion. A launch's outcome is final once it finished: waiting again returns the
// same result. A launch that completed but read bytes written by a launch that failed fails
// with FAILED_PRECONDITION, naming the input and the first failure.
#pragma once

#include <cstdint>

#include "hal/runtime/objects.hpp"

namespace tisa::rt {

// NULL when the launch completed, DEADLINE_EXCEEDED when timeout_ns passed first, otherwise
// the launch's failure. A zero timeout polls (the driver's event_query, or its polyfill).
tisa_status_t wait_launch(LaunchState& launch, uint64_t timeout_ns) noexcept;

}  // namespace tisa::rt
