// The worker process: opens the device once, then runs the cases named on stdin, one result
// line per case on stdout. The parent never loads a driver; a crash or hang here costs one case.
//
// Protocol (tab-separated, one line each; messages escape \\, \n and \t):
//   worker -> parent: HELLO <device claims JSON> | ERROR <message> (then exits)
//   parent -> worker: <case name>
//   worker -> parent: RESULT <status> <seconds> <message>
#pragma once

#include <string>

#include "conformance/cts/summary.hpp"
#include "tools/tisa-cts/options.hpp"

namespace tisa::cts::tool {

int run_worker(const Options& options);

std::string escape_field(const std::string& s);
std::string unescape_field(const std::string& s);
std::string claims_to_json(const DeviceClaims& claims);
DeviceClaims claims_from_json(const std::string& json);

}  // namespace tisa::cts::tool
