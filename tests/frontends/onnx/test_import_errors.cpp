// Errors name the node, its op type and the attribute.
#include "onnx_test_util.hpp"

namespace tisa::onnx_import::test {
namespace {

using ops::test::error_of;
using TP = onnx::TensorProto;

TEST_CASE("onnx: an unsupported op names the node and the op type", "[onnx]") {
  ModelWriter w;
  w.input("x", TP::FLOAT, {2});
  w.node("Relu", {"x"}, {"r"}, "ok");
  w.node("StringNormalizer", {"r"}, {"y"}, "weird");
  w.output("y");
  const std::string e = error_of([&] { (void)w.import(); });
  CHECK_THAT(e, Catch::Contains("node 'weird' (StringNormalizer)"));
  CHECK_THAT(e, Catch::Contains("not supported"));
}

TEST_CASE("onnx: an unsupported attribute value names node, op and attribute", "[onnx]") {
  ModelWriter w(11);
  w.input("x", TP::FLOAT, {1, 1, 4, 4});
  attr_int(w.node("Cast", {"x"}, {"y"}, "to_text"), "to", TP::STRING);
  w.output("y");
  const std::string e = error_of([&] { (void)w.import(); });
  CHECK_THAT(e, Catch::Contains("node 'to_text' (Cast)"));
  CHECK_THAT(e, Catch::Contains("attribute 'to': STRING has no TISA dtype"));
}

TEST_CASE("onnx: an attribute no converter knows is rejected, not ignored", "[onnx]") {
  ModelWriter w;
  w.input("x", TP::FLOAT, {2});
  attr_float(w.node("Relu", {"x"}, {"y"}), "bogus", 1.0f);
  w.output("y");
  const std::string e = error_of([&] { (void)w.import(); });
  CHECK_THAT(e, Catch::Contains("node #0 (Relu)"));
  CHECK_THAT(e, Catch::Contains("attribute 'bogus'"));
}

TEST_CASE("onnx: an attribute of the wrong type is named", "[onnx]") {
  ModelWriter w;
  w.input("x", TP::FLOAT, {2});
  attr_string(w.node("LeakyRelu", {"x"}, {"y"}, "lr"), "alpha", "big");
  w.output("y");
  const std::string e = error_of([&] { (void)w.import(); });
  CHECK_THAT(e, Catch::Contains("node 'lr' (LeakyRelu): attribute 'alpha': expected FLOAT, got STRING"));
}

TEST_CASE("onnx: opsets outside 7-17 and unparsable bytes are rejected", "[onnx]") {
  ModelWriter w(18);
  w.input("x", TP::FLOAT, {2});
  w.node("Relu", {"x"}, {"y"});
  w.output("y");
  CHECK_THAT(error_of([&] { (void)w.import(); }), Catch::Contains("opset 18"));
  const std::vector<uint8_t> junk = {0xff, 0xff, 0xff, 0x01};
  CHECK_THAT(error_of([&] { (void)import_bytes(junk); }), Catch::Contains("not a valid ONNX model"));
}

TEST_CASE("onnx: a missing producer is named", "[onnx]") {
  ModelWriter w;
  w.input("x", TP::FLOAT, {2});
  w.node("Add", {"x", "nowhere"}, {"y"}, "add");
  w.output("y");
  CHECK_THAT(error_of([&] { (void)w.import(); }), Catch::Contains("input 'nowhere' is not produced"));
}

}  // namespace
}  // namespace tisa::onnx_import::test
