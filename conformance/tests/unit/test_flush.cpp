// Judging a device that declares TISA_DEVICE_FLAG_FLUSH_SUBNORMALS (spec 4.4): results computed
// from flushed operands, and flushed results, pass; copies that flush, zeros of the wrong sign and
// wrong values still fail.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "conformance/cts/catalog.hpp"
#include "conformance/cts/flush.hpp"
#include "conformance/cts/judge.hpp"

using namespace tisa::cts;
using tisa::ref::HostTensor;

namespace {

// What a flushing device computes: subnormal operands read as zeros, subnormal results written
// as zeros.
std::vector<HostTensor> flushing_device(const ModuleCase& mc) {
  return flush_subnormals(tisa::ref::evaluate(mc.module, flush_subnormals(mc.inputs)));
}

std::shared_ptr<const ModuleCase> build(const std::string& name) {
  const Case* c = find_case(name);
  REQUIRE(c);
  return c->build();
}

}  // namespace

TEST_CASE("a flushing device passes where it declares flushing, and only there") {
  // Some bounds are wide enough near zero to admit a flushed result anyway (mul, exp): those
  // pass either way.
  const std::pair<const char*, bool> cases[] = {
      {"op.add.f32.subnormal", true},  {"op.neg.f32.subnormal", true},
      {"op.sqrt.f32.subnormal", true}, {"op.lt.f32.subnormal", true},
      {"op.max.f32.subnormal", true},  {"op.cast.f32.f32.subnormal", true},
      {"op.div.f32.subnormal", true},  {"op.mul.f32.subnormal", false},
      {"op.exp.f32.special", false},   {"op.reduce_sum.f32.subnormal", false}};
  for (const auto& [name, fails_unflushed] : cases) {
    INFO(name);
    const auto mc = build(name);
    const std::vector<HostTensor> outputs = flushing_device(*mc);
    CHECK_FALSE(judge_outputs(*mc, compute_references(*mc, true), outputs));
    if (fails_unflushed) CHECK(judge_outputs(*mc, compute_references(*mc, false), outputs));
  }
}

TEST_CASE("copying ops never flush, even on a flushing device") {
  for (const char* name : {"op.bitcast.f32.f32.subnormal", "op.fill.f32.subnormal"}) {
    INFO(name);
    const auto mc = build(name);
    const References refs = compute_references(*mc, true);
    const std::vector<HostTensor> outputs = flush_subnormals(refs.exact);
    REQUIRE(outputs[0].data != refs.exact[0].data);
    const auto bad = judge_outputs(*mc, refs, outputs);
    REQUIRE(bad);
    CHECK_THAT(*bad, Catch::Contains("expected exactly"));
  }
}

TEST_CASE("a flushed result keeps its sign, and other errors still fail") {
  const auto mc = build("op.neg.f32.special");
  const References refs = compute_references(*mc, true);
  std::vector<HostTensor> outputs = flushing_device(*mc);
  float* out = reinterpret_cast<float*>(outputs[0].data.data());
  const float* want = reinterpret_cast<const float*>(refs.exact[0].data.data());
  const size_t n = outputs[0].data.size() / 4;
  size_t subnormal = n, normal = n;
  for (size_t i = 0; i < n; ++i) {
    if (is_subnormal(TISA_DTYPE_F32, want[i])) subnormal = i;
    if (std::isnormal(want[i])) normal = i;
  }
  REQUIRE(subnormal < n);
  REQUIRE(normal < n);
  SECTION("the wrong sign of zero") {
    out[subnormal] = -out[subnormal];
    CHECK(judge_outputs(*mc, refs, outputs));
  }
  SECTION("a wrong normal value") {
    out[normal] = std::nextafter(out[normal], INFINITY);
    CHECK(judge_outputs(*mc, refs, outputs));
  }
}

TEST_CASE("a bounded op may flush a result that could have been subnormal") {
  ModuleCase mc = *build("op.exp.f32.random");
  // exp(-87.5) is about 1.0e-38, subnormal in f32 and millions of ulps from zero: zero passes on
  // a flushing device only.
  const float x = -87.5f;
  std::memcpy(mc.inputs[0].data.data(), &x, 4);
  const References refs = compute_references(mc, true);
  std::vector<HostTensor> outputs = refs.exact;
  CHECK_FALSE(judge_outputs(mc, refs, outputs));
  std::memset(outputs[0].data.data(), 0, 4);
  CHECK_FALSE(judge_outputs(mc, refs, outputs));
  CHECK(judge_outputs(mc, compute_references(mc, false), outputs));
}
