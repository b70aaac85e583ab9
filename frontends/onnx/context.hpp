// The state of one import: the builder, what each ONNX value name stands for, and the view a
// converter gets of the node it converts (its inputs, attributes and outputs).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "drivers/reference/kernels/evaluate.hpp"
#include "frontends/onnx/attributes.hpp"
#include "frontends/ops/common.hpp"
#include "hal/ir/error.hpp"

namespace tisa::onnx_import {

using ir::Expr;
using ir::Value;

// An ONNX value during the import. Small integer tensors (rank 0 or 1) computed from shapes or
// constants keep their elements as shape expressions (`known`), so that Shape -> Gather ->
// Concat -> Reshape folds to a literal or symbolic shape; a tensor is built (`value`) only when
// an op needs it as data.
struct Entry {
  std::optional<Value> value;
  std::optional<ref::HostTensor> constant;  // initializers and Constant outputs
  std::optional<std::vector<Expr>> known;
  bool known_scalar = false;
  tisa_dtype_t known_dtype = TISA_DTYPE_I64;
};

class Graph {
 public:
  explicit Graph(ir::Builder& builder) : b(builder) {}
  ir::Builder& b;
  int64_t opset = 0;
  std::map<std::string, Entry> entries;

  Entry& entry(const std::string& name, const std::string& where);
  Value materialize(Entry& e);
  // A constant entry; small integer ones are also known.
  void set_constant(const std::string& name, ref::HostTensor t);
  // A graph input whose value is also given at import (ImportOptions::specialize).
  void specialize(const std::string& name, ref::HostTensor t);
};

class NodeContext {
 public:
  NodeContext(Graph& graph, const onnx::NodeProto& node, std::string where)
      : b(graph.b), node(node), where(where), attr(node, where), opset(graph.opset), graph_(graph) {}

  ir::Builder& b;
  const onnx::NodeProto& node;
  const std::string where;
  Attributes attr;
  const int64_t opset;

  // Inputs: an empty name is an omitted optional input.
  size_t input_count() const { return static_cast<size_t>(node.input_size()); }
  bool has(size_t i) const { return i < input_count() && !node.input(static_cast<int>(i)).empty(); }
  Value in(size_t i);
  std::optional<Value> opt(size_t i);
  std::vector<Value> all_inputs();
  // The elements of an integer input of rank <= 1 when they are known (constants and shape
  // computations); nullopt otherwise.
  const Entry* known(size_t i);
  // Literal integers of an input (constant or folded); throws naming `what` otherwise.
  std::vector<int64_t> ints(size_t i, const std::string& what);
  std::vector<double> floats(size_t i, const std::string& what);
  // Shape expressions of a known input (literal or symbolic).
  std::vector<Expr> exprs(size_t i, const std::string& what);

  size_t output_count() const { return static_cast<size_t>(node.output_size()); }
  bool wants(size_t i) const { return i < output_count() && !node.output(static_cast<int>(i)).empty(); }
  void out(size_t i, Value v);
  void out_known(size_t i, std::vector<Expr> values, bool scalar, tisa_dtype_t dtype = TISA_DTYPE_I64);
  void out_constant(size_t i, ref::HostTensor t);

  tisa_dtype_t dtype(Value v) const { return b.type(v).dtype; }
  std::vector<Expr> dims(Value v) const { return b.type(v).dims; }
  int64_t rank(Value v) const { return static_cast<int64_t>(b.type(v).rank()); }

  template <typename... Args>
  [[noreturn]] void error(fmt::format_string<Args...> format, Args&&... args) const {
    fail(TISA_INVALID_ARGUMENT, "{}: {}", where, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  [[noreturn]] void unsupported(fmt::format_string<Args...> format, Args&&... args) const {
    fail(TISA_UNIMPLEMENTED, "{}: {}", where, fmt::format(format, std::forward<Args>(args)...));
  }

 private:
  const ref::HostTensor& constant_of(size_t i, const std::string& what);
  Graph& graph_;
};

}  // namespace tisa::onnx_import
