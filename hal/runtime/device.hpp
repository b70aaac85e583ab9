// Device capabilities: info as the API reports it, the (op, dtype) support matrix, and the
// check that a module only uses what a device supports.
#pragma once

#include <string>

#include "hal/ir/module.hpp"
#include "hal/runtime/objects.hpp"

namespace tisa::rt {

// The driver's answer, with limits clamped to the spec's and the extension string derived.
tisa_device_info_t device_info_from_driver(const std::string& driver_name,
                                           const tisa_drv_device_info_t& info);

// The spec allows opcode on dtype at all (registry T mask), whatever the device.
// Raw integers: the values may come from a C caller and be anything.
bool spec_allows(int64_t opcode, int64_t dtype);
// The driver's device_supports, or when it has none, the registry default: every op of an
// extension the device claims (base always) on every allowed dtype whose extension it claims.
bool device_supports(tisa_device_s& device, int64_t opcode, int64_t dtype);
// Throws INCOMPATIBLE (ISA version, extensions) or UNIMPLEMENTED (op, dtype), naming what.
void check_module_supported(tisa_device_s& device, const ir::Module& module);

}  // namespace tisa::rt
