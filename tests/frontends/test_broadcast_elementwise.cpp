// Broadcasting, type promotion and the elementwise wrappers.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

TEST_CASE("promote_types follows numpy over the registry dtypes", "[frontend][broadcast]") {
  CHECK(promote_types(TISA_DTYPE_BOOL, TISA_DTYPE_I8) == TISA_DTYPE_I8);
  CHECK(promote_types(TISA_DTYPE_I8, TISA_DTYPE_U8) == TISA_DTYPE_I32);  // no i16 in TISA
  CHECK(promote_types(TISA_DTYPE_U8, TISA_DTYPE_I32) == TISA_DTYPE_I32);
  CHECK(promote_types(TISA_DTYPE_I32, TISA_DTYPE_I64) == TISA_DTYPE_I64);
  CHECK(promote_types(TISA_DTYPE_I64, TISA_DTYPE_F32) == TISA_DTYPE_F32);
  CHECK(promote_types(TISA_DTYPE_F32, TISA_DTYPE_BOOL) == TISA_DTYPE_F32);
}

TEST_CASE("add broadcasts [3,1] with [4] and promotes i32 to f32", "[frontend][broadcast]") {
  HostTensor x = f32({3, 1}, {1, 2, 3});
  HostTensor y = i32({4}, {10, 20, 30, 40});
  HostTensor out = run({x, y}, [](Builder& b, const std::vector<Value>& in) { return add(b, in[0], in[1]); });
  std::vector<double> want;
  for (int i = 1; i <= 3; ++i)
    for (int j = 1; j <= 4; ++j) want.push_back(i + 10 * j);
  CHECK(mismatch(out, {3, 4}, want) == "");
}

TEST_CASE("broadcast with symbolic dims: equal symbols or a literal 1", "[frontend][broadcast]") {
  for (int64_t n : {1, 3}) {
    std::vector<float> xv = data(static_cast<size_t>(n * 4), 1), bias = {1, 2, 3, 4};
    auto out = eval(
        [](Builder& b) {
          Expr N = b.symbol("N");
          Value x = b.input(TISA_DTYPE_F32, {N, lit(4)});
          Value bias = b.input(TISA_DTYPE_F32, {lit(1), lit(4)});
          return std::vector<Value>{mul(b, x, bias)};
        },
        {f32({n, 4}, xv), f32({1, 4}, bias)});
    std::vector<double> want;
    for (int64_t i = 0; i < n * 4; ++i) want.push_back(double(xv[i]) * bias[i % 4]);
    CHECK(mismatch(out[0], {n, 4}, want) == "");
  }
}

TEST_CASE("broadcasting N with M or N with 3 is a clear error", "[frontend][broadcast]") {
  Builder b;
  Expr N = b.symbol("N"), M = b.symbol("M");
  Value x = b.input(TISA_DTYPE_F32, {N, lit(4)});
  Value y = b.input(TISA_DTYPE_F32, {M, lit(4)});
  Value z = b.input(TISA_DTYPE_F32, {lit(3), lit(4)});
  const std::string nm = error_of([&] { add(b, x, y); });
  CHECK(nm.find("add: cannot broadcast [N, 4] with [M, 4]") != std::string::npos);
  CHECK(nm.find("dims N and M at output axis 0") != std::string::npos);
  CHECK(error_of([&] { sub(b, x, z); }).find("cannot broadcast [N, 4] with [3, 4]") != std::string::npos);
  CHECK(error_of([&] {
          broadcast_to(b, z, {lit(2), lit(4)});
        }).find("axis 0 is neither 1 nor equal") != std::string::npos);
}

TEST_CASE("where broadcasts the condition and promotes the branches", "[frontend][elementwise]") {
  HostTensor cond = tensor<uint8_t>(TISA_DTYPE_BOOL, {3}, {1, 0, 1});
  HostTensor x = f32({2, 1}, {5, 6});
  HostTensor y = i64({1}, {-1});
  HostTensor out = run(
      {cond, x, y}, [](Builder& b, const std::vector<Value>& in) { return where(b, in[0], in[1], in[2]); });
  CHECK(mismatch(out, {2, 3}, {5, -1, 5, 6, -1, 6}) == "");
}

TEST_CASE("mod: floored (sign of divisor) and fmod (sign of dividend)", "[frontend][elementwise]") {
  HostTensor x = i32({4}, {7, -7, 7, -7}), y = i32({4}, {3, 3, -3, -3});
  CHECK(values<int32_t>(run({x, y}, [](Builder& b, const std::vector<Value>& in) {
          return mod(b, in[0], in[1], false);
        })) == std::vector<int32_t>{1, 2, -2, -1});
  CHECK(values<int32_t>(run({x, y}, [](Builder& b, const std::vector<Value>& in) {
          return mod(b, in[0], in[1], true);
        })) == std::vector<int32_t>{1, -1, 1, -1});
  HostTensor xf = f32({2}, {-5.5f, 5.5f}), yf = f32({2}, {2, -2});
  CHECK(mismatch(run({xf, yf},
                     [](Builder& b, const std::vector<Value>& in) { return mod(b, in[0], in[1], false); }),
                 {2}, {0.5, -0.5}) == "");
}

TEST_CASE("comparisons, clip, pow with an integer exponent, variadic mean", "[frontend][elementwise]") {
  HostTensor x = f32({4}, {-2, 0.5f, 3, NAN}), y = f32({1}, {0.5f});
  CHECK(values<uint8_t>(run({x, y}, [](Builder& b, const std::vector<Value>& in) {
          return greater(b, in[0], in[1]);
        })) == std::vector<uint8_t>{0, 0, 1, 0});
  CHECK(values<uint8_t>(run({x, y}, [](Builder& b, const std::vector<Value>& in) {
          return greater_equal(b, in[0], in[1]);
        })) == std::vector<uint8_t>{0, 1, 1, 0});
  HostTensor c = run({x}, [](Builder& b, const std::vector<Value>& in) { return clip(b, in[0], -1.0, 1.0); });
  CHECK(mismatch(c, {4}, {-1, 0.5, 1, NAN}) == "");
  HostTensor p = run({f32({3}, {2, -3, 0.5f}), i64({3}, {3, 2, -1})},
                     [](Builder& b, const std::vector<Value>& in) { return pow(b, in[0], in[1]); });
  CHECK(mismatch(p, {3}, {8, 9, 2}) == "");
  CHECK(p.dtype == TISA_DTYPE_F32);
  HostTensor m =
      run({f32({2}, {1, 2}), f32({1}, {4}), f32({2}, {1, 3})}, [](Builder& b, const std::vector<Value>& in) {
        return mean_n(b, {in[0], in[1], in[2]});
      });
  CHECK(mismatch(m, {2}, {2, 3}) == "");
}

TEST_CASE("isnan and isinf", "[frontend][elementwise]") {
  HostTensor x = f32({4}, {INFINITY, -INFINITY, NAN, 1});
  CHECK(values<uint8_t>(run({x}, [](Builder& b, const std::vector<Value>& in) {
          return is_nan(b, in[0]);
        })) == std::vector<uint8_t>{0, 0, 1, 0});
  CHECK(values<uint8_t>(run({x}, [](Builder& b, const std::vector<Value>& in) {
          return is_inf(b, in[0], true, false);
        })) == std::vector<uint8_t>{1, 0, 0, 0});
  CHECK(error_of([] {
          Builder b;
          is_nan(b, b.input(TISA_DTYPE_I32, {lit(2)}));
        }) == "isnan: needs a float tensor, got i32");
}

}  // namespace
}  // namespace tisa::ops::test
