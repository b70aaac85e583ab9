// Picks the kernel target at run time: the widest one this CPU (and its OS) runs, unless
// TISA_CPU_ISA asks for a narrower one.
#include <cstdlib>
#include <string_view>

#include "drivers/cpu/kernels/kernel_table.hpp"

namespace tisa::cpu {

// Each built target's table (kernels/simd/kernels.cpp compiled per target).
const KernelTable* kernels_generic();
#if TISA_CPU_HAS_X86_TARGETS
const KernelTable* kernels_avx2();
const KernelTable* kernels_avx512();
#endif

namespace {

bool cpu_runs(std::string_view isa) {
  if (isa == "generic") return true;
#if TISA_CPU_HAS_X86_TARGETS
  __builtin_cpu_init();
  // __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0).
  if (isa == "avx2") {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
  }
  if (isa == "avx512") {
    return cpu_runs("avx2") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq");
  }
#endif
  return false;
}

const KernelTable* built(std::string_view isa) {
  if (isa == "generic") return kernels_generic();
#if TISA_CPU_HAS_X86_TARGETS
  if (isa == "avx2") return kernels_avx2();
  if (isa == "avx512") return kernels_avx512();
#endif
  return nullptr;
}

const KernelTable& select() {
  if (const char* forced = std::getenv("TISA_CPU_ISA")) {
    if (const KernelTable* table = kernels_for(forced)) return *table;
  }
  for (std::string_view isa : {"avx512", "avx2"}) {
    if (const KernelTable* table = kernels_for(isa)) return *table;
  }
  return *kernels_generic();
}

}  // namespace

const KernelTable* kernels_for(std::string_view isa) {
  return cpu_runs(isa) ? built(isa) : nullptr;
}

const KernelTable& kernels() {
  static const KernelTable& table = select();
  return table;
}

}  // namespace tisa::cpu
