// The timing model: per core, the load, compute and store engines each run their commands in
// order; a command starts at max(its engine is free, its dependency tokens are done). DMA takes
// the DRAM latency plus bytes / bandwidth on one DRAM port that all cores share; a matmul tile
// takes SCALE-Sim's cycles for its dataflow; a vector op ceil(elements / lanes) + latency.
#pragma once

#include <cstdint>
#include <vector>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "drivers/dsa_sim/model/commands.hpp"
#include "drivers/dsa_sim/report/report.hpp"

namespace tisa::dsa {

struct TimingOptions {
  // SCALE-Sim's CALC mode: DMA is free (zero latency, unlimited bandwidth).
  bool unlimited_bandwidth = false;
};

struct CommandTime {
  uint64_t start = 0;
  uint64_t end = 0;
};

struct Timeline {
  std::vector<CommandTime> times;  // by command index
  Report report;
};

Timeline simulate(const Arch& arch, const Program& program, const TimingOptions& options = {});

}  // namespace tisa::dsa
