// Reductions on the Vulkan device in each of the kernel's layouts (plan.cpp's reduce_rows): short
// rows and many rows (one invocation per row), long rows of a few (split into chunks, then the
// partials reduced), and the rest (a workgroup per row), against values computed here; with the
// device's own plans and with a GPU's (TISA_VULKAN_TARGET=gpu), which choose differently.
// i32 sums wrap exactly whatever the order; f32 sums are checked against the spec's dot bound.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "device_run.hpp"
#include "tisa/tisa.hpp"

namespace {

// Runs `op` over `axes` of an input of `dims` holding `x`, returning the output's elements.
template <typename Out, typename In>
std::vector<Out> reduce(const tisa::Device& device, const std::string& op, const std::string& dtype,
                        const std::vector<int64_t>& dims, const std::string& attrs,
                        const std::string& out_type, const std::vector<In>& x, tisa_dtype_t in_code,
                        tisa_dtype_t out_code, const std::vector<int64_t>& out_dims) {
  std::string shape;
  for (int64_t d : dims) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
  const std::string text = "tisa 1.0\ninput %x : " + dtype + "[" + shape + "]\n%r = " + op + " %x " + attrs +
                           " : " + out_type + "\noutput %r\n";
  return tisa_test::run_module<Out, In>(device, text, {x}, {dims}, in_code, out_code, out_dims);
}

}  // namespace

TEST_CASE("reductions in every layout of the kernel", "[vulkan]") {
  // The device's own plans, then a GPU's (workgroups per row, chunks by workgroup) on this device.
  const std::string target = GENERATE(as<std::string>{}, "", "gpu");
  CAPTURE(target);
  tisa::Instance instance = tisa_test::instance_for_target(target);
  const tisa::Device device = instance.find_device("vulkan");

  SECTION("i32 sums: short rows, many adjacent rows, long rows in chunks, a whole tensor") {
    struct Case {
      int64_t rows, cols;
      int axis;
    };
    // [5000, 7] over 1: short rows; [3, 100003] over 1: chunked; [9000, 90] over 0: 90 rows of
    // 9000, a workgroup each; [90, 9000] over 0: 9000 adjacent rows of 90.
    for (const Case c : {Case{5000, 7, 1}, Case{3, 100003, 1}, Case{9000, 90, 0}, Case{90, 9000, 0}}) {
      CAPTURE(c.rows, c.cols, c.axis);
      std::vector<int32_t> x(static_cast<size_t>(c.rows * c.cols));
      for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int32_t>(i * 2654435761u);  // wraps
      const int64_t n_out = c.axis == 1 ? c.rows : c.cols;
      const std::vector<int32_t> got =
          reduce<int32_t>(device, "reduce_sum", "i32", {c.rows, c.cols},
                          "{axes = [" + std::to_string(c.axis) + "], keepdims = false}",
                          "i32[" + std::to_string(n_out) + "]", x, TISA_DTYPE_I32, TISA_DTYPE_I32, {n_out});
      size_t wrong = 0;
      for (int64_t o = 0; o < n_out; ++o) {
        uint32_t want = 0;
        const int64_t len = c.axis == 1 ? c.cols : c.rows;
        for (int64_t j = 0; j < len; ++j) {
          want +=
              static_cast<uint32_t>(x[static_cast<size_t>(c.axis == 1 ? o * c.cols + j : j * c.cols + o)]);
        }
        wrong += static_cast<int32_t>(want) != got[static_cast<size_t>(o)];
      }
      CHECK(wrong == 0);
    }
    std::vector<int32_t> x(300007);
    for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int32_t>(i % 1000) - 400;
    int64_t want = 0;
    for (int32_t v : x) want += v;
    CHECK(reduce<int32_t>(device, "reduce_sum", "i32", {300007}, "{axes = [0], keepdims = false}", "i32[]", x,
                          TISA_DTYPE_I32, TISA_DTYPE_I32, {})[0] == want);
  }

  SECTION("f32 max, min and product of long rows in chunks; NaN propagates through the partials") {
    std::vector<float> x(2 * 70000);
    for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(static_cast<float>(i)) * 100.0f;
    x[12345] = 1000.0f;
    x[70000 + 69999] = -1000.0f;
    x[70000 + 5] = NAN;
    const auto mx = reduce<float>(device, "reduce_max", "f32", {2, 70000}, "{axes = [1], keepdims = false}",
                                  "f32[2]", x, TISA_DTYPE_F32, TISA_DTYPE_F32, {2});
    CHECK(mx[0] == 1000.0f);
    CHECK(std::isnan(mx[1]));
    const auto mn = reduce<float>(device, "reduce_min", "f32", {2, 70000}, "{axes = [1], keepdims = false}",
                                  "f32[2]", x, TISA_DTYPE_F32, TISA_DTYPE_F32, {2});
    float want_min = x[0];
    for (size_t i = 0; i < 70000; ++i) want_min = std::min(want_min, x[i]);
    CHECK(mn[0] == want_min);
    CHECK(std::isnan(mn[1]));
    std::vector<float> ones(50000, 1.0f);
    ones[777] = 2.0f;
    ones[43210] = -0.5f;
    CHECK(reduce<float>(device, "reduce_prod", "f32", {50000}, "{axes = [0], keepdims = false}", "f32[]",
                        ones, TISA_DTYPE_F32, TISA_DTYPE_F32, {})[0] == -1.0f);
  }

  SECTION("an f32 sum in chunks meets the dot bound") {
    std::vector<float> x(1 << 20);
    double want = 0, magnitude = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      x[i] = std::cos(static_cast<float>(i) * 0.37f);
      want += x[i];
      magnitude += std::abs(static_cast<double>(x[i]));
    }
    const float got = reduce<float>(device, "reduce_sum", "f32", {1 << 20}, "{axes = [0], keepdims = false}",
                                    "f32[]", x, TISA_DTYPE_F32, TISA_DTYPE_F32, {})[0];
    // Spec 5.3, dot mode with a = 1: n u S + m.
    CHECK(std::abs(got - want) <= static_cast<double>(x.size()) * 0x1p-24 * magnitude + 0x1p-126);
  }

  SECTION("argmax of a long row is the first of its maxima") {
    std::vector<int32_t> x(100000, 3);
    x[99998] = 9;
    x[40000] = 9;
    x[70000] = 9;
    CHECK(reduce<int64_t>(device, "argmax", "i32", {100000}, "{axis = 0, keepdims = false}", "i64[]", x,
                          TISA_DTYPE_I32, TISA_DTYPE_I64, {})[0] == 40000);
  }
}
