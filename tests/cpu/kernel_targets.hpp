// The kernel targets this CPU runs (generic always; avx2 and avx512 where supported).
#pragma once

#include <string>
#include <vector>

#include "drivers/cpu/kernels/kernel_table.hpp"

namespace cpu_test {

inline std::vector<const tisa::cpu::KernelTable*> runnable_targets() {
  std::vector<const tisa::cpu::KernelTable*> targets;
  for (const char* isa : {"generic", "avx2", "avx512"}) {
    if (const tisa::cpu::KernelTable* t = tisa::cpu::kernels_for(isa)) targets.push_back(t);
  }
  return targets;
}

// ulp of a binary64 reference as an f32 result (spec 5.2: 2^-149 for zero and subnormals).
double ulp_of(double reference);

}  // namespace cpu_test
