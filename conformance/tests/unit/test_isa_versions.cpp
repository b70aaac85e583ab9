// What TISA 1.1 added, in the suite: its cases carry version 1.1, a 1.0 device is judged on the
// 1.0 cases only, and the float scans are judged per element with their own prefix's bound.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "conformance/cts/catalog.hpp"
#include "conformance/cts/judge.hpp"
#include "conformance/cts/summary.hpp"
#include "conformance/cts/support.hpp"

using namespace tisa::cts;

namespace {

constexpr uint32_t k1_0 = TISA_MAKE_VERSION(1, 0);
constexpr uint32_t k1_1 = TISA_MAKE_VERSION(1, 1);

const Case& case_named(const std::string& name) {
  const Case* c = find_case(name);
  REQUIRE(c);
  return *c;
}

// Every TISA-B case: those of the device's version with `status`, the newer ones NotSupported
// (what the runner reports for them on that device).
std::vector<CaseResult> base_results(uint32_t device_version, Status status) {
  std::vector<CaseResult> r;
  for (const Case& c : all_cases()) {
    if (c.profile != kBaseProfile) continue;
    r.push_back({c.name, c.isa_version <= device_version ? status : Status::NotSupported, "", 0.0});
  }
  return r;
}

Verdict base_verdict(const std::vector<CaseResult>& results, uint32_t device_version) {
  DeviceClaims d;
  d.isa_version = device_version;
  for (const Verdict& v : verdicts(results, d, {std::string(kBaseProfile)})) return v;
  FAIL("no verdict");
  return {};
}

float f32_at(const tisa::ref::HostTensor& t, size_t i) {
  float v;
  std::memcpy(&v, t.data.data() + i * 4, 4);
  return v;
}

void set_f32(tisa::ref::HostTensor& t, size_t i, float v) {
  std::memcpy(t.data.data() + i * 4, &v, 4);
}

}  // namespace

TEST_CASE("cases of what 1.1 added carry version 1.1, the others 1.0") {
  CHECK(case_named("op.cumsum.f32.exclusive.reverse").isa_version == k1_1);
  CHECK(case_named("op.cummin.u8.minmax").isa_version == k1_1);
  CHECK(case_named("op.expm1.f32.random").isa_version == k1_1);
  CHECK(case_named("op.log1p.f32.special").isa_version == k1_1);
  CHECK(case_named("op.scatter.f32.i32.mul.dup").isa_version == k1_1);
  CHECK(case_named("negative.module.text.op_above_version").isa_version == k1_1);
  CHECK(case_named("op.scatter.f32.i32.add.dup").isa_version == k1_0);
  CHECK(case_named("op.exp.f32.random").isa_version == k1_0);
  CHECK(case_named("program.softmax.f32.O2").isa_version == k1_0);
  int newer = 0;
  for (const Case& c : all_cases()) {
    if (c.profile != kBaseProfile || c.isa_version == k1_0) continue;
    ++newer;
    INFO(c.name);
    if (!c.build) continue;
    // The case's module needs exactly the version the case says.
    CHECK(c.build()->module.version == c.isa_version);
  }
  CHECK(newer > 500);
}

TEST_CASE("a 1.0 device is judged on the 1.0 cases; a 1.1 device on all of them") {
  const Verdict old_device = base_verdict(base_results(k1_0, Status::Pass), k1_0);
  CHECK(old_device.verdict == "Conformant");
  CHECK_THAT(old_device.reason, Catch::Contains("cases of TISA 1.0 passed"));
  // The 1.0 mustpass run: only 1.0 cases selected.
  std::vector<CaseResult> only_1_0;
  for (const CaseResult& r : base_results(k1_0, Status::Pass))
    if (r.status == Status::Pass) only_1_0.push_back(r);
  CHECK(base_verdict(only_1_0, k1_0).verdict == "Conformant");
  // The same results from a device claiming 1.1: the 1.1 cases did not pass.
  const Verdict claims_1_1 = base_verdict(base_results(k1_0, Status::Pass), k1_1);
  CHECK(claims_1_1.verdict == "NotConformant");
  CHECK_THAT(claims_1_1.reason, Catch::Contains("NotSupported"));
  CHECK(base_verdict(only_1_0, k1_1).verdict == "Incomplete");
  CHECK(base_verdict(base_results(k1_1, Status::Pass), k1_1).verdict == "Conformant");
}

TEST_CASE("a 1.1 case is NotSupported on a 1.0 device, before the device is asked anything") {
  Target old_device;  // no device handle: the version check comes first
  old_device.info.isa_version = k1_0;
  const auto why = unsupported_reason(old_device, case_named("op.cumprod.i32.axis0").build()->module);
  REQUIRE(why);
  CHECK(*why == "the case needs TISA 1.1; the device implements TISA 1.0");
}

TEST_CASE("float cumsum: each element gets the dot bound of its own prefix") {
  const Case& c = case_named("op.cumsum.f32.large");  // [300, 230] along axis 1, inclusive
  const auto mc = c.build();
  const References refs = compute_references(*mc);
  REQUIRE(refs.oracle);
  CHECK_FALSE(judge_outputs(*mc, refs, refs.exact));

  // A device adding sequentially in f32 rounds at every step: within the bound, so it conforms.
  std::vector<tisa::ref::HostTensor> sequential = refs.exact;
  const tisa::ref::HostTensor& x = mc->inputs[0];
  size_t differs = 0;
  for (size_t row = 0; row < 300; ++row) {
    float acc = 0.0f;
    for (size_t k = 0; k < 230; ++k) {
      acc += f32_at(x, row * 230 + k);
      differs += acc != f32_at(refs.exact[0], row * 230 + k);
      set_f32(sequential[0], row * 230 + k, acc);
    }
  }
  CHECK(differs > 0);  // the orders really differ
  CHECK_FALSE(judge_outputs(*mc, refs, sequential));

  // The first element of a line sums one term: 1e-3 off is far outside 1 * u * |x|.
  std::vector<tisa::ref::HostTensor> bad = refs.exact;
  set_f32(bad[0], 230, f32_at(bad[0], 230) * (1.0f + 1e-3f) + 1e-3f);
  const auto why = judge_outputs(*mc, refs, bad);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("output 0 [1, 0]") && Catch::Contains("exceeds the bound"));
}

TEST_CASE("exclusive scans: the first element is exactly the identity") {
  for (const char* name : {"op.cumsum.f32.exclusive", "op.cumprod.f32.exclusive"}) {
    INFO(name);
    const auto mc = case_named(name).build();
    const References refs = compute_references(*mc);
    CHECK_FALSE(judge_outputs(*mc, refs, refs.exact));
    std::vector<tisa::ref::HostTensor> bad = refs.exact;
    // [5, 7, 3] along axis 1: element [0, 0, 0] is the first of its line.
    set_f32(bad[0], 0, std::nextafter(f32_at(bad[0], 0), 2.0f));
    const auto why = judge_outputs(*mc, refs, bad);
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("zero terms") || Catch::Contains("zero factors"));
  }
}
