// The GLSL of a fused elementwise group: a grid-stride loop over the group's shape that loads
// each input once per element (strided like any kernel's input; the DENSE constant folds a dense
// one to `offset + i`), evaluates the members through the op library (ops_<dtype>.glsl, the
// functions the separate kernels call) and stores the group's outputs densely.
#include <set>

#include <fmt/format.h>

#include "drivers/support/errors.hpp"
#include "drivers/vulkan/fusion.hpp"
#include "drivers/vulkan/kernel_table.hpp"
#include "drivers/vulkan/params.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

// The parameter record; FusedParams (params.hpp) is its C++ mirror.
constexpr const char* kPrologue = R"(#version 460
#include "common.glsl"
layout(buffer_reference, std430, buffer_reference_align = 16) readonly buffer Fused {
  uint64_t out_addr[4];
  uint64_t in_addr[8];
  int64_t count;
  int64_t reserved;
  int64_t shape[8];
  int64_t offsets[8];
  int64_t strides[64];
};
layout(local_size_x = 256) in;
)";

std::string dtype_name(tisa_dtype_t dtype) {
  return std::string(ir::find_dtype(dtype)->name);
}

class Writer {
 public:
  Writer(const ir::Module& m, const FusedGroup& g) : m_(m), g_(g) {}

  std::string run() {
    std::string body;
    for (uint32_t member : g_.members) body += member_line(member);
    for (ir::ValueId v : g_.inputs) type_of(m_.value_type(v).dtype);  // their loads
    std::string out = kPrologue;
    for (const std::string& lib : libraries_) out += fmt::format("#include \"{}\"\n", lib);
    out += "void main() {\n  Fused p = Fused(pc.params);\n";
    // Zero, but not to the compiler: see member_line's casts.
    out += "  const uint opaque_zero = uint(p.reserved);\n";
    out += "  const int64_t n = p.count, step = total_invocations();\n";
    out += "  int64_t shape[8];\n  for (int d = 0; d < RANK; ++d) shape[d] = p.shape[d];\n";
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      out += fmt::format(
          "  const uint64_t in{0} = p.in_addr[{0}];\n  const int64_t off{0} = p.offsets[{0}];\n"
          "  int64_t st{0}[8];\n  for (int d = 0; d < RANK; ++d) st{0}[d] = p.strides[{0} * 8 + d];\n",
          k);
    }
    for (size_t k = 0; k < g_.outputs.size(); ++k)
      out += fmt::format("  const uint64_t out{0} = p.out_addr[{0}];\n", k);
    const int all = (1 << g_.inputs.size()) - 1;
    out += "  for (int64_t i = int64_t(gl_GlobalInvocationID.x); i < n; i += step) {\n";
    // The coordinates of element i, computed once for every strided input (i < n: the first
    // coordinate needs no division).
    out += fmt::format(R"(    int64_t c[8];
    if ((DENSE & {0}) != {0} && RANK > 0) {{
      if (!WIDE) {{
        uint rest = uint(i);
        for (int d = RANK - 1; d > 0; --d) {{ c[d] = int64_t(rest % uint(shape[d])); rest /= uint(shape[d]); }}
        c[0] = int64_t(rest);
      }} else {{
        int64_t rest = i;
        for (int d = RANK - 1; d > 0; --d) {{ c[d] = rest % shape[d]; rest /= shape[d]; }}
        c[0] = rest;
      }}
    }}
)",
                       all);
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      const tisa_dtype_t dtype = m_.value_type(g_.inputs[k]).dtype;
      out += fmt::format(
          "    int64_t o{0} = off{0};\n"
          "    if ((DENSE & {1}) != 0) o{0} += i;\n"
          "    else for (int d = 0; d < RANK; ++d) o{0} += c[d] * st{0}[d];\n"
          "    const {2} x{0} = {3}_ld(in{0}, o{0});\n",
          k, 1 << k, type_of(dtype), dtype_name(dtype));
    }
    out += body;
    for (size_t k = 0; k < g_.outputs.size(); ++k) {
      out += fmt::format("    {}_st(out{}, i, v{});\n", dtype_name(m_.value_type(g_.outputs[k]).dtype), k,
                         g_.outputs[k]);
    }
    out += "  }\n}\n";
    return out;
  }

 private:
  const char* type_of(tisa_dtype_t dtype) {
    const char* type = compute_type(dtype);
    if (!type) drv::fail(TISA_UNIMPLEMENTED, "fusion: no compute type for {}", dtype_name(dtype));
    use_library(dtype, false);
    return type;
  }

  void use_library(tisa_dtype_t dtype, bool float64) {
    libraries_.insert(fmt::format("ops_{}{}.glsl", dtype_name(dtype), float64 ? "_f64" : ""));
  }

  // The expression reading value v inside the loop: a member's variable, an input's load, or a
  // fill's literal.
  std::string operand(ir::ValueId v) {
    for (size_t k = 0; k < g_.inputs.size(); ++k) {
      if (g_.inputs[k] == v) return fmt::format("x{}", k);
    }
    const ir::Inst& def = m_.insts.at(v - m_.inputs.size());
    if (def.op == TISA_OP_FILL) {
      type_of(def.type.dtype);
      return fmt::format("{}_from_bits({}ul)", dtype_name(def.type.dtype), def.attrs[2].bits);
    }
    return fmt::format("v{}", v);
  }

  std::string member_line(uint32_t member) {
    const ir::Inst& inst = m_.insts[member];
    const ir::ValueId v = static_cast<ir::ValueId>(m_.inputs.size() + member);
    const std::string result_type = type_of(inst.type.dtype);
    std::string expr;
    if (inst.op == TISA_OP_SELECT) {
      expr = fmt::format("({} != 0u ? {} : {})", operand(inst.operands[0]), operand(inst.operands[1]),
                         operand(inst.operands[2]));
    } else if (inst.op == TISA_OP_CAST) {
      const tisa_dtype_t src = m_.value_type(inst.operands[0]).dtype;
      type_of(src);
      expr = fmt::format("{}_to_{}({})", dtype_name(src), dtype_name(inst.type.dtype),
                         operand(inst.operands[0]));
      // A cast's result goes through an opaque bit operation, as it would through memory between
      // two kernels: lavapipe's compiler rewrites patterns across a conversion wrongly (an
      // integer -> f32 -> integer pair became the identity, skipping the rounding to f32; a
      // compare of an i8 or i32 value widened to i64 with zero came out false for negatives).
      expr = inst.type.dtype == TISA_DTYPE_F32
                 ? fmt::format("uintBitsToFloat(floatBitsToUint({}) ^ opaque_zero)", expr)
                 : fmt::format("({} ^ {}(opaque_zero))", expr, result_type);
    } else {
      const tisa_dtype_t dtype = m_.value_type(inst.operands[0]).dtype;
      type_of(dtype);
      const KernelEntry* kernel = find_kernel(inst.op, dtype);
      if (kernel && kernel->needs_float64) use_library(dtype, true);
      std::string args = operand(inst.operands[0]);
      for (size_t k = 1; k < inst.operands.size(); ++k) args += ", " + operand(inst.operands[k]);
      expr = fmt::format("{}_{}({})", dtype_name(dtype), ir::find_op(inst.op)->name, args);
    }
    return fmt::format("    const {} v{} = {};\n", result_type, v, expr);
  }

  const ir::Module& m_;
  const FusedGroup& g_;
  std::set<std::string> libraries_;
};

}  // namespace

std::string fused_prologue() {
  return kPrologue;
}

std::string fused_source(const ir::Module& module, const FusedGroup& group) {
  return Writer(module, group).run();
}

}  // namespace tisa::vk
