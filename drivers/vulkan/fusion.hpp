// Fusion of elementwise chains (O2 and up, spec 5.5): connected unary, binary, select and cast
// instructions of one shape become one kernel, generated as GLSL when the executable is created
// and compiled with shaderc. Intermediates stay in registers; only the values something outside
// the group reads (or the module outputs) are stored. `fill` operands are inlined as literals.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::vk {

struct FusedGroup {
  std::vector<uint32_t> members;     // instruction indices, in program order
  std::vector<ir::ValueId> inputs;   // values read from memory, in order of first use
  std::vector<ir::ValueId> outputs;  // member values stored: read outside the group, or outputs
  bool needs_float64 = false;
  std::string glsl;             // the kernel (fused_glsl.cpp)
  std::vector<uint32_t> spirv;  // compiled by shader_compiler
};

struct Fusion {
  std::vector<FusedGroup> groups;
  std::vector<int> group_of;  // by instruction: the group it belongs to, or -1
  std::vector<bool> inlined;  // by instruction: a fill only fused groups read, as a literal
};

// The groups of a module (at least two instructions, or one reading a fill), with their GLSL; not
// yet compiled.
// Groups keep program order: every reader of a member outside the group comes after the group's
// last member, so the group runs where its last member stood.
Fusion find_fusions(const ir::Module& module);

// The GLSL of one group (fused_glsl.cpp).
std::string fused_source(const ir::Module& module, const FusedGroup& group);

}  // namespace tisa::vk
