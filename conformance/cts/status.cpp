// Status names as they appear in reports.
#include "conformance/cts/case.hpp"

namespace tisa::cts {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::Pass: return "Pass";
    case Status::Fail: return "Fail";
    case Status::NotSupported: return "NotSupported";
    case Status::Crash: return "Crash";
    case Status::Timeout: return "Timeout";
    case Status::XFail: return "XFail";
    case Status::Stale: return "Stale";
  }
  return "Fail";
}

std::optional<Status> parse_status(std::string_view name) {
  for (Status s : kAllStatuses) {
    if (status_name(s) == name) return s;
  }
  return std::nullopt;
}

bool is_failure(Status status) {
  return status == Status::Fail || status == Status::Crash || status == Status::Timeout;
}

}  // namespace tisa::cts
