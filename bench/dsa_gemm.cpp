// The simulated DSA's speed: simulated MACs per second of host time for a 512^3 f32 GEMM on the
// scalesim-32x32 preset (issue 7's target: at least 50 million). Two cases:
//   dsa.gemm512.launch  the whole launch: values by the reference kernels, then lowering and timing;
//   dsa.gemm512.timing  the timing model alone (lowering + engine simulation).
#include <cstring>

#include <benchmark/benchmark.h>

#include "drivers/dsa_sim/model/lower.hpp"
#include "drivers/dsa_sim/sim/launch_model.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

namespace {

using namespace tisa;

constexpr int64_t kSize = 512;
constexpr double kMacs = static_cast<double>(kSize) * kSize * kSize;

ref::HostTensor matrix(float scale) {
  ref::HostTensor t;
  t.dtype = TISA_DTYPE_F32;
  t.shape = {kSize, kSize};
  t.data.resize(kSize * kSize * 4);
  for (int64_t i = 0; i < kSize * kSize; ++i) {
    const float v = static_cast<float>(i % 13) * scale;
    std::memcpy(t.data.data() + 4 * i, &v, 4);
  }
  return t;
}

void launch(benchmark::State& state) {
  ir::Module m = ir::parse(R"(tisa 1.0
input %a : f32[512, 512]
input %b : f32[512, 512]
%c = matmul %a, %b {acc = f32} : f32[512, 512]
output %c
)");
  ir::verify(m);
  const dsa::Arch arch = dsa::preset("scalesim-32x32");
  const std::vector<ref::HostTensor> inputs = {matrix(0.25f), matrix(-0.5f)};
  uint64_t cycles = 0;
  for (auto _ : state) {
    dsa::LaunchResult r = dsa::run_launch(arch, m, inputs);
    cycles = r.timeline.report.total_cycles;
    benchmark::DoNotOptimize(r.outputs.data());
  }
  state.counters["simulated_MACs_per_s"] =
      benchmark::Counter(kMacs, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["simulated_cycles"] = static_cast<double>(cycles);
}

void timing(benchmark::State& state) {
  const dsa::Arch arch = dsa::preset("scalesim-32x32");
  for (auto _ : state) {
    const dsa::Program p = dsa::lower_gemm(arch, 1, kSize, kSize, kSize, 4, 4);
    const dsa::Timeline t = dsa::simulate(arch, p);
    benchmark::DoNotOptimize(t.report.total_cycles);
  }
  state.counters["simulated_MACs_per_s"] =
      benchmark::Counter(kMacs, benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(launch)->Name("dsa.gemm512.launch")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(timing)->Name("dsa.gemm512.timing")->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
