#include "hal/ir/bind.hpp"

#include "hal/ir/error.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::ir {
namespace {

std::string input_label(const Module& m, size_t i) {
  return m.inputs[i].name.empty() ? fmt::format("input {}", i)
                                  : fmt::format("input {} ('{}')", i, m.inputs[i].name);
}

}  // namespace

int64_t element_count(std::span<const int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::vector<int64_t> bind_symbols(const Module& m, std::span<const Shape> inputs) {
  if (inputs.size() != m.inputs.size())
    invalid("the module takes {} inputs, got {}", m.inputs.size(), inputs.size());
  std::vector<int64_t> sym(m.symbols.size(), -1);
  std::vector<std::string> bound_by(m.symbols.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& want = m.inputs[i].type.dims;
    const Shape& got = inputs[i];
    if (got.size() != want.size())
      invalid("{}: rank {} given, the module expects rank {}", input_label(m, i), got.size(), want.size());
    for (size_t d = 0; d < got.size(); ++d) {
      if (got[d] < 0 || got[d] > TISA_MAX_DIM)
        invalid("{}: dim {} is {}, outside [0, {}]", input_label(m, i), d, got[d], TISA_MAX_DIM);
      const Expr& e = want[d];
      if (e.is_lit()) {
        if (e.lit_value() != got[d])
          invalid("{}: dim {} is {}, the module expects {}", input_label(m, i), d, got[d], e.lit_value());
        continue;
      }
      uint32_t s = e.sym_index();
      const Symbol& symbol = m.symbols[s];
      if (sym[s] < 0) {
        if (symbol.upper_bound > 0 && got[d] > symbol.upper_bound)
          invalid("{}: dim {} binds symbol {} to {}, above its upper bound {}", input_label(m, i), d,
                  symbol.name, got[d], symbol.upper_bound);
        sym[s] = got[d];
        bound_by[s] = fmt::format("{} dim {}", input_label(m, i), d);
      } else if (sym[s] != got[d]) {
        invalid("{}: dim {} is {} but symbol {} was bound to {} by {}", input_label(m, i), d, got[d],
                symbol.name, sym[s], bound_by[s]);
      }
    }
  }
  for (size_t s = 0; s < sym.size(); ++s)
    if (sym[s] < 0) invalid("symbol {} is not bound by any input", m.symbols[s].name);
  auto names = m.symbol_names();
  for (const Assertion& a : m.assertions) {
    auto lhs = a.lhs.eval(sym);
    auto rhs = a.rhs.eval(sym);
    if (!lhs || !rhs) invalid("{}: shape expression overflows under this binding", describe(m, a.value));
    bool ok = a.kind == Assertion::Kind::Equal       ? *lhs == *rhs
              : a.kind == Assertion::Kind::LessEqual ? *lhs <= *rhs
                                                     : *lhs >= 0;
    if (!ok) {
      std::string values =
          a.kind == Assertion::Kind::NonNegative
              ? fmt::format("{} = {}", a.lhs.str(names), *lhs)
              : fmt::format("{} = {}, {} = {}", a.lhs.str(names), *lhs, a.rhs.str(names), *rhs);
      invalid("{}: launch-time check failed: {} ({})", describe(m, a.value), a.what, values);
    }
  }
  return sym;
}

Shape resolve(const TensorType& type, std::span<const int64_t> symbols) {
  Shape out;
  out.reserve(type.rank());
  uint64_t elems = 1;
  for (const auto& d : type.dims) {
    auto v = d.eval(symbols);
    if (!v || *v < 0 || *v > TISA_MAX_DIM)
      invalid("a dim evaluates to {}, outside [0, {}]", v ? std::to_string(*v) : "an overflow", TISA_MAX_DIM);
    elems = mul_elements(elems, static_cast<uint64_t>(*v));
    out.push_back(*v);
  }
  if (elems > TISA_MAX_ELEMENTS) invalid("{} elements exceed max_elements {}", elems, TISA_MAX_ELEMENTS);
  return out;
}

std::vector<Shape> resolve_all(const Module& m, std::span<const int64_t> symbols) {
  std::vector<Shape> shapes;
  shapes.reserve(m.value_count());
  for (ValueId v = 0; v < m.value_count(); ++v) {
    try {
      shapes.push_back(resolve(m.value_type(v), symbols));
    } catch (const Error& e) {
      invalid("{}: {}", describe(m, v), e.message());
    }
  }
  return shapes;
}

}  // namespace tisa::ir
