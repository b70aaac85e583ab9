// What the driver's kernels cover, generated from the registry (shaders/gen_shaders.py writes
// kernel_table.inc): for each (op, dtype), whether it is computed in double, and the shader that
// holds it where the op alone decides it (elementwise ops and scans; "" where the planner names
// the family itself); and each dtype's compute type in the op library (shaders/gen_ops.py).
#pragma once

#include <cstdint>
#include <string>

#include "tisa/isa.h"

namespace tisa::vk {

struct KernelEntry {
  tisa_opcode_t op;
  tisa_dtype_t dtype;
  bool needs_float64;
  const char* shader;
};

// The entry of (op, dtype), or null when no kernel covers it.
const KernelEntry* find_kernel(uint32_t op, uint32_t dtype);
// The GLSL type a dtype's values are computed in (the op library's), or null for a dtype the
// kernels do not cover.
const char* compute_type(tisa_dtype_t dtype);
// "div on f32, sqrt on f32, ...": what a device without shaderFloat64 cannot run.
std::string float64_ops();

}  // namespace tisa::vk
