#include <catch2/catch.hpp>

#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "samples.hpp"

using namespace tisa;

namespace {

const char* kProgram = R"(tisa 1.0
# a comment
symbol N <= 64
input %x : f32[N, 4]
input %y : f32[N, 4]
%s = add %x, %y : f32[N, 4]
%r = reduce_sum %s {axes = [1], keepdims = false} : f32[N]
%c = constant {dtype = f32, shape = [2], data = [1.5, -inf]}
%f = fill {dtype = f32, shape = [N, 4], value = nan}
%h = reshape %s {shape = [N * 4]} : f32[N * 4]
%i = constant {dtype = i8, shape = [3], data = hex"ff0102"}
output %r, %h, %c, %f, %i
)";

}  // namespace

TEST_CASE("text parses, verifies and prints back identically", "[text]") {
  ir::Module m = ir::parse(kProgram);
  ir::verify(m);
  CHECK(m.symbols.size() == 1);
  CHECK(m.symbols[0].upper_bound == 64);
  CHECK(m.insts.size() == 6);
  std::string printed = ir::print(m);
  ir::Module again = ir::parse(printed);
  ir::verify(again);
  CHECK(ir::print(again) == printed);
  CHECK(ir::encode(again) == ir::encode(m));
  CHECK(printed.find("%h = reshape %s {shape = [N * 4]} : f32[N * 4]") != std::string::npos);
  CHECK(printed.find("data = [1.5, -inf]") != std::string::npos);
  CHECK(printed.find("data = [-1, 1, 2]") != std::string::npos);
}

TEST_CASE("every op's sample round-trips through text", "[text]") {
  for (const auto& op : ir::all_ops()) {
    if (op.extension != TISA_EXT_BASE) continue;
    INFO(op.name);
    ir::Module m = test::sample_module(op, test::first_dtype(op));
    std::string t = ir::print(m);
    ir::Module back = ir::parse(t);
    ir::verify(back);
    CHECK(ir::print(back) == t);
  }
}

TEST_CASE("float scalars and NaN payloads survive text exactly", "[text]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(4)});
  uint32_t odd_nan = 0x7fc00123u;
  float vals[4] = {0.1f, 1e-45f, -0.0f, 0.f};
  std::memcpy(&vals[3], &odd_nan, 4);
  b.output(b.add(x, b.constant(TISA_DTYPE_F32, {4}, std::span<const float>(vals))));
  ir::Module m = b.finish();
  ir::Module back = ir::parse(ir::print(m));
  REQUIRE(back.constants.size() == 1);
  CHECK(back.constants[0] == m.constants[0]);
}

namespace {

// The bits of one 16-bit constant written in decimal.
uint16_t narrow_literal(const char* dtype, const char* ext, const char* value) {
  const std::string src = fmt::format(
      "tisa 1.1 requires {}\n%c = constant {{dtype = {}, shape = [1], data = [{}]}}\noutput %c\n", ext,
      dtype, value);
  ir::Module m = ir::parse(src);
  REQUIRE(m.constants.size() == 1);
  REQUIRE(m.constants[0].size() == 2);
  return static_cast<uint16_t>(m.constants[0][0] | (m.constants[0][1] << 8));
}

}  // namespace

TEST_CASE("decimal f16 and bf16 literals round once, to nearest even", "[text]") {
  auto f16 = [](const char* v) { return narrow_literal("f16", "Xf16", v); };
  auto bf16 = [](const char* v) { return narrow_literal("bf16", "Xbf16", v); };
  CHECK(f16("0.1") == 0x2e66);
  CHECK(f16("-0.1") == 0xae66);
  CHECK(bf16("0.1") == 0x3dcd);
  CHECK(f16("-inf") == 0xfc00);
  // 1 + 2^-11 is halfway between f16 1.0 and its successor: ties go to even, but a decimal a hair
  // above or below must not, although both are closest to the halfway point as doubles.
  CHECK(f16("1.00048828125") == 0x3c00);
  CHECK(f16("1.00048828125000000000001") == 0x3c01);
  CHECK(f16("1.00048828124999999999999") == 0x3c00);
  CHECK(f16("1.00146484375") == 0x3c02);
  CHECK(bf16("1.00390625000000000000001") == 0x3f81);
  CHECK(bf16("1.00390625") == 0x3f80);
  CHECK(f16("65519") == 0x7bff);  // the largest finite f16 is 65504; 65520 is halfway to 65536
  CHECK(f16("65520") == 0x7c00);
  CHECK(f16("1e-8") == 0x0000);  // under half the least subnormal (2^-24 = 5.96e-8)
  CHECK(f16("3e-8") == 0x0001);
}

TEST_CASE("f16 and bf16 constants print as decimals that read back exactly", "[text]") {
  for (uint32_t bits = 0; bits < 0x10000; bits += 7) {
    for (const char* dtype : {"f16", "bf16"}) {
      const bool f16 = dtype[0] == 'f';
      std::string src = fmt::format(
          "tisa 1.1 requires {}\n%c = constant {{dtype = {}, shape = [1], data = [bits({:#x})]}}\noutput %c\n",
          f16 ? "Xf16" : "Xbf16", dtype, bits);
      ir::Module m = ir::parse(src);
      ir::Module back = ir::parse(ir::print(m));
      INFO(dtype << " " << bits << " printed as " << ir::print(m));
      CHECK(back.constants[0] == m.constants[0]);
    }
  }
}

TEST_CASE("parse errors name line and column", "[text]") {
  auto err = [](const char* src) {
    try {
      ir::parse(src);
    } catch (const Error& e) {
      return e.message();
    }
    return std::string("no error");
  };
  CHECK(err("tisa 1.0\ninput %x : f33[2]\noutput %x\n") == "line 2, column 12: unknown dtype 'f33'");
  CHECK(err("tisa 1.0\ninput %x : f32[2]\n%y = frob %x\noutput %y\n") ==
        "line 3, column 6: unknown op 'frob'");
  CHECK(err("tisa 1.0\ninput %x : f32[2]\n%y = neg %z\noutput %y\n") ==
        "line 3, column 10: %z is not defined");
  CHECK_THAT(err("tisa 1.0\ninput %x : f32[2]\n%y = reduce_sum %x\noutput %y\n"),
             Catch::Contains("line 3, column 6: reduce_sum needs attribute axes"));
  CHECK_THAT(err("tisa 1.0\ninput %x : f32[2]\ninput %w : i32[2]\n%y = add %x, %w\noutput %y\n"),
             Catch::Contains("line 4, column 6:") && Catch::Contains("no implicit promotion"));
  CHECK_THAT(err("tisa 1.0\ninput %x : f32[2]\n%y = neg %x : f32[3]\noutput %y\n"),
             Catch::Contains("line 3, column 13: declared type differs"));
  CHECK_THAT(err("tisa 1.0\ninput %x : f32[M]\noutput %x\n"),
             Catch::Contains("'M' is not a declared symbol"));
  CHECK_THAT(err("tisa 1.0\ninput %x : f32[2]\n"), Catch::Contains("no output"));
  CHECK_THAT(err("tisa 1.0 requires Xnope\n"), Catch::Contains("unknown extension 'Xnope'"));
  CHECK_THAT(err("tisa 1.0\ninput %x : i8[2]\n%y = pad %x {low = [0], high = [1], value = 300}\noutput %y\n"),
             Catch::Contains("300 does not fit in i8"));
}
