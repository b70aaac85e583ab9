// Version gating (spec 9.1, 9.2, G1): what 1.1 added is invalid in a module declaring 1.0, and
// libtisa writes the lowest version defining what a module uses, so 1.0 modules stay 1.0.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

using namespace tisa;
using ir::Expr;

namespace {

constexpr uint32_t k1_0 = TISA_MAKE_VERSION(1, 0);
constexpr uint32_t k1_1 = TISA_MAKE_VERSION(1, 1);

std::string verify_error(const std::string& src) {
  try {
    ir::Module m = ir::parse(src);
    ir::verify(m);
  } catch (const Error& e) {
    return e.message();
  }
  return "verified";
}

const char* kCumsum = R"(
input %x : f32[2, 3]
%y = cumsum %x {axis = 1, exclusive = false, reverse = false} : f32[2, 3]
output %y
)";

const char* kScatterMul = R"(
input %d : i32[4]
input %i : i64[2]
input %u : i32[2]
%y = scatter %d, %i, %u {axis = 0, mode = mul} : i32[4]
output %y
)";

// The version word of an encoded module (header word 1).
uint32_t encoded_version(const ir::Module& m) {
  return ir::encode(m).at(1);
}

}  // namespace

TEST_CASE("a module declaring 1.0 cannot use an op or enum value 1.1 added", "[version]") {
  // The text parser verifies as it goes: the message carries the line and column too.
  CHECK(verify_error(std::string("tisa 1.0") + kCumsum) ==
        "line 3, column 6: %y = cumsum: cumsum is defined since TISA 1.1, but the module declares TISA 1.0");
  CHECK(verify_error("tisa 1.0\ninput %x : f32[2]\n%y = log1p %x\noutput %y\n") ==
        "line 3, column 6: %y = log1p: log1p is defined since TISA 1.1, but the module declares TISA 1.0");
  CHECK_THAT(
      verify_error(std::string("tisa 1.0") + kScatterMul),
      Catch::EndsWith("%y = scatter: mode mul is defined since TISA 1.1, but the module declares TISA 1.0"));
  // The same from the builder's side: a module object declaring 1.0.
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {Expr::lit(3)});
  b.output(b.unary(TISA_OP_EXPM1, x));
  ir::Module m = b.finish();
  m.version = k1_0;
  CHECK_THROWS_WITH(ir::verify(m),
                    "%1 = expm1: expm1 is defined since TISA 1.1, but the module declares TISA 1.0");
  // The 1.0 values of the same enum stay valid in 1.0.
  std::string add_mode = std::string("tisa 1.0") + kScatterMul;
  add_mode.replace(add_mode.find("mode = mul"), 10, "mode = add");
  CHECK(verify_error(add_mode) == "verified");
}

TEST_CASE("a module declaring 1.1 may use them; a newer minor is incompatible", "[version]") {
  CHECK(verify_error(std::string("tisa 1.1") + kCumsum) == "verified");
  CHECK(verify_error(std::string("tisa 1.1") + kScatterMul) == "verified");
  ir::Module m = ir::parse(std::string("tisa 1.1") + kCumsum);
  m.version = TISA_MAKE_VERSION(1, TISA_ISA_VERSION_MINOR + 1);
  try {
    ir::verify(m);
    FAIL("verified");
  } catch (const Error& e) {
    CHECK(e.code() == TISA_INCOMPATIBLE);
    CHECK_THAT(e.message(),
               Catch::Contains(fmt::format("module needs TISA 1.{}; this library implements 1.{}",
                                           TISA_ISA_VERSION_MINOR + 1, TISA_ISA_VERSION_MINOR)));
  }
}

TEST_CASE("the builder declares the lowest version that defines what the module uses", "[version]") {
  const auto built = [](auto body) {
    ir::Builder b;
    ir::Value x = b.input(TISA_DTYPE_I32, {Expr::lit(4)}, "x");
    b.output(body(b, x));
    return b.finish();
  };
  const auto only_1_0 = built([](ir::Builder& b, ir::Value x) {
    const ir::Value i = b.iota(TISA_DTYPE_I32, {Expr::lit(2)}, 0);
    const ir::Value u = b.fill(TISA_DTYPE_I32, {Expr::lit(2)}, 3.0);
    return b.scatter(b.reduce(TISA_OP_REDUCE_SUM, x, {}, false), i, u, 0, TISA_SCATTER_MODE_ADD);
  });
  CHECK(only_1_0.version == k1_0);
  CHECK(encoded_version(only_1_0) == k1_0);
  CHECK(ir::print(only_1_0).rfind("tisa 1.0\n", 0) == 0);

  const auto scan =
      built([](ir::Builder& b, ir::Value x) { return b.scan(TISA_OP_CUMMAX, x, 0, false, true); });
  CHECK(scan.version == k1_1);
  CHECK(encoded_version(scan) == k1_1);

  const auto mul_mode = built([](ir::Builder& b, ir::Value x) {
    const ir::Value i = b.iota(TISA_DTYPE_I32, {Expr::lit(2)}, 0);
    return b.scatter(x, i, b.fill(TISA_DTYPE_I32, {Expr::lit(2)}, 3.0), 0, TISA_SCATTER_MODE_MUL);
  });
  CHECK(mul_mode.version == k1_1);
  CHECK(ir::required_version(mul_mode) == k1_1);
}

