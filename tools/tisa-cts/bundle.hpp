// The submission bundle: one .tar.gz with the JSON report, JUnit XML, the device and driver
// (tisa-info --json when available), the suite version and source revision: what a vendor hands in.
#pragma once

#include <string>

#include "conformance/cts/report.hpp"

namespace tisa::cts::tool {

// Throws std::runtime_error when the archive cannot be written.
void write_bundle(const std::string& path, const Run& run, const std::string& command_line);

// Runs argv (posix_spawnp), returns its stdout; throws when it cannot start or fails.
std::string capture(const std::vector<std::string>& argv);

}  // namespace tisa::cts::tool
