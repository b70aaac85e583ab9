// Typed reads of a node's attributes. Every error names the node, its op type and the
// attribute. Reads are recorded so that the importer can reject attributes no converter read
// (an attribute it does not understand must not be silently ignored).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "onnx/onnx_pb.h"

namespace tisa::onnx_import {

// "node 'conv1' (Conv)", or "node #3 (Conv)" when the node has no name.
std::string describe(const onnx::NodeProto& node, size_t index);

class Attributes {
 public:
  Attributes(const onnx::NodeProto& node, std::string where) : node_(node), where_(std::move(where)) {}

  bool has(const std::string& name) const { return find(name) != nullptr; }
  int64_t i(const std::string& name, int64_t fallback);
  std::optional<int64_t> i(const std::string& name);
  double f(const std::string& name, double fallback);
  std::optional<double> f(const std::string& name);
  std::string s(const std::string& name, const std::string& fallback);
  std::optional<std::vector<int64_t>> ints(const std::string& name);
  std::vector<int64_t> ints(const std::string& name, std::vector<int64_t> fallback);
  std::optional<std::vector<double>> floats(const std::string& name);
  std::optional<std::vector<std::string>> strings(const std::string& name);
  const onnx::TensorProto* t(const std::string& name);
  // Accepted and without effect here (e.g. Dropout's seed).
  void ignore(const std::string& name) { read_.insert(name); }

  // Throws for an attribute that no read touched.
  void check_all_read() const;
  // "node 'x' (Op): attribute 'a': " + message, as a tisa::Error (INVALID_ARGUMENT or
  // UNIMPLEMENTED for unsupported values).
  [[noreturn]] void bad(const std::string& name, const std::string& message) const;
  [[noreturn]] void unsupported(const std::string& name, const std::string& message) const;

 private:
  const onnx::AttributeProto* find(const std::string& name) const;
  const onnx::AttributeProto* get(const std::string& name, onnx::AttributeProto::AttributeType type);

  const onnx::NodeProto& node_;
  std::string where_;
  std::set<std::string> read_;
};

}  // namespace tisa::onnx_import
