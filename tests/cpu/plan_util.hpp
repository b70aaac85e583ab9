// Runs modules through the cpu driver's plans without the driver: fusion plan, instance,
// steps on a pool, the outputs as reference HostTensors (to compare with ref::evaluate).
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "drivers/cpu/plan/instance.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/module.hpp"

namespace cpu_test {

struct PlanRun {
  std::unique_ptr<tisa::cpu::Instance> instance;
  tisa::cpu::FusionPlan plan;
  std::vector<tisa::ref::HostTensor> outputs;
};

// module must be verified; fuse is what O2 does; row_steps = false leaves O2's row fusion out.
PlanRun run_plan(const tisa::ir::Module& module, bool fuse, std::span<const tisa::ref::HostTensor> inputs,
                 bool row_steps = true);

// Seeded f32 or i32 values for an input of shape.
tisa::ref::HostTensor random_tensor(tisa_dtype_t dtype, tisa::ir::Shape shape, uint32_t seed);

// Outputs equal: bit for bit (NaN matching NaN), or for f32 within rel of the largest magnitude.
void check_close(const tisa::ref::HostTensor& got, const tisa::ref::HostTensor& want, double rel = 0);

}  // namespace cpu_test
