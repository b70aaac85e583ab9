// The op registry (spec/tisa.yaml) as C++ tables, built from the generated X-macros.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tisa/isa.h"

namespace tisa::ir {

enum class DtypeClass : uint8_t { Bool, Sint, Uint, Float };

struct DtypeInfo {
  tisa_dtype_t dtype;
  std::string_view name;
  uint32_t bits;
  DtypeClass cls;
  tisa_extension_t extension;  // TISA_EXT_BASE for base dtypes
};

enum class OperandConstraint : uint8_t { T, I, Fixed };

struct OperandInfo {
  std::string_view name;
  OperandConstraint constraint;
  tisa_dtype_t fixed;  // when constraint == Fixed
};

struct AttrInfo {
  std::string_view name;
  tisa_attr_kind_t kind;
};

struct OpInfo {
  tisa_opcode_t opcode;
  std::string_view name;
  tisa_op_group_t group;
  tisa_extension_t extension;
  uint32_t operand_count;  // minimum when variadic (the last operand repeats)
  bool variadic;
  uint32_t t_mask;  // dtypes allowed for type variable T (bit 1 << code)
  uint32_t i_mask;  // for type variable I
  tisa_result_rule_t result;
  int result_attr;  // attribute index when result == TISA_RESULT_ATTR
  tisa_shape_rule_t shape_rule;
  tisa_numerics_mode_t numerics;
  double bound_a, bound_b;
  std::span<const OperandInfo> operands;
  std::span<const AttrInfo> attrs;
  // Names of enum attribute values, e.g. scatter mode {set, add, max, min, mul}, and the ISA
  // version that added each (TISA_MAKE_VERSION; 1.0 for the original values).
  std::span<const std::string_view> enum_values;
  std::span<const uint32_t> enum_since;
  uint32_t since;  // the ISA version that added the op
};

// Whether a float result of the mode is judged within a bound (not exact, not a copy).
bool numerics_bounded(tisa_numerics_mode_t mode);

std::span<const OpInfo> all_ops();
const OpInfo* find_op(uint32_t opcode);
const OpInfo* find_op(std::string_view name);
int attr_index(const OpInfo& op, std::string_view name);  // -1 if absent

std::span<const DtypeInfo> all_dtypes();
const DtypeInfo* find_dtype(uint32_t code);
const DtypeInfo* find_dtype(std::string_view name);
size_t dtype_size(tisa_dtype_t dtype);  // bytes; 0 if unknown
bool dtype_is_float(tisa_dtype_t dtype);
bool dtype_is_int(tisa_dtype_t dtype);  // signed or unsigned integer (not bool)
bool dtype_is_signed(tisa_dtype_t dtype);
inline bool mask_has(uint32_t mask, tisa_dtype_t dtype) {
  return (mask >> dtype) & 1u;
}

std::string_view extension_name(tisa_extension_t ext);
std::optional<tisa_extension_t> find_extension(std::string_view name);
// The ISA version whose spec gives the extension's semantics, 0 while it is only declared.
uint32_t extension_specified(tisa_extension_t ext);
// Extension a dtype or an op needs, or TISA_EXT_BASE.
tisa_extension_t dtype_extension(tisa_dtype_t dtype);
// "TISA1p0_Xf16_Xsp24": the ISA version and every extension in mask, in bit order.
std::string extension_string(uint32_t isa_version, tisa_extension_mask_t mask);

}  // namespace tisa::ir
