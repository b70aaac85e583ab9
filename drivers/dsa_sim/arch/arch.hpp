// The accelerator description: what the simulated DSA is made of. A JSON file or a built-in
// preset; every field is checked, and a bad one is rejected with a message naming it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tisa::dsa {

// Which operand stays in the processing elements (SCALE-Sim's three dataflows).
enum class Dataflow : uint8_t { OutputStationary, WeightStationary, InputStationary };

std::string_view dataflow_name(Dataflow dataflow);  // "os", "ws", "is"

// Energy per action, in picojoules (Accelergy's model: total = action counts x energy/action).
struct EnergyTable {
  double mac_pj = 0;
  double sram_read_byte_pj = 0;
  double sram_write_byte_pj = 0;
  double dram_byte_pj = 0;
  double vector_op_pj = 0;
};

struct Arch {
  std::string name;
  uint32_t cores = 1;
  uint32_t rows = 0;  // systolic array rows x columns (per core)
  uint32_t cols = 0;
  Dataflow dataflow = Dataflow::OutputStationary;
  uint64_t scratchpad_bytes = 0;  // operand SRAM per core
  uint32_t scratchpad_banks = 1;
  uint64_t accumulator_bytes = 0;  // output SRAM per core
  uint32_t accumulator_banks = 1;
  uint32_t vector_lanes = 0;
  uint32_t vector_latency = 0;     // cycles from issue to result of one vector op
  double dma_bytes_per_cycle = 0;  // DRAM bandwidth, shared by all cores
  uint32_t dram_latency = 0;       // cycles per DMA transfer
  double clock_ghz = 0;
  EnergyTable energy;
};

// Parses and validates a description; throws tisa::Error(INVALID_ARGUMENT) naming the field
// ("array.rows: must be an integer in [1, 4096], got 0"). `origin` prefixes the message.
Arch parse_arch(std::string_view json_text, std::string_view origin = "accelerator description");
// Reads a JSON file, or resolves a preset when `name_or_path` is a preset name.
Arch load_arch(const std::string& name_or_path);
// Checks the ranges of every field (parse_arch calls it; presets pass it).
void validate_arch(const Arch& arch);
// The description as JSON text (parse_arch(to_json(a)) == a).
std::string arch_to_json(const Arch& arch);

// Built-in presets: edge-16x16, scalesim-32x32, datacenter-128x128.
std::vector<std::string> preset_names();
// Throws tisa::Error(INVALID_ARGUMENT) listing the presets when the name is unknown.
Arch preset(std::string_view name);
bool is_preset(std::string_view name);

}  // namespace tisa::dsa
