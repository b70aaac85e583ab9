// Program cases: compositions that drivers fuse (softmax, layernorm, attention, convolution,
// pooling, elementwise chains, reductions feeding broadcasts), and seeded random well-typed
// programs. Each runs at O0 and at O2, as separate cases.
#pragma once

#include <vector>

#include "conformance/cts/module_case.hpp"

namespace tisa::cts {

std::vector<Case> program_cases();
std::vector<Case> random_program_cases();

// The random program of seed name (the level suffix excluded), for tests.
ModuleCase random_program(std::string_view seed_name, tisa_opt_level_t level);

inline constexpr int kRandomProgramCount = 150;

}  // namespace tisa::cts
