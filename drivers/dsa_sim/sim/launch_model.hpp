// One launch on the simulated accelerator: the values come from the reference kernels (the
// functional model of every command: bit-exact with the spec's executable definition), the
// cycles from the command stream the module lowers to.
#pragma once

#include <span>
#include <vector>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "drivers/dsa_sim/model/commands.hpp"
#include "drivers/dsa_sim/model/lower.hpp"
#include "drivers/dsa_sim/model/timing.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/module.hpp"

namespace tisa::dsa {

struct LaunchResult {
  std::vector<ref::HostTensor> outputs;
  Program program;
  Timeline timeline;
};

// Throws tisa::Error on invalid inputs (naming the input) or an unsupported dtype. With
// unlimited bandwidth (SCALE-Sim's CALC mode) each GEMM is also one untiled matmul command.
LaunchResult run_launch(const Arch& arch, const ir::Module& module, std::span<const ref::HostTensor> inputs,
                        const TimingOptions& options = {});

// The timing alone: binds the symbols from the input shapes and lowers the module.
Program lower_for_shapes(const Arch& arch, const ir::Module& module, std::span<const ir::Shape> input_shapes,
                         const LowerOptions& options = {});

}  // namespace tisa::dsa
