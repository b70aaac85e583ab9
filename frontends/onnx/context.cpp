#include "frontends/onnx/context.hpp"

#include <cstring>

#include "frontends/ops/shape.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::onnx_import {

namespace {

constexpr size_t kMaxKnownElements = 64;

template <class T>
std::vector<T> elements(const ref::HostTensor& t) {
  std::vector<T> v(t.data.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), t.data.data(), v.size() * sizeof(T));
  return v;
}

std::optional<std::vector<int64_t>> int_elements(const ref::HostTensor& t) {
  switch (t.dtype) {
    case TISA_DTYPE_I64: return elements<int64_t>(t);
    case TISA_DTYPE_I32: {
      std::vector<int64_t> v;
      for (int32_t x : elements<int32_t>(t)) v.push_back(x);
      return v;
    }
    default: return std::nullopt;
  }
}

std::vector<double> float_elements(const ref::HostTensor& t) {
  std::vector<double> v;
  switch (t.dtype) {
    case TISA_DTYPE_F32:
      for (float x : elements<float>(t)) v.push_back(x);
      break;
    case TISA_DTYPE_F64: return elements<double>(t);
    case TISA_DTYPE_I64:
      for (int64_t x : elements<int64_t>(t)) v.push_back(static_cast<double>(x));
      break;
    case TISA_DTYPE_I32:
      for (int32_t x : elements<int32_t>(t)) v.push_back(x);
      break;
    case TISA_DTYPE_I8:
      for (int8_t x : elements<int8_t>(t)) v.push_back(x);
      break;
    case TISA_DTYPE_U8:
    case TISA_DTYPE_BOOL:
      for (uint8_t x : elements<uint8_t>(t)) v.push_back(x);
      break;
    default: invalid("constant of dtype {} cannot be read as numbers here", ops::dtype_name(t.dtype));
  }
  return v;
}

}  // namespace

Entry& Graph::entry(const std::string& name, const std::string& where) {
  auto it = entries.find(name);
  if (it == entries.end())
    invalid("{}: input '{}' is not produced by any earlier node, input or initializer", where, name);
  return it->second;
}

Value Graph::materialize(Entry& e) {
  if (e.value) return *e.value;
  if (e.constant) {
    const ref::HostTensor& t = *e.constant;
    e.value = b.constant(t.dtype, t.shape, std::span<const uint8_t>(t.data));
  } else if (e.known) {
    const std::vector<Expr>& k = *e.known;
    bool literal = true;
    for (const Expr& x : k) literal = literal && x.is_lit();
    if (literal) {
      ref::HostTensor t;
      t.dtype = e.known_dtype;
      if (!e.known_scalar) t.shape = {static_cast<int64_t>(k.size())};
      for (const Expr& x : k) {
        if (e.known_dtype == TISA_DTYPE_I32) {
          const int32_t v = static_cast<int32_t>(x.lit_value());
          t.data.insert(t.data.end(), reinterpret_cast<const uint8_t*>(&v),
                        reinterpret_cast<const uint8_t*>(&v) + 4);
        } else {
          const int64_t v = x.lit_value();
          t.data.insert(t.data.end(), reinterpret_cast<const uint8_t*>(&v),
                        reinterpret_cast<const uint8_t*>(&v) + 8);
        }
      }
      e.value = b.constant(t.dtype, t.shape, std::span<const uint8_t>(t.data));
    } else if (e.known_scalar) {
      e.value = ops::dim_value(b, k.at(0), e.known_dtype);
    } else {
      std::vector<Value> parts;
      for (const Expr& x : k) parts.push_back(b.reshape(ops::dim_value(b, x, e.known_dtype), {Expr::lit(1)}));
      e.value = parts.size() == 1 ? parts[0] : b.concat(parts, 0);
    }
  } else {
    invalid("internal: an ONNX value with neither data nor tensor");
  }
  return *e.value;
}

