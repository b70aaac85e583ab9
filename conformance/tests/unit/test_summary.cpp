// Counts, coverage, verdicts, expected failures and the exit status.
#include <catch2/catch.hpp>

#include <algorithm>

#include "conformance/cts/catalog.hpp"
#include "conformance/cts/report.hpp"

using namespace tisa::cts;

namespace {

DeviceClaims full_device() {
  DeviceClaims d;
  d.name = "test";
  d.isa_version = TISA_ISA_VERSION;
  return d;
}

std::vector<CaseResult> every_base_case(Status status) {
  std::vector<CaseResult> r;
  for (const Case& c : all_cases()) {
    if (c.profile == kBaseProfile) r.push_back({c.name, status, "", 0.0});
  }
  return r;
}

const Verdict& verdict_of(const std::vector<Verdict>& v, const std::string& subject) {
  for (const Verdict& x : v) {
    if (x.subject == subject) return x;
  }
  FAIL("no verdict for " << subject);
  return v.front();
}

}  // namespace

TEST_CASE("a device that claims TISA-B and passes every case conforms") {
  const auto v = verdicts(every_base_case(Status::Pass), full_device(), all_subjects());
  CHECK(verdict_of(v, "TISA-B").verdict == "Conformant");
  CHECK(verdict_of(v, "Xf16").verdict == "NotClaimed");
}

TEST_CASE("one failure, a filter, or a gap in support takes the verdict away") {
  auto results = every_base_case(Status::Pass);
  results[5].status = Status::Fail;
  CHECK(verdict_of(verdicts(results, full_device(), all_subjects()), "TISA-B").verdict == "NotConformant");
  results[5].status = Status::XFail;  // an expected failure is still not a pass
  CHECK(verdict_of(verdicts(results, full_device(), all_subjects()), "TISA-B").verdict == "NotConformant");
  results.resize(100);
  results[5].status = Status::Pass;
  const Verdict partial = verdict_of(verdicts(results, full_device(), all_subjects()), "TISA-B");
  CHECK(partial.verdict == "Incomplete");
  CHECK_THAT(partial.reason, Catch::Contains("100 of its"));
  DeviceClaims gaps = full_device();
  gaps.unsupported_base_pairs = {"add on i8"};
  const Verdict no_claim =
      verdict_of(verdicts(every_base_case(Status::Pass), gaps, all_subjects()), "TISA-B");
  CHECK(no_claim.verdict == "NotClaimed");
  CHECK_THAT(no_claim.reason, Catch::Contains("add on i8"));
}

TEST_CASE("claiming an extension this version only declares is not conformance") {
  DeviceClaims d = full_device();
  d.extensions = TISA_EXT_MASK(TISA_EXT_XSORT);
  const Verdict v = verdict_of(verdicts(every_base_case(Status::Pass), d, all_subjects()), "Xsort");
  CHECK(v.verdict == "NotConformant");
  CHECK_THAT(v.reason, Catch::Contains("no conformance cases"));
}

TEST_CASE("a dtype extension is judged on every case that needs it, and only when claimed") {
  std::vector<CaseResult> results;
  size_t f16_cases = 0, f16_only = 0, cross = 0;
  for (const Case& c : all_cases()) {
    if (c.profile == kSelfTestProfile) continue;
    results.push_back({c.name, Status::Pass, "", 0.0});
    const bool f16 = in_subject(c, "Xf16");
    f16_cases += f16;
    f16_only += f16 && c.extensions == TISA_EXT_MASK(TISA_EXT_XF16);
    cross += f16 && in_subject(c, "Xbf16");
  }
  REQUIRE(f16_cases > 1000);
  REQUIRE(cross > 0);  // casts and bitcasts between f16 and bf16, matmul f16 x f16 -> bf16
  CHECK(f16_cases ==
        f16_only + cross +
            static_cast<size_t>(std::count_if(all_cases().begin(), all_cases().end(), [](const Case& c) {
              return in_subject(c, "Xf16") && in_subject(c, "Xf64") && !in_subject(c, "Xbf16");
            })));

  DeviceClaims d = full_device();
  d.extensions = TISA_EXT_MASK(TISA_EXT_XF16);
  Verdict f16 = verdict_of(verdicts(results, d, all_subjects()), "Xf16");
  CHECK(f16.verdict == "Conformant");  // the cases that also need Xbf16 or Xf64 do not count
  CHECK(verdict_of(verdicts(results, d, all_subjects()), "Xbf16").verdict == "NotClaimed");

  d.extensions |= TISA_EXT_MASK(TISA_EXT_XBF16) | TISA_EXT_MASK(TISA_EXT_XF64);
  CHECK_THAT(verdict_of(verdicts(results, d, all_subjects()), "Xf16").reason,
             Catch::Contains(std::to_string(f16_cases) + " cases"));
  for (CaseResult& r : results) {
    if (r.name.rfind("op.cast.f16.bf16.", 0) == 0) r.status = Status::Fail;
  }
  const auto v = verdicts(results, d, all_subjects());
  CHECK(verdict_of(v, "Xf16").verdict == "NotConformant");  // a cross case fails both
  CHECK(verdict_of(v, "Xbf16").verdict == "NotConformant");
  CHECK(verdict_of(v, "Xf64").verdict == "Conformant");
  CHECK(verdict_of(v, "TISA-B").verdict == "Conformant");

  DeviceClaims old = d;
  old.isa_version = TISA_MAKE_VERSION(1, 0);  // 1.1 specifies Xf16: a 1.0 device may not claim it
  const Verdict early = verdict_of(verdicts(results, old, all_subjects()), "Xf16");
  CHECK(early.verdict == "NotConformant");
  CHECK_THAT(early.reason, Catch::Contains("TISA 1.1 specifies Xf16"));
}

