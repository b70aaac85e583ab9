// Compile-time structure of a plan: which instructions run as steps of their own, which are
// fused into another step's program, and which are views or splats that are never stored.
// Decided once per executable, independent of the symbol binding.
#pragma once

#include <cstdint>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::cpu {

enum class Role : uint8_t {
  Input,     // a launch input
  Constant,  // module data, read in place
  Splat,     // fill: one element repeated (O2)
  View,      // a movement op other than pad and concat, read through its operand (O2)
  Fused,     // computed inside its consumer's program (O2)
  Root,      // computed by a step of its own and stored
};

enum class GroupKind : uint8_t { Elementwise, Reduce, Scan, Matmul, Pad, Concat, Copy, Reference };

// One step of the plan: its root instruction's value and, for elementwise and reduce groups,
// the fused instructions in program order (the root last).
struct Group {
  GroupKind kind;
  ir::ValueId root;
  std::vector<ir::ValueId> members;
};

struct FusionPlan {
  std::vector<Role> roles;        // by value id
  std::vector<int32_t> group_of;  // by value id: the group a Fused or Root value belongs to
  std::vector<Group> groups;      // in execution order
  bool fuse = false;              // O2: instances may also run row-local steps together
};

bool is_elementwise(tisa_opcode_t op);
bool is_view(tisa_opcode_t op);

// fuse = false (O0, O1): every instruction is its own step and every value is stored.
FusionPlan plan_fusion(const ir::Module& m, bool fuse);

}  // namespace tisa::cpu
