// TensorProto reading and writing (f16 / bf16 / f64, bf16 test data stored as uint16), the
// declared types of graph inputs, and importer paths the node tests reach only through whole
// models: Cast of a specialized size feeding Range, GatherND batch_dims, MaxPool's Indices.
#include "frontends/onnx/tensor_proto.hpp"
#include "onnx_test_util.hpp"

namespace tisa::onnx_import::test {
namespace {

using TP = onnx::TensorProto;

TP proto(int32_t type, const Shape& dims) {
  TP t;
  t.set_data_type(type);
  for (int64_t d : dims) t.add_dims(d);
  return t;
}

std::vector<uint16_t> halves(const HostTensor& h) {
  return ops::test::values<uint16_t>(h);
}

TEST_CASE("onnx: f16, bf16 and f64 tensors from the typed fields and raw_data", "[onnx]") {
  TP f16 = proto(TP::FLOAT16, {2});
  f16.add_int32_data(0x3c00);  // 1.0
  f16.add_int32_data(0xc000);  // -2.0
  const HostTensor a = to_host(f16, "f16");
  CHECK(a.dtype == TISA_DTYPE_F16);
  CHECK(halves(a) == std::vector<uint16_t>{0x3c00, 0xc000});

  TP bf16 = proto(TP::BFLOAT16, {1, 2});
  const uint16_t bits[] = {0x3f80, 0x4049};  // 1.0, 3.140625
  bf16.set_raw_data(bits, sizeof(bits));
  const HostTensor b = to_host(bf16, "bf16");
  CHECK(b.dtype == TISA_DTYPE_BF16);
  CHECK(b.shape == Shape{1, 2});
  CHECK(halves(b) == std::vector<uint16_t>{0x3f80, 0x4049});

  TP f64 = proto(TP::DOUBLE, {2});
  f64.add_double_data(0.1);
  f64.add_double_data(-3e300);
  const HostTensor c = to_host(f64, "f64");
  CHECK(c.dtype == TISA_DTYPE_F64);
  CHECK(ops::test::values<double>(c) == std::vector<double>{0.1, -3e300});

  // Written back as raw_data with the ONNX type of the dtype.
  for (const HostTensor& h : {a, b, c}) {
    const TP p = to_proto(h, "t");
    CHECK(p.data_type() == onnx_type_of(h.dtype));
    CHECK(to_host(p, "round trip").data == h.data);
  }
}

TEST_CASE("onnx: declared input types: uint16 bits for bf16, mismatches named", "[onnx]") {
  TP u16 = proto(TP::UINT16, {2});
  const uint16_t bits[] = {0x3f80, 0xbf80};
  u16.set_raw_data(bits, sizeof(bits));
  const HostTensor h = to_host(u16, "input_0.pb", TISA_DTYPE_BF16);
  CHECK(h.dtype == TISA_DTYPE_BF16);
  CHECK(halves(h) == std::vector<uint16_t>{0x3f80, 0xbf80});
  // Without a bf16 declaration, uint16 stays a type TISA does not have.
  CHECK_THAT(ops::test::error_of([&] { to_host(u16, "input_0.pb"); }),
             Catch::Contains("input_0.pb: element type UINT16 has no TISA dtype"));
  CHECK_THAT(ops::test::error_of([&] { to_host(u16, "input_0.pb", TISA_DTYPE_F16); }),
             Catch::Contains("element type UINT16 has no TISA dtype"));
  TP f32 = proto(TP::FLOAT, {1});
  f32.add_float_data(1.f);
  CHECK_THAT(ops::test::error_of([&] { to_host(f32, "input_1.pb", TISA_DTYPE_I64); }),
             Catch::Contains("input_1.pb: element type FLOAT where the model declares INT64"));
  TP short_f16 = proto(TP::FLOAT16, {3});
  short_f16.add_int32_data(0);
  CHECK_THAT(ops::test::error_of([&] { to_host(short_f16, "w"); }),
             Catch::Contains("w: 2 bytes of data for 3 elements of FLOAT16"));
}

TEST_CASE("onnx: graph_input_dtypes skips initializers and keeps the order", "[onnx]") {
  ModelWriter w(13);
  w.input("x", TP::BFLOAT16, {2});
  w.input("w", TP::FLOAT, {2});
  w.floats("w", {2}, {1, 2});
  w.input("s", TP::STRING, {1});
  w.input("n", TP::INT64, {});
  const std::string bytes = w.model().SerializeAsString();
  const auto dtypes = graph_input_dtypes(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  REQUIRE(dtypes.size() == 3);
  CHECK(dtypes[0] == TISA_DTYPE_BF16);
  CHECK_FALSE(dtypes[1].has_value());
  CHECK(dtypes[2] == TISA_DTYPE_I64);
}

TEST_CASE("onnx: Cast of a specialized size to float still folds into Range", "[onnx]") {
  // The shape of the *Window function bodies: Range(0, Cast<float>(size), 1).
  ModelWriter w(17);
  w.input("size", TP::INT64, {});
  w.floats("zero", {}, {0});
  w.floats("one", {}, {1});
  attr_int(w.node("Cast", {"size"}, {"size_f"}), "to", TP::FLOAT);
  w.node("Range", {"zero", "size_f", "one"}, {"r"});
  w.output("r");
  ImportOptions options;
  const HostTensor size = ops::test::i64({}, {5});
  options.specialize["size"] = size;
  const ir::Module m = import_model(w.model(), options);
  auto out = run(m, {size});
  CHECK(out[0].shape == Shape{5});
  CHECK(ops::test::values<float>(out[0]) == std::vector<float>{0, 1, 2, 3, 4});
}

TEST_CASE("onnx: GatherND with batch_dims 1 reads each batch's own slice", "[onnx]") {
  ModelWriter w(13);
  w.input("data", TP::FLOAT, {2, 3, 2});
  w.input("idx", TP::INT64, {2, 2, 1});
  attr_int(w.node("GatherND", {"data", "idx"}, {"y"}), "batch_dims", 1);
  w.output("y");
  const std::vector<float> data = ops::test::data(12, 51);
  const std::vector<int64_t> idx = {2, 0, -1, 1};
  auto out = run(w.import(), {ops::test::f32({2, 3, 2}, data), ops::test::i64({2, 2, 1}, idx)});
  // y[b, j, :] = data[b, idx[b, j] (wrapped), :]
  std::vector<float> want;
  for (int64_t b = 0; b < 2; ++b)
    for (int64_t j = 0; j < 2; ++j) {
      const int64_t row = (idx[size_t(b * 2 + j)] + 3) % 3;
      for (int64_t k = 0; k < 2; ++k) want.push_back(data[size_t((b * 3 + row) * 2 + k)]);
    }
  CHECK(out[0].shape == Shape{2, 2, 2});
  CHECK(ops::test::values<float>(out[0]) == want);

  ModelWriter bad(13);
  bad.input("data", TP::FLOAT, {2, 3});
  bad.input("idx", TP::INT64, {2, 1});
  attr_int(bad.node("GatherND", {"data", "idx"}, {"y"}, "g"), "batch_dims", 2);
  bad.output("y");
  CHECK_THAT(ops::test::error_of([&] { (void)bad.import(); }),
             Catch::Contains("node 'g' (GatherND): attribute 'batch_dims': 2 is not below the ranks"));
}

TEST_CASE("onnx: MaxPool's Indices output; storage_order other than 0 / 1 is named", "[onnx]") {
  ModelWriter w(12);
  w.input("x", TP::FLOAT, {1, 1, 2, 3});
  auto& n = w.node("MaxPool", {"x"}, {"y", "i"}, "p");
  attr_ints(n, "kernel_shape", {2, 2});
  attr_int(n, "storage_order", 1);
  w.output("y");
  w.output("i");
  auto out = run(w.import(), {ops::test::f32({1, 1, 2, 3}, {1, 9, 2, 8, 3, 7})});
  CHECK(ops::test::values<float>(out[0]) == std::vector<float>{9, 9});
  // 9 is at (0, 1): column-major index 1 * 2 + 0.
  CHECK(ops::test::values<int64_t>(out[1]) == std::vector<int64_t>{2, 2});

  ModelWriter bad(12);
  bad.input("x", TP::FLOAT, {1, 1, 2, 2});
  auto& m = bad.node("MaxPool", {"x"}, {"y"}, "p");
  attr_ints(m, "kernel_shape", {2, 2});
  attr_int(m, "storage_order", 2);
  bad.output("y");
  CHECK_THAT(ops::test::error_of([&] { (void)bad.import(); }),
             Catch::Contains("node 'p' (MaxPool): attribute 'storage_order': must be 0 (row-major) or 1"));
}

}  // namespace
}  // namespace tisa::onnx_import::test
