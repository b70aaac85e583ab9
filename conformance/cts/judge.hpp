// Judges a module's outputs from a device against the references: exact where the op's
// numerics (or the dtype) say so, the bounded modes against the binary64 oracle otherwise, and
// the program bound for multi-op programs.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "conformance/cts/module_case.hpp"
#include "conformance/cts/promote.hpp"

namespace tisa::cts {

struct References {
  std::vector<ref::HostTensor> exact;  // the reference driver's semantics, in the module's dtypes
  std::optional<Oracle64> oracle;      // binary64, when a float output is bounded
  std::vector<ref::HostTensor> ref64;  // the oracle's outputs (originals, then extras)
  std::vector<ir::Shape> shapes;       // every value's concrete shape
  bool device_flushes = false;         // the device declares TISA_DEVICE_FLAG_FLUSH_SUBNORMALS
  // On such a device, when an input holds subnormals: the references with them read as zeros.
  std::shared_ptr<const References> flushed;
};

// Whether judging mc needs the binary64 oracle.
bool needs_oracle(const ModuleCase& mc);
// device_flushes: judge as spec 4.4 allows a device that flushes subnormals to zero.
References compute_references(const ModuleCase& mc, bool device_flushes = false);

// Empty when every output conforms; otherwise up to a few failing elements, described.
std::optional<std::string> judge_outputs(const ModuleCase& mc, const References& refs,
                                         std::span<const ref::HostTensor> outputs);

// "[2, 3]" for a linear index in shape.
std::string index_text(const ir::Shape& shape, int64_t linear);

}  // namespace tisa::cts
