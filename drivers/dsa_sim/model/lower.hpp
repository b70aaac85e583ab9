// Lowering TISA instructions to the accelerator's commands, tiled to fit the scratchpad and the
// accumulator (double-buffered, so loads of the next tile overlap the current one's compute).
#pragma once

#include <cstdint>
#include <span>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "drivers/dsa_sim/model/commands.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/module.hpp"

namespace tisa::dsa {

struct LowerOptions {
  // SCALE-Sim's CALC mode: each GEMM is one matmul command, whatever the SRAM sizes (SCALE-Sim
  // counts compute cycles of the whole GEMM; its SRAM sizes only matter for memory stalls).
  bool whole_gemms = false;
};

// A GEMM tile that fits: tm x tk and tk x tn operands in half the scratchpad, tm x tn
// accumulators in half the accumulator.
struct GemmTiling {
  uint64_t tm = 0, tn = 0, tk = 0;
};
GemmTiling choose_gemm_tiling(const Arch& arch, uint64_t m, uint64_t n, uint64_t k, uint32_t elem_bytes,
                              uint32_t acc_bytes);

// The commands of a whole module; shapes are every value's concrete shape (by value id).
Program lower_module(const Arch& arch, const ir::Module& module, std::span<const ir::Shape> shapes,
                     const LowerOptions& options = {});

// The commands of one GEMM C[M x N] = A[M x K] * B[K x N] (batch of them), inputs in DRAM.
Program lower_gemm(const Arch& arch, uint64_t batch, uint64_t m, uint64_t n, uint64_t k, uint32_t elem_bytes,
                   uint32_t acc_bytes, const LowerOptions& options = {});

}  // namespace tisa::dsa
