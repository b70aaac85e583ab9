// The GLSL of a row group (fusion.hpp): each row is walked once per reduction, in program order,
// computing the elementwise members that reduction reads, then reduced (a tree in shared memory,
// or one invocation's sequential fold); the per-row members follow from the reduced values; a
// last walk computes and stores the row's outputs. OP selects the layout: 0, one workgroup per
// row (GPUs); 1, one invocation per row (CPU devices, where barriers cost more than lanes gain).
#include <map>
#include <set>

#include <fmt/format.h>

#include "drivers/support/errors.hpp"
#include "drivers/vulkan/fusion.hpp"
#include "drivers/vulkan/kernel_table.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

class RowWriter {
 public:
  RowWriter(const ir::Module& m, const FusedGroup& g) : m_(m), g_(g) {
    for (size_t k = 0; k < g.members.size(); ++k) role_of_[value(g.members[k])] = g.roles[k];
  }

  std::string run() {
    std::string rows;
    for (size_t k = 0; k < g_.members.size(); ++k) {
      const uint32_t member = g_.members[k];
      const ir::Inst& inst = m_.insts[member];
      if (g_.roles[k] == RowRole::kReduction) {
        rows += reduction(inst, value(member));
      } else if (g_.roles[k] == RowRole::kRowScalar) {
        rows += fmt::format("    const float v{} = {};\n", value(member),
                            inst.op == TISA_OP_BROADCAST ? operand(inst.operands[0]) : expression(inst));
      }
    }
    rows += outputs();
    std::string out = fused_prologue();
    out += "#include \"ops_f32.glsl\"\n";
    if (float64_) out += "#include \"ops_f32_f64.glsl\"\n";
    out += R"(shared float s_acc[256];
const bool PER_INVOCATION = OP == 1;
void main() {
  Fused p = Fused(pc.params);
  const int64_t rows = p.count, cols = p.shape[RANK - 1];
  const uint lanes = PER_INVOCATION ? 1u : gl_WorkGroupSize.x;
  const uint lane = PER_INVOCATION ? 0u : gl_LocalInvocationID.x;
  const int64_t first = PER_INVOCATION ? int64_t(gl_GlobalInvocationID.x) : int64_t(gl_WorkGroupID.x);
  const int64_t step = PER_INVOCATION ? total_invocations() : int64_t(gl_NumWorkGroups.x);
)";
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      out += fmt::format(
          "  const uint64_t in{0} = p.in_addr[{0}];\n"
          "  const int64_t s{0} = (DENSE & {1}) != 0 ? 1 : p.strides[{0} * 8 + RANK - 1];\n",
          k, 1 << k);
    }
    for (size_t k = 0; k < g_.outputs.size(); ++k)
      out += fmt::format("  const uint64_t out{0} = p.out_addr[{0}];\n", k);
    out += R"(  for (int64_t row = first; row < rows; row += step) {
    // The row's coordinates over the leading axes, for the strided inputs.
    int64_t c[8];
    int64_t rest = row;
    for (int d = RANK - 2; d > 0; --d) { c[d] = rest % p.shape[d]; rest /= p.shape[d]; }
    if (RANK > 1) c[0] = rest;
)";
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      out += fmt::format(
          "    int64_t b{0} = p.offsets[{0}];\n"
          "    if ((DENSE & {1}) != 0) b{0} += row * cols;\n"
          "    else for (int d = 0; d < RANK - 1; ++d) b{0} += c[d] * p.strides[{0} * 8 + d];\n",
          k, 1 << k);
    }
    out += rows;
    out += "  }\n}\n";
    return out;
  }

 private:
  ir::ValueId value(uint32_t inst) const { return static_cast<ir::ValueId>(m_.inputs.size() + inst); }

  bool is_column(ir::ValueId v) const {
    auto it = role_of_.find(v);
    return it != role_of_.end() && it->second == RowRole::kColumn;
  }

  // The expression reading v: an input's load (in a walk), a fill's literal or a member's variable.
  std::string operand(ir::ValueId v) const {
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      if (g_.inputs[k] == v) return fmt::format("x{}", k);
    }
    const ir::Inst& def = m_.insts.at(v - m_.inputs.size());
    if (def.op == TISA_OP_FILL) return fmt::format("f32_from_bits({}ul)", def.attrs[2].bits);
    return fmt::format("v{}", v);
  }

  std::string expression(const ir::Inst& inst) {
    const KernelEntry* kernel = find_kernel(inst.op, TISA_DTYPE_F32);
    if (!kernel) drv::fail(TISA_INTERNAL, "row fusion: f32 {} has no kernel", ir::find_op(inst.op)->name);
    float64_ |= kernel->needs_float64;
    std::string args = operand(inst.operands[0]);
    for (size_t k = 1; k < inst.operands.size(); ++k) args += ", " + operand(inst.operands[k]);
    return fmt::format("f32_{}({})", ir::find_op(inst.op)->name, args);
  }

  // Adds to `needed` the column members that v depends on, and to `loads` the inputs they read.
  void cone(ir::ValueId v, std::set<ir::ValueId>& needed, std::set<size_t>& loads) const {
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      if (g_.inputs[k] == v) loads.insert(k);
    }
    if (!is_column(v) || !needed.insert(v).second) return;
    for (ir::ValueId u : m_.insts[v - m_.inputs.size()].operands) cone(u, needed, loads);
  }

  // The body of a walk over the row's columns j: the loads and column members that `targets`
  // need, in program order, then `tail`.
  std::string walk(const std::vector<ir::ValueId>& targets, const std::string& tail) {
    std::set<ir::ValueId> needed;
    std::set<size_t> loads;
    for (ir::ValueId t : targets) cone(t, needed, loads);
    std::string body = "    for (int64_t j = int64_t(lane); j < cols; j += int64_t(lanes)) {\n";
    for (size_t k : loads) body += fmt::format("      const float x{0} = f32_ld(in{0}, b{0} + j * s{0});\n", k);
    for (ir::ValueId v : needed) {  // ValueIds ascend in program order
      body += fmt::format("      const float v{} = {};\n", v, expression(m_.insts[v - m_.inputs.size()]));
    }
    return body + tail + "    }\n";
  }

  std::string reduction(const ir::Inst& inst, ir::ValueId v) {
    const char* combine = inst.op == TISA_OP_REDUCE_SUM ? "f32_add" : inst.op == TISA_OP_REDUCE_MAX ? "f32_max" : "f32_min";
    const char* identity = inst.op == TISA_OP_REDUCE_SUM   ? "0.0"
                           : inst.op == TISA_OP_REDUCE_MAX ? "uintBitsToFloat(0xff800000u)"
                                                           : "uintBitsToFloat(0x7f800000u)";
    std::string out = fmt::format("    float a{} = {};\n", v, identity);
    out += walk({inst.operands[0]}, fmt::format("      a{0} = {1}(a{0}, {2});\n", v, combine, operand(inst.operands[0])));
    out += fmt::format(R"(    float v{0} = a{0};
    if (!PER_INVOCATION) {{
      s_acc[lane] = a{0};
      barrier();
      for (uint h = gl_WorkGroupSize.x / 2u; h > 0u; h >>= 1) {{
        if (lane < h) s_acc[lane] = {1}(s_acc[lane], s_acc[lane + h]);
        barrier();
      }}
      v{0} = s_acc[0];
      barrier();
    }}
)",
                       v, combine);
    return out;
  }

  // The last walk stores the outputs over the row shape; lane 0 stores the per-row ones.
  std::string outputs() {
    std::vector<ir::ValueId> per_element;
    std::string stores, row_stores;
    for (size_t k = 0; k < g_.outputs.size(); ++k) {
      const ir::ValueId v = g_.outputs[k];
      const ir::Inst& def = m_.insts[v - m_.inputs.size()];
      if (is_column(v) || def.op == TISA_OP_BROADCAST) {
        per_element.push_back(v);
        stores += fmt::format("      f32_st(out{}, row * cols + j, v{});\n", k, v);
      } else {
        row_stores += fmt::format("      f32_st(out{}, row, v{});\n", k, v);
      }
    }
    std::string out;
    if (!per_element.empty()) out += walk(per_element, stores);
    if (!row_stores.empty()) out += "    if (lane == 0u) {\n" + row_stores + "    }\n";
    return out;
  }

  const ir::Module& m_;
  const FusedGroup& g_;
  std::map<ir::ValueId, RowRole> role_of_;
  bool float64_ = false;
};

}  // namespace

std::string row_source(const ir::Module& module, const FusedGroup& group) {
  return RowWriter(module, group).run();
}

}  // namespace tisa::vk
