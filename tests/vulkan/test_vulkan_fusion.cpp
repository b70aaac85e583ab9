// Fusion of elementwise chains in the Vulkan driver, without a device: which instructions form a
// group (connected, one shape, program order kept, inputs and outputs within the record), what a
// group stores, fills inlined as literals, the plan's dispatches, and that the generated GLSL of a
// chain through every elementwise op and dtype the driver covers compiles with shaderc.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "drivers/support/errors.hpp"
#include "drivers/vulkan/fusion.hpp"
#include "drivers/vulkan/kernel_table.hpp"
#include "drivers/vulkan/plan.hpp"
#include "drivers/vulkan/shader_compiler.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

using namespace tisa;

const std::string_view tisa::drv::kDriverName = "vulkan driver";

namespace {

ir::Module parsed(const std::string& text) {
  ir::Module m = ir::parse(text);
  ir::verify(m);
  return m;
}

// The instruction indices of each group.
std::vector<std::vector<uint32_t>> groups(const vk::Fusion& f) {
  std::vector<std::vector<uint32_t>> out;
  for (const vk::FusedGroup& g : f.groups) out.push_back(g.members);
  return out;
}

}  // namespace

TEST_CASE("a chain of elementwise ops with fill operands is one group", "[fusion]") {
  const ir::Module m = parsed(R"(tisa 1.0
symbol N
input %x : f32[N]
%c = fill {shape = [N], value = 2.0, dtype = f32} : f32[N]
%a = mul %x, %c : f32[N]
%b = exp %a : f32[N]
%d = max %b, %x : f32[N]
%e = lt %d, %c : bool[N]
%f = select %e, %d, %c : f32[N]
%g = cast %f {dtype = i32} : i32[N]
output %g
)");
  const vk::Fusion f = vk::find_fusions(m);
  REQUIRE(groups(f) == std::vector<std::vector<uint32_t>>{{1, 2, 3, 4, 5, 6}});
  const vk::FusedGroup& g = f.groups[0];
  CHECK(g.inputs == std::vector<ir::ValueId>{0});   // x, read once
  CHECK(g.outputs == std::vector<ir::ValueId>{7});  // only the module output is stored
  CHECK(g.needs_float64);                           // exp is computed in double
  CHECK(f.inlined[0]);                              // the fill is a literal
  CHECK(g.glsl.find("f32_from_bits(1073741824ul)") != std::string::npos);
  CHECK(g.glsl.find("ops_f32_f64.glsl") != std::string::npos);

  // The plan: one dispatch, reading x and writing the output slot.
  const std::vector<int64_t> n = {1000};
  const vk::Plan plan = vk::make_plan(m, n, vk::Target{}, &f);
  REQUIRE(plan.dispatches.size() == 1);
  CHECK(plan.dispatches[0].group == 0);
  CHECK(plan.dispatches[0].fused.count == 1000);
  CHECK(plan.dispatches[0].variant.dense == 1);
  // Unfused, the same module takes a dispatch per op and one for the fill.
  CHECK(vk::make_plan(m, n, vk::Target{}).dispatches.size() == 7);
}

TEST_CASE("a lone op reading a fill is a group of its own, so the fill is a literal", "[fusion]") {
  const ir::Module m = parsed(R"(tisa 1.0
input %x : f32[64]
%c = fill {shape = [64], value = 0.5, dtype = f32} : f32[64]
%a = mul %x, %c : f32[64]
%t = transpose %a {perm = [0]} : f32[64]
%b = neg %t : f32[64]
output %b
)");
  const vk::Fusion f = vk::find_fusions(m);
  REQUIRE(groups(f) == std::vector<std::vector<uint32_t>>{{1}});  // the neg reads no fill: no group
  CHECK(f.inlined[0]);
  CHECK(vk::make_plan(m, {}, vk::Target{}, &f).dispatches.size() == 2);
}

TEST_CASE("a member read before the group's last member keeps the groups apart", "[fusion]") {
  // %s reads %a between %a and %c: fusing %a with %c would run %a after %s needs it.
  const ir::Module m = parsed(R"(tisa 1.0
input %x : f32[4, 8]
%a = neg %x : f32[4, 8]
%s = reduce_sum %a {axes = [1], keepdims = true} : f32[4, 1]
%t = broadcast %s {shape = [4, 8]} : f32[4, 8]
%c = add %a, %t : f32[4, 8]
%d = abs %c : f32[4, 8]
output %d
)");
  const vk::Fusion f = vk::find_fusions(m);
  REQUIRE(groups(f) == std::vector<std::vector<uint32_t>>{{3, 4}});
  CHECK(f.group_of[0] == -1);
  // The broadcast view is an input with a zero stride; the plan runs neg, the reduction, then
  // the group.
  const vk::Plan plan = vk::make_plan(m, {}, vk::Target{}, &f);
  REQUIRE(plan.dispatches.size() == 3);
  CHECK(plan.dispatches[2].group == 0);
  CHECK(plan.dispatches[2].fused.strides[1 * 8 + 1] == 0);
  CHECK(plan.dispatches[2].variant.dense == 1);  // %a dense, the broadcast not
}

