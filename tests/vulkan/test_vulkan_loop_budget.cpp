// llvmpipe (lavapipe) ends every loop of a shader invocation once it has run 65535 iterations in
// all, silently. The plans keep under that budget there: rows past it are reduced in chunks, a
// matmul's K in slices, a row group too long for its kernel runs unfused; a scan line past it,
// which one invocation must walk, is refused with UNIMPLEMENTED saying why. Before this, a sum
// of 256 rows of 100000 ones gave 65535 for each. On other devices the same programs just run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "device_run.hpp"
#include "softmax_text.hpp"
#include "tisa/tisa.hpp"

namespace {

bool is_llvmpipe(const tisa::Device& device) {
  return std::string(device.info().name).find("llvmpipe") != std::string::npos;
}

}  // namespace

TEST_CASE("kernels keep within the device's loop budget", "[vulkan]") {
  const std::string target = GENERATE(as<std::string>{}, "", "gpu");
  CAPTURE(target);
  tisa::Instance instance = tisa_test::instance_for_target(target);
  const tisa::Device device = instance.find_device("vulkan");
  constexpr int64_t kLong = 70000;

  SECTION("sums of many long rows, and argmax of long rows") {
    const std::vector<int32_t> ones(static_cast<size_t>(256 * kLong), 1);
    const std::vector<int32_t> sums =
        tisa_test::run_module<int32_t, int32_t>(device, R"(tisa 1.0
input %x : i32[256, 70000]
%s = reduce_sum %x {axes = [1], keepdims = false} : i32[256]
output %s
)",
                              {ones}, {{256, kLong}}, TISA_DTYPE_I32, TISA_DTYPE_I32, {256});
    CHECK(std::count(sums.begin(), sums.end(), static_cast<int32_t>(kLong)) == 256);
    std::vector<float> x(static_cast<size_t>(4 * kLong), 0.0f);
    for (int64_t r = 0; r < 4; ++r) x[static_cast<size_t>(r * kLong + kLong - 1 - r)] = 1.0f;
    const std::vector<int64_t> arg = tisa_test::run_module<int64_t, float>(device, R"(tisa 1.0
input %x : f32[4, 70000]
%a = argmax %x {axis = 1, keepdims = false} : i64[4]
output %a
)",
                                                         {x}, {{4, kLong}}, TISA_DTYPE_F32, TISA_DTYPE_I64, {4});
    CHECK(arg == std::vector<int64_t>{kLong - 1, kLong - 2, kLong - 3, kLong - 4});
  }

  SECTION("a matmul whose K is longer than the budget") {
    std::vector<int32_t> a(static_cast<size_t>(8 * kLong)), b(static_cast<size_t>(kLong * 8));
    for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<int32_t>(i % 3);
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<int32_t>(i % 5) - 2;
    const std::vector<int32_t> c = tisa_test::run_module<int32_t, int32_t>(device, R"(tisa 1.0
input %a : i32[8, 70000]
input %b : i32[70000, 8]
%c = matmul %a, %b {acc = i32} : i32[8, 8]
output %c
)",
                                                         {a, b}, {{8, kLong}, {kLong, 8}}, TISA_DTYPE_I32,
                                                         TISA_DTYPE_I32, {8, 8});
    size_t wrong = 0;
    for (int64_t i = 0; i < 8; ++i) {
      for (int64_t j = 0; j < 8; ++j) {
        int64_t want = 0;
        for (int64_t k = 0; k < kLong; ++k) want += int64_t{a[i * kLong + k]} * b[k * 8 + j];
        wrong += c[i * 8 + j] != static_cast<int32_t>(want);
      }
    }
    CHECK(wrong == 0);
  }

  SECTION("a scan along a long line runs, or is refused on llvmpipe saying why") {
    const std::vector<float> ones(static_cast<size_t>(kLong), 1.0f);
    const std::string text = R"(tisa 1.1
input %x : f32[1, 70000]
%y = cumsum %x {axis = 1} : f32[1, 70000]
output %y
)";
    if (is_llvmpipe(device)) {
      CHECK_THROWS_WITH(
          (tisa_test::run_module<float, float>(device, text, {ones}, {{1, kLong}}, TISA_DTYPE_F32, TISA_DTYPE_F32, {1, kLong})),
          Catch::Contains("a scan along lines of 70000 elements") && Catch::Contains("65535"));
    } else {
      const std::vector<float> y =
          tisa_test::run_module<float, float>(device, text, {ones}, {{1, kLong}}, TISA_DTYPE_F32, TISA_DTYPE_F32, {1, kLong});
      CHECK(y.back() == static_cast<float>(kLong));
    }
  }

  SECTION("softmax over a row too long for its row kernel runs unfused") {
    constexpr int64_t kCols = 6000000;
    std::vector<float> x(static_cast<size_t>(kCols));
    for (int64_t j = 0; j < kCols; ++j) x[j] = static_cast<float>(std::sin(0.001 * static_cast<double>(j)));
    const std::string softmax = std::string(tisa_test::kSoftmaxExp) + tisa_test::kSoftmaxSum +
                                tisa_test::kSoftmaxDiv + "output %y\n";
    const std::vector<float> y = tisa_test::run_module<float, float>(
        device, softmax, {x}, {{1, kCols}}, TISA_DTYPE_F32, TISA_DTYPE_F32, {1, kCols}, TISA_OPT_O2);
    const double m = *std::max_element(x.begin(), x.end());
    double s = 0;
    for (int64_t j = 0; j < kCols; ++j) s += std::exp(static_cast<double>(x[j]) - m);
    size_t wrong = 0;
    for (int64_t j = 0; j < kCols; j += 997) {
      const double want = std::exp(static_cast<double>(x[j]) - m) / s;
      wrong += std::abs(y[j] - want) > 1e-5 * want;
    }
    CHECK(wrong == 0);
  }
}
