// Negative cases: malformed and invalid modules are rejected by tisa_module_load with a message;
// launches with wrong arguments are rejected with INVALID_ARGUMENT and a message; nothing crashes.
#pragma once

#include <vector>

#include "conformance/cts/case.hpp"

namespace tisa::cts {

std::vector<Case> negative_cases();

}  // namespace tisa::cts