TEST_CASE("values read outside the group and module outputs are stored", "[fusion]") {
  const ir::Module m = parsed(R"(tisa 1.0
input %x : i8[16]
input %y : i8[16]
%a = add %x, %y : i8[16]
%b = mul %a, %a : i8[16]
%c = shl %b, %y : i8[16]
%r = reduce_max %b {axes = [0], keepdims = false} : i8[]
output %c, %a, %r
)");
  const vk::Fusion f = vk::find_fusions(m);
  REQUIRE(groups(f) == std::vector<std::vector<uint32_t>>{{0, 1, 2}});
  CHECK(f.groups[0].inputs == std::vector<ir::ValueId>{0, 1});
  CHECK(f.groups[0].outputs == std::vector<ir::ValueId>{2, 3, 4});  // a (output), b (reduced), c
  // i8 results wrap to 8 bits in registers, as the separate kernels' stores do.
  CHECK(f.groups[0].glsl.find("i8_add(x0, x1)") != std::string::npos);
}

TEST_CASE("groups stop at views, other shapes and the record's limits", "[fusion]") {
  SECTION("a transpose between two ops") {
    const ir::Module m = parsed(R"(tisa 1.0
input %x : f32[4, 4]
%a = neg %x : f32[4, 4]
%t = transpose %a {perm = [1, 0]} : f32[4, 4]
%b = abs %t : f32[4, 4]
output %b
)");
    CHECK(vk::find_fusions(m).groups.empty());
  }
  SECTION("nine distinct inputs") {
    std::string text = "tisa 1.0\n";
    for (int k = 0; k < 9; ++k) text += "input %x" + std::to_string(k) + " : f32[8]\n";
    text += "%s0 = add %x0, %x1 : f32[8]\n";
    for (int k = 2; k < 9; ++k) {
      text += "%s" + std::to_string(k - 1) + " = add %s" + std::to_string(k - 2) + ", %x" +
              std::to_string(k) + " : f32[8]\n";
    }
    text += "output %s7\n";
    const vk::Fusion f = vk::find_fusions(parsed(text));
    REQUIRE(f.groups.size() == 1);
    CHECK(f.groups[0].inputs.size() == static_cast<size_t>(vk::kMaxFusedInputs));
    CHECK(f.groups[0].members.size() == 7);  // the eighth add would read a ninth input
  }
}

TEST_CASE("the fused GLSL of every elementwise op and dtype compiles", "[fusion]") {
  // A two-op chain per (op, dtype) the kernels cover: the op, then a cast (to f32, or to i32 from
  // f32), so each op's function appears in some fused kernel.
  int compiled = 0;
  for (const ir::OpInfo& op : ir::all_ops()) {
    if (op.group != TISA_GROUP_UNARY && op.group != TISA_GROUP_BINARY) continue;
    for (const ir::DtypeInfo& dtype : ir::all_dtypes()) {
      const vk::KernelEntry* kernel = vk::find_kernel(op.opcode, dtype.dtype);
      if (!kernel || !*kernel->shader) continue;
      const std::string t = std::string(dtype.name) + "[8]";
      const bool unary = op.group == TISA_GROUP_UNARY;
      std::string text = "tisa 1.1\ninput %x : " + t + "\ninput %y : " + t +
                         "\n%a = " + std::string(op.name) + " %x" + (unary ? "" : ", %y") + "\n";
      const std::string to = dtype.dtype == TISA_DTYPE_F32 ? "i32" : "f32";
      text += "%b = cast %a {dtype = " + to + "} : " + to + "[8]\noutput %b\n";
      const ir::Module m = parsed(text);
      const vk::Fusion f = vk::find_fusions(m);
      INFO(op.name << " on " << dtype.name);
      REQUIRE(f.groups.size() == 1);
      CHECK_NOTHROW(vk::compile_glsl(f.groups[0].glsl, std::string(op.name) + ".comp"));
      ++compiled;
    }
  }
  CHECK(compiled > 100);
}
