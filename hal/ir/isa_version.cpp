#include "hal/ir/isa_version.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tisa::ir {

std::string version_text(uint32_t version) {
  return fmt::format("{}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

uint32_t inst_version(const OpInfo& op, const Inst& inst) {
  uint32_t version = op.since;
  for (size_t i = 0; i < op.attrs.size() && i < inst.attrs.size(); ++i) {
    if (op.attrs[i].kind != TISA_ATTR_ENUM) continue;
    const int64_t value = inst.attrs[i].i;
    if (value >= 0 && static_cast<size_t>(value) < op.enum_since.size())
      version = std::max(version, op.enum_since[static_cast<size_t>(value)]);
  }
  return version;
}

uint32_t required_version(const Module& m) {
  uint32_t version = kIsaVersion1_0;
  for (const Inst& inst : m.insts)
    if (const OpInfo* op = find_op(inst.op)) version = std::max(version, inst_version(*op, inst));
  return version;
}

uint32_t encoding_version(const Module& m) {
  const uint32_t need = required_version(m);
  const bool within = TISA_VERSION_MAJOR(need) == TISA_VERSION_MAJOR(m.version) && need <= m.version;
  return within ? need : m.version;
}

}  // namespace tisa::ir