TEST_CASE("the encoder lowers a declared version to what the module needs", "[version]") {
  // Assembled from text headed 1.1 but using only 1.0 ops: a 1.0 reader accepts the binary.
  const ir::Module m = ir::parse("tisa 1.1\ninput %x : f32[2]\n%y = neg %x\noutput %y\n");
  CHECK(m.version == k1_1);
  const std::vector<uint32_t> words = ir::encode(m);
  CHECK(words.at(1) == k1_0);
  ir::Module back = ir::decode(words);
  CHECK(back.version == k1_0);
  CHECK_NOTHROW(ir::verify(back));
  // The text printer writes the same header as the binary, so both forms agree.
  CHECK(ir::print(m).rfind("tisa 1.0\n", 0) == 0);
  CHECK(ir::print(m) == ir::print(back));

  // A module that uses 1.1 keeps 1.1, and the text form round-trips with its header.
  const std::string text = std::string("tisa 1.1") + kCumsum;
  ir::Module scan = ir::parse(text);
  ir::verify(scan);
  CHECK(encoded_version(scan) == k1_1);
  CHECK(ir::print(ir::decode(ir::encode(scan))).rfind("tisa 1.1\n", 0) == 0);

  // An invalid declaration is written as declared, so that the reader rejects it.
  scan.version = k1_0;
  CHECK(encoded_version(scan) == k1_0);
  ir::Module decoded = ir::decode(ir::encode(scan));
  CHECK_THROWS_WITH(ir::verify(decoded), Catch::Contains("cumsum is defined since TISA 1.1"));
}

TEST_CASE("required extensions do not raise the version", "[version]") {
  // Requiring Xf16 was valid in 1.0: such a module stays 1.0, and a device that does not claim
  // Xf16 keeps answering UNIMPLEMENTED rather than INCOMPATIBLE.
  ir::Builder b(TISA_EXT_MASK(TISA_EXT_XF16));
  const ir::Value h = b.input(TISA_DTYPE_F16, {Expr::lit(2)}, "h");
  b.output(b.add(h, h));
  const ir::Module f16 = b.finish();
  CHECK(f16.version == k1_0);
  CHECK(encoded_version(f16) == k1_0);
  CHECK(verify_error("tisa 1.0 requires Xf16\ninput %h : f16[2]\n%y = add %h, %h\noutput %y\n") ==
        "verified");
  const ir::Module scan =
      ir::parse("tisa 1.1 requires Xf16\ninput %h : f16[2]\n%y = cumsum %h {axis = 0}\noutput %y\n");
  CHECK(ir::required_version(scan) == k1_1);
}

TEST_CASE("required_version skips unknown opcodes and out-of-range enum values", "[version]") {
  ir::Module m = ir::parse(std::string("tisa 1.1") + kScatterMul);
  m.insts[0].attrs[1].i = 99;
  CHECK(ir::required_version(m) == k1_0);
  m.insts[0].op = static_cast<tisa_opcode_t>(0x3f);
  CHECK(ir::required_version(m) == k1_0);
  CHECK(ir::version_text(k1_1) == "1.1");
}

TEST_CASE("scans keep the shape and need an axis of a numeric operand", "[version][verifier]") {
  ir::Module m = ir::parse(std::string("tisa 1.1") + kCumsum);
  ir::verify(m);
  CHECK(ir::print(m).find("cumsum %x {axis = 1, exclusive = false, reverse = false} : f32[2, 3]") !=
        std::string::npos);
  CHECK_THAT(verify_error("tisa 1.1\ninput %x : f32[]\n"
                          "%y = cumsum %x {axis = 0, exclusive = false, reverse = false}\noutput %y\n"),
             Catch::Contains("%y = cumsum: axis 0 is out of range for rank 0"));
  CHECK_THAT(verify_error("tisa 1.1\ninput %x : i8[3, 4]\n"
                          "%y = cumprod %x {axis = 2, exclusive = true, reverse = false}\noutput %y\n"),
             Catch::Contains("axis 2 is out of range for rank 2"));
  CHECK_THAT(verify_error("tisa 1.1\ninput %x : bool[3]\n"
                          "%y = cummax %x {axis = 0, exclusive = false, reverse = false}\noutput %y\n"),
             Catch::Contains("has dtype bool, which cummax does not accept"));
  CHECK_THAT(verify_error("tisa 1.1\ninput %x : f32[3]\n%y = cummin %x {exclusive = true}\noutput %y\n"),
             Catch::Contains("cummin needs attribute axis"));
  // In text, omitted bools are false: an inclusive forward scan.
  const ir::Module defaults =
      ir::parse("tisa 1.1\ninput %x : f32[3]\n%y = cummin %x {axis = 0}\noutput %y\n");
  CHECK(defaults.insts[0].attrs[1].i == 0);
  CHECK(defaults.insts[0].attrs[2].i == 0);
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {Expr::lit(3)});
  CHECK_THROWS_WITH(b.scan(TISA_OP_REDUCE_SUM, x, 0, false, false), Catch::Contains("is not a scan"));
  // A symbolic axis keeps its expression.
  ir::Builder s;
  const Expr n = s.symbol("N", 8);
  const ir::Value v = s.scan(TISA_OP_CUMSUM, s.input(TISA_DTYPE_I64, {n, Expr::lit(2)}), 0, true, true);
  CHECK(s.type(v).dims[0].equals(n));
}
