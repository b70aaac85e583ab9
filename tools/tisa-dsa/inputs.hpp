// Inputs for a module run only to be timed: shapes from the declared types and --dim, values
// deterministic and small (indices mostly in range), so every run is reproducible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/module.hpp"

namespace tisa::tools::dsa {

// Throws tisa::Error naming a symbol that has neither a --dim value nor an upper bound.
std::vector<ref::HostTensor> make_inputs(const ir::Module& module,
                                         const std::map<std::string, int64_t>& dims);

}  // namespace tisa::tools::dsa
