#include "hal/ir/verifier.hpp"

#include <cctype>
#include <set>

#include "hal/ir/error.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ir {

// Defined in shape_rules.cpp.
std::vector<Expr> infer_dims(const Module& m, const Inst& inst, const OpInfo& op, ValueId result,
                             std::vector<Assertion>& asserts);

namespace {

std::string_view dtype_name(uint32_t code) {
  const DtypeInfo* d = find_dtype(code);
  return d ? d->name : "invalid";
}

// A dtype must be known and, if it belongs to an extension, the module must declare it.
void check_dtype(const Module& m, uint32_t code, const std::string& where) {
  const DtypeInfo* d = find_dtype(code);
  if (!d) invalid("{}: unknown dtype code {}", where, code);
  if (d->extension != TISA_EXT_BASE && !(m.extensions & TISA_EXT_MASK(d->extension)))
    invalid("{}: dtype {} needs extension {}, which the module does not declare", where, d->name,
            extension_name(d->extension));
}

void check_limits(const Module& m, const TensorType& t, const std::string& where) {
  if (t.rank() > TISA_MAX_RANK) invalid("{}: rank {} exceeds the limit {}", where, t.rank(), TISA_MAX_RANK);
  uint64_t elems = 1;
  bool all_lit = true;
  for (const auto& d : t.dims) {
    if (auto v = d.as_lit()) {
      if (*v > TISA_MAX_DIM) invalid("{}: dim {} exceeds max_dim {}", where, *v, TISA_MAX_DIM);
      elems = mul_elements(elems, static_cast<uint64_t>(std::max<int64_t>(*v, 0)));
    } else {
      all_lit = false;
    }
  }
  if (all_lit && elems > TISA_MAX_ELEMENTS)
    invalid("{}: {} elements exceed max_elements {}", where, elems, TISA_MAX_ELEMENTS);
  (void)m;
}

// Symbols are identifiers; value names may also contain '.' (e.g. %layer1.weight).
bool is_identifier(const std::string& s, bool allow_dot = false) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char ch : s)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || (allow_dot && ch == '.')))
      return false;
  return true;
}

// Names must be unique identifiers so that the text form is unambiguous and round-trips.
void verify_value_names(const Module& m) {
  if (m.value_names.size() > m.value_count())
    invalid("names are given for {} values but the module has {}", m.value_names.size(), m.value_count());
  std::set<std::string> seen;
  for (ValueId v = 0; v < m.value_count(); ++v) {
    bool input = m.is_input(v);
    const std::string& name = input ? m.inputs[v].name : v < m.value_names.size() ? m.value_names[v] : "";
    if (input && v < m.value_names.size() && !m.value_names[v].empty())
      invalid("value {} is an input: inputs are named in the inputs section", v);
    if (name.empty()) continue;
    if (!is_identifier(name, true)) invalid("value {}: name '{}' is not an identifier", v, name);
    if (!seen.insert(name).second) invalid("value {}: name '{}' is used twice", v, name);
  }
}

void verify_header(const Module& m) {
  if (TISA_VERSION_MAJOR(m.version) != TISA_ISA_VERSION_MAJOR ||
      TISA_VERSION_MINOR(m.version) > TISA_ISA_VERSION_MINOR)
    fail(TISA_INCOMPATIBLE, "module needs TISA {}.{}; this library implements {}.{}",
         TISA_VERSION_MAJOR(m.version), TISA_VERSION_MINOR(m.version), TISA_ISA_VERSION_MAJOR,
         TISA_ISA_VERSION_MINOR);
  tisa_extension_mask_t known = 0;
  for (int e = 0; e < TISA_EXT_COUNT_; ++e) known |= TISA_EXT_MASK(e);
  if (m.extensions & ~known) invalid("module declares unknown extension bits {:#x}", m.extensions & ~known);
  if (m.symbols.size() > TISA_MAX_SYMBOLS)
    invalid("{} symbols exceed the limit {}", m.symbols.size(), TISA_MAX_SYMBOLS);
  std::set<std::string> names;
  for (const auto& s : m.symbols) {
    if (!is_identifier(s.name)) invalid("symbol name '{}' is not an identifier", s.name);
    if (!names.insert(s.name).second) invalid("symbol {} is declared twice", s.name);
    if (s.upper_bound < 0 || s.upper_bound > TISA_MAX_DIM)
      invalid("symbol {}: upper bound {} is out of range [0, {}]", s.name, s.upper_bound, TISA_MAX_DIM);
  }
  if (m.inputs.size() > TISA_MAX_INPUTS)
    invalid("{} inputs exceed the limit {}", m.inputs.size(), TISA_MAX_INPUTS);
}

