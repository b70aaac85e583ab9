// The reference on the dtypes of Xf16, Xbf16 and Xf64 (spec 10.5): every op computed in binary64
// and rounded once to the dtype; casts, fills and iota rounded straight from the wide value.
#include "hal/ir/narrow_float.hpp"
#include "hal/ir/registry.hpp"
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;
using tisa::ref::HostTensor;

namespace {

constexpr tisa_extension_mask_t kFloatExtensions =
    TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16) | TISA_EXT_MASK(TISA_EXT_XF64);

HostTensor f16(ir::Shape shape, const std::vector<uint16_t>& bits) {
  return tensor(TISA_DTYPE_F16, std::move(shape), bits);
}
HostTensor bf16(ir::Shape shape, const std::vector<uint16_t>& bits) {
  return tensor(TISA_DTYPE_BF16, std::move(shape), bits);
}
HostTensor f64(ir::Shape shape, const std::vector<double>& v) {
  return tensor(TISA_DTYPE_F64, std::move(shape), v);
}
std::vector<uint16_t> bits16(const HostTensor& t) {
  return values_of<uint16_t>(t);
}

// As run() in ref_test_util.hpp, in a module that requires the three float extensions.
template <class F>
HostTensor run_ext(const std::vector<HostTensor>& inputs, F&& body) {
  Builder b(kFloatExtensions);
  std::vector<Value> in;
  for (const HostTensor& t : inputs) in.push_back(b.input(t.dtype, ir::lits(t.shape)));
  b.output(body(b, in));
  std::vector<HostTensor> outputs = ref::evaluate(b.finish(), inputs);
  REQUIRE(outputs.size() == 1);
  return outputs[0];
}
HostTensor unary_ext(tisa_opcode_t op, const HostTensor& x) {
  return run_ext({x}, [&](Builder& b, std::vector<Value>& in) { return b.unary(op, in[0]); });
}
HostTensor binary_ext(tisa_opcode_t op, const HostTensor& x, const HostTensor& y) {
  return run_ext({x, y}, [&](Builder& b, std::vector<Value>& in) { return b.binary(op, in[0], in[1]); });
}
HostTensor cast_ext(const HostTensor& x, tisa_dtype_t to) {
  return run_ext({x}, [&](Builder& b, std::vector<Value>& in) { return b.cast(in[0], to); });
}

}  // namespace

TEST_CASE("f16 arithmetic is binary64 rounded once: overflow, subnormals, ties", "[reference][f16]") {
  // 65504 + 65504 overflows to inf; 2^-24 + 2^-24 is a subnormal; 2048 + 1 is a tie (to even).
  const auto a = f16({4}, {0x7bff, 0x0001, 0x6800, 0x3c00});
  const auto b = f16({4}, {0x7bff, 0x0001, 0x3c00, 0x1000});  // ..., 1, 2^-11
  CHECK(bits16(binary_ext(TISA_OP_ADD, a, b)) == std::vector<uint16_t>{0x7c00, 0x0002, 0x6800, 0x3c00});
  // 1 / 3 is correctly rounded; 2^-24 * 0.5 is a tie between 0 and 2^-24: +0.
  const auto c = f16({2}, {0x3c00, 0x0001});
  const auto d = f16({2}, {0x4200, 0x3800});  // 3, 0.5
  CHECK(bits16(binary_ext(TISA_OP_DIV, c, d)) ==
        std::vector<uint16_t>{ir::f16_from_double(1.0 / 3.0), 0x0002});
  CHECK(bits16(binary_ext(TISA_OP_MUL, c, d)) == std::vector<uint16_t>{0x4200, 0x0000});
  // Transcendentals: the binary64 function rounded once to f16.
  const auto x = f16({3}, {0x3c00, 0xbc00, 0x4a00});  // 1, -1, 12
  const auto e = bits16(unary_ext(TISA_OP_EXP, x));
  CHECK(e == std::vector<uint16_t>{ir::f16_from_double(std::exp(1.0)), ir::f16_from_double(std::exp(-1.0)),
                                   0x7c00});  // e^12 > 65504
}

