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

// Whether case c is one of subject's (a profile or an extension name): TISA-B's cases need no
// extension; an extension's are every case that needs it, alone or with others (a cast from
// f16 to bf16 is a case of Xf16 and of Xbf16).
bool in_subject(const Case& c, std::string_view subject);

}  // namespace tisa::cts
