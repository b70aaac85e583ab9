// tisa-cts command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "conformance/cts/report.hpp"

namespace tisa::cts::tool {

struct Options {
  RunOptions run;
  std::string report;  // --report FILE.json
  std::string junit;   // --junit FILE.xml
  std::string bundle;  // --bundle OUT.tar.gz
  bool list = false;
  bool worker = false;  // hidden: run cases named on stdin
  bool quiet = false;   // no summary on stdout
};

// Throws std::runtime_error with a message naming the bad argument. Returns nullopt for --help.
std::optional<Options> parse_options(int argc, char** argv);
std::string usage();

// The worker's command line for the same driver and device.
std::vector<std::string> worker_arguments(const Options& options);

}  // namespace tisa::cts::tool
