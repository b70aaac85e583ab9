// The catalog: every case of the suite, in a fixed order, found by name.
#pragma once

#include <string_view>
#include <vector>

#include "conformance/cts/case.hpp"

namespace tisa::cts {

// Op, program, random-program, negative and API cases. With the environment variable
// TISA_CTS_SELFTEST=1 also the runner's self-test cases (selftest.*: pass, fail, crash, hang),
// which are outside every profile.
const std::vector<Case>& all_cases();
const Case* find_case(std::string_view name);

inline constexpr std::string_view kSelfTestProfile = "selftest";

}  // namespace tisa::cts
