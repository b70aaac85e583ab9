#include <map>

#include "hal/ir/passes/passes.hpp"
#include "hal/ir/passes/rewrite.hpp"

namespace tisa::ir {
namespace {

// A key that is equal exactly when two instructions compute the same value. Constant payloads
// are compared by content, shape expressions by their text.
std::string key(const Module& m, const Inst& inst) {
  std::string k = std::to_string(inst.op) + "(";
  for (ValueId v : inst.operands) k += std::to_string(v) + ",";
  k += ")";
  auto names = m.symbol_names();
  for (const Attr& a : inst.attrs) {
    k += "|" + std::to_string(a.kind) + ":";
    switch (a.kind) {
      case TISA_ATTR_INTS:
        for (int64_t v : a.ints) k += std::to_string(v) + ",";
        break;
      case TISA_ATTR_SHAPE:
        for (const auto& e : a.exprs) k += e.str(names) + ",";
        break;
      case TISA_ATTR_SCALAR: k += std::to_string(a.bits); break;
      case TISA_ATTR_DATA: k.append(m.constants[a.i].begin(), m.constants[a.i].end()); break;
      default: k += std::to_string(a.i);
    }
  }
  return k;
}

}  // namespace

bool common_subexpression_elimination(Module& m) {
  std::map<std::string, ValueId> seen;
  return rewrite_forward(m, [&](Inst& inst, ValueId id, bool&) -> std::optional<ValueId> {
    auto [it, inserted] = seen.emplace(key(m, inst), id);
    if (inserted) return std::nullopt;
    return it->second;
  });
}

}  // namespace tisa::ir
