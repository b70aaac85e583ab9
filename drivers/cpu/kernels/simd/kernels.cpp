// One instruction-set target's kernels. CMake compiles this file once per target with
// TISA_CPU_TARGET (the name) and TISA_CPU_VECTOR_BYTES set and the target's -m flags; all code
// lives in an anonymous namespace so that no target's inline or template code is shared with
// another target's or with the rest of the driver. Only tisa_cpu_kernels_<target>() is visible.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#if defined(__SSE2__)
#include <immintrin.h>  // streaming stores (always-inline intrinsics: nothing shared between targets)
#endif

#include "drivers/cpu/kernels/kernel_table.hpp"
#include "tisa/isa.h"

#ifndef TISA_CPU_TARGET
#error "TISA_CPU_TARGET must name the instruction-set target"
#endif
#define TISA_CPU_CONCAT2(a, b) a##b
#define TISA_CPU_CONCAT(a, b) TISA_CPU_CONCAT2(a, b)
#define TISA_CPU_STRING2(a) #a
#define TISA_CPU_STRING(a) TISA_CPU_STRING2(a)

namespace tisa::cpu {
namespace {

// Each file uses the ones before it: keep the order.
// clang-format off
#include "drivers/cpu/kernels/simd/scalar_ops.inc"
#include "drivers/cpu/kernels/simd/vector_math.inc"
#include "drivers/cpu/kernels/simd/reduce.inc"
#include "drivers/cpu/kernels/simd/scan.inc"
#include "drivers/cpu/kernels/simd/elementwise.inc"
#include "drivers/cpu/kernels/simd/chain.inc"
// clang-format on

constexpr KernelTable kTable = {
    .isa = TISA_CPU_STRING(TISA_CPU_TARGET),
    .elementwise = elementwise,
    .reduce = reduce,
    .scan = scan,
    .strided_copy = strided_copy,
    .chain_supports = chain_supports,
    .chain_f32 = chain_f32,
};

}  // namespace

const KernelTable* TISA_CPU_CONCAT(kernels_, TISA_CPU_TARGET)() {
  return &kTable;
}

}  // namespace tisa::cpu