TEST_CASE("exit status: unexpected failures and zero cases run fail the run") {
  CHECK(exit_status({{"a", Status::Pass, "", 0}}) == 0);
  CHECK(exit_status({{"a", Status::Pass, "", 0}, {"b", Status::NotSupported, "", 0}}) == 0);
  CHECK(exit_status({{"a", Status::Pass, "", 0}, {"b", Status::Crash, "", 0}}) == 1);
  CHECK(exit_status({{"a", Status::Timeout, "", 0}}) == 1);
  CHECK(exit_status({}) == 1);
  CHECK(exit_status({{"a", Status::NotSupported, "", 0}}) == 1);  // nothing ran
  CHECK(exit_status({{"a", Status::Pass, "", 0}, {"b", Status::XFail, "", 0}, {"c", Status::Stale, "", 0}}) ==
        0);
}

TEST_CASE("expected failures: failing matches become XFail, passing ones Stale") {
  const auto expected = parse_expected_failures("# header\nop.add.*  # bug 12\n\n  op.mul.f32.odd\n");
  REQUIRE(expected.size() == 2);
  CHECK(expected[0].glob == "op.add.*");
  CHECK(expected[0].reason == "bug 12");
  CHECK(expected[1].reason.empty());
  std::vector<CaseResult> r = {{"op.add.f32.odd", Status::Fail, "off by one", 0},
                               {"op.add.i8.odd", Status::Pass, "", 0},
                               {"op.add.i32.odd", Status::NotSupported, "no", 0},
                               {"op.mul.f32.odd", Status::Crash, "SIGSEGV", 0},
                               {"op.sub.f32.odd", Status::Fail, "x", 0}};
  apply_expected_failures(r, expected);
  CHECK(r[0].status == Status::XFail);
  CHECK_THAT(r[0].message, Catch::Contains("bug 12") && Catch::Contains("off by one"));
  CHECK(r[1].status == Status::Stale);
  CHECK(r[2].status == Status::NotSupported);
  CHECK(r[3].status == Status::XFail);
  CHECK(r[4].status == Status::Fail);
  CHECK(exit_status(r) == 1);
}

TEST_CASE("coverage counts per op and dtype") {
  const std::vector<CaseResult> r = {{"op.add.f32.odd", Status::Pass, "", 0},
                                     {"op.add.f32.rank0", Status::Fail, "", 0},
                                     {"op.add.i8.odd", Status::NotSupported, "", 0},
                                     {"program.softmax.f32.O0", Status::Pass, "", 0}};
  const auto cells = coverage(r);
  REQUIRE(cells.size() == 2);
  CHECK(cells[0].op == "add");
  CHECK(cells[0].dtype == "i8");
  CHECK(cells[0].not_supported == 1);
  CHECK(cells[1].dtype == "f32");
  CHECK(cells[1].pass == 1);
  CHECK(cells[1].fail == 1);
}

TEST_CASE("JUnit: one testcase per case, NotSupported as skipped") {
  Run run;
  run.device = full_device();
  run.results = {{"op.add.f32.odd", Status::Pass, "", 0.5},
                 {"op.add.i8.odd", Status::NotSupported, "the device does not support add on i8", 0},
                 {"op.sub.f32.odd", Status::Fail, "a < b & c", 0},
                 {"op.mul.f32.odd", Status::Crash, "signal 11", 0}};
  const std::string xml = junit_xml(run);
  CHECK_THAT(xml, Catch::Contains("tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\""));
  CHECK_THAT(xml, Catch::Contains("<testcase classname=\"op.add.i8\" name=\"odd\""));
  CHECK_THAT(xml,
             Catch::Contains("<skipped message=\"NotSupported: the device does not support add on i8\"/>"));
  CHECK_THAT(xml, Catch::Contains("a &lt; b &amp; c"));
}
