// The launch as a Chrome trace-event timeline (opens in Perfetto or chrome://tracing): one
// process per core, one track per engine, one slice per command; time in microseconds.
#pragma once

#include <string>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "drivers/dsa_sim/model/commands.hpp"
#include "drivers/dsa_sim/model/timing.hpp"

namespace tisa::dsa {

std::string chrome_trace(const Arch& arch, const Program& program, const Timeline& timeline);

}  // namespace tisa::dsa
