// Scans (axis, exclusive, reverse): every attribute combination, each axis, empty lines and
// empty other axes, long lines, a symbolic axis, a transposed operand and the value classes.
#include "conformance/cts/op_cases.hpp"

namespace tisa::cts {
namespace {

struct ScanVariant {
  std::string name;
  ir::Shape shape;
  int64_t axis;
  bool exclusive;
  bool reverse;
  View view;
  std::optional<Values> values;  // default: the op's random class
};

ModuleCase build(Draft& d, const ir::OpInfo& op, tisa_dtype_t t, const ScanVariant& v, Values values) {
  const Draft::Pending p = d.declare(t, v.shape, v.view, Fill{values});
  const ir::Value x = d.apply(p);
  d.b.output(
      d.b.op(op.opcode, {x},
             {ir::Attr::integer(v.axis), ir::Attr::boolean(v.exclusive), ir::Attr::boolean(v.reverse)}));
  if (v.view == View::Transposed) return d.finish({TISA_OPT_O0, TISA_OPT_O2});
  return d.finish();
}

std::vector<ScanVariant> scan_variants(tisa_dtype_t t) {
  constexpr bool inc = false, exc = true, fwd = false, rev = true;
  const auto plain = [](std::string name, ir::Shape shape, int64_t axis, bool exclusive, bool reverse,
                        View view = View::None) {
    return ScanVariant{std::move(name), std::move(shape), axis, exclusive, reverse, view, std::nullopt};
  };
  std::vector<ScanVariant> v = {
      plain("axis0", {5, 7, 3}, 0, inc, fwd),
      plain("axis1", {5, 7, 3}, 1, inc, fwd),
      plain("axis2", {5, 7, 3}, 2, inc, fwd),
      plain("exclusive", {5, 7, 3}, 1, exc, fwd),
      plain("reverse", {5, 7, 3}, 1, inc, rev),
      plain("exclusive.reverse", {5, 7, 3}, 1, exc, rev),
      plain("exclusive.axis0", {5, 7, 3}, 0, exc, fwd),
      plain("reverse.axis2", {5, 7, 3}, 2, inc, rev),
      plain("rank1", {9}, 0, inc, fwd),
      plain("size1", {1}, 0, inc, fwd),
      plain("size1.exclusive", {1}, 0, exc, fwd),
      plain("empty", {4, 0, 3}, 1, inc, fwd),
      plain("empty.exclusive.reverse", {4, 0, 3}, 1, exc, rev),
      plain("empty.other", {0, 5}, 1, inc, fwd),
      plain("large", {300, 230}, 1, inc, fwd),
      plain("large.axis0.exclusive", {300, 230}, 0, exc, fwd),
      plain("symbolic", {13, 6}, 0, inc, fwd, View::Symbolic),
      plain("symbolic.exclusive.reverse", {13, 6}, 0, exc, rev, View::Symbolic),
      plain("transposed.reverse", {6, 4, 5}, 1, inc, rev, View::Transposed),
  };
  // Value classes along the longer axis, forward and backward, with and without the element.
  for (const ValueClass& c : value_classes(t)) {
    v.push_back({c.name, {5, 9, 4}, 1, inc, fwd, View::None, c.values});
    v.push_back({c.name + ".exclusive.reverse", {5, 9, 4}, 1, exc, rev, View::None, c.values});
  }
  return v;
}

}  // namespace

void add_scan_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  const Values random = random_values_for(op, t);
  for (const ScanVariant& v : scan_variants(t)) {
    const Values values = v.values.value_or(random);
    out.push_back(module_case(
        op_case_name(op, t, v.name), [&op, t, v, values](Draft& d) { return build(d, op, t, v, values); },
        op.opcode, t));
  }
}

}  // namespace tisa::cts
