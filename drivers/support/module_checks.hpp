// executable_create's common part: the module words decoded and verified again (a driver never
// trusts its input), and checked against what the device claims: its ISA version, its
// extensions and its (op, dtype) support.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

// Checks the arguments (INVALID_ARGUMENT) and returns the decoded, verified module.
std::shared_ptr<const ir::Module> decode_module(const uint32_t* words, size_t word_count, uint32_t opt_level);

// INCOMPATIBLE when the module needs another ISA major or a newer minor than device_isa_version,
// or an instruction newer than it; UNIMPLEMENTED when it needs an extension outside `claimed`,
// or an instruction whose (op, dtype) `supports` rejects, naming the instruction.
void check_module_claims(const ir::Module& module, uint32_t device_isa_version, tisa_extension_mask_t claimed,
                         bool (*supports)(tisa_opcode_t, tisa_dtype_t));

}  // namespace tisa::drv
