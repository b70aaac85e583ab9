// The cpu driver's vector kernels, compiled once per instruction-set target (kernels/simd/) and
// chosen at run time. Only plain function pointers cross between targets: nothing inline or
// templated is shared, so no AVX-512 code can leak into a caller built for another target.
#pragma once

#include <cstdint>
#include <string_view>

namespace tisa::cpu {

// out[i] = f(a[i], b[i], c[i]) for i < n over tile slots; unused operands are null. Operands may
// be the output itself (in place), never a partial overlap.
using ElementwiseFn = void (*)(const void* a, const void* b, const void* c, void* out, int64_t n);

// Reductions keep accumulators of their own type (f32 sums in f32, products in f64).
struct ReduceKernels {
  void (*init)(void* acc, int64_t n);                     // every accumulator to the identity
  void (*row)(const void* x, int64_t n, void* acc);       // acc[0] = acc[0] op x[0..n)
  void (*column)(const void* x, int64_t n, void* acc);    // acc[i] = acc[i] op x[i]
  void (*merge)(const void* part, int64_t n, void* acc);  // acc[i] = acc[i] op part[i]
  void (*finish)(const void* acc, int64_t n, void* out);  // out[i] = acc[i] in the result dtype
  uint32_t acc_size = 0;                                  // bytes per accumulator
};

// Scans keep accumulators as the reductions do (f32 sums and products in f64).
struct ScanKernels {
  // A line of n adjacent elements: out[k] combines x[0..k] (without x[k] when exclusive),
  // walking from x[n - 1] down when reverse. out may be x.
  void (*line)(const void* x, int64_t n, bool exclusive, bool reverse, void* out);
  void (*init)(void* acc, int64_t n);  // every accumulator to the identity
  // One position of n lines lying side by side: out[i] = acc[i] before (exclusive) or after
  // acc[i] = acc[i] op x[i]. out may be x.
  void (*column)(const void* x, int64_t n, bool exclusive, void* acc, void* out);
  uint32_t acc_size = 0;  // bytes per accumulator
};

// dst[i] = src[i * stride] for i < n (stride in elements, may be 0 or negative).
using StridedCopyFn = void (*)(const void* src, int64_t stride, void* dst, int64_t n);

// One op of an f32 chain: acc = op(acc, operand) (or op(operand, acc) when swapped; op(acc)
// for unary ops). A chain keeps its values in registers from the first load to the store.
struct ChainStep {
  enum class Operand : uint8_t { None, Splat, Pointer, Acc };
  uint32_t opcode = 0;
  Operand operand = Operand::None;
  bool swapped = false;
  float splat = 0;
  const float* pointer = nullptr;  // the operand's elements of the current tile
};

struct KernelTable {
  const char* isa;  // "avx512", "avx2" or "generic"
  // The kernel of an elementwise opcode (cast, bitcast, unary, binary, select) on in_dtype
  // giving out_dtype; null when the pair is not an op.
  ElementwiseFn (*elementwise)(uint32_t opcode, uint32_t in_dtype, uint32_t out_dtype);
  // reduce_sum/prod/max/min on dtype; false when not an op.
  bool (*reduce)(uint32_t opcode, uint32_t dtype, ReduceKernels* out);
  // cumsum/cumprod/cummax/cummin on dtype; false when not an op.
  bool (*scan)(uint32_t opcode, uint32_t dtype, ScanKernels* out);
  // By element size in bytes (1, 2, 4 or 8); null otherwise.
  StridedCopyFn (*strided_copy)(uint32_t element_size);
  // Whether an f32 opcode can be a chain step, and the chain itself: out[i] = steps applied to
  // first[i] in order, for i < n. stream: store with non-temporal stores where out is aligned
  // (for outputs far larger than the caches: no read of the lines about to be overwritten).
  bool (*chain_supports)(uint32_t opcode);
  void (*chain_f32)(const ChainStep* steps, int count, const float* first, float* out, int64_t n,
                    bool stream);
};

// The best target this CPU runs, or the one TISA_CPU_ISA names (generic, avx2, avx512) when
// the CPU runs it. Chosen once.
const KernelTable& kernels();
// The named target if it was built and this CPU runs it, else null (tests cover every target).
const KernelTable* kernels_for(std::string_view isa);

}  // namespace tisa::cpu
