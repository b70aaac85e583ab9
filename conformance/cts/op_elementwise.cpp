// Elementwise ops (unary, binary, select): shape classes, views feeding the op, value classes.
#include <cmath>

#include "conformance/cts/op_cases.hpp"

namespace tisa::cts {

struct ShapeClass {
  std::string name;
  ir::Shape shape;
  View view;
};

// Shapes every elementwise-like op runs on; shared with cast and bitcast (op_type.cpp).
std::vector<ShapeClass> elementwise_shapes() {
  return {
      {"rank0", {}, View::None},
      {"empty", {3, 0}, View::None},
      {"size1", {1}, View::None},
      {"odd", {7, 13}, View::None},
      {"prime.rank3", {3, 5, 7}, View::None},
      {"rank8", {2, 1, 2, 1, 2, 1, 2, 1}, View::None},
      {"large", {263, 257}, View::None},
      {"symbolic", {11, 5}, View::Symbolic},
      {"transposed", {6, 9}, View::Transposed},
      {"broadcast.rank3", {3, 4, 5}, View::Broadcast},
      {"sliced", {5, 6}, View::Sliced},
      {"windowed", {6, 4}, View::Windowed},
  };
}

// Every value class is run on one flat shape: the special tables are cartesian over the
// operands, so the shape holds every combination (capped).
ir::Shape value_class_shape(Values values, tisa_dtype_t t, size_t operand_count) {
  if (values != Values::Special && values != Values::MinMax) return {97};
  const size_t base = ir::dtype_is_float(t) ? special_floats(t).size() : integer_extremes(t).size();
  const double n = std::pow(static_cast<double>(base), static_cast<double>(operand_count));
  return {static_cast<int64_t>(std::min(n, 8192.0))};
}

namespace {

tisa_dtype_t operand_dtype(const ir::OpInfo& op, size_t k, tisa_dtype_t t) {
  const ir::OperandInfo& info = op.operands[std::min(k, op.operands.size() - 1)];
  return info.constraint == ir::OperandConstraint::Fixed ? info.fixed : t;
}

// out = op(operands...) with every operand of `shape` fed through `view`.
ModuleCase build(Draft& d, const ir::OpInfo& op, tisa_dtype_t t, const ir::Shape& shape, View view,
                 Values values, std::vector<ir::Attr> attrs = {}) {
  const size_t n = op.operands.size();
  std::vector<Draft::Pending> pending;
  for (size_t k = 0; k < n; ++k) {
    Fill fill{values, static_cast<int>(k), static_cast<int>(n)};
    pending.push_back(d.declare(operand_dtype(op, k, t), shape, view, fill));
  }
  std::vector<ir::Value> operands;
  for (const Draft::Pending& p : pending) operands.push_back(d.apply(p));
  d.b.output(d.b.op(op.opcode, operands, std::move(attrs)));
  // Views are what fusing drivers rewrite: run those at O2 as well.
  if (view == View::None || view == View::Symbolic) return d.finish({TISA_OPT_O0});
  return d.finish({TISA_OPT_O0, TISA_OPT_O2});
}

}  // namespace

void add_elementwise_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  const Values random = random_values_for(op, t);
  for (const ShapeClass& s : elementwise_shapes()) {
    out.push_back(module_case(
        op_case_name(op, t, s.name),
        [&op, t, s, random](Draft& d) { return build(d, op, t, s.shape, s.view, random); }, op.opcode, t));
  }
  std::vector<ValueClass> classes = {{"random", random}};
  for (const ValueClass& v : value_classes(t)) classes.push_back(v);
  for (const ValueClass& v : classes) {
    const ir::Shape shape = value_class_shape(v.values, t, op.operands.size());
    out.push_back(module_case(
        op_case_name(op, t, v.name),
        [&op, t, shape, v](Draft& d) { return build(d, op, t, shape, View::None, v.values); }, op.opcode, t));
  }
}

// cast and bitcast share the shapes and classes; the name carries the target dtype, whose
// extension the case needs too.
void add_type_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  const int result_attr = op.result_attr;
  for (tisa_dtype_t to : suite_dtypes()) {
    if (!ir::mask_has(op.t_mask, to)) continue;
    if (op.opcode == TISA_OP_BITCAST && ir::dtype_size(to) != ir::dtype_size(t)) continue;
    const auto attrs = [result_attr, to]() {
      std::vector<ir::Attr> a(static_cast<size_t>(result_attr) + 1);
      a[static_cast<size_t>(result_attr)] = ir::Attr::dtype(to);
      return a;
    };
    const std::string prefix = dtype_name(to) + ".";
    std::vector<std::pair<std::string, ir::Shape>> shapes = {
        {"rank0", {}}, {"empty", {0, 4}}, {"odd", {7, 13}}};
    for (const auto& [name, shape] : shapes) {
      out.push_back(module_case(
          op_case_name(op, t, prefix + name),
          [&op, t, shape, attrs](Draft& d) {
            return build(d, op, t, shape, View::None, Values::Random, attrs());
          },
          op.opcode, t, extensions_of(to)));
    }
    std::vector<ValueClass> classes = {{"random", Values::Random}};
    for (const ValueClass& v : value_classes(t)) classes.push_back(v);
    for (const ValueClass& v : classes) {
      const ir::Shape shape = value_class_shape(v.values, t, 1);
      out.push_back(module_case(
          op_case_name(op, t, prefix + v.name),
          [&op, t, shape, v, attrs](Draft& d) {
            return build(d, op, t, shape, View::None, v.values, attrs());
          },
          op.opcode, t, extensions_of(to)));
    }
    out.push_back(module_case(
        op_case_name(op, t, prefix + "transposed"),
        [&op, t, attrs](Draft& d) {
          return build(d, op, t, {6, 9}, View::Transposed, Values::Random, attrs());
        },
        op.opcode, t, extensions_of(to)));
  }
}

}  // namespace tisa::cts
