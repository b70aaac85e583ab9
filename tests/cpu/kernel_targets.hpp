// The kernel targets this CPU runs (generic always; avx2 and avx512 where supported), and what the
// kernel tests check f32 kernels with.
#pragma once

#include <cstdint>
#include <cstring>
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

inline uint32_t bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}

// The target's f32 kernel of a unary op applied to x.
std::vector<float> unary(const tisa::cpu::KernelTable& k, uint32_t op, const std::vector<float>& x);
// Every 211th f32 bit pattern (both signs) whose value lies in [lo, hi].
std::vector<float> sweep(float lo, float hi);
// The largest error of ys against ref(xs) in ulps; a reference beyond f32's range must give inf.
double worst_ulps(const std::vector<float>& xs, const std::vector<float>& ys, double (*ref)(double));

}  // namespace cpu_test
