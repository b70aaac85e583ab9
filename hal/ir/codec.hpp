// Binary module codec: SPIR-V-like 32-bit little-endian words (layout in spec/tisa-spec.md).
// decode() bounds-checks every read and never allocates more than the input can describe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::ir {

// The header carries the lowest ISA version defining what the module uses, when that is within
// the version it declares (spec 9.2), so a 1.0-only module stays readable by 1.0 readers.
std::vector<uint32_t> encode(const Module& module);
// Structure only; call verify() for the semantic checks. Throws Error(INVALID_ARGUMENT) naming
// the word offset and what is wrong.
Module decode(std::span<const uint32_t> words);
// Bytes that are not a whole number of words are rejected.
Module decode_bytes(std::span<const uint8_t> bytes);
bool looks_binary(std::span<const uint8_t> bytes);

}  // namespace tisa::ir
