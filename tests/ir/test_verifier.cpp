// One negative test per constraint class; each checks that the message names the culprit.
#include <catch2/catch.hpp>

#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

using namespace tisa;
using ir::Expr;

namespace {

std::string verify_error(const char* src) {
  try {
    ir::Module m = ir::parse(src);
    ir::verify(m);
  } catch (const Error& e) {
    return e.message();
  }
  return "verified";
}

Expr L(int64_t v) {
  return Expr::lit(v);
}

}  // namespace

TEST_CASE("verifier: operand dtypes must fit the op's type classes", "[verifier]") {
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : i32[2]\n%y = exp %x\noutput %y\n"),
             Catch::Contains("%y = exp: operand 0 (x) has dtype i32, which exp does not accept"));
  CHECK_THAT(
      verify_error("tisa 1.0\ninput %c : i32[2]\ninput %x : f32[2]\n%y = select %c, %x, %x\noutput %y\n"),
      Catch::Contains("operand 0 (cond) must be bool, not i32"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2]\n%y = bitcast %x {dtype = i8}\noutput %y\n"),
             Catch::Contains("same width"));
}

TEST_CASE("verifier: shapes must agree exactly (no implicit broadcasting)", "[verifier]") {
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2, 3]\ninput %w : f32[3]\n%y = add %x, %w\noutput %y\n"),
             Catch::Contains("%y = add: operand 1 has rank 1 but operand 0 has rank 2"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2]\ninput %w : f32[3]\n%y = mul %x, %w\noutput %y\n"),
             Catch::Contains("operand 1 dim 0 equals operand 0 dim 0: 2 != 3"));
}

TEST_CASE("verifier: attributes are range-checked", "[verifier]") {
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2, 3]\n%y = reduce_sum %x {axes = [2]}\noutput %y\n"),
             Catch::Contains("axis 2 is out of range for rank 2"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2, 3]\n%y = transpose %x {perm = [0, 0]}\noutput %y\n"),
             Catch::Contains("perm entry 0 appears twice"));
  CHECK_THAT(
      verify_error(
          "tisa 1.0\ninput %x : f32[5]\n%y = slice %x {start = [0], stop = [6], step = [1]}\noutput %y\n"),
      Catch::Contains("dim 5 - stop 6 on axis 0 is -1, must be >= 0"));
  CHECK_THAT(
      verify_error(
          "tisa 1.0\ninput %x : f32[5]\n%y = slice %x {start = [0], stop = [5], step = [0]}\noutput %y\n"),
      Catch::Contains("step 0 on axis 0 must be >= 1"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[5]\n%y = window %x {size = [0], stride = [1], dilation = "
                          "[1]}\noutput %y\n"),
             Catch::Contains("must all be >= 1"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[0, 2]\n%y = argmax %x {axis = 0}\noutput %y\n"),
             Catch::Contains("axis 0 is empty"));
}

TEST_CASE("verifier: matmul contraction and accumulator rules", "[verifier]") {
  CHECK_THAT(verify_error("tisa 1.0\ninput %a : f32[2, 3]\ninput %b : f32[4, 5]\n%y = matmul %a, %b {acc = "
                          "f32}\noutput %y\n"),
             Catch::Contains("lhs K (last dim) equals rhs K (second to last dim): 3 != 4"));
  CHECK_THAT(
      verify_error(
          "tisa 1.0\ninput %a : i8[2, 3]\ninput %b : i8[3, 5]\n%y = matmul %a, %b {acc = i8}\noutput %y\n"),
      Catch::Contains("acc i8 cannot accumulate i8"));
  CHECK_THAT(
      verify_error(
          "tisa 1.0\ninput %a : f32[3]\ninput %b : f32[3, 5]\n%y = matmul %a, %b {acc = f32}\noutput %y\n"),
      Catch::Contains("need rank >= 2"));
}

TEST_CASE("verifier: reshape keeps the element count", "[verifier]") {
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2, 3]\n%y = reshape %x {shape = [5]}\noutput %y\n"),
             Catch::Contains("element count 6 equals 5: 6 != 5"));
}

