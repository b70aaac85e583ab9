#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cmath>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "hal/ir/builder.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/text_format.hpp"

namespace tisa::ir {
namespace text {

uint64_t canonical_nan(tisa_dtype_t dtype) {
  switch (dtype) {
    case TISA_DTYPE_F32: return 0x7fc00000u;
    case TISA_DTYPE_F64: return 0x7ff8000000000000ull;
    case TISA_DTYPE_F16: return 0x7e00u;
    case TISA_DTYPE_BF16: return 0x7fc0u;
    default: return 0;
  }
}

std::string format_scalar(tisa_dtype_t dtype, uint64_t bits) {
  if (dtype == TISA_DTYPE_BOOL) return (bits & 0xff) ? "true" : "false";
  if (dtype_is_int(dtype)) return fmt::format("{}", static_cast<int64_t>(scalar_value(dtype, bits)));
  if (dtype_is_float(dtype)) {
    double v = scalar_value(dtype, bits);
    if (std::isnan(v)) return bits == canonical_nan(dtype) ? "nan" : fmt::format("bits({:#x})", bits);
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    // Shortest form that reads back exactly (f16 and bf16 values are doubles, and the parser
    // rounds a decimal to them once).
    return dtype == TISA_DTYPE_F32 ? fmt::format("{}", static_cast<float>(v)) : fmt::format("{}", v);
  }
  return fmt::format("bits({:#x})", bits);
}

}  // namespace text

namespace {

// The printer also prints unverified modules (tisa-dis --no-verify): unknown codes stay invalid.
tisa_dtype_t dtype_of(int64_t code) {
  const DtypeInfo* d = code >= 0 && code <= UINT32_MAX ? find_dtype(static_cast<uint32_t>(code)) : nullptr;
  return d ? d->dtype : TISA_DTYPE_INVALID;
}

class Printer {
 public:
  // Values print as %name when the name is an identifier not used before, else as %id, so
  // names never collide with the numbering.
  explicit Printer(const Module& m) : m_(m), syms_(m.symbol_names()) {
    std::set<std::string> used;
    for (ValueId v = 0; v < m.value_count(); ++v) {
      std::string n = v < m.inputs.size()        ? m.inputs[v].name
                      : v < m.value_names.size() ? m.value_names[v]
                                                 : "";
      bool ok = !n.empty() && (std::isalpha(static_cast<unsigned char>(n[0])) || n[0] == '_') &&
                std::all_of(n.begin(), n.end(),
                            [](char c) {
                              return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
                            }) &&
                used.insert(n).second;
      names_.push_back(ok ? "%" + n : "%" + std::to_string(v));
    }
  }

