// Reductions (axes + keepdims) and arg-reductions (axis + keepdims).
#include "conformance/cts/op_cases.hpp"

namespace tisa::cts {
namespace {

struct ReduceVariant {
  std::string name;
  ir::Shape shape;
  std::vector<int64_t> axes;
  bool keepdims;
  View view = View::None;
  std::optional<Values> values;  // default: the op's random class
};

ModuleCase build(Draft& d, const ir::OpInfo& op, tisa_dtype_t t, const ReduceVariant& v, Values values) {
  const Draft::Pending p = d.declare(t, v.shape, v.view, Fill{values});
  const ir::Value x = d.apply(p);
  std::vector<ir::Attr> attrs;
  if (op.shape_rule == TISA_SHAPE_RULE_ARG_REDUCE) {
    attrs = {ir::Attr::integer(v.axes.at(0)), ir::Attr::boolean(v.keepdims)};
  } else {
    attrs = {ir::Attr::list(v.axes), ir::Attr::boolean(v.keepdims)};
  }
  d.b.output(d.b.op(op.opcode, {x}, std::move(attrs)));
  if (v.view == View::Transposed) return d.finish({TISA_OPT_O0, TISA_OPT_O2});
  return d.finish();
}

std::vector<ReduceVariant> reduce_variants(tisa_dtype_t t) {
  std::vector<ReduceVariant> v = {
      {"axis0", {5, 7, 3}, {0}, false, View::None, std::nullopt},
      {"axis1.keepdims", {5, 7, 3}, {1}, true, View::None, std::nullopt},
      {"axes02", {5, 7, 3}, {0, 2}, false, View::None, std::nullopt},
      {"all", {5, 7, 3}, {0, 1, 2}, false, View::None, std::nullopt},
      {"all.keepdims", {5, 7, 3}, {0, 1, 2}, true, View::None, std::nullopt},
      {"none", {5, 7, 3}, {}, false, View::None, std::nullopt},
      {"rank0", {}, {}, false, View::None, std::nullopt},
      {"size1", {1}, {0}, false, View::None, std::nullopt},
      {"empty", {4, 0, 3}, {1}, false, View::None, std::nullopt},
      {"empty.all", {4, 0, 3}, {0, 1, 2}, true, View::None, std::nullopt},
      {"large", {300, 230}, {1}, false, View::None, std::nullopt},
      {"large.axis0", {300, 230}, {0}, false, View::None, std::nullopt},
      {"symbolic", {13, 6}, {0}, false, View::Symbolic, std::nullopt},
      {"transposed", {6, 4, 5}, {1}, false, View::Transposed, std::nullopt},
  };
  for (const ValueClass& c : value_classes(t))
    v.push_back({c.name, {5, 9, 4}, {1}, false, View::None, c.values});
  return v;
}

std::vector<ReduceVariant> arg_variants(tisa_dtype_t t) {
  std::vector<ReduceVariant> v = {
      {"axis0", {5, 7, 3}, {0}, false, View::None, std::nullopt},
      {"axis1.keepdims", {5, 7, 3}, {1}, true, View::None, std::nullopt},
      {"axis2", {5, 7, 3}, {2}, false, View::None, std::nullopt},
      {"rank1", {9}, {0}, false, View::None, std::nullopt},
      {"size1", {1}, {0}, false, View::None, std::nullopt},
      {"ties", {6, 11}, {1}, false, View::None, Values::Ties},
      {"empty.other", {4, 0, 3}, {0}, false, View::None, std::nullopt},
      {"large", {300, 230}, {1}, false, View::None, std::nullopt},
      {"symbolic", {13, 6}, {0}, false, View::Symbolic, std::nullopt},
      {"transposed", {6, 4, 5}, {1}, false, View::Transposed, std::nullopt},
  };
  for (const ValueClass& c : value_classes(t))
    v.push_back({c.name, {5, 9, 4}, {1}, false, View::None, c.values});
  return v;
}

}  // namespace

void add_reduce_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  const Values random = random_values_for(op, t);
  const auto variants = op.shape_rule == TISA_SHAPE_RULE_ARG_REDUCE ? arg_variants(t) : reduce_variants(t);
  for (const ReduceVariant& v : variants) {
    const Values values = v.values.value_or(random);
    out.push_back(module_case(
        op_case_name(op, t, v.name), [&op, t, v, values](Draft& d) { return build(d, op, t, v, values); },
        op.opcode, t));
  }
}

}  // namespace tisa::cts
