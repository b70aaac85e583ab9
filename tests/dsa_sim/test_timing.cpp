// The timing model: exact cycles for small command streams, SCALE-Sim agreement through the
// whole lowering, stall attribution, reports and the trace.
#include <cstring>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "drivers/dsa_sim/model/lower.hpp"
#include "drivers/dsa_sim/model/systolic.hpp"
#include "drivers/dsa_sim/report/trace.hpp"
#include "drivers/dsa_sim/sim/launch_model.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

using namespace tisa;
using namespace tisa::dsa;
using Catch::Matchers::Contains;

namespace {

// A one-core accelerator with round numbers.
Arch small_arch() {
  Arch a = preset("edge-16x16");
  a.dma_bytes_per_cycle = 16;
  a.dram_latency = 100;
  a.vector_lanes = 16;
  a.vector_latency = 4;
  return a;
}

ref::HostTensor f32_tensor(ir::Shape shape, float value) {
  ref::HostTensor t;
  t.dtype = TISA_DTYPE_F32;
  t.shape = shape;
  const size_t n = static_cast<size_t>(ir::element_count(shape));
  t.data.resize(n * 4);
  for (size_t i = 0; i < n; ++i) std::memcpy(t.data.data() + 4 * i, &value, 4);
  return t;
}

}  // namespace

TEST_CASE("an elementwise add takes load + load + vector + store cycles", "[dsa][timing]") {
  ir::Module m = ir::parse(R"(tisa 1.0
input %a : f32[1024]
input %b : f32[1024]
%c = add %a, %b : f32[1024]
output %c
)");
  ir::verify(m);
  const std::vector<ref::HostTensor> in = {f32_tensor({1024}, 1.5f), f32_tensor({1024}, 2.0f)};
  const LaunchResult r = run_launch(small_arch(), m, in);
  float first = 0;
  std::memcpy(&first, r.outputs[0].data.data(), 4);
  CHECK(first == 3.5f);
  // load a: port 0..256 (4096 B / 16), done at 356; load b: port 256..512, done at 612;
  // add: 612 + 1024/16 + 4 = 680; store: port 680..936, done at 1036.
  const Report& rep = r.timeline.report;
  CHECK(rep.total_cycles == 1036);
  CHECK(rep.busy_cycles[0] == 512);
  CHECK(rep.busy_cycles[1] == 68);
  CHECK(rep.busy_cycles[2] == 256);
  CHECK(rep.stall_dependency == 612 + 680);
  CHECK(rep.stall_dma_bound == 0);
  CHECK(rep.dram_read_bytes == 8192);
  CHECK(rep.dram_write_bytes == 4096);
  CHECK(rep.vector_elements == 1024);
  CHECK(rep.energy_dram_pj == 12288 * small_arch().energy.dram_byte_pj);
}

TEST_CASE("with unlimited bandwidth a GEMM takes SCALE-Sim's total cycles", "[dsa][timing][scalesim]") {
  struct Case {
    Dataflow dataflow;
    uint64_t m, n, k, cycles;
  };
  // Derivations in test_systolic.cpp.
  const Case cases[] = {
      {Dataflow::OutputStationary, 64, 64, 64, 503}, {Dataflow::OutputStationary, 100, 50, 70, 1055},
      {Dataflow::WeightStationary, 64, 64, 64, 631}, {Dataflow::WeightStationary, 100, 50, 70, 1163},
      {Dataflow::InputStationary, 64, 64, 64, 631},  {Dataflow::InputStationary, 100, 50, 70, 1727},
  };
  for (const Case& c : cases) {
    Arch arch = preset("scalesim-32x32");
    arch.dataflow = c.dataflow;
    INFO(dataflow_name(c.dataflow) << " " << c.m << "x" << c.n << "x" << c.k);
    // SCALE-Sim mode: the GEMM is one command, even where the scratchpad would tile it (a
    // 32 KiB scratchpad cannot hold 64^3 operands).
    arch.scratchpad_bytes = 32 * 1024;
    const Program p = lower_gemm(arch, 1, c.m, c.n, c.k, 4, 4, LowerOptions{.whole_gemms = true});
    const Timeline t = simulate(arch, p, TimingOptions{.unlimited_bandwidth = true});
    CHECK(t.report.matmul_tiles == 1);
    CHECK(t.report.array_cycles == c.cycles);
    CHECK(t.report.total_cycles == c.cycles);
    CHECK(t.report.busy_cycles[1] == c.cycles);
    CHECK(t.report.macs == c.m * c.n * c.k);
  }
}

TEST_CASE("a narrow DRAM port makes a GEMM DMA-bound", "[dsa][timing]") {
  Arch arch = preset("scalesim-32x32");
  const Program p = lower_gemm(arch, 1, 256, 256, 256, 4, 4);
  const Timeline fast = simulate(arch, p);
  arch.dma_bytes_per_cycle = 1;
  const Timeline slow = simulate(arch, p);
  CHECK(slow.report.total_cycles > 4 * fast.report.total_cycles);
  CHECK(slow.report.stall_dma_bound > fast.report.stall_dma_bound);
  // The DRAM port moves at most its bandwidth.
  CHECK(slow.report.dram_bytes_per_cycle() <= 1.0);
  CHECK(slow.report.macs == fast.report.macs);
}

TEST_CASE("one bank serializes loads with compute: bank-conflict stalls", "[dsa][timing]") {
  Arch arch = preset("scalesim-32x32");
  arch.dma_bytes_per_cycle = 4096;  // compute-bound, so the overlap matters
  const Program p = lower_gemm(arch, 1, 256, 256, 256, 4, 4);
  const Timeline banked = simulate(arch, p);
  arch.scratchpad_banks = 1;
  const Program p1 = lower_gemm(arch, 1, 256, 256, 256, 4, 4);
  const Timeline single = simulate(arch, p1);
  CHECK(banked.report.stall_bank_conflict == 0);
  CHECK(single.report.stall_bank_conflict > 0);
  CHECK(single.report.total_cycles > banked.report.total_cycles);
}

TEST_CASE("the report is JSON and a table, the trace has one track per engine", "[dsa][report]") {
  const Arch arch = preset("datacenter-128x128");
  const Program p = lower_gemm(arch, 1, 512, 512, 512, 4, 4);
  const Timeline t = simulate(arch, p);
  const nlohmann::json j = nlohmann::json::parse(report_json(t.report));
  CHECK(j["total_cycles"].get<uint64_t>() == t.report.total_cycles);
  CHECK(j["array"]["macs"].get<uint64_t>() == 512ull * 512 * 512);
  CHECK(j["stall_cycles"].contains("bank_conflict"));
  CHECK(j["energy_uj"]["total"].get<double>() > 0);
  const std::string table = report_table(t.report);
  CHECK_THAT(table, Contains("total cycles"));
  CHECK_THAT(table, Contains("mapping 100.0%"));
  const nlohmann::json trace = nlohmann::json::parse(chrome_trace(arch, p, t));
  uint64_t tracks = 0, slices = 0;
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "thread_name") ++tracks;
    if (e["ph"] == "X") ++slices;
  }
  CHECK(tracks == 3 * arch.cores);
  CHECK(slices == p.commands.size() - t.report.fences);
}
