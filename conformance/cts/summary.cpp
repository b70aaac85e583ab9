#include "conformance/cts/summary.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "conformance/cts/catalog.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {

std::map<Status, int> count_statuses(const std::vector<CaseResult>& results) {
  std::map<Status, int> counts;
  for (Status s : kAllStatuses) counts[s] = 0;
  for (const CaseResult& r : results) ++counts[r.status];
  return counts;
}

std::vector<CoverageCell> coverage(const std::vector<CaseResult>& results) {
  std::map<std::pair<uint32_t, uint32_t>, CoverageCell> cells;
  for (const CaseResult& r : results) {
    const Case* c = find_case(r.name);
    if (!c || c->op == TISA_OP_INVALID) continue;
    CoverageCell& cell = cells[{static_cast<uint32_t>(c->op), static_cast<uint32_t>(c->dtype)}];
    cell.op = std::string(ir::find_op(c->op)->name);
    cell.dtype = std::string(ir::find_dtype(c->dtype)->name);
    if (r.status == Status::Pass || r.status == Status::Stale)
      ++cell.pass;
    else if (r.status == Status::NotSupported)
      ++cell.not_supported;
    else
      ++cell.fail;
  }
  std::vector<CoverageCell> out;
  for (auto& [key, cell] : cells) out.push_back(cell);
  return out;
}

std::vector<std::string> all_subjects() {
  std::vector<std::string> s = {std::string(kBaseProfile)};
  for (int e = 0; e < TISA_EXT_COUNT_; ++e)
    s.emplace_back(ir::extension_name(static_cast<tisa_extension_t>(e)));
  return s;
}

std::vector<Verdict> verdicts(const std::vector<CaseResult>& results, const DeviceClaims& device,
                              const std::vector<std::string>& subjects) {
  std::vector<Verdict> out;
  // A device is judged on the cases of its own ISA version: a 1.0 device conforms to TISA-B 1.0
  // without the ops 1.1 added (they are NotSupported there, not failures).
  // Likewise a case that also needs an extension the device does not claim (a cast from f16 to
  // bf16 on a device claiming Xf16 only) is outside its verdicts.
  const auto applies = [&device](const Case& c) {
    return c.isa_version <= device.isa_version && (c.extensions & ~device.extensions) == 0;
  };
  for (const std::string& subject : subjects) {
    size_t in_suite = 0;
    for (const Case& c : all_cases()) in_suite += in_subject(c, subject) && applies(c);
    int ran = 0, passed = 0, unsupported = 0;
    std::string first_bad;
    for (const CaseResult& r : results) {
      const Case* c = find_case(r.name);
      if (!c || !in_subject(*c, subject) || !applies(*c)) continue;
      ++ran;
      if (r.status == Status::Pass)
        ++passed;
      else if (r.status == Status::NotSupported)
        ++unsupported;
      if (r.status != Status::Pass && first_bad.empty())
        first_bad = fmt::format("{} ({})", r.name, status_name(r.status));
    }
    Verdict v{subject, "", ""};
    bool claimed;
    std::string not_claimed_reason;
    if (subject == kBaseProfile) {
      claimed = TISA_VERSION_MAJOR(device.isa_version) == TISA_ISA_VERSION_MAJOR &&
                device.unsupported_base_pairs.empty();
      if (!claimed) {
        not_claimed_reason =
            TISA_VERSION_MAJOR(device.isa_version) != TISA_ISA_VERSION_MAJOR
                ? fmt::format("the device reports ISA major {}", TISA_VERSION_MAJOR(device.isa_version))
                : fmt::format("the device does not support {} (op, dtype) pairs of TISA-B, e.g. {}",
                              device.unsupported_base_pairs.size(), device.unsupported_base_pairs[0]);
      }
    } else {
      const auto ext = ir::find_extension(subject);
      claimed = ext && (device.extensions >> *ext & 1u);
      not_claimed_reason = "the device does not claim it";
    }
    if (!claimed) {
      v.verdict = "NotClaimed";
      v.reason = not_claimed_reason;
    } else if (in_suite == 0) {
      v.verdict = "NotConformant";
      const auto ext = ir::find_extension(subject);
      const uint32_t specified = ext ? ir::extension_specified(*ext) : 0;
      if (specified != 0) {
        v.reason =
            fmt::format("TISA {}.{} specifies {}: a device reporting TISA {}.{} may not claim it",
                        TISA_VERSION_MAJOR(specified), TISA_VERSION_MINOR(specified), subject,
                        TISA_VERSION_MAJOR(device.isa_version), TISA_VERSION_MINOR(device.isa_version));
      } else {
        v.reason = fmt::format(
            "TISA {}.{} declares {} and specifies it later: it has no conformance cases and no "
            "device may claim it yet",
            TISA_ISA_VERSION_MAJOR, TISA_ISA_VERSION_MINOR, subject);
      }
    } else if (static_cast<size_t>(ran) < in_suite) {
      v.verdict = "Incomplete";
      v.reason = fmt::format("{} of its {} cases ran (a filter or mustpass list left the others out)", ran,
                             in_suite);
    } else if (passed == ran) {
      v.verdict = "Conformant";
      const uint32_t judged = std::min<uint32_t>(device.isa_version, TISA_ISA_VERSION);
      v.reason = fmt::format("all {} cases of TISA {}.{} passed", ran, TISA_VERSION_MAJOR(judged),
                             TISA_VERSION_MINOR(judged));
    } else {
      v.verdict = "NotConformant";
      v.reason = fmt::format("{} of {} cases did not pass, first: {}", ran - passed, ran, first_bad);
    }
    out.push_back(std::move(v));
  }
  return out;
}

int cases_run(const std::vector<CaseResult>& results) {
  int n = 0;
  for (const CaseResult& r : results) n += r.status != Status::NotSupported;
  return n;
}

int exit_status(const std::vector<CaseResult>& results) {
  if (cases_run(results) == 0) return 1;
  for (const CaseResult& r : results) {
    if (is_failure(r.status)) return 1;
  }
  return 0;
}

bool glob_match(const std::string& glob, const std::string& name) {
  return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
}

std::vector<ExpectedFailure> parse_expected_failures(const std::string& text) {
  std::vector<ExpectedFailure> out;
  std::istringstream in(text);
  std::string line;
  const auto trim = [](std::string s) {
    const size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return std::string();
    return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
  };
  while (std::getline(in, line)) {
    const size_t hash = line.find('#');
    const std::string glob = trim(line.substr(0, hash));
    if (glob.empty()) continue;
    out.push_back({glob, hash == std::string::npos ? "" : trim(line.substr(hash + 1))});
  }
  return out;
}

void apply_expected_failures(std::vector<CaseResult>& results, const std::vector<ExpectedFailure>& expected) {
  for (CaseResult& r : results) {
    for (const ExpectedFailure& e : expected) {
      if (!glob_match(e.glob, r.name)) continue;
      const std::string why = e.reason.empty() ? e.glob : e.reason;
      if (is_failure(r.status)) {
        r.message = fmt::format("expected failure ({}): {}: {}", why, status_name(r.status), r.message);
        r.status = Status::XFail;
      } else if (r.status == Status::Pass) {
        r.message =
            fmt::format("listed as an expected failure ({}) but passes: remove it from the list", why);
        r.status = Status::Stale;
      }
      break;
    }
  }
}

}  // namespace tisa::cts
