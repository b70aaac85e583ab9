// What the device claims: every op of its ISA version on every base dtype the registry allows;
// and the check that a module needs nothing more.
#pragma once

#include "hal/ir/module.hpp"
#include "tisa/isa.h"

namespace tisa::cpu {

bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype);
// Throws INCOMPATIBLE for a newer ISA version, UNIMPLEMENTED for an extension or an
// unsupported (op, dtype), naming the instruction.
void check_supported(const ir::Module& module);

}  // namespace tisa::cpu