void Graph::set_constant(const std::string& name, ref::HostTensor t) {
  Entry e;
  if (t.shape.size() <= 1 && (t.dtype == TISA_DTYPE_I64 || t.dtype == TISA_DTYPE_I32)) {
    auto v = int_elements(t);
    if (v && v->size() <= kMaxKnownElements) {
      e.known = ir::lits(*v);
      e.known_scalar = t.shape.empty();
      e.known_dtype = t.dtype;
    }
  }
  e.constant = std::move(t);
  entries[name] = std::move(e);
}

void Graph::specialize(const std::string& name, ref::HostTensor t) {
  const Value input = entries.at(name).value.value();
  set_constant(name, std::move(t));
  entries[name].value = input;
}

Value NodeContext::in(size_t i) {
  if (!has(i)) error("input {} is required", i);
  return graph_.materialize(graph_.entry(node.input(static_cast<int>(i)), where));
}

std::optional<Value> NodeContext::opt(size_t i) {
  if (!has(i)) return std::nullopt;
  return in(i);
}

std::vector<Value> NodeContext::all_inputs() {
  std::vector<Value> v;
  for (size_t i = 0; i < input_count(); ++i)
    if (has(i)) v.push_back(in(i));
  return v;
}

const Entry* NodeContext::known(size_t i) {
  if (!has(i)) return nullptr;
  const Entry& e = graph_.entry(node.input(static_cast<int>(i)), where);
  return e.known ? &e : nullptr;
}

const ref::HostTensor& NodeContext::constant_of(size_t i, const std::string& what) {
  if (!has(i)) error("{} (input {}) is required", what, i);
  const Entry& e = graph_.entry(node.input(static_cast<int>(i)), where);
  if (!e.constant)
    unsupported("{} (input {} '{}') must be a constant: data-dependent values are not supported", what, i,
                node.input(static_cast<int>(i)));
  return *e.constant;
}

std::vector<int64_t> NodeContext::ints(size_t i, const std::string& what) {
  if (const Entry* e = known(i)) {
    std::vector<int64_t> v;
    for (const Expr& x : *e->known) {
      if (!x.is_lit()) unsupported("{} (input {}) depends on a symbolic dimension here", what, i);
      v.push_back(x.lit_value());
    }
    return v;
  }
  const ref::HostTensor& t = constant_of(i, what);
  auto v = int_elements(t);
  if (!v) error("{} (input {}) must be int64 or int32, got {}", what, i, ops::dtype_name(t.dtype));
  return *v;
}

std::vector<double> NodeContext::floats(size_t i, const std::string& what) {
  if (const Entry* e = known(i)) {
    std::vector<double> v;
    for (const Expr& x : *e->known) {
      if (!x.is_lit()) unsupported("{} (input {}) depends on a symbolic dimension here", what, i);
      v.push_back(static_cast<double>(x.lit_value()));
    }
    return v;
  }
  return float_elements(constant_of(i, what));
}

std::vector<Expr> NodeContext::exprs(size_t i, const std::string& what) {
  if (const Entry* e = known(i)) return *e->known;
  return ir::lits(ints(i, what));
}

void NodeContext::out(size_t i, Value v) {
  if (!wants(i)) return;
  Entry e;
  e.value = v;
  graph_.entries[node.output(static_cast<int>(i))] = std::move(e);
}

void NodeContext::out_known(size_t i, std::vector<Expr> values, bool scalar, tisa_dtype_t dtype) {
  if (!wants(i)) return;
  Entry e;
  e.known = std::move(values);
  e.known_scalar = scalar;
  e.known_dtype = dtype;
  graph_.entries[node.output(static_cast<int>(i))] = std::move(e);
}

void NodeContext::out_constant(size_t i, ref::HostTensor t) {
  if (!wants(i)) return;
  graph_.set_constant(node.output(static_cast<int>(i)), std::move(t));
}

}  // namespace tisa::onnx_import
