#include "drivers/dsa_sim/model/timing.hpp"

#include <algorithm>
#include <cmath>

#include "drivers/dsa_sim/model/dram_port.hpp"
#include "drivers/dsa_sim/model/systolic.hpp"
#include "hal/ir/error.hpp"

namespace tisa::dsa {
namespace {

constexpr uint32_t kMaxBanks = 64;

// Who last used a bank, until when: another engine must wait for it (a bank conflict).
struct BankUse {
  uint64_t end = 0;
  uint8_t engine = 0;
};

class Simulator {
 public:
  Simulator(const Arch& arch, const Program& program, const TimingOptions& options)
      : arch_(arch), program_(program), options_(options) {
    engine_free_.assign(static_cast<size_t>(program.cores) * kEngineCount, 0);
    banks_.assign(static_cast<size_t>(program.cores) * 2 * kMaxBanks, BankUse{});
    Report& r = timeline_.report;
    r.arch_name = arch.name;
    r.cores = arch.cores;
    r.clock_ghz = arch.clock_ghz;
  }

  Timeline run() {
    const std::vector<Command>& cmds = program_.commands;
    timeline_.times.resize(cmds.size());
    for (size_t i = 0; i < cmds.size(); ++i) step(i, cmds[i]);
    finish();
    return std::move(timeline_);
  }

 private:
  void step(size_t index, const Command& c) {
    if (c.core >= program_.cores)
      fail(TISA_INTERNAL, "dsa_sim: command c{} is on core {} of {}", index, c.core, program_.cores);
    Report& r = timeline_.report;
    ++r.commands;
    if (c.kind == CommandKind::Fence) {
      ++r.fences;
      std::fill(engine_free_.begin(), engine_free_.end(), max_end_);
      timeline_.times[index] = {max_end_, max_end_};
      return;
    }
    const uint32_t e = static_cast<uint32_t>(c.engine());
    uint64_t& free = engine_free_[c.core * kEngineCount + e];
    uint64_t ready = 0;
    for (uint32_t d : c.deps) {
      if (d == kNoCommand) continue;
      if (d >= index) fail(TISA_INTERNAL, "dsa_sim: command c{} waits on a later command c{}", index, d);
      ready = std::max(ready, timeline_.times[d].end);
    }
    uint64_t issue = std::max(free, ready);
    if (ready > free) r.stall_dependency += ready - free;
    const Sram sram = c.kind == CommandKind::DmaStore ? c.sram : Sram::Scratchpad;
    const uint32_t bank_count = sram == Sram::Scratchpad ? arch_.scratchpad_banks : arch_.accumulator_banks;
    BankUse& bank = banks_[(c.core * 2 + static_cast<uint32_t>(sram)) * kMaxBanks + c.bank % bank_count];
    if (bank.engine != e && bank.end > issue) {
      r.stall_bank_conflict += bank.end - issue;
      issue = bank.end;
    }
    CommandTime t{issue, issue};
    switch (c.kind) {
      case CommandKind::DmaLoad:
      case CommandKind::DmaStore: t = dma(c, issue, free); break;
      case CommandKind::Matmul:
        t.end = issue + matmul(c);
        free = t.end;
        break;
      case CommandKind::Vector:
        t.end = issue + vector(c);
        free = t.end;
        break;
      case CommandKind::Fence: break;
    }
    r.busy_cycles[e] +=
        c.kind == CommandKind::DmaLoad || c.kind == CommandKind::DmaStore ? free - t.start : t.end - t.start;
    bank = {t.end, static_cast<uint8_t>(e)};
    timeline_.times[index] = t;
    max_end_ = std::max(max_end_, t.end);
  }

