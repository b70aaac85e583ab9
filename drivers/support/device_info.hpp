// device_get_info and device_supports helpers: the host's memory, the copy that honours an older
// caller's shorter struct, and the registry check of the raw numbers the ABI passes.
#pragma once

#include <cstdint>

#include "drivers/support/driver_base.hpp"
#include "drivers/support/limits.hpp"
#include "tisa/driver.h"
#include "tisa/isa.h"

namespace tisa::drv {

// Physical memory of the host, 0 when unknown.
uint64_t host_memory_bytes();

// Copies info into the caller's struct: as much of it as the caller's struct_size says it has
// (0: the whole struct), and sets out->struct_size to what was written. Throws if out is null.
void copy_device_info(const tisa_drv_device_info_t& info, tisa_drv_device_info_t* out);

// Raw numbers from the ABI become enums only once known to be registry values: false for an
// unknown opcode or dtype, otherwise supports(opcode, dtype).
bool registry_supports(uint32_t opcode, uint32_t dtype, bool (*supports)(tisa_opcode_t, tisa_dtype_t));

// The device_supports entry for a driver whose devices all support the same (op, dtype) pairs.
template <bool (*Supports)(tisa_opcode_t, tisa_dtype_t)>
int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype) {
  if (!driver || device >= static_cast<const DriverBase*>(driver)->device_count) return 0;
  return registry_supports(opcode, dtype, Supports) ? 1 : 0;
}

}  // namespace tisa::drv
