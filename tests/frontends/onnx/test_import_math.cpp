// Elementwise, MLP, Gemm and Softmax models imported and run by the reference evaluator,
// against values computed here.
#include <cmath>

#include "onnx_test_util.hpp"

namespace tisa::onnx_import::test {
namespace {

using ops::test::data;
using ops::test::f32;
using ops::test::mismatch;
using ops::test::values;
using TP = onnx::TensorProto;

TEST_CASE("onnx: Add broadcasts a row over a matrix", "[onnx]") {
  ModelWriter w;
  w.input("x", TP::FLOAT, {2, 3});
  w.input("y", TP::FLOAT, {3});
  w.node("Add", {"x", "y"}, {"z"});
  w.output("z");
  const ir::Module m = w.import();
  const std::vector<float> x = {1, 2, 3, 4, 5, 6}, y = {10, 20, 30};
  auto out = run(m, {f32({2, 3}, x), f32({3}, y)});
  REQUIRE(out.size() == 1);
  CHECK(mismatch(out[0], {2, 3}, {11, 22, 33, 14, 25, 36}) == "");
}

// relu(x W1 + b1) W2 + b2 with a symbolic batch N.
TEST_CASE("onnx: MatMul + Add + Relu MLP with a symbolic batch", "[onnx]") {
  const std::vector<float> w1 = data(4 * 5, 1), b1 = data(5, 2), w2 = data(5 * 3, 3), b2 = data(3, 4);
  ModelWriter w;
  w.input("x", TP::FLOAT, {"N", 4});
  w.floats("w1", {4, 5}, w1);
  w.floats("b1", {5}, b1);
  w.floats("w2", {5, 3}, w2);
  w.floats("b2", {3}, b2);
  w.node("MatMul", {"x", "w1"}, {"h0"});
  w.node("Add", {"h0", "b1"}, {"h1"});
  w.node("Relu", {"h1"}, {"h"});
  w.node("MatMul", {"h", "w2"}, {"y0"});
  w.node("Add", {"y0", "b2"}, {"y"});
  w.output("y");
  const ir::Module m = w.import();
  REQUIRE(m.symbols.size() == 1);
  CHECK(m.symbols[0].name == "N");
  REQUIRE(m.inputs.size() == 1);
  CHECK(m.inputs[0].name == "x");
  CHECK(m.inputs[0].type.dims[0].is_sym());
  CHECK(m.constants.size() >= 4);

  const int64_t n = 3;
  const std::vector<float> x = data(size_t(n * 4), 5);
  std::vector<double> want;
  for (int64_t r = 0; r < n; ++r) {
    std::vector<double> h(5);
    for (int j = 0; j < 5; ++j) {
      double s = b1[size_t(j)];
      for (int k = 0; k < 4; ++k) s += double(x[size_t(r * 4 + k)]) * w1[size_t(k * 5 + j)];
      h[size_t(j)] = std::max(s, 0.0);
    }
    for (int j = 0; j < 3; ++j) {
      double s = b2[size_t(j)];
      for (int k = 0; k < 5; ++k) s += h[size_t(k)] * w2[size_t(k * 3 + j)];
      want.push_back(s);
    }
  }
  auto out = run(m, {f32({n, 4}, x)});
  CHECK(mismatch(out[0], {n, 3}, want, 1e-5, 1e-5) == "");
}

TEST_CASE("onnx: Gemm with transB, alpha and beta", "[onnx]") {
  const std::vector<float> a = data(2 * 3, 7), b = data(4 * 3, 8), c = data(4, 9);
  ModelWriter w;
  w.input("a", TP::FLOAT, {2, 3});
  w.floats("b", {4, 3}, b);
  w.floats("c", {4}, c);
  auto& g = w.node("Gemm", {"a", "b", "c"}, {"y"}, "fc");
  attr_int(g, "transB", 1);
  attr_float(g, "alpha", 0.5f);
  attr_float(g, "beta", 2.0f);
  w.output("y");
  std::vector<double> want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) {
      double s = 0;
      for (int k = 0; k < 3; ++k) s += double(a[size_t(i * 3 + k)]) * b[size_t(j * 3 + k)];
      want.push_back(0.5 * s + 2.0 * c[size_t(j)]);
    }
  auto out = run(w.import(), {f32({2, 3}, a)});
  CHECK(mismatch(out[0], {2, 4}, want, 1e-5, 1e-6) == "");
}

std::vector<double> softmax_rows(const std::vector<float>& x, size_t rows, size_t cols) {
  std::vector<double> out;
  for (size_t r = 0; r < rows; ++r) {
    double m = -INFINITY, s = 0;
    for (size_t c = 0; c < cols; ++c) m = std::max(m, double(x[r * cols + c]));
    for (size_t c = 0; c < cols; ++c) s += std::exp(double(x[r * cols + c]) - m);
    for (size_t c = 0; c < cols; ++c) out.push_back(std::exp(double(x[r * cols + c]) - m) / s);
  }
  return out;
}

TEST_CASE("onnx: Softmax on the last axis (opset 13)", "[onnx]") {
  const std::vector<float> x = {1, 2, 3, 4, -1, 0, 1, 5};
  ModelWriter w(13);
  w.input("x", TP::FLOAT, {2, 4});
  attr_int(w.node("Softmax", {"x"}, {"y"}), "axis", -1);
  w.output("y");
  auto out = run(w.import(), {f32({2, 4}, x)});
  CHECK(mismatch(out[0], {2, 4}, softmax_rows(x, 2, 4)) == "");
}

TEST_CASE("onnx: Softmax before opset 13 coerces to 2-D from axis", "[onnx]") {
  // [2, 2, 3] with axis 1: each of the 2 rows of 6 elements is one softmax.
  const std::vector<float> x = data(12, 11);
  ModelWriter w(11);
  w.input("x", TP::FLOAT, {2, 2, 3});
  w.node("Softmax", {"x"}, {"y"});
  w.output("y");
  auto out = run(w.import(), {f32({2, 2, 3}, x)});
  CHECK(mismatch(out[0], {2, 2, 3}, softmax_rows(x, 2, 6)) == "");
}

}  // namespace
}  // namespace tisa::onnx_import::test