TEST_CASE("bf16 ops, NaN and signed zeros follow the f32 rules", "[reference][bf16]") {
  const auto a = bf16({3}, {0x7fc0, 0x8000, 0x3f80});  // NaN, -0, 1
  const auto b = bf16({3}, {0x3f80, 0x0000, 0xff80});  // 1, +0, -inf
  const auto mx = bits16(binary_ext(TISA_OP_MAX, a, b));
  CHECK((mx[0] & 0x7fff) > 0x7f80);  // NaN propagates
  CHECK(mx[1] == 0x0000);            // max(-0, +0) = +0
  CHECK(mx[2] == 0x3f80);
  const auto lt = values_of<uint8_t>(binary_ext(TISA_OP_LT, a, b));
  CHECK(lt == std::vector<uint8_t>{0, 0, 0});
  CHECK(bits16(unary_ext(TISA_OP_NEG, bf16({2}, {0x0000, 0x3f80}))) == std::vector<uint16_t>{0x8000, 0xbf80});
  // 1 + 2^-8 is a tie in bf16: 1 + 1/256 computes to exactly 1.
  CHECK(bits16(binary_ext(TISA_OP_ADD, bf16({1}, {0x3f80}), bf16({1}, {0x3b80}))) ==
        std::vector<uint16_t>{0x3f80});
}

TEST_CASE("casts to and from f16 and bf16 round once and saturate", "[reference][cast]") {
  // f32 1 + 2^-11 + 2^-23 is just above an f16 tie: one rounding gives 1 + 2^-10.
  CHECK(bits16(cast_ext(f32({1}, {1.0f + 0x1p-11f + 0x1p-23f}), TISA_DTYPE_F16)) ==
        std::vector<uint16_t>{0x3c01});
  CHECK(bits16(cast_ext(f32({3}, {65520.0f, -1e-9f, kNaN}), TISA_DTYPE_F16))[0] == 0x7c00);
  CHECK(bits16(cast_ext(f32({2}, {-1e-9f, 3e38f}), TISA_DTYPE_BF16)) ==
        std::vector<uint16_t>{0xb089, 0x7f62});
  // float -> integer truncates, saturates, NaN -> 0, as for f32.
  const auto h = f16({5}, {0x7bff, 0xfc00, 0x7e00, 0xc033, 0x3bff});  // 65504, -inf, NaN, -2.0996, 0.99951
  CHECK(values_of<int8_t>(cast_ext(h, TISA_DTYPE_I8)) == std::vector<int8_t>{127, -128, 0, -2, 0});
  CHECK(values_of<int32_t>(cast_ext(h, TISA_DTYPE_I32)) == std::vector<int32_t>{65504, INT32_MIN, 0, -2, 0});
  CHECK(values_of<uint8_t>(cast_ext(h, TISA_DTYPE_BOOL)) == std::vector<uint8_t>{1, 1, 1, 1, 1});
  // i64 -> bf16 straight from the integer (binary64 would round it to the tie first).
  const int64_t above_tie = (int64_t{1} << 62) + (int64_t{1} << 54) + 1;
  CHECK(bits16(cast_ext(i64({2}, {above_tie, -2049}), TISA_DTYPE_BF16)) ==
        std::vector<uint16_t>{0x5e81, 0xc500});
  // Between the 16-bit floats: f16 65504 is 2^16 in bf16; bf16 1e5 overflows f16; bf16 2^-20 is
  // an f16 subnormal, kept exactly.
  CHECK(bits16(cast_ext(f16({1}, {0x7bff}), TISA_DTYPE_BF16)) == std::vector<uint16_t>{0x4780});
  CHECK(bits16(cast_ext(bf16({2}, {0x47c3, 0x3580}), TISA_DTYPE_F16)) ==
        std::vector<uint16_t>{0x7c00, 0x0010});
  // Widening is exact.
  CHECK(values_of<double>(cast_ext(f16({1}, {0x0001}), TISA_DTYPE_F64)) == std::vector<double>{0x1p-24});
  CHECK(values_of<float>(cast_ext(bf16({1}, {0x0001}), TISA_DTYPE_F32)) == std::vector<float>{0x1p-133f});
}

TEST_CASE("f16 sums round once; scatter add rounds each update", "[reference][f16]") {
  // 2048 + 1 + 1 = 2050 exactly; a sequential f16 sum would stay at 2048 (each + 1 is a tie).
  const auto x = f16({3}, {0x6800, 0x3c00, 0x3c00});
  auto sum = run_ext({x}, [](Builder& b, std::vector<Value>& in) {
    return b.reduce(TISA_OP_REDUCE_SUM, in[0], {0}, false);
  });
  CHECK(bits16(sum) == std::vector<uint16_t>{0x6801});
  const auto data = f16({1}, {0x6800});
  const auto updates = f16({2}, {0x3c00, 0x3c00});
  auto scattered = run_ext({data, i32({2}, {0, 0}), updates}, [](Builder& b, std::vector<Value>& in) {
    return b.scatter(in[0], in[1], in[2], 0, TISA_SCATTER_MODE_ADD);
  });
  CHECK(bits16(scattered) == std::vector<uint16_t>{0x6800});
}

