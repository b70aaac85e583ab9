// Row groups (fusion.hpp) on the Vulkan device: softmax (also cut short by a reader between its
// members), a layernorm whose statistics are computed on the reduced shape, a logsumexp whose
// result is per row, and a min over a transposed (strided) input, each built at O2 (one row kernel) and at O0 (one kernel per op), with the device's own
// plan (one invocation per row on lavapipe) and a GPU's (one workgroup per row), against values
// computed here in double. Shapes include empty rows, no rows, one column and rows longer than a
// workgroup; the data holds a NaN row and infinities.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "device_run.hpp"
#include "softmax_text.hpp"
#include "tisa/tisa.hpp"

namespace {

using Rows = std::vector<std::vector<double>>;
constexpr double kInf = std::numeric_limits<double>::infinity();

double nan_max(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b); }
double nan_min(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b); }
double gamma(int64_t j) { return 0.5 + 0.25 * static_cast<double>(j % 3); }

struct Program {
  std::string name;
  std::string text;  // with symbols R and C; %x : f32[R, C] first (or %t : f32[C, R])
  bool transposed_input = false;
  // The expected outputs from the rows of x, each flattened.
  std::function<std::vector<std::vector<double>>(const Rows&, int64_t cols)> expect;
  std::vector<bool> per_row;  // by output: [R] or [R, 1] (else [R, C])
};

std::vector<Program> programs(int64_t cols) {
  char inv_n[32];  // 1 / C, all its digits (std::to_string keeps 6 decimals)
  std::snprintf(inv_n, sizeof inv_n, "%.17g", cols ? 1.0 / static_cast<double>(cols) : 0.0);
  std::vector<Program> out;
  using tisa_test::kSoftmaxDiv, tisa_test::kSoftmaxExp, tisa_test::kSoftmaxSum;
  out.push_back({"softmax", std::string(kSoftmaxExp) + kSoftmaxSum + kSoftmaxDiv + "output %y\n",
                 false,
                 [](const Rows& x, int64_t) {
                   std::vector<double> y;
                   for (const std::vector<double>& row : x) {
                     double m = -kInf, s = 0;
                     for (double v : row) m = nan_max(m, v);
                     for (double v : row) s += std::exp(v - m);
                     for (double v : row) y.push_back(std::exp(v - m) / s);
                   }
                   return std::vector<std::vector<double>>{y};
                 },
                 {false}});
  // Statistics on the reduced shape [R, 1], as ONNX importers write them; gamma broadcast.
  out.push_back({"layernorm", R"(tisa 1.0
symbol R
symbol C
input %x : f32[R, C]
input %g : f32[C]
%s = reduce_sum %x {axes = [1], keepdims = true} : f32[R, 1]
%n = fill {shape = [R, 1], value = )" + std::string(inv_n) + R"(, dtype = f32} : f32[R, 1]
%mean = mul %s, %n : f32[R, 1]
%mb = broadcast %mean {shape = [R, C]} : f32[R, C]
%d = sub %x, %mb : f32[R, C]
%d2 = mul %d, %d : f32[R, C]
%v = reduce_sum %d2 {axes = [1], keepdims = true} : f32[R, 1]
%var = mul %v, %n : f32[R, 1]
%eps = fill {shape = [R, 1], value = 0.001, dtype = f32} : f32[R, 1]
%ve = add %var, %eps : f32[R, 1]
%inv = rsqrt %ve : f32[R, 1]
%ib = broadcast %inv {shape = [R, C]} : f32[R, C]
%y0 = mul %d, %ib : f32[R, C]
%gb = broadcast %g {shape = [R, C]} : f32[R, C]
%y = mul %y0, %gb : f32[R, C]
output %y, %mean
)",
                 false, nullptr, {false, true}});
  Program& ln = out.back();
  ln.expect = [inv = cols ? 1.0 / static_cast<double>(cols) : 0.0](const Rows& x, int64_t n) {
    std::vector<double> y, means;
    for (const std::vector<double>& row : x) {
      double s = 0, v = 0;
      for (double e : row) s += e;
      const double mean = s * static_cast<double>(static_cast<float>(inv));
      for (double e : row) v += (e - mean) * (e - mean);
      const double scale = 1 / std::sqrt(v * static_cast<double>(static_cast<float>(inv)) + 0.001);
      for (int64_t j = 0; j < n; ++j) y.push_back((row[j] - mean) * scale * gamma(j));
      means.push_back(mean);
    }
    return std::vector<std::vector<double>>{y, means};
  };
  // %r reads %e between the members: the row group ends at %e and stores it (fusion.cpp).
  out.push_back({"softmax with its exponentials read mid-way",
                 std::string(kSoftmaxExp) + "%r = reverse %e {axes = [1]} : f32[R, C]\n" + kSoftmaxSum +
                     kSoftmaxDiv + "output %y, %r\n",
                 false,
                 [](const Rows& x, int64_t) {
                   std::vector<double> y, r;
                   for (const std::vector<double>& row : x) {
                     double m = -kInf, s = 0;
                     for (double v : row) m = nan_max(m, v);
                     for (double v : row) s += std::exp(v - m);
                     for (double v : row) y.push_back(std::exp(v - m) / s);
                     for (auto it = row.rbegin(); it != row.rend(); ++it) r.push_back(std::exp(*it - m));
                   }
                   return std::vector<std::vector<double>>{y, r};
                 },
                 {false, false}});
  out.push_back({"logsumexp", std::string(kSoftmaxExp) + kSoftmaxSum + R"(%l = log %s : f32[R, 1]
%lse = add %l, %m : f32[R, 1]
output %lse
)",
                 false,
                 [](const Rows& x, int64_t) {
                   std::vector<double> lse;
                   for (const std::vector<double>& row : x) {
                     double m = -kInf, s = 0;
                     for (double v : row) m = nan_max(m, v);
                     for (double v : row) s += std::exp(v - m);
                     lse.push_back(std::log(s) + m);
                   }
                   return std::vector<std::vector<double>>{lse};
                 },
                 {true}});
  out.push_back({"min of squares, transposed input", R"(tisa 1.0
symbol R
symbol C
input %t : f32[C, R]
%x = transpose %t {perm = [1, 0]} : f32[R, C]
%q = mul %x, %x : f32[R, C]
%r = reduce_min %q {axes = [1], keepdims = false} : f32[R]
output %r
)",
                 true,
                 [](const Rows& x, int64_t) {
                   std::vector<double> r;
                   for (const std::vector<double>& row : x) {
                     double m = kInf;
                     for (double v : row) m = nan_min(m, static_cast<double>(static_cast<float>(v * v)));
                     r.push_back(m);
                   }
                   return std::vector<std::vector<double>>{r};
                 },
                 {true}});
  return out;
}

