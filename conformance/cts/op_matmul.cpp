// matmul: every accumulator the verifier allows for the input dtype, batch ranks, empty and
// degenerate extents, a large product, a symbolic M and a transposed operand.
#include "conformance/cts/op_cases.hpp"

namespace tisa::cts {
namespace {

struct MatmulVariant {
  std::string name;
  ir::Shape lhs, rhs;
  View view = View::None;  // applied to rhs
  std::optional<Values> values;
};

// Accumulators for input dtype t: a float at least as wide for floats, a signed integer of at
// least 32 bits and at least t's width for integers (spec: matmul constraints, and 10.5 for the
// float extensions: f16 x f16 may accumulate in f16, bf16, f32 or f64).
std::vector<tisa_dtype_t> accumulators(tisa_dtype_t t) {
  std::vector<tisa_dtype_t> out;
  for (tisa_dtype_t acc : suite_dtypes()) {
    if (ir::dtype_is_float(t)) {
      if (ir::dtype_is_float(acc) && ir::dtype_size(acc) >= ir::dtype_size(t)) out.push_back(acc);
    } else if (ir::dtype_is_signed(acc) && ir::dtype_is_int(acc) &&
               ir::dtype_size(acc) >= std::max<size_t>(4, ir::dtype_size(t))) {
      out.push_back(acc);
    }
  }
  return out;
}

ModuleCase build(Draft& d, const ir::OpInfo& op, tisa_dtype_t t, tisa_dtype_t acc, const MatmulVariant& v,
                 Values values) {
  const bool symbolic = v.view == View::Symbolic;
  const Draft::Pending a = d.declare(t, v.lhs, symbolic ? View::Symbolic : View::None, Fill{values, 0, 2});
  const Draft::Pending b = d.declare(t, v.rhs, symbolic ? View::None : v.view, Fill{values, 1, 2});
  d.b.output(d.b.op(op.opcode, {d.apply(a), d.apply(b)}, {ir::Attr::dtype(acc)}));
  if (v.view == View::Transposed) return d.finish({TISA_OPT_O0, TISA_OPT_O2});
  return d.finish();
}

}  // namespace

void add_matmul_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  std::vector<MatmulVariant> variants = {
      {"2d", {5, 7}, {7, 3}, View::None, std::nullopt},
      {"batched", {2, 3, 4}, {2, 4, 5}, View::None, std::nullopt},
      {"rank4", {2, 2, 3, 4}, {2, 2, 4, 2}, View::None, std::nullopt},
      {"k0", {3, 0}, {0, 4}, View::None, std::nullopt},
      {"m0", {0, 4}, {4, 3}, View::None, std::nullopt},
      {"vector", {1, 9}, {9, 1}, View::None, std::nullopt},
      {"large", {96, 128}, {128, 80}, View::None, std::nullopt},
      {"symbolic", {11, 6}, {6, 4}, View::Symbolic, std::nullopt},
      {"transposed", {4, 6}, {6, 5}, View::Transposed, std::nullopt},
  };
  for (const ValueClass& c : value_classes(t))
    variants.push_back({c.name, {6, 8}, {8, 5}, View::None, c.values});
  const Values random = random_values_for(op, t);
  for (tisa_dtype_t acc : accumulators(t)) {
    for (const MatmulVariant& v : variants) {
      const Values values = v.values.value_or(random);
      out.push_back(module_case(
          op_case_name(op, t, "acc_" + dtype_name(acc) + "." + v.name),
          [&op, t, acc, v, values](Draft& d) { return build(d, op, t, acc, v, values); }, op.opcode, t,
          extensions_of(acc)));
    }
  }
}

}  // namespace tisa::cts