void verify_inputs(const Module& m) {
  std::vector<bool> bound(m.symbols.size(), false);
  for (size_t i = 0; i < m.inputs.size(); ++i) {
    const Input& in = m.inputs[i];
    std::string where = fmt::format("input {}{}", i, in.name.empty() ? "" : " ('" + in.name + "')");
    check_dtype(m, in.type.dtype, where);
    check_limits(m, in.type, where);
    for (size_t d = 0; d < in.type.rank(); ++d) {
      const Expr& e = in.type.dims[d];
      if (e.is_sym()) {
        bound[e.sym_index()] = true;
      } else if (!e.is_lit() || e.lit_value() < 0) {
        invalid("{}: dim {} must be a literal >= 0 or a symbol", where, d);
      }
    }
  }
  for (size_t s = 0; s < bound.size(); ++s)
    if (!bound[s]) invalid("symbol {} is not bound by any input dimension", m.symbols[s].name);
}

void check_attr_kinds(const Module& m, const Inst& inst, const OpInfo& op, ValueId result) {
  if (inst.attrs.size() != op.attrs.size())
    invalid("{}: has {} attributes, the op takes {}", describe(m, inst, result), inst.attrs.size(),
            op.attrs.size());
  for (size_t i = 0; i < op.attrs.size(); ++i) {
    if (inst.attrs[i].kind != op.attrs[i].kind)
      invalid("{}: attribute {} has the wrong kind", describe(m, inst, result), op.attrs[i].name);
    if (op.attrs[i].kind == TISA_ATTR_DTYPE)
      check_dtype(m, static_cast<uint32_t>(inst.attrs[i].i),
                  fmt::format("{}: attribute {}", describe(m, inst, result), op.attrs[i].name));
  }
}

// G1: the op, and each enum value it uses, exist in the version the module declares.
void check_version(const Module& m, const Inst& inst, const OpInfo& op, ValueId result) {
  if (op.since > m.version)
    invalid("{}: {} is defined since TISA {}, but the module declares TISA {}", describe(m, inst, result),
            op.name, version_text(op.since), version_text(m.version));
  for (size_t i = 0; i < op.attrs.size(); ++i) {
    if (op.attrs[i].kind != TISA_ATTR_ENUM) continue;
    const int64_t value = inst.attrs[i].i;
    if (value < 0 || static_cast<size_t>(value) >= op.enum_since.size())
      continue;  // the shape rule rejects it
    const uint32_t since = op.enum_since[static_cast<size_t>(value)];
    if (since > m.version)
      invalid("{}: {} {} is defined since TISA {}, but the module declares TISA {}",
              describe(m, inst, result), op.attrs[i].name, op.enum_values[static_cast<size_t>(value)],
              version_text(since), version_text(m.version));
  }
}

// Binds the op's type variables from its operands and returns the result dtype.
tisa_dtype_t check_operand_types(const Module& m, const Inst& inst, const OpInfo& op, ValueId result) {
  tisa_dtype_t t = TISA_DTYPE_INVALID, i_var = TISA_DTYPE_INVALID;
  for (size_t k = 0; k < inst.operands.size(); ++k) {
    const OperandInfo& info = op.operands[std::min(k, op.operands.size() - 1)];
    tisa_dtype_t d = m.value_type(inst.operands[k]).dtype;
    auto bind = [&](tisa_dtype_t& var, uint32_t mask, const char* var_name) {
      if (var == TISA_DTYPE_INVALID) {
        if (!mask_has(mask, d))
          invalid("{}: operand {} ({}) has dtype {}, which {} does not accept", describe(m, inst, result), k,
                  info.name, dtype_name(d), op.name);
        var = d;
      } else if (var != d) {
        invalid("{}: operand {} ({}) has dtype {} but type {} is already {} (no implicit promotion)",
                describe(m, inst, result), k, info.name, dtype_name(d), var_name, dtype_name(var));
      }
    };
    switch (info.constraint) {
      case OperandConstraint::T: bind(t, op.t_mask, "T"); break;
      case OperandConstraint::I: bind(i_var, op.i_mask, "I"); break;
      case OperandConstraint::Fixed:
        if (d != info.fixed)
          invalid("{}: operand {} ({}) must be {}, not {}", describe(m, inst, result), k, info.name,
                  dtype_name(info.fixed), dtype_name(d));
        break;
    }
  }
  switch (op.result) {
    case TISA_RESULT_T: return t;
    case TISA_RESULT_BOOL: return TISA_DTYPE_BOOL;
    case TISA_RESULT_I64: return TISA_DTYPE_I64;
    case TISA_RESULT_ATTR: break;
  }
  auto rd = static_cast<tisa_dtype_t>(inst.attrs[op.result_attr].i);
  // Creation ops take T from their dtype attribute; cast and bitcast have their own rules.
  if (inst.operands.empty() && !mask_has(op.t_mask, rd))
    invalid("{}: dtype {} is not allowed for {}", describe(m, inst, result), dtype_name(rd), op.name);
  if (op.opcode == TISA_OP_BITCAST && (!mask_has(op.t_mask, rd) || dtype_size(rd) != dtype_size(t)))
    invalid("{}: bitcast from {} to {} needs two numeric dtypes of the same width", describe(m, inst, result),
            dtype_name(t), dtype_name(rd));
  return rd;
}

}  // namespace

