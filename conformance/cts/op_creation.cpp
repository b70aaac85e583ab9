// constant, fill, iota: shapes, payloads and fill values, symbolic shapes.
#include <cmath>
#include <limits>

#include "conformance/cts/float_format.hpp"
#include "conformance/cts/op_cases.hpp"
#include "hal/ir/builder.hpp"

namespace tisa::cts {
namespace {

ModuleCase constant_case(Draft& d, tisa_dtype_t t, const ir::Shape& shape, Values values) {
  const ref::HostTensor data = make_values(t, shape, Fill{values}, d.rng);
  d.b.output(d.b.constant(t, shape, std::span<const uint8_t>(data.data)));
  return d.finish();
}

// fill of shape (a symbol N is bound by an input of shape [N]).
ModuleCase fill_case(Draft& d, tisa_dtype_t t, const ir::Shape& shape, double value, bool symbolic) {
  std::vector<ir::Expr> dims = ir::lits(shape);
  if (symbolic) {
    const ir::Expr n = d.symbol("N");
    d.input(TISA_DTYPE_I32, {shape[0]}, Fill{}, {n});
    dims[0] = n;
  }
  d.b.output(d.b.fill(t, dims, value));
  return d.finish();
}

ModuleCase iota_case(Draft& d, tisa_dtype_t t, const ir::Shape& shape, int64_t axis, bool symbolic) {
  std::vector<ir::Expr> dims = ir::lits(shape);
  if (symbolic) {
    const ir::Expr n = d.symbol("N");
    d.input(TISA_DTYPE_I32, {shape[0]}, Fill{}, {n});
    dims[0] = n * ir::Expr::lit(2);
  }
  d.b.output(d.b.iota(t, dims, axis));
  return d.finish();
}

std::vector<std::pair<std::string, double>> fill_values(tisa_dtype_t t) {
  if (t == TISA_DTYPE_BOOL) return {{"true", 1.0}, {"false", 0.0}};
  if (const FloatFormat* f = float_format(t)) {
    // A subnormal a few binades below the normal range (2^-140 for f32), and the largest value.
    const double subnormal = std::ldexp(1.0, f->emin - (t == TISA_DTYPE_F32 ? 14 : f->precision / 2));
    return {{"value", 2.75},          {"nan", std::numeric_limits<double>::quiet_NaN()},
            {"neg_zero", -0.0},       {"inf", -std::numeric_limits<double>::infinity()},
            {"subnormal", subnormal}, {"max", f->max()}};
  }
  const std::vector<int64_t> extremes = integer_extremes(t);
  return {
      {"value", 7.0}, {"min", static_cast<double>(extremes[0])}, {"max", static_cast<double>(extremes[3])}};
}

}  // namespace

void add_creation_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  const auto add = [&](const std::string& rest, std::function<ModuleCase(Draft&)> body) {
    out.push_back(module_case(op_case_name(op, t, rest), std::move(body), op.opcode, t));
  };
  if (op.shape_rule == TISA_SHAPE_RULE_CONSTANT) {
    const std::vector<std::pair<std::string, ir::Shape>> shapes = {{"rank0", {}},
                                                                   {"empty", {0, 3}},
                                                                   {"odd", {7, 13}},
                                                                   {"rank8", {2, 1, 2, 1, 2, 1, 2, 1}},
                                                                   {"large", {263, 257}}};
    for (const auto& [name, shape] : shapes) {
      add(name, [t, shape](Draft& d) { return constant_case(d, t, shape, Values::Random); });
    }
    const Values special = ir::dtype_is_float(t) ? Values::Special : Values::MinMax;
    add("special", [t, special](Draft& d) { return constant_case(d, t, {64}, special); });
    return;
  }
  if (ir::attr_index(op, "value") >= 0) {  // fill; otherwise iota (an axis)
    for (const auto& [name, value] : fill_values(t)) {
      add(name, [t, value](Draft& d) { return fill_case(d, t, {5, 3}, value, false); });
    }
    add("rank0", [t](Draft& d) { return fill_case(d, t, {}, 1.0, false); });
    add("empty", [t](Draft& d) { return fill_case(d, t, {4, 0}, 1.0, false); });
    add("large", [t](Draft& d) { return fill_case(d, t, {263, 257}, 1.0, false); });
    add("symbolic", [t](Draft& d) { return fill_case(d, t, {9, 3}, 1.0, true); });
    return;
  }
  // iota: an axis attribute.
  add("axis0", [t](Draft& d) { return iota_case(d, t, {4, 5}, 0, false); });
  add("axis1", [t](Draft& d) { return iota_case(d, t, {4, 5}, 1, false); });
  add("rank1", [t](Draft& d) { return iota_case(d, t, {17}, 0, false); });
  add("wrap", [t](Draft& d) { return iota_case(d, t, {300}, 0, false); });
  add("empty", [t](Draft& d) { return iota_case(d, t, {0, 3}, 1, false); });
  add("rank8", [t](Draft& d) { return iota_case(d, t, {2, 1, 2, 1, 2, 1, 3, 1}, 6, false); });
  add("large", [t](Draft& d) { return iota_case(d, t, {70001}, 0, false); });
  add("symbolic", [t](Draft& d) { return iota_case(d, t, {6, 3}, 0, true); });
}

}  // namespace tisa::cts
