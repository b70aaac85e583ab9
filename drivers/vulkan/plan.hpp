// A launch's work list: the module under one symbol binding turned into dispatches of the
// generated kernels. Views (reshape of a dense value, transpose, broadcast, slice, reverse,
// window, bitcast, same-dtype cast) cost nothing: they only change the strides their consumers
// read with. Memory is named by slots (inputs, constants, temporaries, outputs) whose addresses
// the launch fills in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/vulkan/fusion.hpp"
#include "drivers/vulkan/params.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/module.hpp"

namespace tisa::vk {

enum class SlotKind : uint8_t { Input, Constant, Temp, Output };

struct Slot {
  SlotKind kind;
  uint32_t index;      // input, constant or output number; temporaries: their own
  uint64_t bytes = 0;  // temporaries only
};

struct Dispatch {
  std::string kernel;  // an embedded kernel; "" for fused group `group`
  int group = -1;
  Params params;      // embedded kernels; addresses left 0: out_slot and in_slots say where they point
  FusedParams fused;  // fused groups; addresses left 0: fused_out_slots and fused_in_slots
  int out_slot = -1;
  int in_slots[3] = {-1, -1, -1};
  int fused_out_slots[kMaxFusedOutputs] = {-1, -1, -1, -1};
  int fused_in_slots[kMaxFusedInputs] = {-1, -1, -1, -1, -1, -1, -1, -1};
  Variant variant;      // the pipeline's specialization constants
  uint32_t groups = 1;  // workgroups along x
  uint32_t groups_y = 1, groups_z = 1;
};

struct Plan {
  std::vector<Slot> slots;
  std::vector<Dispatch> dispatches;
};

// What planning needs to know of the device.
struct Target {
  uint32_t max_groups[3] = {65535, 65535, 65535};  // maxComputeWorkGroupCount
  bool matmul_shared = false;  // matmul tiles through shared memory (GPUs), else read directly (CPUs)
  bool subgroup_rows = false;  // matmul_*_sg may run (device.cpp says when)
  // A CPU device (lavapipe): a workgroup's barriers cost more than its invocations gain, so rows
  // are reduced one per invocation as soon as there are enough of them to share out.
  bool cpu = false;
  // Loop iterations one invocation may run in all, 0 for no limit: llvmpipe stops every loop of
  // an invocation past 65535, so there long rows go in chunks, long matmul K in slices, and what
  // cannot be split (a scan line, one line's scatter updates) fails UNIMPLEMENTED saying so.
  int64_t loop_budget = 0;
};

// Throws UNIMPLEMENTED for what the kernels do not cover (with the instruction named). With a
// fusion (O2 and up), each fused group is one dispatch at its last member's place.
Plan make_plan(const ir::Module& module, std::span<const int64_t> symbols, const Target& target,
               const Fusion* fusion = nullptr);

// The kernel family is what planning needs; a dtype the driver does not cover is UNIMPLEMENTED.
void check_plannable(const ir::Module& module);

}  // namespace tisa::vk
