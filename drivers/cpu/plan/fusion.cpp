// Fusion decisions, made walking the module backwards so that every consumer is placed before
// its producers: an elementwise value joins its consumers' program when all of them (seen
// through reshapes, which keep the row-major order a program walks) are in one elementwise or
// reduce group and nothing else needs it stored.
#include "drivers/cpu/plan/fusion.hpp"

#include <algorithm>

#include "hal/ir/registry.hpp"

namespace tisa::cpu {
namespace {

GroupKind kind_of(const ir::Module& m, const ir::Inst& inst) {
  switch (inst.op) {
    case TISA_OP_REDUCE_SUM:
    case TISA_OP_REDUCE_PROD:
    case TISA_OP_REDUCE_MAX:
    case TISA_OP_REDUCE_MIN: return GroupKind::Reduce;
    case TISA_OP_CUMSUM:
    case TISA_OP_CUMPROD:
    case TISA_OP_CUMMAX:
    case TISA_OP_CUMMIN: return GroupKind::Scan;
    case TISA_OP_MATMUL:
      // BLAS does f32 x f32 -> f32; integer matmuls take the cold path.
      return m.value_type(inst.operands[0]).dtype == TISA_DTYPE_F32 && inst.type.dtype == TISA_DTYPE_F32
                 ? GroupKind::Matmul
                 : GroupKind::Reference;
    case TISA_OP_PAD: return GroupKind::Pad;
    case TISA_OP_CONCAT: return GroupKind::Concat;
    case TISA_OP_FILL: return GroupKind::Copy;
    default: break;
  }
  if (is_elementwise(inst.op)) return GroupKind::Elementwise;
  if (is_view(inst.op)) return GroupKind::Copy;
  return GroupKind::Reference;  // iota, argmax, argmin, gather, scatter
}

struct Builder {
  const ir::Module& m;
  FusionPlan plan;
  std::vector<std::vector<ir::ValueId>> users;
  std::vector<bool> is_output;

  explicit Builder(const ir::Module& module) : m(module) {
    const uint32_t n = m.value_count();
    plan.roles.assign(n, Role::Root);
    plan.group_of.assign(n, -1);
    users.resize(n);
    is_output.assign(n, false);
    for (size_t i = 0; i < m.insts.size(); ++i) {
      const auto id = static_cast<ir::ValueId>(m.inputs.size() + i);
      for (ir::ValueId o : m.insts[i].operands) users[o].push_back(id);
    }
    for (ir::ValueId o : m.outputs) is_output[o] = true;
    for (ir::ValueId v = 0; v < m.inputs.size(); ++v) plan.roles[v] = Role::Input;
  }

  const ir::Inst& inst(ir::ValueId v) const { return m.insts[v - m.inputs.size()]; }

  // The group every consumer of v belongs to, or -1 when v must be stored.
  int32_t consumer_group(ir::ValueId v) const {
    if (is_output[v]) return -1;
    int32_t group = -1;
    bool any = false;
    bool stored = false;
    auto visit = [&](auto& self, ir::ValueId value) -> void {
      for (ir::ValueId u : users[value]) {
        const ir::Inst& use = inst(u);
        if (use.op == TISA_OP_RESHAPE && plan.roles[u] == Role::View && !is_output[u]) {
          self(self, u);
          continue;
        }
        const int32_t g = plan.group_of[u];
        const bool takes_producers =
            g >= 0 && (plan.groups[static_cast<size_t>(g)].kind == GroupKind::Elementwise ||
                       plan.groups[static_cast<size_t>(g)].kind == GroupKind::Reduce);
        if (!takes_producers || (any && g != group)) {
          stored = true;
          return;
        }
        group = g;
        any = true;
      }
    };
    visit(visit, v);
    return stored || !any ? -1 : group;
  }

  void new_group(ir::ValueId v, GroupKind kind) {
    plan.roles[v] = Role::Root;
    plan.group_of[v] = static_cast<int32_t>(plan.groups.size());
    plan.groups.push_back(Group{kind, v, {v}});
  }

  FusionPlan run(bool fuse) {
    for (size_t i = m.insts.size(); i-- > 0;) {
      const auto v = static_cast<ir::ValueId>(m.inputs.size() + i);
      const ir::Inst& in = m.insts[i];
      if (in.op == TISA_OP_CONSTANT) {
        plan.roles[v] = Role::Constant;
        continue;
      }
      if (fuse && in.op == TISA_OP_FILL) {
        plan.roles[v] = Role::Splat;
        continue;
      }
      if (fuse && is_view(in.op)) {
        plan.roles[v] = Role::View;
        continue;
      }
      if (fuse && is_elementwise(in.op)) {
        const int32_t g = consumer_group(v);
        if (g >= 0) {
          plan.roles[v] = Role::Fused;
          plan.group_of[v] = g;
          plan.groups[static_cast<size_t>(g)].members.push_back(v);
          continue;
        }
      }
      new_group(v, kind_of(m, in));
    }
    // Groups were made consumer first: reverse into execution order, members into program order.
    std::reverse(plan.groups.begin(), plan.groups.end());
    plan.fuse = fuse;
    for (size_t g = 0; g < plan.groups.size(); ++g) {
      std::sort(plan.groups[g].members.begin(), plan.groups[g].members.end());
      for (ir::ValueId v : plan.groups[g].members) plan.group_of[v] = static_cast<int32_t>(g);
    }
    return std::move(plan);
  }
};

}  // namespace

bool is_elementwise(tisa_opcode_t op) {
  const ir::OpInfo* info = ir::find_op(op);
  if (!info) return false;
  switch (info->group) {
    case TISA_GROUP_UNARY:
    case TISA_GROUP_BINARY:
    case TISA_GROUP_TERNARY:
    case TISA_GROUP_TYPE: return true;
    default: return false;
  }
}

bool is_view(tisa_opcode_t op) {
  switch (op) {
    case TISA_OP_RESHAPE:
    case TISA_OP_TRANSPOSE:
    case TISA_OP_BROADCAST:
    case TISA_OP_SLICE:
    case TISA_OP_REVERSE:
    case TISA_OP_WINDOW: return true;
    default: return false;
  }
}

FusionPlan plan_fusion(const ir::Module& m, bool fuse) {
  return Builder(m).run(fuse);
}

}  // namespace tisa::cpu