TEST_CASE("verifier: data, symbols, extensions, limits and module structure", "[verifier]") {
  CHECK_THAT(verify_error("tisa 1.0\nsymbol N\ninput %x : f32[2]\noutput %x\n"),
             Catch::Contains("symbol N is not bound by any input dimension"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f16[2]\noutput %x\n"),
             Catch::Contains("dtype f16 needs extension Xf16"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[1, 1, 1, 1, 1, 1, 1, 1, 1]\noutput %x\n"),
             Catch::Contains("rank 9 exceeds the limit 8"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[2]\n%c = constant {dtype = bool, shape = [2], data = "
                          "hex\"0002\"}\noutput %c\n"),
             Catch::Contains("bools are 0 or 1"));
  CHECK_THAT(
      verify_error(
          "tisa 1.0\ninput %x : f32[2]\n%c = constant {dtype = f32, shape = [3], data = [1.0]}\noutput %c\n"),
      Catch::Contains("holds 4 bytes; 3 elements of f32 need 12"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[3037000500, 3037000500]\noutput %x\n"),
             Catch::Contains("exceeds max_dim"));
  CHECK_THAT(verify_error("tisa 1.0\ninput %x : f32[1048576, 1048576, 2]\noutput %x\n"),
             Catch::Contains("exceed max_elements"));
}

TEST_CASE("verifier: structural errors in a decoded module name the instruction", "[verifier]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {L(2)});
  auto y = b.unary(TISA_OP_NEG, x);
  b.output(y);
  ir::Module m = b.finish();
  SECTION("use before definition") {
    m.insts[0].operands[0] = 1;
    CHECK_THROWS_WITH(
        ir::verify(m),
        Catch::Contains("%1 = neg: operand 0 refers to value 1, which is not defined before it"));
  }
  SECTION("wrong operand count") {
    m.insts[0].operands.push_back(0);
    CHECK_THROWS_WITH(ir::verify(m), Catch::Contains("%1 = neg: takes 1 operands, got 2"));
  }
  SECTION("output out of range") {
    m.outputs[0] = 9;
    CHECK_THROWS_WITH(ir::verify(m), Catch::Contains("output 0 refers to value 9"));
  }
  SECTION("a newer ISA version is incompatible") {
    m.version = TISA_MAKE_VERSION(2, 0);
    try {
      ir::verify(m);
      FAIL("verified");
    } catch (const Error& e) {
      CHECK(e.code() == TISA_INCOMPATIBLE);
      CHECK_THAT(e.message(),
                 Catch::Contains(fmt::format("module needs TISA 2.0; this library implements 1.{}",
                                             TISA_ISA_VERSION_MINOR)));
    }
  }
  SECTION("unknown extension bits") {
    m.extensions = 1ull << 40;
    CHECK_THROWS_WITH(ir::verify(m), Catch::Contains("unknown extension bits"));
  }
}

TEST_CASE("shape inference keeps symbols symbolic", "[verifier][shape]") {
  ir::Builder b;
  Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_F32, {n, L(8)});
  auto w = b.window(x, {2, 3}, {1, 2}, {1, 1});
  std::vector<std::string> names = {"N"};
  CHECK(b.type(w).dims[0].str(names) == "max(0, N - 1)");
  CHECK(b.type(w).dims[1].lit_value() == 3);
  auto s = b.slice(x, {L(1), L(0)}, {n, L(8)}, {2, 1});
  CHECK(b.type(s).dims[0].str(names) == "ceildiv(N - 1, 2)");
  auto r = b.reshape(x, {n * L(8)});
  CHECK(b.type(r).dims[0].equals(L(8) * n));
  auto c = b.concat({x, x}, 0);
  CHECK(b.type(c).dims[0].equals(n * L(2)));
  auto mm = b.matmul(x, b.transpose(x, {1, 0}), TISA_DTYPE_F32);
  CHECK(b.type(mm).dims[0].equals(n));
  CHECK(b.type(mm).dims[1].equals(n));
  auto g = b.gather(x, b.iota(TISA_DTYPE_I64, {L(2), L(3)}, 0), 1);
  CHECK(b.type(g).rank() == 3);
  // What only a binding can decide becomes a launch-time assertion, not an error.
  auto rs = b.reshape(s, {L(4)});
  (void)rs;
  CHECK(b.module().assertions.size() >= 1);
}
