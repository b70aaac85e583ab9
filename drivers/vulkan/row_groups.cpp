// Which instructions can share a row kernel (fusion.hpp): each candidate gets the row shape it
// works over, and candidates linked by an operand with the same row shape join one set.
#include <numeric>
#include <optional>

#include "drivers/vulkan/fusion.hpp"
#include "drivers/vulkan/kernel_table.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

bool is_last_axis_reduction(const ir::Module& m, const ir::Inst& inst) {
  if (inst.op != TISA_OP_REDUCE_SUM && inst.op != TISA_OP_REDUCE_MAX && inst.op != TISA_OP_REDUCE_MIN)
    return false;
  const ir::TensorType& x = m.value_type(inst.operands[0]);
  return x.dtype == TISA_DTYPE_F32 && x.rank() >= 1 && inst.attrs[0].ints.size() == 1 &&
         inst.attrs[0].ints[0] == static_cast<int64_t>(x.rank()) - 1;
}

// An f32 unary or binary op on f32 operands that has a kernel (no compares, selects or casts).
bool is_f32_elementwise(const ir::Module& m, const ir::Inst& inst) {
  const ir::OpInfo* info = ir::find_op(inst.op);
  if (!info || (info->group != TISA_GROUP_UNARY && info->group != TISA_GROUP_BINARY)) return false;
  if (inst.type.dtype != TISA_DTYPE_F32 || inst.type.rank() == 0) return false;
  for (ir::ValueId v : inst.operands) {
    if (m.value_type(v).dtype != TISA_DTYPE_F32) return false;
  }
  const KernelEntry* kernel = find_kernel(inst.op, TISA_DTYPE_F32);
  return kernel && *kernel->shader;
}

// t is `row` with its last axis reduced to 1 (the keepdims shape of a last-axis reduction).
bool is_reduced_row(const ir::TensorType& t, const ir::TensorType& row) {
  if (t.rank() != row.rank() || t.dims.back().as_lit() != std::optional<int64_t>(1)) return false;
  for (size_t d = 0; d + 1 < t.rank(); ++d) {
    if (!t.dims[d].equals(row.dims[d])) return false;
  }
  return true;
}

class Candidates {
 public:
  explicit Candidates(const ir::Module& m) : m_(m), n_(m.insts.size()) {
    row_.resize(n_);
    role_.resize(n_);
  }

  std::vector<RowCandidate> run() {
    for (uint32_t i = 0; i < n_; ++i) classify(i);
    std::vector<uint32_t> parent(n_);
    std::iota(parent.begin(), parent.end(), 0u);
    const auto find = [&](uint32_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    for (uint32_t i = 0; i < n_; ++i) {
      if (!row_[i]) continue;
      for (ir::ValueId v : m_.insts[i].operands) {
        const int j = inst_of(v);
        if (j >= 0 && row_[j] && same_dims(*row_[j], *row_[i])) parent[find(i)] = find(static_cast<uint32_t>(j));
      }
    }
    std::vector<std::vector<uint32_t>> sets(n_);
    for (uint32_t i = 0; i < n_; ++i) {
      if (row_[i]) sets[find(i)].push_back(i);
    }
    std::vector<RowCandidate> out;
    for (std::vector<uint32_t>& set : sets) {
      bool reduces = false, computes = false;
      for (uint32_t i : set) {
        reduces |= role_[i] == RowRole::kReduction;
        computes |= m_.insts[i].op != TISA_OP_BROADCAST && role_[i] != RowRole::kReduction;
      }
      // A lone reduction keeps the reduction kernel's layouts (chunks for a few long rows).
      if (!reduces || !computes) continue;
      RowCandidate c;
      for (uint32_t i : set) c.roles.push_back(role_[i]);
      c.members = std::move(set);
      c.row_value = m_.insts[c.members.front()].operands[0];
      for (size_t k = 0; k < c.members.size(); ++k) {
        if (c.roles[k] == RowRole::kReduction) {
          c.row_value = m_.insts[c.members[k]].operands[0];
          break;
        }
      }
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  int inst_of(ir::ValueId v) const { return m_.is_input(v) ? -1 : static_cast<int>(v - m_.inputs.size()); }

  // The row shape of a per-row candidate feeding instruction i's shape t, if any operand is one.
  std::optional<ir::TensorType> per_row_operand(const ir::Inst& inst, const ir::TensorType& t) const {
    for (ir::ValueId v : inst.operands) {
      const int j = inst_of(v);
      if (j >= 0 && row_[j] && role_[j] != RowRole::kColumn && is_reduced_row(t, *row_[j])) return row_[j];
    }
    return std::nullopt;
  }

  void classify(uint32_t i) {
    const ir::Inst& inst = m_.insts[i];
    if (is_last_axis_reduction(m_, inst)) {
      row_[i] = m_.value_type(inst.operands[0]);
      role_[i] = RowRole::kReduction;
    } else if (inst.op == TISA_OP_BROADCAST) {
      // A reduced value broadcast back over its row (keepdims shape -> row shape).
      const int j = inst_of(inst.operands[0]);
      if (j >= 0 && row_[j] && role_[j] != RowRole::kColumn && same_dims(*row_[j], inst.type) &&
          is_reduced_row(m_.value_type(inst.operands[0]), inst.type)) {
        row_[i] = inst.type;
        role_[i] = RowRole::kRowScalar;
      }
    } else if (is_f32_elementwise(m_, inst)) {
      if (std::optional<ir::TensorType> row = per_row_operand(inst, inst.type)) {
        // Per row: every operand is computed per row too, or a fill (the kernel loads nothing
        // outside its walks over a row).
        for (ir::ValueId v : inst.operands) {
          const int j = inst_of(v);
          if (j < 0) return;
          const bool per_row = row_[j] && role_[j] != RowRole::kColumn && same_dims(*row_[j], *row);
          if (!per_row && m_.insts[j].op != TISA_OP_FILL) return;
        }
        row_[i] = std::move(row);
        role_[i] = RowRole::kRowScalar;
      } else {
        row_[i] = inst.type;
        role_[i] = RowRole::kColumn;
      }
    }
  }

  const ir::Module& m_;
  size_t n_;
  std::vector<std::optional<ir::TensorType>> row_;  // by instruction: its row shape, if a candidate
  std::vector<RowRole> role_;
};

}  // namespace

std::vector<RowCandidate> row_group_candidates(const ir::Module& module) {
  return Candidates(module).run();
}

}  // namespace tisa::vk
