// Walks the registry and hands each (op, dtype) pair to the family of its shape rule.
#include "conformance/cts/op_cases.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "hal/ir/error.hpp"

namespace tisa::cts {

std::string dtype_name(tisa_dtype_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return info ? std::string(info->name) : "invalid";
}

std::string op_case_name(const ir::OpInfo& op, tisa_dtype_t t, const std::string& rest) {
  return fmt::format("op.{}.{}.{}", op.name, dtype_name(t), rest);
}

Values random_values_for(const ir::OpInfo& op, tisa_dtype_t t) {
  if (!ir::dtype_is_float(t)) return Values::Random;
  if (op.numerics == TISA_NUMERICS_DOT) return Values::Unit;
  if (op.numerics == TISA_NUMERICS_PRODUCT) return Values::NearOne;
  return Values::Random;
}

std::vector<ValueClass> value_classes(tisa_dtype_t t) {
  if (ir::dtype_is_float(t)) {
    return {{"special", Values::Special},
            {"nan", Values::Nan},
            {"inf", Values::Inf},
            {"zero", Values::Zero},
            {"subnormal", Values::Subnormal},
            {"overflow", Values::Overflow}};
  }
  if (t == TISA_DTYPE_BOOL) return {{"all", Values::MinMax}};
  return {{"minmax", Values::MinMax}};
}

std::vector<tisa_dtype_t> base_dtypes() {
  std::vector<tisa_dtype_t> out;
  for (const ir::DtypeInfo& d : ir::all_dtypes()) {
    if (d.extension == TISA_EXT_BASE) out.push_back(d.dtype);
  }
  return out;
}

std::vector<tisa_dtype_t> suite_dtypes() {
  std::vector<tisa_dtype_t> out;
  for (const ir::DtypeInfo& d : ir::all_dtypes()) {
    const uint32_t specified = d.extension == TISA_EXT_BASE ? 0 : ir::extension_specified(d.extension);
    if (d.extension == TISA_EXT_BASE || (specified != 0 && specified <= TISA_ISA_VERSION))
      out.push_back(d.dtype);
  }
  return out;
}

namespace {

void add_family(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  switch (op.shape_rule) {
    case TISA_SHAPE_RULE_SAME:
      if (op.group == TISA_GROUP_TYPE) return add_type_cases(op, t, out);
      return add_elementwise_cases(op, t, out);
    case TISA_SHAPE_RULE_SELECT: return add_elementwise_cases(op, t, out);
    case TISA_SHAPE_RULE_CONSTANT:
    case TISA_SHAPE_RULE_CREATION: return add_creation_cases(op, t, out);
    case TISA_SHAPE_RULE_REDUCE:
    case TISA_SHAPE_RULE_ARG_REDUCE: return add_reduce_cases(op, t, out);
    case TISA_SHAPE_RULE_MATMUL: return add_matmul_cases(op, t, out);
    case TISA_SHAPE_RULE_RESHAPE:
    case TISA_SHAPE_RULE_TRANSPOSE:
    case TISA_SHAPE_RULE_BROADCAST:
    case TISA_SHAPE_RULE_SLICE:
    case TISA_SHAPE_RULE_PAD:
    case TISA_SHAPE_RULE_CONCAT:
    case TISA_SHAPE_RULE_REVERSE:
    case TISA_SHAPE_RULE_WINDOW: return add_movement_cases(op, t, out);
    case TISA_SHAPE_RULE_GATHER:
    case TISA_SHAPE_RULE_SCATTER: return add_indexing_cases(op, t, out);
    case TISA_SHAPE_RULE_SCAN: return add_scan_cases(op, t, out);
  }
  // A new shape rule needs a family here; the generator's coverage test fails until then.
}

}  // namespace

std::vector<Case> op_cases() {
  std::vector<Case> out;
  for (const ir::OpInfo& op : ir::all_ops()) {
    if (op.extension != TISA_EXT_BASE) continue;
    for (tisa_dtype_t t : suite_dtypes()) {
      if (!ir::mask_has(op.t_mask, t)) continue;
      const size_t first = out.size();
      add_family(op, t, out);
      for (size_t i = first; i < out.size(); ++i) out[i].isa_version = std::max(out[i].isa_version, op.since);
    }
  }
  return out;
}

}  // namespace tisa::cts