// Row r's values: spread out, a NaN in row 1, infinities in row 2 (when the rows are there).
Rows make_rows(int64_t rows, int64_t cols) {
  Rows x(static_cast<size_t>(rows), std::vector<double>(static_cast<size_t>(cols)));
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t j = 0; j < cols; ++j) {
      x[r][j] = static_cast<float>(std::sin(0.37 * static_cast<double>(r * cols + j)) * 6);
    }
  }
  if (rows > 1 && cols > 0) x[1][cols / 2] = NAN;
  if (rows > 2 && cols > 1) x[2][0] = kInf, x[2][cols - 1] = -kInf;
  return x;
}

bool close(double got, double want) {
  if (std::isnan(want)) return std::isnan(got);
  if (std::isinf(want)) return got == want;
  return std::abs(got - want) <= 2e-5 * std::max(1.0, std::abs(want));
}

void check(const tisa::Device& device, const Program& p, int64_t rows, int64_t cols, tisa_opt_level_t level) {
  CAPTURE(p.name, rows, cols, level);
  const Rows x = make_rows(rows, cols);
  std::vector<float> flat;
  if (p.transposed_input) {
    for (int64_t j = 0; j < cols; ++j)
      for (int64_t r = 0; r < rows; ++r) flat.push_back(static_cast<float>(x[r][j]));
  } else {
    for (const std::vector<double>& row : x)
      for (double v : row) flat.push_back(static_cast<float>(v));
  }
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(p.text), level);
  tisa::Buffer in = tisa::Buffer::create(device, flat.size() * 4 + 16);
  in.write(flat);
  std::vector<float> gammas;
  for (int64_t j = 0; j < cols; ++j) gammas.push_back(static_cast<float>(gamma(j)));
  tisa::Buffer g = tisa::Buffer::create(device, gammas.size() * 4 + 16);
  g.write(gammas);
  std::vector<tisa_tensor_t> inputs = {
      tisa::tensor(in, p.transposed_input ? tisa::tensor_type(TISA_DTYPE_F32, {cols, rows})
                                          : tisa::tensor_type(TISA_DTYPE_F32, {rows, cols}))};
  if (p.name == "layernorm") inputs.push_back(tisa::tensor(g, tisa::tensor_type(TISA_DTYPE_F32, {cols})));
  const std::vector<std::vector<double>> want = p.expect(x, cols);
  std::vector<tisa::Buffer> outs;
  std::vector<tisa_tensor_t> outputs;
  for (size_t k = 0; k < want.size(); ++k) {
    outs.push_back(tisa::Buffer::create(device, want[k].size() * 4 + 16));
    const bool keep = p.name != "min of squares, transposed input";
    const std::vector<int64_t> dims = p.per_row[k] ? (keep ? std::vector<int64_t>{rows, 1} : std::vector<int64_t>{rows})
                                                   : std::vector<int64_t>{rows, cols};
    outputs.push_back(tisa::tensor(outs.back(), tisa::tensor_type(TISA_DTYPE_F32, dims)));
  }
  exe.launch(inputs, outputs);
  for (size_t k = 0; k < want.size(); ++k) {
    const std::vector<float> got = outs[k].read<float>(want[k].size());
    size_t wrong = 0;
    for (size_t i = 0; i < want[k].size(); ++i) {
      if (!close(got[i], want[k][i])) {
        if (wrong++ == 0) UNSCOPED_INFO("output " << k << " element " << i << ": " << got[i] << ", want " << want[k][i]);
      }
    }
    CHECK(wrong == 0);
  }
}

}  // namespace

TEST_CASE("row groups give the unfused programs' values", "[vulkan][fusion]") {
  const std::string target = GENERATE(as<std::string>{}, "", "gpu");
  CAPTURE(target);
  tisa::Instance instance = tisa_test::instance_for_target(target);
  const tisa::Device device = instance.find_device("vulkan");
  struct Shape {
    int64_t rows, cols;
  };
  // Few short rows, many rows (one invocation each on a CPU device), long rows, no columns, no
  // rows, one column, rows past llvmpipe's loop budget for one invocation (a workgroup each).
  for (const Shape s :
       {Shape{3, 5}, Shape{300, 33}, Shape{2, 5000}, Shape{4, 0}, Shape{0, 8}, Shape{300, 1}, Shape{2, 70000}}) {
    for (const Program& p : programs(s.cols)) {
      check(device, p, s.rows, s.cols, TISA_OPT_O2);
      check(device, p, s.rows, s.cols, TISA_OPT_O0);
    }
  }
}
