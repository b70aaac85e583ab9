// Conv + MaxPool, and a Reshape fed by Shape -> Gather -> Unsqueeze -> Concat, folded to a
// literal shape and kept symbolic for a dim_param batch.
#include "onnx_test_util.hpp"

namespace tisa::onnx_import::test {
namespace {

using ops::test::data;
using ops::test::f32;
using ops::test::mismatch;
using ops::test::values;
using TP = onnx::TensorProto;

TEST_CASE("onnx: Conv (pads 1) + MaxPool 2x2 stride 2", "[onnx]") {
  const int64_t C = 2, O = 3, H = 5;
  const std::vector<float> x = data(size_t(C * H * H), 21), wt = data(size_t(O * C * 9), 22),
                           bias = data(3, 23);
  ModelWriter w(11);
  w.input("x", TP::FLOAT, {1, C, H, H});
  w.floats("w", {O, C, 3, 3}, wt);
  w.floats("b", {O}, bias);
  auto& conv = w.node("Conv", {"x", "w", "b"}, {"c"}, "conv1");
  attr_ints(conv, "kernel_shape", {3, 3});
  attr_ints(conv, "pads", {1, 1, 1, 1});
  auto& pool = w.node("MaxPool", {"c"}, {"p"}, "pool1");
  attr_ints(pool, "kernel_shape", {2, 2});
  attr_ints(pool, "strides", {2, 2});
  w.output("p");

  // conv output [1, O, 5, 5], then pooled to [1, O, 2, 2] (the last row / column dropped).
  std::vector<double> conv_out(size_t(O * H * H));
  for (int64_t o = 0; o < O; ++o)
    for (int64_t i = 0; i < H; ++i)
      for (int64_t j = 0; j < H; ++j) {
        double s = bias[size_t(o)];
        for (int64_t c = 0; c < C; ++c)
          for (int64_t ki = 0; ki < 3; ++ki)
            for (int64_t kj = 0; kj < 3; ++kj) {
              const int64_t yi = i + ki - 1, yj = j + kj - 1;
              if (yi < 0 || yi >= H || yj < 0 || yj >= H) continue;
              s += double(x[size_t((c * H + yi) * H + yj)]) * wt[size_t(((o * C + c) * 3 + ki) * 3 + kj)];
            }
        conv_out[size_t((o * H + i) * H + j)] = s;
      }
  std::vector<double> want;
  for (int64_t o = 0; o < O; ++o)
    for (int64_t i = 0; i < 2; ++i)
      for (int64_t j = 0; j < 2; ++j) {
        double m = -1e30;
        for (int64_t di = 0; di < 2; ++di)
          for (int64_t dj = 0; dj < 2; ++dj)
            m = std::max(m, conv_out[size_t((o * H + 2 * i + di) * H + 2 * j + dj)]);
        want.push_back(m);
      }
  auto out = run(w.import(), {f32({1, C, H, H}, x)});
  CHECK(mismatch(out[0], {1, O, 2, 2}, want, 1e-5, 1e-6) == "");
}

// y = Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])): [B, 2, 3] -> [B, 6].
ModelWriter flatten_by_shape(Dim batch) {
  ModelWriter w(13);
  w.input("x", TP::FLOAT, {batch, 2, 3});
  w.ints("zero", {}, {0});
  w.ints("axes0", {1}, {0});
  w.ints("minus1", {1}, {-1});
  w.node("Shape", {"x"}, {"s"});
  w.node("Gather", {"s", "zero"}, {"b"});
  w.node("Unsqueeze", {"b", "axes0"}, {"b1"});
  attr_int(w.node("Concat", {"b1", "minus1"}, {"shape"}), "axis", 0);
  w.node("Reshape", {"x", "shape"}, {"y"});
  w.output("y");
  return w;
}

TEST_CASE("onnx: Shape -> Gather -> Concat -> Reshape folds with a literal batch", "[onnx]") {
  const ir::Module m = flatten_by_shape(4).import();
  REQUIRE(m.outputs.size() == 1);
  const auto& type = m.value_type(m.outputs[0]);
  REQUIRE(type.rank() == 2);
  CHECK(type.dims[0].as_lit() == 4);
  CHECK(type.dims[1].as_lit() == 6);
  // Folded: no shape computation is left, only the reshape.
  CHECK(m.insts.size() == 1);
  const std::vector<float> x = data(24, 31);
  auto out = run(m, {f32({4, 2, 3}, x)});
  CHECK(out[0].shape == Shape{4, 6});
  CHECK(values<float>(out[0]) == x);
}

TEST_CASE("onnx: Shape -> Gather -> Concat -> Reshape stays symbolic for a dim_param batch", "[onnx]") {
  const ir::Module m = flatten_by_shape("batch").import();
  REQUIRE(m.symbols.size() == 1);
  const auto& type = m.value_type(m.outputs[0]);
  REQUIRE(type.rank() == 2);
  CHECK(type.dims[0].equals(m.inputs[0].type.dims[0]));
  CHECK(type.dims[1].as_lit() == 6);
  for (int64_t n : {1, 3}) {
    const std::vector<float> x = data(size_t(n * 6), 32);
    auto out = run(m, {f32({n, 2, 3}, x)});
    CHECK(out[0].shape == Shape{n, 6});
    CHECK(values<float>(out[0]) == x);
  }
}

TEST_CASE("onnx: Shape values used as data are materialized", "[onnx]") {
  // Output the shape itself: a tensor built from the symbolic dim.
  ModelWriter w(13);
  w.input("x", TP::FLOAT, {"N", 3});
  w.node("Shape", {"x"}, {"s"});
  w.output("s");
  const ir::Module m = w.import();
  auto out = run(m, {f32({5, 3}, data(15, 1))});
  CHECK(out[0].shape == Shape{2});
  CHECK(values<int64_t>(out[0]) == std::vector<int64_t>{5, 3});
}

}  // namespace
}  // namespace tisa::onnx_import::test

namespace tisa::onnx_import::test {
namespace {

TEST_CASE("onnx: a shape given as a graph input needs specialization", "[onnx]") {
  ModelWriter w(13);
  w.input("x", onnx::TensorProto::FLOAT, {2, 3});
  w.input("shape", onnx::TensorProto::INT64, {2});
  w.node("Reshape", {"x", "shape"}, {"y"}, "r");
  w.output("y");
  CHECK_THAT(ops::test::error_of([&] { (void)w.import(); }),
             Catch::Contains("node 'r' (Reshape): shape (input 1 'shape') must be a constant"));

  ImportOptions options;
  const HostTensor shape = ops::test::i64({2}, {3, -1});
  options.specialize["shape"] = shape;
  const ir::Module m = import_model(w.model(), options);
  REQUIRE(m.inputs.size() == 2);  // still an input of the module
  const auto& type = m.value_type(m.outputs[0]);
  CHECK(type.dims[0].as_lit() == 3);
  CHECK(type.dims[1].as_lit() == 2);
  const std::vector<float> x = ops::test::data(6, 41);
  auto out = run(m, {ops::test::f32({2, 3}, x), shape});
  CHECK(out[0].shape == Shape{3, 2});
  CHECK(ops::test::values<float>(out[0]) == x);
}

}  // namespace
}  // namespace tisa::onnx_import::test
