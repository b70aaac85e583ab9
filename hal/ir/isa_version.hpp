// Which ISA version a module needs. Ops and enum values carry the version that added them
// (the registry's `since`); a module must declare at least the highest of what it uses, and
// encoders write the lowest such version so that older readers and devices still accept it.
// Required extensions do not count: requiring Xf16 was valid in 1.0, and whether a device runs
// such a module is its extension claim (UNIMPLEMENTED), not a version mismatch.
#pragma once

#include <cstdint>
#include <string>

#include "hal/ir/module.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ir {

inline constexpr uint32_t kIsaVersion1_0 = TISA_MAKE_VERSION(1, 0);

// "1.1"
std::string version_text(uint32_t version);

// The version that defines the instruction: its op's, or a newer enum value's it uses.
uint32_t inst_version(const OpInfo& op, const Inst& inst);

// The lowest version defining every op and enum value of m (at least 1.0). Unknown opcodes
// are skipped: the verifier reports them.
uint32_t required_version(const Module& m);

// What an encoder writes: required_version(m) when it is within m's declared version (same
// major, not above), otherwise the declared version, which a reader will then judge.
uint32_t encoding_version(const Module& m);

}  // namespace tisa::ir
