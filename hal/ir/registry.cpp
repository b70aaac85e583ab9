#include "hal/ir/registry.hpp"

#include <array>

namespace tisa::ir {
namespace {

// The generated tables spell enumerators in upper case; map them to the C++ enums.
constexpr OperandConstraint kConstraint_T = OperandConstraint::T;
constexpr OperandConstraint kConstraint_I = OperandConstraint::I;
constexpr OperandConstraint kConstraint_FIXED = OperandConstraint::Fixed;
constexpr DtypeClass kClass_BOOL = DtypeClass::Bool;
constexpr DtypeClass kClass_SINT = DtypeClass::Sint;
constexpr DtypeClass kClass_UINT = DtypeClass::Uint;
constexpr DtypeClass kClass_FLOAT = DtypeClass::Float;

#define TISA_X_OPERAND(OP, idx, name, CONSTRAINT, FIXED) \
  OperandInfo{#name, kConstraint_##CONSTRAINT, TISA_DTYPE_##FIXED},
// Operands and attributes of each op, as contiguous per-op runs of one table.
constexpr OperandInfo kOperands[] = {TISA_OPERAND_LIST(TISA_X_OPERAND)};
constexpr tisa_opcode_t kOperandOps[] = {
#define TISA_X_OPERAND_OP(OP, ...) TISA_OP_##OP,
    TISA_OPERAND_LIST(TISA_X_OPERAND_OP)
#undef TISA_X_OPERAND_OP
};
#undef TISA_X_OPERAND

#define TISA_X_ATTR(OP, idx, name, KIND) AttrInfo{#name, TISA_ATTR_##KIND},
constexpr AttrInfo kAttrs[] = {TISA_ATTR_LIST(TISA_X_ATTR)};
#undef TISA_X_ATTR
constexpr tisa_opcode_t kAttrOps[] = {
#define TISA_X_ATTR_OP(OP, ...) TISA_OP_##OP,
    TISA_ATTR_LIST(TISA_X_ATTR_OP)
#undef TISA_X_ATTR_OP
};

#define TISA_X_ENUM(OP, attr, VALUE, value_name, number, since) std::string_view(#value_name),
constexpr std::string_view kEnumValues[] = {TISA_ENUM_VALUE_LIST(TISA_X_ENUM)};
#undef TISA_X_ENUM
#define TISA_X_ENUM_SINCE(OP, attr, VALUE, value_name, number, since) uint32_t{since},
constexpr uint32_t kEnumSince[] = {TISA_ENUM_VALUE_LIST(TISA_X_ENUM_SINCE)};
#undef TISA_X_ENUM_SINCE
constexpr tisa_opcode_t kEnumOps[] = {
#define TISA_X_ENUM_OP(OP, ...) TISA_OP_##OP,
    TISA_ENUM_VALUE_LIST(TISA_X_ENUM_OP)
#undef TISA_X_ENUM_OP
};

template <typename T, size_t N>
std::span<const T> run_of(const T (&table)[N], const tisa_opcode_t (&ops)[N], tisa_opcode_t op) {
  size_t first = N, count = 0;
  for (size_t i = 0; i < N; ++i) {
    if (ops[i] != op) continue;
    if (first == N) first = i;
    ++count;
  }
  return first == N ? std::span<const T>() : std::span<const T>(table + first, count);
}

std::array<OpInfo, 0
#define TISA_X_COUNT(...) +1
           TISA_OP_LIST(TISA_X_COUNT)
#undef TISA_X_COUNT
           >
build_ops() {
  decltype(build_ops()) ops{};
  size_t i = 0;
#define TISA_X_OP(ENUM, name, opcode, GROUP, EXT, n_operands, variadic, t_mask, i_mask, RESULT, result_attr, \
                  SHAPE, n_attrs, NUMERICS, a, b, since)                                                     \
  ops[i++] = OpInfo{TISA_OP_##ENUM,                                                                          \
                    #name,                                                                                   \
                    TISA_GROUP_##GROUP,                                                                      \
                    TISA_EXT_##EXT,                                                                          \
                    n_operands,                                                                              \
                    variadic != 0,                                                                           \
                    t_mask,                                                                                  \
                    i_mask,                                                                                  \
                    TISA_RESULT_##RESULT,                                                                    \
                    result_attr,                                                                             \
                    TISA_SHAPE_RULE_##SHAPE,                                                                 \
                    TISA_NUMERICS_##NUMERICS,                                                                \
                    a,                                                                                       \
                    b,                                                                                       \
                    run_of(kOperands, kOperandOps, TISA_OP_##ENUM),                                          \
                    run_of(kAttrs, kAttrOps, TISA_OP_##ENUM),                                                \
                    run_of(kEnumValues, kEnumOps, TISA_OP_##ENUM),                                           \
                    run_of(kEnumSince, kEnumOps, TISA_OP_##ENUM),                                            \
                    since};
  TISA_OP_LIST(TISA_X_OP)
#undef TISA_X_OP
  return ops;
}

const auto kOps = build_ops();

constexpr DtypeInfo kDtypes[] = {
#define TISA_X_DTYPE(ENUM, name, code, bits, CLASS, EXT, c_type) \
  DtypeInfo{TISA_DTYPE_##ENUM, #name, bits, kClass_##CLASS, TISA_EXT_##EXT},
    TISA_DTYPE_LIST(TISA_X_DTYPE)
#undef TISA_X_DTYPE
};

struct ExtensionInfo {
  tisa_extension_t ext;
  std::string_view name;
  uint32_t specified;
};
constexpr ExtensionInfo kExtensions[] = {
#define TISA_X_EXT(ENUM, name, bit, lo, hi, specified) ExtensionInfo{TISA_EXT_##ENUM, #name, specified},
    TISA_EXTENSION_LIST(TISA_X_EXT)
#undef TISA_X_EXT
};

}  // namespace

bool numerics_bounded(tisa_numerics_mode_t mode) {
  return mode != TISA_NUMERICS_EXACT && mode != TISA_NUMERICS_COPY;
}

std::span<const OpInfo> all_ops() {
  return kOps;
}

const OpInfo* find_op(uint32_t opcode) {
  for (const auto& op : kOps)
    if (op.opcode == opcode) return &op;
  return nullptr;
}

const OpInfo* find_op(std::string_view name) {
  for (const auto& op : kOps)
    if (op.name == name) return &op;
  return nullptr;
}

int attr_index(const OpInfo& op, std::string_view name) {
  for (size_t i = 0; i < op.attrs.size(); ++i)
    if (op.attrs[i].name == name) return static_cast<int>(i);
  return -1;
}

std::span<const DtypeInfo> all_dtypes() {
  return kDtypes;
}

const DtypeInfo* find_dtype(uint32_t code) {
  for (const auto& d : kDtypes)
    if (static_cast<uint32_t>(d.dtype) == code) return &d;
  return nullptr;
}

const DtypeInfo* find_dtype(std::string_view name) {
  for (const auto& d : kDtypes)
    if (d.name == name) return &d;
  return nullptr;
}

size_t dtype_size(tisa_dtype_t dtype) {
  const DtypeInfo* d = find_dtype(dtype);
  return d ? d->bits / 8 : 0;
}

bool dtype_is_float(tisa_dtype_t dtype) {
  const DtypeInfo* d = find_dtype(dtype);
  return d && d->cls == DtypeClass::Float;
}

bool dtype_is_int(tisa_dtype_t dtype) {
  const DtypeInfo* d = find_dtype(dtype);
  return d && (d->cls == DtypeClass::Sint || d->cls == DtypeClass::Uint);
}

bool dtype_is_signed(tisa_dtype_t dtype) {
  const DtypeInfo* d = find_dtype(dtype);
  return d && d->cls == DtypeClass::Sint;
}

std::string_view extension_name(tisa_extension_t ext) {
  for (const auto& e : kExtensions)
    if (e.ext == ext) return e.name;
  return ext == TISA_EXT_BASE ? "base" : "unknown";
}

std::optional<tisa_extension_t> find_extension(std::string_view name) {
  for (const auto& e : kExtensions)
    if (e.name == name) return e.ext;
  return std::nullopt;
}

uint32_t extension_specified(tisa_extension_t ext) {
  for (const auto& e : kExtensions)
    if (e.ext == ext) return e.specified;
  return 0;
}

tisa_extension_t dtype_extension(tisa_dtype_t dtype) {
  const DtypeInfo* d = find_dtype(dtype);
  return d ? d->extension : TISA_EXT_BASE;
}

std::string extension_string(uint32_t isa_version, tisa_extension_mask_t mask) {
  std::string s = "TISA" + std::to_string(TISA_VERSION_MAJOR(isa_version)) + "p" +
                  std::to_string(TISA_VERSION_MINOR(isa_version));
  for (const auto& e : kExtensions)
    if (mask & TISA_EXT_MASK(e.ext)) s += "_" + std::string(e.name);
  return s;
}

}  // namespace tisa::ir
