// SCALE-Sim v2 compute cycles ("Total Cycles" in CALC mode) for the three dataflows. The
// expected numbers are derived by hand from SCALE-Sim's demand matrices (see systolic.cpp):
//   OS: folds = ceil(M/R) ceil(N/C), per fold K + R + C - 2
//   WS: folds = ceil(K/R) ceil(N/C), per fold 2R + C + M - 2
//   IS: folds = ceil(K/R) ceil(M/C), per fold 2R + C + N - 2
//   Total Cycles = folds x per fold - 1.
#include <catch2/catch.hpp>

#include "drivers/dsa_sim/model/systolic.hpp"

using namespace tisa::dsa;

TEST_CASE("output stationary matches SCALE-Sim", "[dsa][systolic]") {
  // 64^3 on 32x32: 2 x 2 folds of 64 + 32 + 32 - 2 = 126 -> 4 x 126 - 1 = 503 (the figure).
  GemmTiming t = systolic_gemm(32, 32, Dataflow::OutputStationary, 64, 64, 64);
  CHECK(t.cycles == 503);
  CHECK(t.folds == 4);
  CHECK(t.mapping_efficiency == 1.0);
  // M=100, N=50, K=70: ceil(100/32)=4 x ceil(50/32)=2 = 8 folds of 70 + 62 = 132 -> 1055.
  t = systolic_gemm(32, 32, Dataflow::OutputStationary, 100, 50, 70);
  CHECK(t.cycles == 1055);
  CHECK(t.folds == 8);
  // Mapping efficiency: 100 x 50 used PE-folds of 8 x 1024.
  CHECK(t.mapping_efficiency == Approx(5000.0 / 8192.0));
  // Utilization: 100*50*70 MACs / (8 folds x 1024 PEs x 132 cycles).
  CHECK(t.compute_utilization == Approx(350000.0 / (8.0 * 1024 * 132)));
  CHECK(t.macs == 350000);
}

TEST_CASE("weight stationary matches SCALE-Sim", "[dsa][systolic]") {
  // 64^3: ceil(64/32) x ceil(64/32) = 4 folds of 64 + 32 + 64 - 2 = 158 -> 631.
  CHECK(systolic_gemm(32, 32, Dataflow::WeightStationary, 64, 64, 64).cycles == 631);
  // M=100, N=50, K=70: ceil(70/32)=3 x ceil(50/32)=2 = 6 folds of 64 + 32 + 100 - 2 = 194 -> 1163.
  const GemmTiming t = systolic_gemm(32, 32, Dataflow::WeightStationary, 100, 50, 70);
  CHECK(t.cycles == 1163);
  CHECK(t.folds == 6);
  // Mapping: K x N = 70 x 50 PEs used over 6 folds of 1024.
  CHECK(t.mapping_efficiency == Approx(3500.0 / 6144.0));
  // SCALE-Sim's WS fold length for utilization: 2R + 2C + T - 3 = 64 + 64 + 100 - 3 = 225.
  CHECK(t.compute_utilization == Approx(350000.0 / (6.0 * 1024 * 225)));
}

TEST_CASE("input stationary matches SCALE-Sim", "[dsa][systolic]") {
  // 64^3: ceil(64/32) x ceil(64/32) = 4 folds of 64 + 32 + 64 - 2 = 158 -> 631.
  CHECK(systolic_gemm(32, 32, Dataflow::InputStationary, 64, 64, 64).cycles == 631);
  // M=100, N=50, K=70: ceil(70/32)=3 x ceil(100/32)=4 = 12 folds of 64 + 32 + 50 - 2 = 144 -> 1727.
  const GemmTiming t = systolic_gemm(32, 32, Dataflow::InputStationary, 100, 50, 70);
  CHECK(t.cycles == 1727);
  CHECK(t.folds == 12);
  CHECK(t.mapping_efficiency == Approx(7000.0 / 12288.0));
}

TEST_CASE("rows and columns are not interchangeable", "[dsa][systolic]") {
  // An 8 x 4 array, M=10, N=6, K=5.
  // OS: ceil(10/8)=2 x ceil(6/4)=2 folds of 5 + 8 + 4 - 2 = 15 -> 59.
  CHECK(systolic_gemm(8, 4, Dataflow::OutputStationary, 10, 6, 5).cycles == 59);
  // WS: ceil(5/8)=1 x ceil(6/4)=2 folds of 16 + 4 + 10 - 2 = 28 -> 55.
  CHECK(systolic_gemm(8, 4, Dataflow::WeightStationary, 10, 6, 5).cycles == 55);
  // IS: ceil(5/8)=1 x ceil(10/4)=3 folds of 16 + 4 + 6 - 2 = 24 -> 71.
  CHECK(systolic_gemm(8, 4, Dataflow::InputStationary, 10, 6, 5).cycles == 71);
  // The transposed 4 x 8 array: WS has ceil(5/4)=2 x ceil(6/8)=1 folds of 8 + 8 + 10 - 2 = 24 -> 47.
  CHECK(systolic_gemm(4, 8, Dataflow::WeightStationary, 10, 6, 5).cycles == 47);
}

TEST_CASE("an empty GEMM costs nothing", "[dsa][systolic]") {
  CHECK(systolic_gemm(32, 32, Dataflow::OutputStationary, 0, 5, 5).cycles == 0);
  CHECK(systolic_gemm(32, 32, Dataflow::WeightStationary, 5, 5, 0).macs == 0);
}
