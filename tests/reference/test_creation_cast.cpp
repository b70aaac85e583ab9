// constant, fill, iota, cast, bitcast.
#include "ref_test_util.hpp"

using namespace tisa;
using namespace tisa::ref::test;

TEST_CASE("constant returns its payload", "[reference][creation]") {
  const std::vector<int32_t> payload = {1, -2, 3, -4, 5, -6};
  auto out = run({}, [&](Builder& b, std::vector<Value>&) {
    return b.constant(TISA_DTYPE_I32, {2, 3}, std::span<const int32_t>(payload));
  });
  CHECK(out.shape == ir::Shape{2, 3});
  CHECK(values_of<int32_t>(out) == payload);
}

TEST_CASE("fill reads the low bits of the scalar in the result dtype", "[reference][creation]") {
  auto f = run({}, [](Builder& b, std::vector<Value>&) { return b.fill(TISA_DTYPE_F32, dims({2}), -1.5); });
  CHECK(values_of<float>(f) == std::vector<float>{-1.5f, -1.5f});
  auto i = run({}, [](Builder& b, std::vector<Value>&) { return b.fill(TISA_DTYPE_I8, dims({3}), -7); });
  CHECK(values_of<int8_t>(i) == std::vector<int8_t>{-7, -7, -7});
  auto t = run({}, [](Builder& b, std::vector<Value>&) { return b.fill(TISA_DTYPE_BOOL, dims({2}), 1); });
  CHECK(values_of<uint8_t>(t) == std::vector<uint8_t>{1, 1});
  // Raw bits with garbage above the dtype's width: only the low byte counts.
  auto raw = run({}, [](Builder& b, std::vector<Value>&) {
    return b.op(TISA_OP_FILL, {},
                {ir::Attr::dtype(TISA_DTYPE_U8), ir::Attr::shape(dims({2})), ir::Attr::scalar(0xabcdef12u)});
  });
  CHECK(values_of<uint8_t>(raw) == std::vector<uint8_t>{0x12, 0x12});
  auto scalar = run({}, [](Builder& b, std::vector<Value>&) { return b.fill(TISA_DTYPE_I64, {}, 42); });
  CHECK(scalar.shape.empty());
  CHECK(values_of<int64_t>(scalar) == std::vector<int64_t>{42});
  auto empty = run({}, [](Builder& b, std::vector<Value>&) {
    return b.fill(TISA_DTYPE_F32, dims({0, 3}), 1);
  });
  CHECK(empty.shape == ir::Shape{0, 3});
  CHECK(empty.data.empty());
}

TEST_CASE("iota counts along its axis and converts as cast", "[reference][creation]") {
  auto a = run({}, [](Builder& b, std::vector<Value>&) { return b.iota(TISA_DTYPE_I32, dims({2, 3}), 1); });
  CHECK(values_of<int32_t>(a) == std::vector<int32_t>{0, 1, 2, 0, 1, 2});
  auto rows = run({}, [](Builder& b, std::vector<Value>&) {
    return b.iota(TISA_DTYPE_F32, dims({2, 2}), 0);
  });
  CHECK(values_of<float>(rows) == std::vector<float>{0, 0, 1, 1});
  auto wrapped =
      run({}, [](Builder& b, std::vector<Value>&) { return b.iota(TISA_DTYPE_I8, dims({300}), 0); });
  const auto v = values_of<int8_t>(wrapped);
  CHECK(v[127] == 127);
  CHECK(v[128] == -128);
  CHECK(v[200] == -56);
  CHECK(v[256] == 0);
}

TEST_CASE("cast float to int truncates, saturates, and sends NaN to 0", "[reference][cast]") {
  const auto x = f32({8}, {-2.7f, 2.7f, 3e9f, -3e9f, kNaN, kInf, -kInf, -0.0f});
  auto to_i32 = run({x}, [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_I32); });
  CHECK(values_of<int32_t>(to_i32) ==
        std::vector<int32_t>{-2, 2, INT32_MAX, INT32_MIN, 0, INT32_MAX, INT32_MIN, 0});
  auto to_u8 = run({x}, [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_U8); });
  CHECK(values_of<uint8_t>(to_u8) == std::vector<uint8_t>{0, 2, 255, 0, 0, 255, 0, 0});
  auto to_i64 = run({f32({2}, {9.3e18f, -9.3e18f})},
                    [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_I64); });
  CHECK(values_of<int64_t>(to_i64) == std::vector<int64_t>{INT64_MAX, INT64_MIN});
}

TEST_CASE("cast int to int wraps, int to float rounds to nearest even", "[reference][cast]") {
  auto narrow = run({i32({4}, {300, -129, 127, -1})},
                    [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_I8); });
  CHECK(values_of<int8_t>(narrow) == std::vector<int8_t>{44, 127, 127, -1});
  auto to_u8 = run({i32({2}, {-1, 256})},
                   [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_U8); });
  CHECK(values_of<uint8_t>(to_u8) == std::vector<uint8_t>{255, 0});
  auto widen = run({i8({2}, {-1, 5})},
                   [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_I64); });
  CHECK(values_of<int64_t>(widen) == std::vector<int64_t>{-1, 5});
  // 2^24 + 1 is a tie between 2^24 and 2^24 + 2: even wins; 2^24 + 3 rounds up.
  auto to_f32 = run({i64({2}, {16777217, 16777219})},
                    [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_F32); });
  CHECK(values_of<float>(to_f32) == std::vector<float>{16777216.0f, 16777220.0f});
}

TEST_CASE("cast to and from bool", "[reference][cast]") {
  auto to_bool = run({f32({5}, {0.0f, -0.0f, kNaN, 0.5f, -kInf})},
                     [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_BOOL); });
  CHECK(values_of<uint8_t>(to_bool) == std::vector<uint8_t>{0, 0, 1, 1, 1});
  auto from_bool = run({boolean({2}, {1, 0})},
                       [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_F32); });
  CHECK(values_of<float>(from_bool) == std::vector<float>{1.0f, 0.0f});
  auto int_to_bool = run({i32({3}, {0, -5, 256})},
                         [](Builder& b, std::vector<Value>& in) { return b.cast(in[0], TISA_DTYPE_BOOL); });
  CHECK(values_of<uint8_t>(int_to_bool) == std::vector<uint8_t>{0, 1, 1});
}

TEST_CASE("bitcast keeps the bits", "[reference][cast]") {
  auto bits = run({f32({2}, {1.0f, -0.0f})},
                  [](Builder& b, std::vector<Value>& in) { return b.bitcast(in[0], TISA_DTYPE_I32); });
  CHECK(values_of<int32_t>(bits) == std::vector<int32_t>{0x3f800000, INT32_MIN});
  auto u = run({i8({2}, {-1, -128})},
               [](Builder& b, std::vector<Value>& in) { return b.bitcast(in[0], TISA_DTYPE_U8); });
  CHECK(values_of<uint8_t>(u) == std::vector<uint8_t>{255, 128});
}
