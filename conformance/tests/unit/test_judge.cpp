// Judging: the reference's own results pass, perturbed ones fail with the element named.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "conformance/cts/catalog.hpp"
#include "conformance/cts/judge.hpp"

using namespace tisa::cts;

namespace {

struct Judged {
  std::shared_ptr<const ModuleCase> mc;
  References refs;
  std::vector<tisa::ref::HostTensor> outputs;
};

Judged prepare(const std::string& name) {
  const Case* c = find_case(name);
  REQUIRE(c);
  Judged j;
  j.mc = c->build();
  j.refs = compute_references(*j.mc);
  j.outputs = j.refs.exact;
  return j;
}

float& f32_at(tisa::ref::HostTensor& t, size_t i) {
  return reinterpret_cast<float*>(t.data.data())[i];
}

// First element index whose f32 value is finite and non-zero.
size_t normal_element(const tisa::ref::HostTensor& t) {
  for (size_t i = 0; i < t.data.size() / 4; ++i) {
    const float v = reinterpret_cast<const float*>(t.data.data())[i];
    if (std::isfinite(v) && std::fabs(v) > 1e-30f) return i;
  }
  FAIL("no normal element");
  return 0;
}

}  // namespace

TEST_CASE("bounded op: the reference passes, a value beyond the bound fails") {
  Judged j = prepare("op.exp.f32.random");
  REQUIRE(j.refs.oracle);
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  const size_t i = normal_element(j.outputs[0]);
  float& v = f32_at(j.outputs[0], i);
  v = v * (1.0f + 1e-3f);
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("output 0") && Catch::Contains("exceeds the bound"));
}

TEST_CASE("bounded op: one ulp off is within add's 0.5 ulp only at a tie, so it fails") {
  Judged j = prepare("op.add.f32.random");
  const size_t i = normal_element(j.outputs[0]);
  float& v = f32_at(j.outputs[0], i);
  v = std::nextafter(v, INFINITY);
  CHECK(judge_outputs(*j.mc, j.refs, j.outputs));
}

TEST_CASE("exact op: one ulp off fails, NaN for NaN passes whatever the payload") {
  Judged j = prepare("op.floor.f32.nan");
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  auto& out = j.outputs[0];
  bool changed_nan = false;
  for (size_t i = 0; i < out.data.size() / 4; ++i) {
    if (std::isnan(f32_at(out, i))) {
      const uint32_t payload = 0x7fc12345u;
      std::memcpy(&f32_at(out, i), &payload, 4);
      changed_nan = true;
    }
  }
  REQUIRE(changed_nan);
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  const size_t i = normal_element(out);
  f32_at(out, i) = std::nextafter(f32_at(out, i), INFINITY);
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("expected exactly"));
}

TEST_CASE("a NaN where the reference is a number fails a bounded op") {
  Judged j = prepare("op.sqrt.f32.random");
  const size_t i = normal_element(j.outputs[0]);
  f32_at(j.outputs[0], i) = NAN;
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("NaN"));
}

TEST_CASE("integer results are exact whatever the op's float bound") {
  Judged j = prepare("op.add.i32.minmax");
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  j.outputs[0].data[0] ^= 1;
  CHECK(judge_outputs(*j.mc, j.refs, j.outputs));
}

TEST_CASE("matmul uses the dot bound: tiny relative errors pass, large ones fail") {
  Judged j = prepare("op.matmul.f32.acc_f32.large");
  REQUIRE(j.refs.oracle);
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  const size_t i = normal_element(j.outputs[0]);
  f32_at(j.outputs[0], i) += 0.01f;
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("exceeds the bound"));
}

TEST_CASE("programs: the reference passes the program bound, a 1e-3 error fails it") {
  Judged j = prepare("program.softmax.f32.O0");
  REQUIRE(j.refs.oracle);
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  const size_t i = normal_element(j.outputs[0]);
  f32_at(j.outputs[0], i) += 1e-3f;
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("program bound"));
}

TEST_CASE("failure messages name the element's index") {
  Judged j = prepare("op.neg.i32.odd");  // [7, 13]
  j.outputs[0].data[4 * (2 * 13 + 5)] ^= 0x40;
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("output 0 [2, 5]"));
}

TEST_CASE("copying ops keep NaN payloads: a changed payload fails") {
  Judged j = prepare("op.select.f32.nan");
  CHECK_FALSE(judge_outputs(*j.mc, j.refs, j.outputs));
  auto& out = j.outputs[0];
  size_t nan_at = out.data.size();
  for (size_t i = 0; i < out.data.size() / 4 && nan_at == out.data.size(); ++i) {
    if (std::isnan(f32_at(out, i))) nan_at = i;
  }
  REQUIRE(nan_at < out.data.size());
  uint32_t bits;
  std::memcpy(&bits, &f32_at(out, nan_at), 4);
  bits ^= 0x1u;  // another payload, still a NaN
  std::memcpy(&f32_at(out, nan_at), &bits, 4);
  REQUIRE(std::isnan(f32_at(out, nan_at)));
  const auto bad = judge_outputs(*j.mc, j.refs, j.outputs);
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("expected exactly"));
}