TEST_CASE("matmul on f16 accumulates in the acc dtype it names", "[reference][matmul]") {
  const auto a = f16({1, 2}, {0x7bff, 0x3c00});  // [65504, 1]
  const auto b = f16({2, 1}, {0x3c00, 0x3c00});  // [1, 1]
  const auto in_f16 = run_ext(
      {a, b}, [](Builder& bb, std::vector<Value>& in) { return bb.matmul(in[0], in[1], TISA_DTYPE_F16); });
  CHECK(bits16(in_f16) == std::vector<uint16_t>{0x7bff});  // 65505 rounds back to 65504
  const auto in_f32 = run_ext({a, a}, [](Builder& bb, std::vector<Value>& in) {
    return bb.matmul(bb.reshape(in[0], dims({2, 1})), in[1], TISA_DTYPE_F32);
  });
  // [65504; 1] x [65504, 1]: 65504^2 fits f32, overflows f16.
  CHECK(values_of<float>(in_f32) == std::vector<float>{65504.0f * 65504.0f, 65504.0f, 65504.0f, 1.0f});
  const auto in_f16_over = run_ext({a, a}, [](Builder& bb, std::vector<Value>& in) {
    return bb.matmul(bb.reshape(in[0], dims({2, 1})), in[1], TISA_DTYPE_F16);
  });
  CHECK(bits16(in_f16_over) == std::vector<uint16_t>{0x7c00, 0x7bff, 0x7bff, 0x3c00});
}

TEST_CASE("fill, iota and copies on 16-bit floats", "[reference][creation]") {
  auto filled =
      run_ext({}, [](Builder& b, std::vector<Value>&) { return b.fill(TISA_DTYPE_F16, dims({2}), 65520.0); });
  CHECK(bits16(filled) == std::vector<uint16_t>{0x7c00, 0x7c00});
  auto tie = run_ext(
      {}, [](Builder& b, std::vector<Value>&) { return b.fill(TISA_DTYPE_BF16, dims({1}), 1.0 + 0x1p-8); });
  CHECK(bits16(tie) == std::vector<uint16_t>{0x3f80});
  auto iota =
      run_ext({}, [](Builder& b, std::vector<Value>&) { return b.iota(TISA_DTYPE_F16, dims({2051}), 0); });
  const auto v = bits16(iota);
  CHECK(v[2047] == 0x67ff);  // 2047
  CHECK(v[2049] == 0x6800);  // 2049: tie, to even 2048
  CHECK(v[2050] == 0x6801);  // 2050
  // Copies keep the bits, a signalling NaN's payload included.
  auto reversed = run_ext({f16({2}, {0x7d01, 0x8001})},
                          [](Builder& b, std::vector<Value>& in) { return b.reverse(in[0], {0}); });
  CHECK(bits16(reversed) == std::vector<uint16_t>{0x8001, 0x7d01});
}

TEST_CASE("f64 is binary64 throughout", "[reference][f64]") {
  const auto a = f64({3}, {0.1, 1e308, 0x1p-1074});
  const auto b = f64({3}, {0.2, 1e308, 0x1p-1074});
  CHECK(values_of<double>(binary_ext(TISA_OP_ADD, a, b)) ==
        std::vector<double>{0.1 + 0.2, std::numeric_limits<double>::infinity(), 0x1p-1073});
  CHECK(values_of<double>(unary_ext(TISA_OP_EXP, f64({1}, {0.5}))) == std::vector<double>{std::exp(0.5)});
  CHECK(values_of<int64_t>(cast_ext(f64({2}, {9.3e18, -0.5}), TISA_DTYPE_I64)) ==
        std::vector<int64_t>{INT64_MAX, 0});
}

TEST_CASE("the reference supports every base op on f16, bf16 and f64 its class allows",
          "[reference][registry]") {
  int pairs = 0;
  for (const ir::OpInfo& op : ir::all_ops()) {
    for (tisa_dtype_t t : {TISA_DTYPE_F16, TISA_DTYPE_BF16, TISA_DTYPE_F64}) {
      CAPTURE(op.name, t);
      const bool expected = op.extension == TISA_EXT_BASE && ir::mask_has(op.t_mask, t);
      CHECK(ref::supports(op.opcode, t) == expected);
      pairs += expected;
    }
  }
  CHECK(pairs > 120);
  CHECK(ref::implements_dtype(TISA_DTYPE_BF16));
  CHECK_FALSE(ref::implements_dtype(static_cast<tisa_dtype_t>(0x55)));
}
