// Compute timing of one GEMM tile C[M x N] = A[M x K] * B[K x N] on an R x C systolic array,
// as SCALE-Sim v2 counts it (its CALC mode, unlimited bandwidth).
#pragma once

#include <cstdint>

#include "drivers/dsa_sim/arch/arch.hpp"

namespace tisa::dsa {

struct GemmTiming {
  uint64_t cycles = 0;  // SCALE-Sim's "Total Cycles": folds x cycles per fold - 1
  uint64_t folds = 0;
  uint64_t cycles_per_fold = 0;
  uint64_t macs = 0;               // M x N x K
  double mapping_efficiency = 0;   // mean over folds of used PEs / all PEs
  double compute_utilization = 0;  // mean over folds of MACs / (PEs x the fold's cycles)
  // Operand words the array reads from SRAM and output words it writes (SCALE-Sim's
  // ifmap / filter reads and ofmap writes).
  uint64_t a_reads = 0;
  uint64_t b_reads = 0;
  uint64_t c_writes = 0;
};

// Zero when M, N or K is zero (nothing to compute).
GemmTiming systolic_gemm(uint32_t rows, uint32_t cols, Dataflow dataflow, uint64_t m, uint64_t n, uint64_t k);

}  // namespace tisa::dsa
