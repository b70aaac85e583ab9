// What a module needs from a device: its extensions and every (op, dtype) pair it uses.
#pragma once

#include <optional>
#include <string>

#include "conformance/cts/case.hpp"
#include "hal/ir/module.hpp"

namespace tisa::cts {

// Empty when the device claims everything the module needs (its ISA version included);
// otherwise why not.
std::optional<std::string> unsupported_reason(const Target& target, const ir::Module& module);

// The C API's status as an Outcome-friendly text ("INVALID_ARGUMENT: message"); frees status.
std::string take_status(tisa_status_t status);

}  // namespace tisa::cts
