// Helpers for the ONNX importer tests: small models written with the ONNX protobuf classes,
// imported, and evaluated with the reference evaluator.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "../ops_test_util.hpp"
#include "frontends/onnx/model.hpp"

namespace tisa::onnx_import::test {

using ops::test::HostTensor;
using ops::test::Shape;

// A dim of a graph input: a literal or a dim_param name.
struct Dim {
  Dim(int64_t v) : value(v) {}  // NOLINT: implicit on purpose, {2, "N"} reads well
  Dim(const char* p) : param(p) {}
  int64_t value = -1;
  std::string param;
};

class ModelWriter {
 public:
  explicit ModelWriter(int64_t opset = 13) {
    model_.set_ir_version(8);
    auto* o = model_.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    model_.mutable_graph()->set_name("test");
  }

  void input(const std::string& name, int32_t elem_type, const std::vector<Dim>& dims) {
    auto* v = model_.mutable_graph()->add_input();
    v->set_name(name);
    auto* tt = v->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(elem_type);
    auto* shape = tt->mutable_shape();
    for (const Dim& d : dims) {
      auto* dim = shape->add_dim();
      if (d.param.empty())
        dim->set_dim_value(d.value);
      else
        dim->set_dim_param(d.param);
    }
  }
  void output(const std::string& name) { model_.mutable_graph()->add_output()->set_name(name); }

  void floats(const std::string& name, const Shape& shape, const std::vector<float>& v) {
    auto* t = model_.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : shape) t->add_dims(d);
    for (float x : v) t->add_float_data(x);
  }
  void ints(const std::string& name, const Shape& shape, const std::vector<int64_t>& v) {
    auto* t = model_.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    for (int64_t d : shape) t->add_dims(d);
    t->set_raw_data(v.data(), v.size() * sizeof(int64_t));
  }

  onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::string& name = "") {
    auto* n = model_.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& i : inputs) n->add_input(i);
    for (const auto& o : outputs) n->add_output(o);
    return *n;
  }

  const onnx::ModelProto& model() const { return model_; }
  // Through the serialized form, as a file would be read.
  ir::Module import() const {
    const std::string bytes = model_.SerializeAsString();
    return import_bytes(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  }

 private:
  onnx::ModelProto model_;
};

inline void attr_int(onnx::NodeProto& n, const std::string& name, int64_t v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}
inline void attr_float(onnx::NodeProto& n, const std::string& name, float v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}
inline void attr_ints(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}
inline void attr_string(onnx::NodeProto& n, const std::string& name, const std::string& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

// The module's outputs on the inputs, by the reference evaluator.
inline std::vector<HostTensor> run(const ir::Module& m, const std::vector<HostTensor>& inputs) {
  return ref::evaluate(m, inputs);
}

}  // namespace tisa::onnx_import::test
