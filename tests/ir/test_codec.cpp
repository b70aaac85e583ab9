#include <catch2/catch.hpp>

#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "samples.hpp"

using namespace tisa;

TEST_CASE("every op and every dtype it accepts round-trips through the binary codec", "[codec]") {
  size_t covered = 0;
  for (const auto& op : ir::all_ops()) {
    if (op.extension != TISA_EXT_BASE) continue;
    for (const auto& d : ir::all_dtypes()) {
      if (d.extension != TISA_EXT_BASE || !ir::mask_has(op.t_mask, d.dtype)) continue;
      INFO(op.name << " on " << d.name);
      ir::Module m = test::sample_module(op, d.dtype);
      auto words = ir::encode(m);
      ir::Module back = ir::decode(words);
      ir::verify(back);
      CHECK(ir::print(back) == ir::print(m));
      CHECK(ir::encode(back) == words);
      ++covered;
    }
  }
  CHECK(covered > 200);
}

TEST_CASE("the spec's worked example encodes to exactly its 32 words", "[codec]") {
  ir::Module m = ir::parse("tisa 1.0\ninput %x : f32[4]\n%1 = neg %x : f32[4]\noutput %1\n");
  std::vector<uint32_t> want = {0x41534954, 0x00010000, 0, 0,          0, 5,              // header
                                1,          1,          0,                                // SYMBOLS
                                2,          8,          1, 0x00000078, 6, 1, 3, 1, 4, 0,  // INPUTS
                                3,          1,          0,                                // CONSTANTS
                                4,          4,          1, 0x00030020, 1, 0,              // CODE
                                5,          2,          1, 1};                            // OUTPUTS
  CHECK(ir::encode(m) == want);
}

TEST_CASE("constant data starts 64-byte aligned in the binary", "[codec]") {
  ir::Builder b;
  auto x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(3)});
  std::vector<float> v = {1.f, 2.f, 3.f};
  b.output(b.add(x, b.constant(TISA_DTYPE_F32, {3}, std::span<const float>(v))));
  auto words = ir::encode(b.finish());
  bool found = false;
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    float f[3];
    std::memcpy(f, &words[i], 12);
    if (f[0] == 1.f && f[1] == 2.f && f[2] == 3.f) {
      CHECK((i * 4) % TISA_CONSTANT_ALIGNMENT == 0);
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("decoding rejects malformed modules with a message, never crashes", "[codec]") {
  ir::Module m = test::sample_module(*ir::find_op("concat"), TISA_DTYPE_F32);
  auto words = ir::encode(m);
  SECTION("every truncation") {
    for (size_t n = 0; n < words.size(); ++n) {
      std::span<const uint32_t> cut(words.data(), n);
      CHECK_THROWS_AS(ir::decode(cut), Error);
    }
  }
  SECTION("bad magic") {
    words[0] = 0x12345678;
    CHECK_THROWS_WITH(ir::decode(words), Catch::Contains("not a TISA module"));
  }
  SECTION("a huge count does not allocate") {
    // The symbol count sits right after the SYMBOLS section header.
    words[TISA_MODULE_HEADER_WORDS + 2] = 0x7fffffff;
    CHECK_THROWS_WITH(ir::decode(words), Catch::Contains("symbol count"));
  }
  SECTION("unknown opcode") {
    ir::Builder b;
    auto x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(2)});
    b.output(b.unary(TISA_OP_NEG, x));
    auto w = ir::encode(b.finish());
    for (auto& word : w)
      if ((word & 0xffff) == TISA_OP_NEG && (word >> 16) == 3) word = (3u << 16) | 0xfff0u;
    CHECK_THROWS_WITH(ir::decode(w), Catch::Contains("unknown opcode 0xfff0"));
  }
  SECTION("bytes that are not whole words") {
    std::vector<uint8_t> bytes(7, 0);
    CHECK_THROWS_WITH(ir::decode_bytes(bytes), Catch::Contains("not a whole number"));
  }
  SECTION("every single-bit flip is decoded or rejected cleanly") {
    for (size_t i = 0; i < words.size(); ++i)
      for (int bit : {0, 7, 16, 31}) {
        auto w = words;
        w[i] ^= 1u << bit;
        try {
          ir::Module back = ir::decode(w);
          ir::verify(back);
        } catch (const Error&) {
        }
      }
    SUCCEED("no crash");
  }
}
