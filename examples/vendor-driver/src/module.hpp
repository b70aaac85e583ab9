// The device's view of a module: a minimal decoder of the binary encoding (spec section 8) for
// the subset this device runs. A vendor cannot link libtisa's IR library, and does not need to:
// libtisa has already verified the module; the driver still bounds-checks every word it reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vendor {

struct Instruction {
  uint32_t opcode = 0;
  uint32_t lhs = 0;
  uint32_t rhs = 0;  // unused by unary ops
};

struct Program {
  uint32_t symbol_count = 0;
  std::vector<uint32_t> input_dtypes;  // tisa_dtype_t per input
  std::vector<uint32_t> input_ranks;
  std::vector<Instruction> code;       // instruction k defines value input_count + k
  std::vector<uint32_t> outputs;       // value ids
  std::vector<uint32_t> value_dtypes;  // dtype of every value (inputs, then results)
};

// Throws DriverError: INVALID_ARGUMENT for a malformed module, INCOMPATIBLE for another ISA
// version, UNIMPLEMENTED for anything valid this device does not run (an extension, a constant,
// an op or a dtype it does not support).
Program decode_program(const uint32_t* words, size_t word_count);

}  // namespace vendor
