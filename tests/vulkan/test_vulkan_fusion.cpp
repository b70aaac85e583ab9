// Fusion of elementwise chains in the Vulkan driver, without a device: which instructions form a
// group (connected, one shape, program order kept, inputs and outputs within the record), what a
// group stores, fills inlined as literals, the plan's dispatches, and that the generated GLSL of a
// chain through every elementwise op and dtype the driver covers compiles with shaderc. Then row
// groups: which reductions and elementwise ops join one, their roles, and their plans.
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
#include "softmax_text.hpp"

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
  // %s reads %a between %a and %c: fusing %a with %c would run %a after %s needs it. (A
  // reduction over the columns, so that no row group forms.)
  const ir::Module m = parsed(R"(tisa 1.0
input %x : f32[4, 8]
%a = neg %x : f32[4, 8]
%s = reduce_sum %a {axes = [0], keepdims = true} : f32[1, 8]
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
  CHECK(plan.dispatches[2].fused.strides[1 * 8 + 0] == 0);
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

namespace {

const std::string kSoftmax =
    std::string(tisa_test::kSoftmaxExp) + tisa_test::kSoftmaxSum + tisa_test::kSoftmaxDiv;

}  // namespace

TEST_CASE("softmax is one row group that stores only its output", "[fusion]") {
  const ir::Module m = parsed(kSoftmax + "output %y\n");
  const vk::Fusion f = vk::find_fusions(m);
  REQUIRE(f.groups.size() == 1);
  const vk::FusedGroup& g = f.groups[0];
  CHECK(g.rows);
  CHECK(g.members == std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6});
  using R = vk::RowRole;
  CHECK(g.roles == std::vector<R>{R::kReduction, R::kRowScalar, R::kColumn, R::kColumn, R::kReduction,
                                  R::kRowScalar, R::kColumn});
  CHECK(g.inputs == std::vector<ir::ValueId>{0});
  CHECK(g.outputs == std::vector<ir::ValueId>{7});
  CHECK(g.row_value == 0);
  CHECK(g.needs_float64);  // f32 exp and div are computed in double
  CHECK_NOTHROW(vk::compile_glsl(g.glsl, "softmax.comp"));

  // The plan: one dispatch, a workgroup per row on a GPU, an invocation per row on a CPU.
  const int64_t symbols[] = {1000, 77};
  const vk::Plan gpu = vk::make_plan(m, symbols, vk::Target{}, &f);
  REQUIRE(gpu.dispatches.size() == 1);
  CHECK(gpu.dispatches[0].variant.op == 0);
  CHECK(gpu.dispatches[0].groups == 1000);
  CHECK(gpu.dispatches[0].fused.count == 1000);
  vk::Target cpu;
  cpu.cpu = true;
  const vk::Plan on_cpu = vk::make_plan(m, symbols, cpu, &f);
  REQUIRE(on_cpu.dispatches.size() == 1);
  CHECK(on_cpu.dispatches[0].variant.op == 1);
  CHECK(on_cpu.dispatches[0].groups == 4);  // 1000 rows, 256 invocations a workgroup
}

TEST_CASE("per-row values computed on the reduced shape join the row group", "[fusion]") {
  const ir::Module m = parsed(R"(tisa 1.0
symbol R
symbol C
input %x : f32[R, C]
input %g : f32[C]
%s = reduce_sum %x {axes = [1], keepdims = true} : f32[R, 1]
%n = fill {shape = [R, 1], value = 0.25, dtype = f32} : f32[R, 1]
%mean = mul %s, %n : f32[R, 1]
%mb = broadcast %mean {shape = [R, C]} : f32[R, C]
%d = sub %x, %mb : f32[R, C]
%d2 = mul %d, %d : f32[R, C]
%v = reduce_sum %d2 {axes = [1], keepdims = true} : f32[R, 1]
%inv = rsqrt %v : f32[R, 1]
%ib = broadcast %inv {shape = [R, C]} : f32[R, C]
%y0 = mul %d, %ib : f32[R, C]
%gb = broadcast %g {shape = [R, C]} : f32[R, C]
%y = mul %y0, %gb : f32[R, C]
output %y, %mean
)");
  const vk::Fusion f = vk::find_fusions(m);
  REQUIRE(f.groups.size() == 1);
  const vk::FusedGroup& g = f.groups[0];
  CHECK(g.rows);
  // Everything but the fill (a literal) and gamma's broadcast (an input read strided).
  CHECK(g.members == std::vector<uint32_t>{0, 2, 3, 4, 5, 6, 7, 8, 9, 11});
  CHECK(f.inlined[1]);
  CHECK(g.inputs == std::vector<ir::ValueId>{0, 12});      // %x, then %gb
  CHECK(g.outputs == std::vector<ir::ValueId>{4, 13});     // %mean (per row), %y
  CHECK(g.roles[2] == vk::RowRole::kRowScalar);             // %mean
  CHECK(g.roles[7] == vk::RowRole::kRowScalar);             // %inv
  CHECK_NOTHROW(vk::compile_glsl(g.glsl, "layernorm.comp"));
}

