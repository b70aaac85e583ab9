#include "frontends/onnx/importer.hpp"

#include <fstream>
#include <iterator>
#include <set>

#include "frontends/onnx/converters.hpp"
#include "frontends/onnx/model.hpp"
#include "frontends/onnx/tensor_proto.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::onnx_import {

namespace {

// Module names must be plain identifiers: anything else becomes '_'.
std::string identifier(const std::string& name, const std::string& fallback) {
  std::string s;
  for (char c : name) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  if (s.empty()) return fallback;
  if (std::isdigit(static_cast<unsigned char>(s[0]))) s = "_" + s;
  return s;
}

int64_t default_opset(const onnx::ModelProto& model) {
  int64_t opset = -1;
  for (const auto& o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx") opset = o.version();
  if (opset < 0) invalid("the model imports no opset of the default ONNX domain");
  if (opset < kMinOpset || opset > kMaxOpset)
    fail(TISA_UNIMPLEMENTED, "the model uses opset {} of the ONNX domain; the importer supports {} to {}",
         opset, kMinOpset, kMaxOpset);
  return opset;
}

void require_extension(tisa_extension_mask_t& mask, tisa_dtype_t dtype) {
  const tisa_extension_t ext = ir::dtype_extension(dtype);
  if (ext != TISA_EXT_BASE) mask |= TISA_EXT_MASK(ext);
}

// The dtype extensions the model needs: from every typed value and Cast target it declares.
tisa_extension_mask_t extensions_of(const onnx::GraphProto& graph) {
  tisa_extension_mask_t mask = 0;
  auto add = [&](int32_t onnx_type) {
    if (auto d = dtype_of(onnx_type)) require_extension(mask, *d);
  };
  for (const auto& t : graph.initializer()) add(t.data_type());
  for (const auto* list : {&graph.input(), &graph.output(), &graph.value_info()})
    for (const auto& v : *list)
      if (v.type().has_tensor_type()) add(v.type().tensor_type().elem_type());
  for (const auto& node : graph.node())
    for (const auto& a : node.attribute()) {
      if (a.name() == "to" && a.type() == onnx::AttributeProto::INT) add(static_cast<int32_t>(a.i()));
      if (a.type() == onnx::AttributeProto::TENSOR) add(a.t().data_type());
    }
  return mask;
}

class Importer {
 public:
  Importer(const onnx::ModelProto& model, const ImportOptions& options)
      : model_(model), options_(options), builder_(extensions_of(model.graph())), graph_(builder_) {
    graph_.opset = default_opset(model);
  }

  ir::Module run() {
    const onnx::GraphProto& g = model_.graph();
    for (const auto& t : g.initializer())
      graph_.set_constant(t.name(), to_host(t, fmt::format("initializer '{}'", t.name())));
    for (const auto& in : g.input())
      if (!graph_.entries.count(in.name())) {
        declare_input(in);
        auto it = options_.specialize.find(in.name());
        if (it != options_.specialize.end()) graph_.specialize(in.name(), it->second);
      }
    const ConverterTable& table = converters();
    for (int i = 0; i < g.node_size(); ++i) convert(g.node(i), static_cast<size_t>(i), table);
    if (g.output_size() == 0) invalid("the graph has no outputs");
    for (const auto& out : g.output()) {
      Entry& e = graph_.entry(out.name(), "graph output");
      builder_.output(graph_.materialize(e));
    }
    return builder_.finish();
  }

 private:
  Expr symbol_for(const std::string& name) {
    const std::string id = identifier(name, "dim");
    auto it = symbols_.find(id);
    if (it != symbols_.end()) return it->second;
    return symbols_.emplace(id, builder_.symbol(id)).first->second;
  }

  void declare_input(const onnx::ValueInfoProto& in) {
    const std::string what = fmt::format("graph input '{}'", in.name());
    if (!in.type().has_tensor_type())
      fail(TISA_UNIMPLEMENTED, "{}: only tensor inputs are supported (no sequences, maps or optionals)",
           what);
    const auto& tt = in.type().tensor_type();
    const auto dtype = dtype_of(tt.elem_type());
    if (!dtype)
      fail(TISA_UNIMPLEMENTED, "{}: element type {} has no TISA dtype", what, onnx_type_name(tt.elem_type()));
    if (!tt.has_shape())
      fail(TISA_UNIMPLEMENTED, "{}: an input without a shape (unknown rank) is not supported", what);
    std::vector<Expr> dims;
    for (int d = 0; d < tt.shape().dim_size(); ++d) {
      const auto& dim = tt.shape().dim(d);
      if (dim.has_dim_value()) {
        if (dim.dim_value() < 0) invalid("{}: dimension {} is negative ({})", what, d, dim.dim_value());
        dims.push_back(Expr::lit(dim.dim_value()));
      } else if (dim.has_dim_param() && !dim.dim_param().empty()) {
        dims.push_back(symbol_for(dim.dim_param()));
      } else {
        dims.push_back(symbol_for(fmt::format("{}_d{}", identifier(in.name(), "input"), d)));
      }
    }
    Entry e;
    e.value = builder_.input(*dtype, std::move(dims), identifier(in.name(), "input"));
    graph_.entries[in.name()] = std::move(e);
  }

  void convert(const onnx::NodeProto& node, size_t index, const ConverterTable& table) {
    const std::string where = describe(node, index);
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      fail(TISA_UNIMPLEMENTED, "{}: operator domain '{}' is not supported", where, node.domain());
    auto it = table.find(node.op_type());
    if (it == table.end())
      fail(TISA_UNIMPLEMENTED, "{}: operator {} is not supported by the TISA importer", where,
           node.op_type());
    NodeContext ctx(graph_, node, where);
    try {
      it->second(ctx);
    } catch (const Error& e) {
      if (e.message().starts_with(where)) throw;
      throw Error(e.code(), fmt::format("{}: {}", where, e.message()));
    }
    ctx.attr.check_all_read();
    for (size_t o = 0; o < ctx.output_count(); ++o)
      if (ctx.wants(o) && !graph_.entries.count(node.output(static_cast<int>(o))))
        fail(TISA_UNIMPLEMENTED, "{}: output {} ('{}') is not supported", where, o,
             node.output(static_cast<int>(o)));
  }

  const onnx::ModelProto& model_;
  const ImportOptions& options_;
  ir::Builder builder_;
  Graph graph_;
  std::map<std::string, Expr> symbols_;
};

}  // namespace

ir::Module import_model(const onnx::ModelProto& model, const ImportOptions& options) {
  if (!model.has_graph()) invalid("the model has no graph");
  return Importer(model, options).run();
}

namespace {

// The graph inputs that are not initializers, in order: the module's inputs.
std::vector<const onnx::ValueInfoProto*> module_inputs(const onnx::ModelProto& model) {
  std::set<std::string> initializers;
  for (const auto& t : model.graph().initializer()) initializers.insert(t.name());
  std::vector<const onnx::ValueInfoProto*> inputs;
  for (const auto& in : model.graph().input())
    if (!initializers.count(in.name())) inputs.push_back(&in);
  return inputs;
}

}  // namespace

std::vector<std::string> graph_input_names(const onnx::ModelProto& model) {
  std::vector<std::string> names;
  for (const onnx::ValueInfoProto* in : module_inputs(model)) names.push_back(in->name());
  return names;
}

namespace {

onnx::ModelProto parse_model(std::span<const uint8_t> bytes) {
  onnx::ModelProto model;
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    invalid("not a valid ONNX model (protobuf parsing failed)");
  return model;
}

}  // namespace

ir::Module import_bytes(std::span<const uint8_t> bytes, const ImportOptions& options) {
  return import_model(parse_model(bytes), options);
}

std::vector<std::string> graph_input_names(std::span<const uint8_t> bytes) {
  return graph_input_names(parse_model(bytes));
}

std::vector<std::optional<tisa_dtype_t>> graph_input_dtypes(std::span<const uint8_t> bytes) {
  const onnx::ModelProto model = parse_model(bytes);
  std::vector<std::optional<tisa_dtype_t>> dtypes;
  for (const onnx::ValueInfoProto* in : module_inputs(model))
    dtypes.push_back(in->type().has_tensor_type() ? dtype_of(in->type().tensor_type().elem_type())
                                                  : std::nullopt);
  return dtypes;
}

ir::Module import_file(const std::string& path, const ImportOptions& options) {
  std::ifstream f(path, std::ios::binary);
  if (!f) fail(TISA_NOT_FOUND, "{}: cannot open the file", path);
  const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  try {
    return import_bytes(bytes, options);
  } catch (const Error& e) {
    throw Error(e.code(), fmt::format("{}: {}", path, e.message()));
  }
}

}  // namespace tisa::onnx_import
