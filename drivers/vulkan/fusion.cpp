#include "drivers/vulkan/fusion.hpp"

#include <algorithm>
#include <set>

#include "drivers/vulkan/kernel_table.hpp"
#include "drivers/vulkan/params.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

// The dtype an elementwise instruction computes in: its operands' (a compare's result is bool,
// select's condition is bool).
tisa_dtype_t operand_dtype(const ir::Module& m, const ir::Inst& inst) {
  return m.value_type(inst.operands.back()).dtype;
}

// Whether inst can be a group member, and whether it needs shaderFloat64.
bool fusible(const ir::Module& m, const ir::Inst& inst, bool& needs_float64) {
  needs_float64 = false;
  if (inst.op == TISA_OP_SELECT) return true;
  if (inst.op == TISA_OP_CAST) return m.value_type(inst.operands[0]).dtype != inst.type.dtype;
  const ir::OpInfo* info = ir::find_op(inst.op);
  if (!info || (info->group != TISA_GROUP_UNARY && info->group != TISA_GROUP_BINARY)) return false;
  const KernelEntry* kernel = find_kernel(inst.op, operand_dtype(m, inst));
  if (!kernel || !*kernel->shader) return false;
  needs_float64 = kernel->needs_float64;
  return true;
}

class Fuser {
 public:
  explicit Fuser(const ir::Module& m) : m_(m), n_(static_cast<uint32_t>(m.insts.size())) {
    users_.resize(m.value_count());
    for (uint32_t i = 0; i < n_; ++i) {
      for (ir::ValueId v : m.insts[i].operands) users_[v].push_back(i);
    }
    is_output_.assign(m.value_count(), false);
    for (ir::ValueId v : m.outputs) is_output_[v] = true;
    fused_.group_of.assign(n_, -1);
    chain_of_.assign(n_, -1);
    fused_.inlined.assign(n_, false);
    f64_.assign(n_, false);
  }

  Fusion run() {
    add_row_groups();
    std::vector<std::vector<uint32_t>> groups;
    for (uint32_t i = 0; i < n_; ++i) {
      bool f64 = false;
      if (fused_.group_of[i] >= 0 || !fusible(m_, m_.insts[i], f64)) continue;
      f64_[i] = f64;
      std::set<uint32_t> group = {i};
      for (ir::ValueId v : m_.insts[i].operands) {
        const int j = inst_of(v);
        if (j < 0 || chain_of_[j] < 0 || group.count(static_cast<uint32_t>(j))) continue;
        if (!same_dims(m_.insts[j].type, m_.insts[i].type)) continue;
        std::set<uint32_t> merged = group;
        merged.insert(groups[chain_of_[j]].begin(), groups[chain_of_[j]].end());
        if (acceptable(merged, i)) group = std::move(merged);
      }
      const int id = static_cast<int>(groups.size());
      for (uint32_t member : group) {
        if (chain_of_[member] >= 0) groups[chain_of_[member]].clear();
        chain_of_[member] = id;
      }
      groups.emplace_back(group.begin(), group.end());
    }
    for (std::vector<uint32_t>& members : groups) {
      // A lone op is worth a kernel of its own only when it saves a fill's dispatch and memory.
      if (members.empty() || (members.size() == 1 && !reads_fill(members[0]))) continue;
      const int id = static_cast<int>(fused_.groups.size());
      for (uint32_t member : members) fused_.group_of[member] = id;
      fused_.groups.push_back(describe(std::move(members)));
    }
    mark_inlined_fills();
    for (FusedGroup& g : fused_.groups) g.glsl = g.rows ? row_source(m_, g) : fused_source(m_, g);
    return std::move(fused_);
  }

 private:
  int inst_of(ir::ValueId v) const { return m_.is_input(v) ? -1 : static_cast<int>(v - m_.inputs.size()); }
  ir::ValueId value_of(uint32_t inst) const { return static_cast<ir::ValueId>(m_.inputs.size() + inst); }
  bool reads_fill(uint32_t inst) const {
    return std::any_of(m_.insts[inst].operands.begin(), m_.insts[inst].operands.end(),
                       [&](ir::ValueId v) { return is_fill(v); });
  }
  bool is_fill(ir::ValueId v) const {
    const int j = inst_of(v);
    return j >= 0 && m_.insts[j].op == TISA_OP_FILL;
  }

