// The spec's levels, as a device reports them unless it has tighter limits of its own.
#pragma once

#include <cstdint>

#include "tisa/driver.h"
#include "tisa/isa.h"

namespace tisa::drv {

// Buffers may hold the element limit at the widest dtype (8 bytes).
constexpr tisa_limits_t spec_limits() {
  tisa_limits_t limits{};
  limits.max_rank = static_cast<uint32_t>(TISA_MAX_RANK);
  limits.max_dim = TISA_MAX_DIM;
  limits.max_elements = TISA_MAX_ELEMENTS;
  limits.max_buffer_bytes = static_cast<uint64_t>(TISA_MAX_ELEMENTS) * 8u;
  return limits;
}

}  // namespace tisa::drv
