// The runner through its real binary: crash and hang isolation (the selftest.* cases exist when
// TISA_CTS_SELFTEST=1), expected failures, zero cases, the report and the submission bundle.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

std::string tmp(const std::string& name) {
  return std::string(TISA_TEST_TMP) + "/" + name;
}

int run(const std::string& args) {
  const std::string command = std::string("TISA_CTS_SELFTEST=1 ") + TISA_CTS_EXE + " --driver " +
                              TISA_REFERENCE_MANIFEST + " --quiet " + args + " > " + tmp("runner.log") +
                              " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

std::map<std::string, nlohmann::json> cases_of(const nlohmann::json& report) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& c : report["cases"]) out[c["name"]] = c;
  return out;
}

// Long enough for a passing case on two cores loaded by sanitized tests (1 s was not, once), short
// enough that the hanging case does not slow the suite down.
const std::string kTimeout = "5";

}  // namespace

TEST_CASE("a crash and a hang are isolated, named, and the run goes on") {
  const std::string report = tmp("isolation.json");
  CHECK(run("--filter 'selftest.*' --timeout " + kTimeout + " --jobs 2 --report " + report) == 1);
  const nlohmann::json j = read_json(report);
  auto cases = cases_of(j);
  REQUIRE(cases.size() == 5);
  CHECK(cases["selftest.pass"]["status"] == "Pass");
  CHECK(cases["selftest.fail"]["status"] == "Fail");
  CHECK(cases["selftest.fail"]["message"] == "fails on purpose");
  CHECK(cases["selftest.crash"]["status"] == "Crash");
  CHECK_THAT(cases["selftest.crash"]["message"].get<std::string>(), Catch::Contains("SIGSEGV"));
  CHECK(cases["selftest.hang"]["status"] == "Timeout");
  CHECK_THAT(cases["selftest.hang"]["message"].get<std::string>(), Catch::Contains(kTimeout + " s"));
  CHECK(cases["selftest.after"]["status"] == "Pass");
  CHECK(j["counts"]["Crash"] == 1);
  CHECK(j["counts"]["Timeout"] == 1);
  CHECK(j["suite"]["name"] == "tisa-cts");
  CHECK(j["driver"]["name"] == "reference");
  CHECK(j["device"]["extension_string"] == "TISA1p1_Xf16_Xbf16_Xf64");
}

TEST_CASE("with one worker, cases after a crash and a hang still run") {
  const std::string report = tmp("serial.json");
  CHECK(run("--filter 'selftest.crash' --filter 'selftest.hang' --filter 'selftest.after' --timeout " +
            kTimeout +
            " --jobs 1 "
            "--report " +
            report) == 1);
  auto cases = cases_of(read_json(report));
  CHECK(cases["selftest.crash"]["status"] == "Crash");
  CHECK(cases["selftest.hang"]["status"] == "Timeout");
  CHECK(cases["selftest.after"]["status"] == "Pass");
}

TEST_CASE("expected failures turn failures into XFail and a passing entry into Stale") {
  const std::string list = tmp("expected.txt");
  std::ofstream(list)
      << "selftest.fail   # known\nselftest.crash  # known\nselftest.hang\nselftest.pass  # fixed since\n";
  const std::string report = tmp("expected.json");
  CHECK(run("--filter 'selftest.*' --timeout " + kTimeout + " --jobs 2 --expected-failures " + list +
            " --report " + report) == 0);
  auto cases = cases_of(read_json(report));
  CHECK(cases["selftest.fail"]["status"] == "XFail");
  CHECK(cases["selftest.crash"]["status"] == "XFail");
  CHECK(cases["selftest.hang"]["status"] == "XFail");
  CHECK(cases["selftest.pass"]["status"] == "Stale");
  CHECK(cases["selftest.after"]["status"] == "Pass");
}

TEST_CASE("zero cases selected is a failure") {
  CHECK(run("--filter 'no.such.case.*'") == 1);
}

TEST_CASE("a driver that cannot be loaded fails the run with a message") {
  const std::string command =
      std::string(TISA_CTS_EXE) + " --driver /nonexistent/driver.json > " + tmp("nodriver.log") + " 2>&1";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 1);
  std::ifstream in(tmp("nodriver.log"));
  std::stringstream s;
  s << in.rdbuf();
  CHECK_THAT(s.str(), Catch::Contains("no device"));
}

TEST_CASE("a real run writes JSON, JUnit and a submission bundle") {
  const std::string report = tmp("real.json"), junit = tmp("real.xml"), bundle = tmp("bundle.tar.gz");
  CHECK(run("--filter 'op.add.f32.*' --filter 'api.*' --jobs 2 --report " + report + " --junit " + junit +
            " --bundle " + bundle) == 0);
  const nlohmann::json j = read_json(report);
  CHECK(j["counts"]["Pass"].get<int>() == static_cast<int>(j["cases"].size()));
  bool has_add = false;
  for (const auto& c : j["coverage"])
    has_add |= c["op"] == "add" && c["dtype"] == "f32" && c["pass"].get<int>() > 10;
  CHECK(has_add);
  bool incomplete = false;
  for (const auto& v : j["verdicts"])
    incomplete |= v["profile_or_extension"] == "TISA-B" && v["verdict"] == "Incomplete";
  CHECK(incomplete);
  std::ifstream xml(junit);
  std::stringstream xs;
  xs << xml.rdbuf();
  CHECK_THAT(xs.str(), Catch::Contains("<testcase classname=\"op.add.f32\" name=\"odd\""));
  const std::string listing = tmp("bundle.txt");
  REQUIRE(std::system(("tar -tzf " + bundle + " > " + listing).c_str()) == 0);
  std::ifstream l(listing);
  std::stringstream ls;
  ls << l.rdbuf();
  for (const char* f : {"report.json", "junit.xml", "device.json", "suite.json", "summary.txt"}) {
    CHECK_THAT(ls.str(), Catch::Contains(std::string("tisa-cts-submission/") + f));
  }
}