  // A group whose last member is `last` runs where `last` stands: every reader of a member that
  // comes earlier must be a member too (which also keeps the group free of cycles through
  // outside instructions). Inputs and stored outputs must fit the parameter record.
  bool acceptable(const std::set<uint32_t>& group, uint32_t last) const {
    std::set<ir::ValueId> inputs;
    int outputs = 0;
    for (uint32_t member : group) {
      bool read_outside = is_output_[value_of(member)];
      for (uint32_t u : users_[value_of(member)]) {
        if (group.count(u)) continue;
        if (u < last) return false;
        read_outside = true;
      }
      outputs += read_outside ? 1 : 0;
      for (ir::ValueId v : m_.insts[member].operands) {
        const int j = inst_of(v);
        if ((j < 0 || !group.count(static_cast<uint32_t>(j))) && !is_fill(v)) inputs.insert(v);
      }
    }
    return outputs <= kMaxFusedOutputs && static_cast<int>(inputs.size()) <= kMaxFusedInputs;
  }

  // The row groups that fit their kernel: placeable where their last member stands, and within
  // the parameter record's inputs and outputs. A candidate that does not fit is cut to its
  // longest prefix that does (a prefix in program order holds every member its members read)
  // and still has a reduction and something else to compute; the rest is left to the chains.
  void add_row_groups() {
    for (RowCandidate& c : row_group_candidates(m_)) {
      size_t end = c.members.size();
      for (; end > 0; --end) {
        const std::set<uint32_t> prefix(c.members.begin(), c.members.begin() + static_cast<ptrdiff_t>(end));
        if (worth_a_row_kernel(c, end) && acceptable(prefix, c.members[end - 1])) break;
      }
      if (end == 0) continue;
      c.members.resize(end);
      c.roles.resize(end);
      const int id = static_cast<int>(fused_.groups.size());
      for (uint32_t member : c.members) {
        fused_.group_of[member] = id;
        bool f64 = false;
        fusible(m_, m_.insts[member], f64);  // false for the reductions and broadcasts, f64 stays so
        f64_[member] = f64;
      }
      FusedGroup g = describe(std::move(c.members));
      g.rows = true;
      g.roles = std::move(c.roles);
      g.row_value = c.row_value;
      fused_.groups.push_back(std::move(g));
    }
  }

  // The first `end` members of c hold a reduction and an op that is not one or a broadcast.
  bool worth_a_row_kernel(const RowCandidate& c, size_t end) const {
    bool reduces = false, computes = false;
    for (size_t k = 0; k < end; ++k) {
      reduces |= c.roles[k] == RowRole::kReduction;
      computes |= c.roles[k] != RowRole::kReduction && m_.insts[c.members[k]].op != TISA_OP_BROADCAST;
    }
    return reduces && computes;
  }

  FusedGroup describe(std::vector<uint32_t> members) const {
    FusedGroup g;
    const std::set<uint32_t> in_group(members.begin(), members.end());
    for (uint32_t member : members) {
      g.needs_float64 |= f64_[member];
      for (ir::ValueId v : m_.insts[member].operands) {
        const int j = inst_of(v);
        const bool inside = j >= 0 && in_group.count(static_cast<uint32_t>(j));
        if (!inside && !is_fill(v) && std::find(g.inputs.begin(), g.inputs.end(), v) == g.inputs.end())
          g.inputs.push_back(v);
      }
      bool read_outside = is_output_[value_of(member)];
      for (uint32_t u : users_[value_of(member)]) read_outside |= !in_group.count(u);
      if (read_outside) g.outputs.push_back(value_of(member));
    }
    g.members = std::move(members);
    return g;
  }

  // A fill read only by group members (and not an output) is never materialized.
  void mark_inlined_fills() {
    for (uint32_t i = 0; i < n_; ++i) {
      if (m_.insts[i].op != TISA_OP_FILL || is_output_[value_of(i)] || users_[value_of(i)].empty()) continue;
      fused_.inlined[i] = std::all_of(users_[value_of(i)].begin(), users_[value_of(i)].end(),
                                      [&](uint32_t u) { return fused_.group_of[u] >= 0; });
    }
  }

  const ir::Module& m_;
  uint32_t n_;
  std::vector<std::vector<uint32_t>> users_;
  std::vector<bool> is_output_;
  std::vector<bool> f64_;
  std::vector<int> chain_of_;  // by instruction: its elementwise chain while they are being grown
  Fusion fused_;
};

}  // namespace

bool same_dims(const ir::TensorType& a, const ir::TensorType& b) {
  if (a.rank() != b.rank()) return false;
  for (size_t d = 0; d < a.rank(); ++d) {
    if (!a.dims[d].equals(b.dims[d])) return false;
  }
  return true;
}

Fusion find_fusions(const ir::Module& module) {
  return Fuser(module).run();
}

}  // namespace tisa::vk
