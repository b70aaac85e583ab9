#include "conformance/cts/report.hpp"

#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/cts/version.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {
namespace {

using nlohmann::json;

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string isa_version_text() {
  return fmt::format("{}.{}", TISA_ISA_VERSION_MAJOR, TISA_ISA_VERSION_MINOR);
}

}  // namespace

std::string report_json(const Run& run) {
  json j;
  j["suite"] = {{"name", "tisa-cts"},
                {"version", TISA_CTS_VERSION},
                {"isa_version", isa_version_text()},
                {"source_revision", TISA_CTS_SOURCE_REVISION}};
  j["driver"] = {{"name", run.device.driver_name},
                 {"manifest", run.device.driver_manifest},
                 {"abi_version", fmt::format("{}.{}", TISA_VERSION_MAJOR(run.device.abi_version),
                                             TISA_VERSION_MINOR(run.device.abi_version))}};
  j["device"] = {{"name", run.device.name},
                 {"kind", run.device.kind},
                 {"extension_string", run.device.extension_string},
                 {"flags", run.device.flags},
                 {"isa_version", fmt::format("{}.{}", TISA_VERSION_MAJOR(run.device.isa_version),
                                             TISA_VERSION_MINOR(run.device.isa_version))},
                 {"unsupported_base_pairs", run.device.unsupported_base_pairs}};
  const RunOptions& o = run.options;
  j["options"] = {{"driver", o.driver},
                  {"device", o.device},
                  {"profile", o.profile},
                  {"extensions", o.extensions},
                  {"filters", o.filters},
                  {"jobs", o.jobs},
                  {"timeout_seconds", o.timeout_seconds},
                  {"expected_failures", o.expected_failures},
                  {"mustpass", o.mustpass},
                  {"isa", o.isa_version ? fmt::format("{}.{}", TISA_VERSION_MAJOR(o.isa_version),
                                                      TISA_VERSION_MINOR(o.isa_version))
                                        : std::string()}};
  json cases = json::array();
  for (const CaseResult& r : run.results) {
    cases.push_back({{"name", r.name},
                     {"status", status_name(r.status)},
                     {"message", r.message},
                     {"seconds", r.seconds}});
  }
  j["cases"] = std::move(cases);
  json counts = json::object();
  for (const auto& [s, n] : count_statuses(run.results)) counts[std::string(status_name(s))] = n;
  j["counts"] = std::move(counts);
  json cov = json::array();
  for (const CoverageCell& c : coverage(run.results)) {
    cov.push_back({{"op", c.op},
                   {"dtype", c.dtype},
                   {"pass", c.pass},
                   {"fail", c.fail},
                   {"not_supported", c.not_supported}});
  }
  j["coverage"] = std::move(cov);
  json verdict_list = json::array();
  for (const Verdict& v : verdicts(run.results, run.device, run.subjects)) {
    verdict_list.push_back(
        {{"profile_or_extension", v.subject}, {"verdict", v.verdict}, {"reason", v.reason}});
  }
  j["verdicts"] = std::move(verdict_list);
  j["wall_seconds"] = run.wall_seconds;
  return j.dump(1) + "\n";
}

std::string junit_xml(const Run& run) {
  const auto counts = count_statuses(run.results);
  const int failures = counts.at(Status::Fail);
  const int errors = counts.at(Status::Crash) + counts.at(Status::Timeout);
  const int skipped = counts.at(Status::NotSupported) + counts.at(Status::XFail) + counts.at(Status::Stale);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"tisa-cts\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n",
      run.results.size(), failures, errors, skipped, run.wall_seconds);
  out += fmt::format(
      "<testsuite name=\"tisa-cts.{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n",
      xml_escape(run.device.driver_name), run.results.size(), failures, errors, skipped, run.wall_seconds);
  for (const CaseResult& r : run.results) {
    const size_t dot = r.name.rfind('.');
    const std::string classname = dot == std::string::npos ? "tisa-cts" : r.name.substr(0, dot);
    const std::string name = dot == std::string::npos ? r.name : r.name.substr(dot + 1);
    out += fmt::format("  <testcase classname=\"{}\" name=\"{}\" time=\"{:.4f}\"", xml_escape(classname),
                       xml_escape(name), r.seconds);
    const std::string message = xml_escape(r.message);
    switch (r.status) {
      case Status::Pass: out += "/>\n"; continue;
      case Status::Fail:
        out += fmt::format(">\n    <failure type=\"Fail\" message=\"{}\"/>\n", message);
        break;
      case Status::Crash:
      case Status::Timeout:
        out += fmt::format(">\n    <error type=\"{}\" message=\"{}\"/>\n", status_name(r.status), message);
        break;
      case Status::NotSupported:
      case Status::XFail:
      case Status::Stale:
        out += fmt::format(">\n    <skipped message=\"{}: {}\"/>\n", status_name(r.status), message);
        break;
    }
    out += "  </testcase>\n";
  }
  out += "</testsuite>\n</testsuites>\n";
  return out;
}

std::string summary_text(const Run& run) {
  std::string out;
  out += fmt::format("tisa-cts {} (TISA {}, {}) on {} [{}] via driver {}\n", TISA_CTS_VERSION,
                     isa_version_text(), TISA_CTS_SOURCE_REVISION, run.device.name,
                     run.device.extension_string, run.device.driver_name);
  // Coverage matrix: one row per op, one column per base dtype and per extension dtype exercised.
  std::map<std::pair<std::string, std::string>, CoverageCell> cells;
  std::set<std::string> exercised;
  for (const CoverageCell& c : coverage(run.results)) {
    cells[{c.op, c.dtype}] = c;
    exercised.insert(c.dtype);
  }
  std::vector<tisa_dtype_t> dtypes;
  for (const ir::DtypeInfo& d : ir::all_dtypes()) {
    if (d.extension == TISA_EXT_BASE || exercised.count(std::string(d.name))) dtypes.push_back(d.dtype);
  }
  if (!cells.empty()) {
    out += "\ncoverage (op x dtype: P all passed, F some failed, N not supported, - not exercised)\n";
    out += fmt::format("  {:<12}", "");
    for (tisa_dtype_t d : dtypes) out += fmt::format(" {:>5}", ir::find_dtype(d)->name);
    out += "\n";
    for (const ir::OpInfo& op : ir::all_ops()) {
      std::string row = fmt::format("  {:<12}", op.name);
      bool any = false;
      for (tisa_dtype_t d : dtypes) {
        const auto it = cells.find({std::string(op.name), std::string(ir::find_dtype(d)->name)});
        char mark = '-';
        if (it != cells.end()) {
          any = true;
          const CoverageCell& c = it->second;
          mark = c.fail > 0 ? 'F' : c.pass > 0 ? 'P' : 'N';
        }
        row += fmt::format(" {:>5}", std::string(1, mark));
      }
      if (any) out += row + "\n";
    }
  }
  out += "\nresults:";
  for (const auto& [s, n] : count_statuses(run.results)) out += fmt::format(" {} {},", status_name(s), n);
  out.back() = '\n';
  out += fmt::format("cases: {} selected, {} ran, wall time {:.1f} s\n", run.results.size(),
                     cases_run(run.results), run.wall_seconds);
  out += "\nverdicts:\n";
  for (const Verdict& v : verdicts(run.results, run.device, run.subjects)) {
    out += fmt::format("  {:<8} {:<14} {}\n", v.subject, v.verdict, v.reason);
  }
  return out;
}

}  // namespace tisa::cts
