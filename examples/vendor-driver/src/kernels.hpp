// The device's kernels: the elementwise f32 ops, one function per op.
#pragma once

#include <cstdint>

namespace vendor {

enum class Arity : uint8_t { Unary, Binary };

struct Kernel {
  uint32_t opcode;
  Arity arity;
  bool bool_result;  // comparisons write bool (one byte, 0 or 1)
  float (*unary)(float x);
  float (*binary)(float lhs, float rhs);
  bool (*compare)(float lhs, float rhs);
};

// The kernel for opcode, or nullptr when the device does not run it.
const Kernel* find_kernel(uint32_t opcode);

// Runs a kernel over count elements. out is float or uint8_t (bool) depending on bool_result.
void run_kernel(const Kernel& kernel, const float* lhs, const float* rhs, void* out, uint64_t count);

}  // namespace vendor
