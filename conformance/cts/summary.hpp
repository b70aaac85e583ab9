// What a run amounts to: counts, the op x dtype coverage matrix, and a verdict per profile and
// per extension. Pure functions of the results and of what the device claims.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "conformance/cts/case.hpp"

namespace tisa::cts {

struct CaseResult {
  std::string name;
  Status status = Status::Fail;
  std::string message;
  double seconds = 0.0;
};

// What the device claims, as its worker reported it.
struct DeviceClaims {
  std::string name;
  std::string kind;
  std::string extension_string;
  uint32_t flags = 0;
  uint32_t isa_version = 0;
  uint64_t extensions = 0;
  // Base (op, dtype) pairs the device does not support, "add on f32".
  std::vector<std::string> unsupported_base_pairs;
  // Driver.
  std::string driver_name;
  std::string driver_manifest;
  uint32_t abi_version = 0;
};

struct CoverageCell {
  std::string op, dtype;
  int pass = 0, fail = 0, not_supported = 0;
};

struct Verdict {
  std::string subject;  // "TISA-B", "Xf16", ...
  std::string verdict;  // Conformant, NotConformant, Incomplete, NotClaimed
  std::string reason;
};

std::map<Status, int> count_statuses(const std::vector<CaseResult>& results);
// Rows in registry order (op, then dtype); cells only for pairs some case exercised.
std::vector<CoverageCell> coverage(const std::vector<CaseResult>& results);
// subjects: the profiles and extensions to judge, each on the cases of the device's ISA version.
std::vector<Verdict> verdicts(const std::vector<CaseResult>& results, const DeviceClaims& device,
                              const std::vector<std::string>& subjects);
// The base profile and every extension of the registry.
std::vector<std::string> all_subjects();
// Cases that ran: everything but NotSupported.
int cases_run(const std::vector<CaseResult>& results);
// Exit status of a run: 1 on an unexpected Fail, Crash or Timeout, or when no case ran.
int exit_status(const std::vector<CaseResult>& results);

// Expected failures: lines "glob  # reason"; a failing match becomes XFail, a passing one Stale.
struct ExpectedFailure {
  std::string glob, reason;
};
std::vector<ExpectedFailure> parse_expected_failures(const std::string& text);
void apply_expected_failures(std::vector<CaseResult>& results, const std::vector<ExpectedFailure>& expected);

bool glob_match(const std::string& glob, const std::string& name);

}  // namespace tisa::cts
