// SCALE-Sim v2's dataflows, restated (scalesim/compute/systolic_compute_{os,ws,is}.py). SCALE-Sim
// maps a GEMM to its operand matrices as ifmap = A (M x K), filter = B (K x N), ofmap = C.
// Each dataflow picks which two GEMM dims span the array (its "Sr" over the R rows and "Sc"
// over the C columns) and which one is streamed in time ("T"):
//   OS: Sr = M, Sc = N, T = K. A fold streams T operands, then the outputs drain: its demand
//       matrix has T + (C - 1) rows, skewed by R - 1:           T + R + C - 2 cycles.
//   WS: Sr = K, Sc = N, T = M. A fold first loads the R weight rows, streams T inputs, drains
//       C - 1 rows, skewed by R - 1:                             2R + C + T - 2 cycles.
//   IS: Sr = K, Sc = M, T = N. Inputs are loaded like WS's weights: 2R + C + T - 2 cycles.
// Folds = ceil(Sr / R) * ceil(Sc / C) and SCALE-Sim reports the index of the last demand row,
// hence "Total Cycles" = folds * cycles per fold - 1 (OS, 64^3 on 32x32: 4 * 126 - 1 = 503).
// Its per-fold utilization divides by (demand rows + demand columns - 1) of the matrix it
// measures (OS: the ofmap's T + R + C - 2; WS/IS: 2R + 2C + T - 3); the mean over folds of
// used PEs x T / (R x C x that) reduces to M N K / (folds R C that), since every fold has the
// same length.
#include "drivers/dsa_sim/model/systolic.hpp"

namespace tisa::dsa {
namespace {

uint64_t ceil_div(uint64_t a, uint64_t b) {
  return (a + b - 1) / b;
}

}  // namespace

GemmTiming systolic_gemm(uint32_t rows, uint32_t cols, Dataflow dataflow, uint64_t m, uint64_t n,
                         uint64_t k) {
  GemmTiming t;
  if (m == 0 || n == 0 || k == 0) return t;
  const uint64_t r = rows, c = cols;
  uint64_t sr = 0, sc = 0, streamed = 0, util_cycles = 0;
  switch (dataflow) {
    case Dataflow::OutputStationary:
      sr = m, sc = n, streamed = k;
      t.cycles_per_fold = streamed + r + c - 2;
      util_cycles = t.cycles_per_fold;
      break;
    case Dataflow::WeightStationary:
      sr = k, sc = n, streamed = m;
      t.cycles_per_fold = 2 * r + c + streamed - 2;
      util_cycles = 2 * r + 2 * c + streamed - 3;
      break;
    case Dataflow::InputStationary:
      sr = k, sc = m, streamed = n;
      t.cycles_per_fold = 2 * r + c + streamed - 2;
      util_cycles = 2 * r + 2 * c + streamed - 3;
      break;
  }
  const uint64_t row_folds = ceil_div(sr, r), col_folds = ceil_div(sc, c);
  t.folds = row_folds * col_folds;
  t.cycles = t.folds * t.cycles_per_fold - 1;
  t.macs = m * n * k;
  const double pes = static_cast<double>(r * c);
  t.mapping_efficiency = static_cast<double>(sr * sc) / (static_cast<double>(t.folds) * pes);
  t.compute_utilization =
      static_cast<double>(t.macs) / (static_cast<double>(t.folds) * pes * static_cast<double>(util_cycles));
  // Every stationary tile is read once; the streamed operand once per fold across the other
  // array dim; WS and IS write a partial output per fold over K.
  switch (dataflow) {
    case Dataflow::OutputStationary:
      t.a_reads = m * k * col_folds;
      t.b_reads = k * n * row_folds;
      t.c_writes = m * n;
      break;
    case Dataflow::WeightStationary:
      t.a_reads = m * k * col_folds;
      t.b_reads = k * n;
      t.c_writes = m * n * row_folds;
      break;
    case Dataflow::InputStationary:
      t.a_reads = m * k;
      t.b_reads = k * n * col_folds;
      t.c_writes = m * n * row_folds;
      break;
  }
  return t;
}

}  // namespace tisa::dsa