  // The transfer holds the shared DRAM port for bytes / bandwidth; the latency overlaps with
  // the engine's next request, so the engine is free when its bytes have left the port.
  CommandTime dma(const Command& c, uint64_t issue, uint64_t& free) {
    Report& r = timeline_.report;
    ++r.dma_transfers;
    const uint64_t payload = c.rows * c.row_bytes;
    if (c.kind == CommandKind::DmaLoad) {
      r.dram_read_bytes += payload;
      r.scratchpad.write_bytes += c.dma_bytes();
    } else {
      r.dram_write_bytes += payload;
      (c.sram == Sram::Scratchpad ? r.scratchpad : r.accumulator).read_bytes += payload;
    }
    if (options_.unlimited_bandwidth) {
      free = issue;
      return {issue, issue};
    }
    const auto transfer =
        static_cast<uint64_t>(std::ceil(static_cast<double>(payload) / arch_.dma_bytes_per_cycle));
    const uint64_t port = port_.book(issue, transfer);
    r.stall_dma_bound += port - issue;
    free = port + transfer;
    if (++bookings_ % 1024 == 0) {
      // No DMA engine can issue before the earliest one is free.
      uint64_t horizon = UINT64_MAX;
      for (size_t i = 0; i < engine_free_.size(); ++i) {
        if (i % kEngineCount != static_cast<size_t>(Engine::Compute))
          horizon = std::min(horizon, engine_free_[i]);
      }
      port_.forget_before(horizon);
    }
    return {port, free + arch_.dram_latency};
  }

  uint64_t matmul(const Command& c) {
    Report& r = timeline_.report;
    ++r.matmul_tiles;
    const GemmTiming g = systolic_gemm(arch_.rows, arch_.cols, arch_.dataflow, c.m, c.n, c.k);
    r.macs += g.macs;
    r.array_cycles += g.cycles;
    r.array_folds += g.folds;
    mapping_sum_ += g.mapping_efficiency * static_cast<double>(g.folds);
    utilization_sum_ += g.compute_utilization * static_cast<double>(g.folds);
    r.scratchpad.read_bytes += (g.a_reads + g.b_reads) * c.elem_bytes;
    r.accumulator.write_bytes += g.c_writes * c.acc_bytes;
    if (c.accumulate) r.accumulator.read_bytes += static_cast<uint64_t>(c.m) * c.n * c.acc_bytes;
    return g.cycles;
  }

  uint64_t vector(const Command& c) {
    Report& r = timeline_.report;
    ++r.vector_ops;
    r.vector_elements += c.elements;
    r.scratchpad.read_bytes += c.read_bytes;
    r.scratchpad.write_bytes += c.write_bytes;
    return (c.elements + arch_.vector_lanes - 1) / arch_.vector_lanes + arch_.vector_latency;
  }

  void finish() {
    Report& r = timeline_.report;
    r.total_cycles = max_end_;
    if (r.array_folds) {
      r.mapping_efficiency = mapping_sum_ / static_cast<double>(r.array_folds);
      r.compute_utilization = utilization_sum_ / static_cast<double>(r.array_folds);
    }
    if (r.total_cycles) {
      const double pes = static_cast<double>(arch_.rows) * arch_.cols * arch_.cores;
      r.overall_utilization = static_cast<double>(r.macs) / (pes * static_cast<double>(r.total_cycles));
    }
    const EnergyTable& e = arch_.energy;
    r.energy_mac_pj = static_cast<double>(r.macs) * e.mac_pj;
    r.energy_sram_pj =
        static_cast<double>(r.scratchpad.read_bytes + r.accumulator.read_bytes) * e.sram_read_byte_pj +
        static_cast<double>(r.scratchpad.write_bytes + r.accumulator.write_bytes) * e.sram_write_byte_pj;
    r.energy_dram_pj = static_cast<double>(r.dram_read_bytes + r.dram_write_bytes) * e.dram_byte_pj;
    r.energy_vector_pj = static_cast<double>(r.vector_elements) * e.vector_op_pj;
  }

  const Arch& arch_;
  const Program& program_;
  TimingOptions options_;
  Timeline timeline_;
  std::vector<uint64_t> engine_free_;  // by core x engine
  std::vector<BankUse> banks_;         // by core x SRAM x bank
  DramPort port_;
  uint64_t bookings_ = 0;
  uint64_t max_end_ = 0;
  double mapping_sum_ = 0, utilization_sum_ = 0;
};

}  // namespace

Timeline simulate(const Arch& arch, const Program& program, const TimingOptions& options) {
  if (program.cores != arch.cores) {
    invalid("dsa_sim: the program was lowered for {} cores, the accelerator has {}", program.cores,
            arch.cores);
  }
  return Simulator(arch, program, options).run();
}

}  // namespace tisa::dsa
