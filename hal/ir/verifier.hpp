// The verifier: checks every constraint of the spec, infers each result type (with symbolic
// dims), and records the shape facts that only a binding can decide. Errors name the
// instruction at fault: "%7 = reshape: ...".
#pragma once

#include <string>

#include "hal/ir/module.hpp"

namespace tisa::ir {

// Throws Error(INVALID_ARGUMENT). On success fills Inst::type, Module::assertions, verified.
void verify(Module& module);
// Infers one instruction's result type against the module's current value types (used by the
// builder as instructions are added). Appends launch-time assertions for it.
TensorType infer_type(const Module& module, const Inst& inst, ValueId result,
                      std::vector<Assertion>& assertions);
// "%7 = reshape" (or "%name = reshape") for diagnostics.
std::string describe(const Module& module, ValueId result);
// The same for an instruction that is not (yet) in the module.
std::string describe(const Module& module, const Inst& inst, ValueId result);

}  // namespace tisa::ir
