#include "examples/transformer/program_bound.hpp"

#include <algorithm>

#include "hal/ir/registry.hpp"

namespace tisa::examples {

double program_weight(const ir::Module& m, std::span<const int64_t> symbols) {
  const std::vector<ir::Shape> shapes = ir::resolve_all(m, symbols);
  double weight = 0.0;
  for (size_t i = 0; i < m.insts.size(); ++i) {
    const ir::Inst& inst = m.insts[i];
    const ir::OpInfo* op = ir::find_op(inst.op);
    if (op == nullptr || !ir::dtype_is_float(inst.type.dtype) || !ir::numerics_bounded(op->numerics))
      continue;
    if (op->numerics != TISA_NUMERICS_DOT && op->numerics != TISA_NUMERICS_PRODUCT) {
      weight += 1.0;
      continue;
    }
    const ir::Shape& first = shapes[inst.operands[0]];
    const int64_t out = ir::element_count(shapes[m.inputs.size() + i]);
    int64_t terms = 0;
    if (op->shape_rule == TISA_SHAPE_RULE_MATMUL)
      terms = first.empty() ? 0 : first.back();
    else if (out > 0)
      terms = ir::element_count(first) / out;
    weight += static_cast<double>(std::max<int64_t>(1, terms));
  }
  return std::max(weight, 1.0);
}

double program_bound(const ir::Module& m, std::span<const int64_t> symbols) {
  constexpr double kUnitRoundoffF32 = 0x1p-24;
  return TISA_CONFORMANCE_PROGRAM_ULPS_PER_OP * kUnitRoundoffF32 * program_weight(m, symbols);
}

}  // namespace tisa::examples
