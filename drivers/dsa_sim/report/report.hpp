// What one launch cost on the simulated accelerator: cycles, engine activity, stalls, array
// utilization (SCALE-Sim's definitions), SRAM and DRAM traffic, energy (action counts x energy
// per action, as Accelergy estimates it).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "drivers/dsa_sim/model/commands.hpp"

namespace tisa::dsa {

struct SramTraffic {
  uint64_t read_bytes = 0;
  uint64_t write_bytes = 0;
};

struct Report {
  std::string arch_name;
  uint32_t cores = 1;
  double clock_ghz = 1;
  uint64_t total_cycles = 0;
  std::array<uint64_t, kEngineCount> busy_cycles{};  // summed over cores, by Engine
  // Stall cycles: an engine had its next command but waited for ...
  uint64_t stall_dependency = 0;     // ... a dependency token
  uint64_t stall_dma_bound = 0;      // ... the shared DRAM port (bandwidth)
  uint64_t stall_bank_conflict = 0;  // ... a bank another engine was using
  uint64_t commands = 0, matmul_tiles = 0, vector_ops = 0, dma_transfers = 0, fences = 0;
  uint64_t macs = 0;
  uint64_t array_cycles = 0;  // the compute engines' time in matmul tiles
  uint64_t array_folds = 0;
  double mapping_efficiency = 0;   // mean over folds (SCALE-Sim)
  double compute_utilization = 0;  // mean over folds (SCALE-Sim)
  double overall_utilization = 0;  // MACs / (PEs of all cores x total cycles)
  uint64_t vector_elements = 0;
  SramTraffic scratchpad, accumulator;
  uint64_t dram_read_bytes = 0, dram_write_bytes = 0;
  // Energy in picojoules.
  double energy_mac_pj = 0, energy_sram_pj = 0, energy_dram_pj = 0, energy_vector_pj = 0;

  double seconds() const { return static_cast<double>(total_cycles) / (clock_ghz * 1e9); }
  double dram_bytes_per_cycle() const;
  double energy_total_pj() const {
    return energy_mac_pj + energy_sram_pj + energy_dram_pj + energy_vector_pj;
  }
};

// One JSON object, keys in snake_case; indent -1 gives one line.
std::string report_json(const Report& report, int indent = 2);
std::string report_table(const Report& report);  // aligned text for people

}  // namespace tisa::dsa
