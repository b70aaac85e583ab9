// Fusion of elementwise chains (O2 and up, spec 5.5): connected unary, binary, select and cast
// instructions of one shape become one kernel, generated as GLSL when the executable is created
// and compiled with shaderc. Intermediates stay in registers; only the values something outside
// the group reads (or the module outputs) are stored. `fill` operands are inlined as literals.
//
// Row groups come first: f32 reductions over the last axis (sum, max, min) together with the
// elementwise instructions around them (softmax, layernorm, RMS norm) become one kernel that
// walks each row once per reduction and once more for the outputs, recomputing the elementwise
// values instead of storing them; its memory traffic is the inputs read (from cache after the
// first pass on a row that fits) and the outputs written once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::vk {

// The role of a row group's member.
enum class RowRole : uint8_t {
  kColumn,     // elementwise over the row shape: computed per element, in the passes that need it
  kReduction,  // reduce_sum, reduce_max or reduce_min over the last axis: one pass over the row
  kRowScalar,  // elementwise over the reduced shape, or a broadcast of a reduced value: per row
};

struct FusedGroup {
  bool rows = false;                 // a row group (row_glsl.cpp), else an elementwise chain
  ir::ValueId row_value = 0;         // rows: a value of the row shape (a reduction's operand)
  std::vector<uint32_t> members;     // instruction indices, in program order
  std::vector<RowRole> roles;        // rows: by member
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

// The candidate row groups (row_groups.cpp): connected f32 elementwise instructions, last-axis
// reductions and broadcasts of their results back over the row, each set holding a reduction
// and something else to compute; not yet checked against the kernel's limits.
struct RowCandidate {
  std::vector<uint32_t> members;  // program order
  std::vector<RowRole> roles;     // by member
  ir::ValueId row_value = 0;      // the first reduction's operand
};
std::vector<RowCandidate> row_group_candidates(const ir::Module& module);

// Equal shapes, symbol for symbol (fusion.cpp).
bool same_dims(const ir::TensorType& a, const ir::TensorType& b);

// The GLSL both kinds of group start with: the version, common.glsl, the parameter block
// (`Fused`, FusedParams' mirror) and the local size, 256 (fused_glsl.cpp).
std::string fused_prologue();

// The GLSL of one group (fused_glsl.cpp, row_glsl.cpp).
std::string fused_source(const ir::Module& module, const FusedGroup& group);
std::string row_source(const ir::Module& module, const FusedGroup& group);

}  // namespace tisa::vk