  std::string run() {
    const uint32_t version = encoding_version(m_);  // the same header as the binary form
    out_ += fmt::format("tisa {}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
    std::string sep = " requires ";
    for (int e = 0; e < TISA_EXT_COUNT_; ++e)
      if (m_.extensions & TISA_EXT_MASK(e)) {
        out_ += sep + std::string(extension_name(static_cast<tisa_extension_t>(e)));
        sep = ", ";
      }
    out_ += "\n";
    for (const auto& s : m_.symbols) {
      out_ += "symbol " + s.name;
      if (s.upper_bound > 0) out_ += fmt::format(" <= {}", s.upper_bound);
      out_ += "\n";
    }
    for (size_t i = 0; i < m_.inputs.size(); ++i)
      out_ += "input " + value(static_cast<ValueId>(i)) + " : " + type(m_.inputs[i].type) + "\n";
    for (size_t i = 0; i < m_.insts.size(); ++i)
      inst(m_.insts[i], static_cast<ValueId>(m_.inputs.size() + i));
    out_ += "output";
    for (size_t i = 0; i < m_.outputs.size(); ++i) out_ += (i ? ", " : " ") + value(m_.outputs[i]);
    out_ += "\n";
    return std::move(out_);
  }

 private:
  std::string value(ValueId v) const { return v < names_.size() ? names_[v] : "%" + std::to_string(v); }

  std::string dims(const std::vector<Expr>& d) const {
    std::string s = "[";
    for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + d[i].str(syms_);
    return s + "]";
  }

  std::string type(const TensorType& t) const {
    const DtypeInfo* d = find_dtype(t.dtype);
    return std::string(d ? d->name : "invalid") + dims(t.dims);
  }

  std::string data(tisa_dtype_t dtype, const std::vector<uint8_t>& bytes) const {
    size_t size = dtype_size(dtype);
    if (size == 0 || bytes.size() % size != 0) return hex(bytes);
    std::string s = "[";
    for (size_t i = 0; i < bytes.size(); i += size) {
      uint64_t bits = 0;
      std::memcpy(&bits, bytes.data() + i, size);
      std::string v = text::format_scalar(dtype, bits);
      if (v.starts_with("bits(")) return hex(bytes);  // odd NaN payloads: keep them exact
      s += (i ? ", " : "") + v;
    }
    return s + "]";
  }

  static std::string hex(const std::vector<uint8_t>& bytes) {
    std::string s = "hex\"";
    for (uint8_t b : bytes) s += fmt::format("{:02x}", b);
    return s + "\"";
  }

  std::string attr(const Inst& inst, const OpInfo& op, size_t i) const {
    const Attr& a = inst.attrs[i];
    switch (a.kind) {
      case TISA_ATTR_DTYPE: {
        const DtypeInfo* d = find_dtype(static_cast<uint32_t>(a.i));
        return d ? std::string(d->name) : fmt::format("dtype({})", a.i);
      }
      case TISA_ATTR_INT: return std::to_string(a.i);
      case TISA_ATTR_BOOL: return a.i ? "true" : "false";
      case TISA_ATTR_ENUM:
        return a.i >= 0 && static_cast<size_t>(a.i) < op.enum_values.size() ? std::string(op.enum_values[a.i])
                                                                            : std::to_string(a.i);
      case TISA_ATTR_INTS: {
        std::string s = "[";
        for (size_t k = 0; k < a.ints.size(); ++k) s += (k ? ", " : "") + std::to_string(a.ints[k]);
        return s + "]";
      }
      case TISA_ATTR_SHAPE: return dims(a.exprs);
      case TISA_ATTR_SCALAR: return text::format_scalar(scalar_dtype(inst, op), a.bits);
      case TISA_ATTR_DATA: {
        int di = attr_index(op, "dtype");
        bool known = a.i >= 0 && static_cast<size_t>(a.i) < m_.constants.size();
        if (!known) return fmt::format("constant({})", a.i);
        return data(di >= 0 ? dtype_of(inst.attrs[di].i) : TISA_DTYPE_U8, m_.constants[a.i]);
      }
    }
    return "?";
  }

  // Scalars are in the result dtype: the dtype attribute if the op has one, else the operand's.
  tisa_dtype_t scalar_dtype(const Inst& inst, const OpInfo& op) const {
    int di = attr_index(op, "dtype");
    if (di >= 0) return dtype_of(inst.attrs[di].i);
    if (!inst.operands.empty() && inst.operands[0] < m_.value_count())
      return m_.value_type(inst.operands[0]).dtype;
    return TISA_DTYPE_INVALID;
  }

  void inst(const Inst& inst, ValueId id) {
    const OpInfo* op = find_op(inst.op);
    out_ += value(id) + " = " + std::string(op ? op->name : "?");
    for (size_t k = 0; k < inst.operands.size(); ++k) out_ += (k ? ", " : " ") + value(inst.operands[k]);
    if (op && !inst.attrs.empty()) {
      out_ += " {";
      for (size_t i = 0; i < inst.attrs.size() && i < op->attrs.size(); ++i)
        out_ += (i ? ", " : "") + std::string(op->attrs[i].name) + " = " + attr(inst, *op, i);
      out_ += "}";
    }
    if (inst.type.dtype != TISA_DTYPE_INVALID) out_ += " : " + type(inst.type);
    out_ += "\n";
  }

  const Module& m_;
  std::vector<std::string> syms_;
  std::vector<std::string> names_;
  std::string out_;
};

}  // namespace

std::string print(const Module& module) {
  return Printer(module).run();
}

}  // namespace tisa::ir