std::string describe(const Module& m, const Inst& inst, ValueId result) {
  std::string name = result < m.value_names.size() && !m.value_names[result].empty() ? m.value_names[result]
                                                                                     : std::to_string(result);
  const OpInfo* op = find_op(inst.op);
  return "%" + name + " = " + std::string(op ? op->name : "?");
}

std::string describe(const Module& m, ValueId result) {
  if (m.is_input(result))
    return "input %" + (m.inputs[result].name.empty() ? std::to_string(result) : m.inputs[result].name);
  size_t idx = result - m.inputs.size();
  return idx < m.insts.size() ? describe(m, m.insts[idx], result) : "%" + std::to_string(result);
}

TensorType infer_type(const Module& m, const Inst& inst, ValueId result, std::vector<Assertion>& asserts) {
  const OpInfo* op = find_op(inst.op);
  if (!op) invalid("value {}: unknown opcode {:#x}", result, static_cast<uint32_t>(inst.op));
  if (op->extension != TISA_EXT_BASE && !(m.extensions & TISA_EXT_MASK(op->extension)))
    invalid("{}: needs extension {}, which the module does not declare", describe(m, inst, result),
            extension_name(op->extension));
  size_t n = inst.operands.size();
  if (op->variadic ? (n < op->operand_count || n > TISA_MAX_OPERANDS) : n != op->operand_count)
    invalid("{}: takes {}{} operands, got {}", describe(m, inst, result), op->variadic ? "at least " : "",
            op->operand_count, n);
  for (size_t k = 0; k < n; ++k)
    if (inst.operands[k] >= result)
      invalid("{}: operand {} refers to value {}, which is not defined before it", describe(m, inst, result),
              k, inst.operands[k]);
  check_attr_kinds(m, inst, *op, result);
  check_version(m, inst, *op, result);
  TensorType t;
  t.dtype = check_operand_types(m, inst, *op, result);
  for (size_t i = 0; i < op->attrs.size(); ++i)
    if (op->attrs[i].kind == TISA_ATTR_SCALAR && t.dtype == TISA_DTYPE_BOOL &&
        (inst.attrs[i].bits & 0xff) > 1)
      invalid("{}: bool {} must be 0 or 1", describe(m, inst, result), op->attrs[i].name);
  t.dims = infer_dims(m, inst, *op, result, asserts);
  check_limits(m, t, describe(m, inst, result));
  return t;
}

void verify(Module& m) {
  m.verified = false;
  m.assertions.clear();
  verify_header(m);
  verify_inputs(m);
  if (m.insts.size() > TISA_MAX_INSTRUCTIONS)
    invalid("{} instructions exceed the limit {}", m.insts.size(), TISA_MAX_INSTRUCTIONS);
  verify_value_names(m);
  for (size_t i = 0; i < m.insts.size(); ++i) {
    auto result = static_cast<ValueId>(m.inputs.size() + i);
    m.insts[i].type = infer_type(m, m.insts[i], result, m.assertions);
  }
  if (m.outputs.empty()) invalid("module has no outputs");
  if (m.outputs.size() > TISA_MAX_OUTPUTS)
    invalid("{} outputs exceed the limit {}", m.outputs.size(), TISA_MAX_OUTPUTS);
  for (size_t i = 0; i < m.outputs.size(); ++i)
    if (m.outputs[i] >= m.value_count())
      invalid("output {} refers to value {}, but the module has {} values", i, m.outputs[i], m.value_count());
  m.verified = true;
}

}  // namespace tisa::ir
