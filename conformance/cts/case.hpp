// The case model: a named case, what it needs from a device, and how it runs. A case's dotted
// name fully determines its module and data (the data is seeded from a hash of the name).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tisa/tisa.h"

namespace tisa::cts {

// Results of a case. XFail and Stale are assigned by the runner from an expected-failures file.
enum class Status { Pass, Fail, NotSupported, Crash, Timeout, XFail, Stale };
inline constexpr Status kAllStatuses[] = {Status::Pass,    Status::Fail,  Status::NotSupported, Status::Crash,
                                          Status::Timeout, Status::XFail, Status::Stale};

std::string_view status_name(Status status);
std::optional<Status> parse_status(std::string_view name);
// Fail, Crash and Timeout: the outcomes that fail a run unless expected.
bool is_failure(Status status);

struct Outcome {
  Status status = Status::Pass;
  std::string message;
};

// The device a case runs on (opened once per worker process).
struct Target {
  tisa_device_t device = nullptr;
  tisa_device_info_t info{};
};

struct ModuleCase;  // module_case.hpp

// The base profile's name; extension cases carry the extension's name (Xf16, ...).
inline constexpr std::string_view kBaseProfile = "TISA-B";

struct Case {
  std::string name;
  std::string profile{kBaseProfile};
  // The op and dtype the case exercises, for the coverage matrix (INVALID for other cases).
  tisa_opcode_t op = TISA_OP_INVALID;
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  // The ISA version that defines what the case uses: a device reporting an older version is not
  // judged on it (the case is NotSupported there and outside that version's profile).
  uint32_t isa_version = TISA_MAKE_VERSION(1, 0);
  // The extensions the case needs (its module requires them). It belongs to each of them, and
  // to TISA-B only when it needs none; profile names the lowest one for display and --list.
  tisa_extension_mask_t extensions = 0;
  std::function<Outcome(const Target&)> run;
  // Module cases: builds the module and its data without a device (for the suite's own tests).
  std::function<std::shared_ptr<const ModuleCase>()> build;
};

}  // namespace tisa::cts
