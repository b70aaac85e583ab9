#include "drivers/dsa_sim/report/report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tisa::dsa {

double Report::dram_bytes_per_cycle() const {
  return total_cycles
             ? static_cast<double>(dram_read_bytes + dram_write_bytes) / static_cast<double>(total_cycles)
             : 0.0;
}

std::string report_json(const Report& r, int indent) {
  using nlohmann::json;
  const double seconds = r.seconds();
  const double dram_bytes = static_cast<double>(r.dram_read_bytes + r.dram_write_bytes);
  json doc = {
      {"accelerator", r.arch_name},
      {"cores", r.cores},
      {"clock_ghz", r.clock_ghz},
      {"total_cycles", r.total_cycles},
      {"time_us", seconds * 1e6},
      {"busy_cycles",
       {{"load", r.busy_cycles[0]}, {"compute", r.busy_cycles[1]}, {"store", r.busy_cycles[2]}}},
      {"stall_cycles",
       {{"dependency", r.stall_dependency},
        {"dma_bound", r.stall_dma_bound},
        {"bank_conflict", r.stall_bank_conflict}}},
      {"commands",
       {{"total", r.commands},
        {"matmul_tiles", r.matmul_tiles},
        {"vector_ops", r.vector_ops},
        {"dma_transfers", r.dma_transfers},
        {"fences", r.fences}}},
      {"array",
       {{"macs", r.macs},
        {"cycles", r.array_cycles},
        {"folds", r.array_folds},
        {"mapping_efficiency", r.mapping_efficiency},
        {"compute_utilization", r.compute_utilization},
        {"overall_utilization", r.overall_utilization}}},
      {"vector_elements", r.vector_elements},
      {"sram",
       {{"scratchpad", {{"read_bytes", r.scratchpad.read_bytes}, {"write_bytes", r.scratchpad.write_bytes}}},
        {"accumulator",
         {{"read_bytes", r.accumulator.read_bytes}, {"write_bytes", r.accumulator.write_bytes}}}}},
      {"dram",
       {{"read_bytes", r.dram_read_bytes},
        {"write_bytes", r.dram_write_bytes},
        {"bytes_per_cycle", r.dram_bytes_per_cycle()},
        {"gb_per_s", seconds > 0 ? dram_bytes / seconds / 1e9 : 0.0}}},
      {"energy_uj",
       {{"mac", r.energy_mac_pj * 1e-6},
        {"sram", r.energy_sram_pj * 1e-6},
        {"dram", r.energy_dram_pj * 1e-6},
        {"vector", r.energy_vector_pj * 1e-6},
        {"total", r.energy_total_pj() * 1e-6}}},
  };
  return doc.dump(indent);
}

std::string report_table(const Report& r) {
  auto pct = [&](uint64_t part) {
    return r.total_cycles ? 100.0 * static_cast<double>(part) / static_cast<double>(r.total_cycles) : 0.0;
  };
  const double per_core = r.cores ? 1.0 / r.cores : 1.0;
  std::string out;
  out += fmt::format("accelerator        {} ({} core{}, {} GHz)\n", r.arch_name, r.cores,
                     r.cores == 1 ? "" : "s", r.clock_ghz);
  out += fmt::format("total cycles       {}  ({:.3f} us)\n", r.total_cycles, r.seconds() * 1e6);
  out += fmt::format(
      "busy cycles        load {} ({:.1f}%)  compute {} ({:.1f}%)  store {} ({:.1f}%)  [sum of cores, % of "
      "time per core]\n",
      r.busy_cycles[0], pct(r.busy_cycles[0]) * per_core, r.busy_cycles[1], pct(r.busy_cycles[1]) * per_core,
      r.busy_cycles[2], pct(r.busy_cycles[2]) * per_core);
  out += fmt::format("stall cycles       dependency {}  dma-bound {}  bank conflict {}\n", r.stall_dependency,
                     r.stall_dma_bound, r.stall_bank_conflict);
  out += fmt::format("commands           {} ({} matmul tiles, {} vector ops, {} DMA, {} fences)\n",
                     r.commands, r.matmul_tiles, r.vector_ops, r.dma_transfers, r.fences);
  out += fmt::format("array              {} MACs in {} cycles, {} folds\n", r.macs, r.array_cycles,
                     r.array_folds);
  out += fmt::format("utilization        mapping {:.1f}%  compute {:.1f}%  overall {:.1f}%\n",
                     100 * r.mapping_efficiency, 100 * r.compute_utilization, 100 * r.overall_utilization);
  out += fmt::format("scratchpad         read {} B  written {} B\n", r.scratchpad.read_bytes,
                     r.scratchpad.write_bytes);
  out += fmt::format("accumulator        read {} B  written {} B\n", r.accumulator.read_bytes,
                     r.accumulator.write_bytes);
  out += fmt::format("DRAM               read {} B  written {} B  ({:.2f} B/cycle)\n", r.dram_read_bytes,
                     r.dram_write_bytes, r.dram_bytes_per_cycle());
  out += fmt::format("energy (uJ)        MAC {:.3f}  SRAM {:.3f}  DRAM {:.3f}  vector {:.3f}  total {:.3f}\n",
                     r.energy_mac_pj * 1e-6, r.energy_sram_pj * 1e-6, r.energy_dram_pj * 1e-6,
                     r.energy_vector_pj * 1e-6, r.energy_total_pj() * 1e-6);
  return out;
}

}  // namespace tisa::dsa
