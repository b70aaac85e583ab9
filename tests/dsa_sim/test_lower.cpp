// Lowering: tiles fit the SRAMs, every MAC is issued exactly once, dependency tokens order the
// engines, and the dump names each command.
#include <catch2/catch.hpp>

#include "drivers/dsa_sim/model/lower.hpp"
#include "drivers/dsa_sim/model/systolic.hpp"
#include "drivers/dsa_sim/model/timing.hpp"
#include "drivers/dsa_sim/sim/launch_model.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

using namespace tisa;
using namespace tisa::dsa;
using Catch::Matchers::Contains;

namespace {

uint64_t count(const Program& p, CommandKind kind) {
  uint64_t n = 0;
  for (const Command& c : p.commands) n += c.kind == kind;
  return n;
}

ir::Module parsed(const char* text) {
  ir::Module m = ir::parse(text);
  ir::verify(m);
  return m;
}

}  // namespace

TEST_CASE("GEMM tiles fit half of each SRAM and cover every MAC once", "[dsa][lower]") {
  for (const std::string& name : preset_names()) {
    const Arch arch = preset(name);
    for (uint64_t size : {1u, 31u, 100u, 512u}) {
      INFO(name << " size " << size);
      const GemmTiling t = choose_gemm_tiling(arch, size, size + 3, size * 2, 4, 4);
      CHECK((t.tm * t.tk + t.tk * t.tn) * 4 <= arch.scratchpad_bytes / 2);
      CHECK(t.tm * t.tn * 4 <= arch.accumulator_bytes / 2);
      const Program p = lower_gemm(arch, 2, size, size + 3, size * 2, 4, 4);
      uint64_t macs = 0;
      for (const Command& c : p.commands) {
        if (c.kind == CommandKind::Matmul) macs += static_cast<uint64_t>(c.m) * c.n * c.k;
        CHECK(c.core < arch.cores);
      }
      CHECK(macs == 2 * size * (size + 3) * size * 2);
    }
  }
}

TEST_CASE("a 512^3 GEMM on scalesim-32x32 is tiled and double-buffered", "[dsa][lower]") {
  const Arch arch = preset("scalesim-32x32");
  const Program p = lower_gemm(arch, 1, 512, 512, 512, 4, 4);
  // K is split to fit 64 KiB per buffer: every later K-step accumulates.
  uint64_t accumulating = 0;
  for (const Command& c : p.commands) accumulating += c.kind == CommandKind::Matmul && c.accumulate;
  const uint64_t tiles = count(p, CommandKind::Matmul);
  const uint64_t stores = count(p, CommandKind::DmaStore);
  CHECK(tiles > stores);
  CHECK(accumulating == tiles - stores);
  CHECK(count(p, CommandKind::DmaLoad) == 2 * tiles);
  CHECK(count(p, CommandKind::Fence) == 1);
  // Each matmul waits on its two loads; the third K-step's loads wait on the first's matmul
  // (the slot it reuses).
  std::vector<uint32_t> mm;
  for (uint32_t i = 0; i < p.commands.size(); ++i) {
    if (p.commands[i].kind == CommandKind::Matmul) mm.push_back(i);
  }
  REQUIRE(mm.size() >= 3);
  CHECK(p.commands[mm[0]].deps[0] == mm[0] - 2);
  CHECK(p.commands[mm[0]].deps[1] == mm[0] - 1);
  CHECK(p.commands[mm[2] - 2].deps[0] == mm[0]);
  // The cost model keeps operand reloads down: 2 MiB of A and B are read at most 6 times over
  // (array-sized 32x32 tiles of the whole K would read them 16 times).
  const Timeline t = simulate(arch, p);
  CHECK(t.report.dram_read_bytes <= 6 * 2 * 1024 * 1024);
}

TEST_CASE("a module lowers op by op and the dump names the commands", "[dsa][lower]") {
  const ir::Module m = parsed(R"(tisa 1.0
input %a : f32[64, 64]
input %b : f32[64, 64]
%c = matmul %a, %b {acc = f32} : f32[64, 64]
%r = reshape %c {shape = [4096]} : f32[4096]
%e = exp %r : f32[4096]
%t = transpose %c {perm = [1, 0]} : f32[64, 64]
output %e, %t
)");
  const std::vector<ir::Shape> shapes = {{64, 64}, {64, 64}};
  const Program p = lower_for_shapes(preset("scalesim-32x32"), m, shapes);
  const std::string text = dump_program(p);
  CHECK_THAT(text, Contains("matmul    64x64x"));
  CHECK_THAT(text, Contains("acc=0"));
  CHECK_THAT(text, Contains("vector    exp 4096 elems"));
  CHECK_THAT(text, Contains("; %e = exp"));
  CHECK_THAT(text, Contains("] 4096x4B stride 256B"));  // the transpose: element-wise gather
  // exp reads what the matmul stored: its load waits on that store (through the reshape).
  uint32_t store = 0, exp_load = 0;
  for (uint32_t i = 0; i < p.commands.size(); ++i) {
    const Command& c = p.commands[i];
    if (c.kind == CommandKind::DmaStore && c.inst == 0) store = i;
    if (c.kind == CommandKind::DmaLoad && c.inst == 2 && exp_load == 0) exp_load = i;
  }
  REQUIRE(exp_load > store);
  CHECK(p.commands[exp_load].deps[0] == store);
  CHECK(count(p, CommandKind::Vector) == 1);
}

TEST_CASE("several cores share the tiles and fence between instructions", "[dsa][lower]") {
  const Arch arch = preset("datacenter-128x128");
  const Program p = lower_gemm(arch, 1, 512, 512, 512, 4, 4);
  std::vector<uint64_t> per_core(arch.cores, 0);
  for (const Command& c : p.commands) per_core[c.core] += c.kind == CommandKind::Matmul;
  for (uint64_t n : per_core) CHECK(n > 0);
  CHECK(count(p, CommandKind::Fence) == 2);  // the GEMM's barrier and the end of the launch
}
