// Text assembly for modules: print() and parse() round-trip. Parse errors name line:column.
#pragma once

#include <string>
#include <string_view>

#include "hal/ir/module.hpp"

namespace tisa::ir {

// The header names the version encode() would write: the lowest defining what the module uses.
std::string print(const Module& module);
// Structure only, like decode(); call verify() next. Throws Error(INVALID_ARGUMENT) with
// "line L, column C: ..." messages.
Module parse(std::string_view text);

}  // namespace tisa::ir
