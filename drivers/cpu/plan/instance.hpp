// An executable's plan for one symbol binding: concrete steps with their views, programs and
// buffer locations, and the memory plan of its temporaries. Built once per binding (and cached
// by the executable); a launch then only resolves its buffers and runs the steps.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "drivers/cpu/kernels/kernel_table.hpp"
#include "drivers/cpu/plan/exec.hpp"
#include "drivers/cpu/plan/fusion.hpp"
#include "hal/ir/module.hpp"

namespace tisa::cpu {

struct Instance {
  std::vector<int64_t> symbols;  // the binding
  StepList steps;
  std::vector<uint64_t> temp_offsets;  // bytes into the arena, by temporary
  uint64_t arena_bytes = 0;
  uint64_t temp_bytes = 0;  // what the temporaries would take without the memory plan
  int64_t work = 0;         // sum of the steps' work estimates
};

// Throws tisa::Error (INVALID_ARGUMENT when an attribute does not evaluate under the binding,
// UNIMPLEMENTED when no kernel exists).
std::unique_ptr<Instance> build_instance(const ir::Module& m, const FusionPlan& plan,
                                         std::span<const int64_t> symbols, const KernelTable& kernels);

}  // namespace tisa::cpu