TEST_CASE("what makes no row group, or a shorter one", "[fusion]") {
  SECTION("a reduction over another axis: the chain around it fuses as elementwise ops") {
    const vk::Fusion f = vk::find_fusions(parsed(R"(tisa 1.0
input %x : f32[4, 6]
%e = exp %x : f32[4, 6]
%l = log %e : f32[4, 6]
%s = reduce_sum %l {axes = [0], keepdims = false} : f32[6]
output %s
)"));
    REQUIRE(f.groups.size() == 1);
    CHECK_FALSE(f.groups[0].rows);
    CHECK(f.groups[0].members == std::vector<uint32_t>{0, 1});
  }
  SECTION("a lone reduction keeps the reduction kernel") {
    const vk::Fusion f = vk::find_fusions(parsed(R"(tisa 1.0
input %x : f32[4, 6]
%s = reduce_sum %x {axes = [1], keepdims = true} : f32[4, 1]
%b = broadcast %s {shape = [4, 6]} : f32[4, 6]
output %b
)"));
    CHECK(f.groups.empty());
  }
  SECTION("integer rows") {
    const vk::Fusion f = vk::find_fusions(parsed(R"(tisa 1.0
input %x : i32[4, 6]
%a = add %x, %x : i32[4, 6]
%s = reduce_sum %a {axes = [1], keepdims = true} : i32[4, 1]
output %s
)"));
    CHECK(f.groups.empty());
  }
  SECTION("a reader outside the group between its members cuts the group before it") {
    // %t reads %e after the group's last member: the group stores %e for it.
    const vk::Fusion f = vk::find_fusions(parsed(kSoftmax + R"(%t = transpose %e {perm = [1, 0]} : f32[C, R]
output %y, %t
)"));
    REQUIRE(f.groups.size() == 1);
    CHECK(f.groups[0].rows);
    CHECK(f.groups[0].outputs == std::vector<ir::ValueId>{4, 7});
    // %z would join the group after %t, which reads %e: the group ends at %y.
    const vk::Fusion h = vk::find_fusions(parsed(kSoftmax + R"(%t = transpose %e {perm = [1, 0]} : f32[C, R]
%z = add %y, %y : f32[R, C]
output %z, %t
)"));
    REQUIRE(h.groups.size() == 1);
    CHECK(h.groups[0].rows);
    CHECK(h.groups[0].members == std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6});
    CHECK(h.groups[0].outputs == std::vector<ir::ValueId>{4, 7});
    // Here %t stands between the members:
    const vk::Fusion g = vk::find_fusions(
        parsed(std::string(tisa_test::kSoftmaxExp) + "%t = transpose %e {perm = [1, 0]} : f32[C, R]\n" +
               tisa_test::kSoftmaxSum + tisa_test::kSoftmaxDiv + "output %y, %t\n"));
    // The longest prefix that can run before %t is a row group (max, its broadcast, sub, exp),
    // which stores %e for %t and the rest (reduce_sum, broadcast, div, left unfused).
    REQUIRE(g.groups.size() == 1);
    CHECK(g.groups[0].rows);
    CHECK(g.groups[0].members == std::vector<uint32_t>{0, 1, 2, 3});
    CHECK(g.groups[0].outputs == std::vector<ir::ValueId>{4});
  }
}
