// API cases: buffers (write, read, map, bounds), asynchronous launches with events and a zero
// timeout, chained launches, many executables alive at once, launches from several threads on
// one device, and errors that carry a code and a message.
#pragma once

#include <vector>

#include "conformance/cts/case.hpp"

namespace tisa::cts {

std::vector<Case> api_cases();

}  // namespace tisa::cts
