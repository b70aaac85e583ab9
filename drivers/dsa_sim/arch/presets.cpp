// The built-in accelerator presets. Energy figures are illustrative fp32 magnitudes of a ~45 nm
// process (Horowitz, ISSCC 2014 scale: DRAM byte >> SRAM byte > MAC), not a measured chip.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "hal/ir/error.hpp"

namespace tisa::dsa {
namespace {

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * kKiB;

EnergyTable fp32_energy() {
  return {3.7, 1.2, 1.4, 40.0, 1.0};
}

Arch edge_16x16() {
  Arch a;
  a.name = "edge-16x16";
  a.cores = 1;
  a.rows = 16;
  a.cols = 16;
  a.dataflow = Dataflow::WeightStationary;
  a.scratchpad_bytes = 256 * kKiB;
  a.scratchpad_banks = 4;
  a.accumulator_bytes = 64 * kKiB;
  a.accumulator_banks = 2;
  a.vector_lanes = 16;
  a.vector_latency = 4;
  a.dma_bytes_per_cycle = 16;
  a.dram_latency = 100;
  a.clock_ghz = 0.8;
  a.energy = fp32_energy();
  return a;
}

// SCALE-Sim v2's default configuration: a 32x32 output-stationary array, 64 KiB each for the
// ifmap and filter SRAMs (our scratchpad holds both) and for the ofmap SRAM (our accumulator).
Arch scalesim_32x32() {
  Arch a;
  a.name = "scalesim-32x32";
  a.cores = 1;
  a.rows = 32;
  a.cols = 32;
  a.dataflow = Dataflow::OutputStationary;
  a.scratchpad_bytes = 128 * kKiB;
  a.scratchpad_banks = 2;
  a.accumulator_bytes = 64 * kKiB;
  a.accumulator_banks = 2;
  a.vector_lanes = 32;
  a.vector_latency = 4;
  a.dma_bytes_per_cycle = 64;
  a.dram_latency = 100;
  a.clock_ghz = 1.0;
  a.energy = fp32_energy();
  return a;
}

// A TPU-like part: four cores of 128x128, 1 TB/s of DRAM bandwidth shared at 1 GHz.
Arch datacenter_128x128() {
  Arch a;
  a.name = "datacenter-128x128";
  a.cores = 4;
  a.rows = 128;
  a.cols = 128;
  a.dataflow = Dataflow::WeightStationary;
  a.scratchpad_bytes = 8 * kMiB;
  a.scratchpad_banks = 8;
  a.accumulator_bytes = 4 * kMiB;
  a.accumulator_banks = 4;
  a.vector_lanes = 128;
  a.vector_latency = 8;
  a.dma_bytes_per_cycle = 1024;
  a.dram_latency = 500;
  a.clock_ghz = 1.0;
  a.energy = fp32_energy();
  return a;
}

}  // namespace

std::vector<std::string> preset_names() {
  return {"edge-16x16", "scalesim-32x32", "datacenter-128x128"};
}

bool is_preset(std::string_view name) {
  for (const std::string& p : preset_names()) {
    if (p == name) return true;
  }
  return false;
}

Arch preset(std::string_view name) {
  if (name == "edge-16x16") return edge_16x16();
  if (name == "scalesim-32x32") return scalesim_32x32();
  if (name == "datacenter-128x128") return datacenter_128x128();
  invalid("unknown accelerator preset '{}' (presets: {})", name, fmt::join(preset_names(), ", "));
}

}  // namespace tisa::dsa
