// Reports of a run: the JSON report (a stable format that tools and the self-test parse), JUnit
// XML for CI systems, and the human summary (counts, coverage matrix, verdicts).
#pragma once

#include <string>
#include <vector>

#include "conformance/cts/summary.hpp"

namespace tisa::cts {

// The runner's options, as recorded in the report.
struct RunOptions {
  std::string driver;
  int device = 0;
  std::string profile;
  std::vector<std::string> extensions;
  std::vector<std::string> filters;
  int jobs = 1;
  double timeout_seconds = 20.0;
  std::string expected_failures;
  std::string mustpass;
  uint32_t isa_version = 0;  // --isa: only cases of this ISA version or older; 0: every case
};

struct Run {
  RunOptions options;
  DeviceClaims device;
  std::vector<CaseResult> results;
  std::vector<std::string> subjects;  // profiles and extensions judged
  double wall_seconds = 0.0;
};

// {"suite", "driver", "device", "options", "cases", "counts", "coverage", "verdicts"}
std::string report_json(const Run& run);
std::string junit_xml(const Run& run);
std::string summary_text(const Run& run);

}  // namespace tisa::cts
