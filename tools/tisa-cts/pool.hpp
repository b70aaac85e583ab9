// Worker processes: each runs cases one at a time; the pool enforces the per-case timeout
// (kill, record Timeout, start a fresh worker), records a worker's death mid-case as Crash with
// its signal, and goes on with the rest.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/cts/summary.hpp"

namespace tisa::cts::tool {

struct PoolConfig {
  std::string executable;              // what to exec (this program)
  std::vector<std::string> arguments;  // argv, argv[0] included
  int jobs = 1;
  double timeout_seconds = 20.0;
};

struct PoolResult {
  std::optional<DeviceClaims> device;  // from the first worker that opened it
  std::string fatal;                   // a worker could not open the device
  std::vector<CaseResult> results;     // in the order of names
};

using Progress = std::function<void(size_t done, size_t total, const CaseResult& last)>;

PoolResult run_pool(const PoolConfig& config, const std::vector<std::string>& names,
                    const Progress& progress);

}  // namespace tisa::cts::tool
