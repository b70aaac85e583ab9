// The generator covers the registry, names are unique, and every module case builds and is
// evaluable by the oracle (a case the reference cannot evaluate is a bug of the suite).
#include <catch2/catch.hpp>

#include <set>

#include "conformance/cts/catalog.hpp"
#include "conformance/cts/judge.hpp"
#include "conformance/cts/module_case.hpp"
#include "conformance/cts/op_cases.hpp"
#include "hal/ir/registry.hpp"

using namespace tisa::cts;

TEST_CASE("every base op has op cases on every base and extension dtype the registry allows") {
  CHECK(suite_dtypes() == std::vector<tisa_dtype_t>{TISA_DTYPE_BOOL, TISA_DTYPE_I8, TISA_DTYPE_U8,
                                                    TISA_DTYPE_I32, TISA_DTYPE_I64, TISA_DTYPE_F32,
                                                    TISA_DTYPE_F16, TISA_DTYPE_BF16, TISA_DTYPE_F64});
  std::set<std::pair<uint32_t, uint32_t>> covered;
  for (const Case& c : all_cases())
    covered.insert({static_cast<uint32_t>(c.op), static_cast<uint32_t>(c.dtype)});
  int pairs = 0;
  for (const tisa::ir::OpInfo& op : tisa::ir::all_ops()) {
    if (op.extension != TISA_EXT_BASE) continue;
    for (tisa_dtype_t t : suite_dtypes()) {
      if (!tisa::ir::mask_has(op.t_mask, t)) continue;
      ++pairs;
      INFO(op.name << " on " << dtype_name(t));
      CHECK(covered.count({static_cast<uint32_t>(op.opcode), static_cast<uint32_t>(t)}) == 1);
    }
  }
  CHECK(pairs > 300);
}

TEST_CASE("an extension case needs the extension of every dtype it uses, and is listed under the lowest") {
  const auto mask = [](std::initializer_list<tisa_extension_t> exts) {
    tisa_extension_mask_t m = 0;
    for (tisa_extension_t e : exts) m |= TISA_EXT_MASK(e);
    return m;
  };
  const std::pair<const char*, tisa_extension_mask_t> expected[] = {
      {"op.add.f32.odd", 0},
      {"op.add.f16.odd", mask({TISA_EXT_XF16})},
      {"op.cast.f32.bf16.random", mask({TISA_EXT_XBF16})},
      {"op.cast.bf16.f16.special", mask({TISA_EXT_XF16, TISA_EXT_XBF16})},
      {"op.bitcast.i64.f64.random", mask({TISA_EXT_XF64})},
      {"op.matmul.f32.acc_f64.2d", mask({TISA_EXT_XF64})},
      {"op.matmul.f16.acc_bf16.large", mask({TISA_EXT_XF16, TISA_EXT_XBF16})},
      {"op.gather.bf16.i64.oob", mask({TISA_EXT_XBF16})},
  };
  for (const auto& [name, extensions] : expected) {
    INFO(name);
    const Case* c = find_case(name);
    REQUIRE(c != nullptr);
    CHECK(c->extensions == extensions);
    CHECK(c->profile == profile_of(extensions));
    CHECK(c->build()->module.extensions == extensions);
    CHECK(c->isa_version == (extensions ? TISA_MAKE_VERSION(1, 1) : TISA_MAKE_VERSION(1, 0)));
  }
  CHECK(find_case("op.cast.bf16.f16.special")->profile == "Xf16");
  // No case of an unspecified extension, and TISA-B's list is unchanged by the extensions.
  for (const Case& c : all_cases()) {
    CHECK((c.extensions & ~mask({TISA_EXT_XF16, TISA_EXT_XBF16, TISA_EXT_XF64})) == 0);
    CHECK((c.profile == kBaseProfile) == (c.extensions == 0 && c.profile != kSelfTestProfile));
  }
}

TEST_CASE("case names are unique, dotted, and several thousand") {
  std::set<std::string> names;
  for (const Case& c : all_cases()) {
    INFO(c.name);
    CHECK(names.insert(c.name).second);
    CHECK(c.name.find('.') != std::string::npos);
    CHECK(c.name.find(' ') == std::string::npos);
    CHECK(c.run);
  }
  CHECK(names.size() > 3000);
  for (const char* expected :
       {"op.add.f32.broadcast.rank3", "op.cast.f32.i8.special", "op.gather.i64.i32.oob",
        "op.matmul.f32.acc_f32.k0", "program.softmax.f32.O2", "random.0.O0",
        "negative.module.truncated.header", "negative.launch.symbol_above_bound", "api.launch.threads"}) {
    INFO(expected);
    CHECK(find_case(expected) != nullptr);
  }
}

TEST_CASE("every module case builds, verifies, and the references evaluate it") {
  int built = 0, with_oracle = 0;
  for (const Case& c : all_cases()) {
    if (!c.build) continue;
    INFO(c.name);
    std::shared_ptr<const ModuleCase> mc;
    REQUIRE_NOTHROW(mc = c.build());
    CHECK(mc->module.verified);
    CHECK(mc->module.extensions == c.extensions);
    CHECK(!mc->levels.empty());
    References r;
    REQUIRE_NOTHROW(r = compute_references(*mc));
    CHECK(r.exact.size() == mc->module.outputs.size());
    with_oracle += r.oracle.has_value();
    ++built;
  }
  CHECK(built > 3000);
  CHECK(with_oracle > 300);
}

TEST_CASE("views feeding the op are real views and run at O0 and O2") {
  const auto mc = find_case("op.mul.f32.transposed")->build();
  REQUIRE(mc->module.insts.size() == 3);
  CHECK(mc->module.insts[0].op == TISA_OP_TRANSPOSE);
  CHECK(mc->levels == std::vector<tisa_opt_level_t>{TISA_OPT_O0, TISA_OPT_O2});
  const auto sym = find_case("op.mul.f32.symbolic")->build();
  CHECK(sym->module.symbols.size() == 1);
  CHECK(sym->module.inputs[0].type.dims[0].is_sym());
}
