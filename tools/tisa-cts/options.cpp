#include "tools/tisa-cts/options.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace tisa::cts::tool {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find(sep, start);
    const std::string item = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!item.empty()) out.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

double number(const std::string& flag, const std::string& value) {
  try {
    size_t used = 0;
    const double v = std::stod(value, &used);
    if (used == value.size() && v > 0) return v;
  } catch (const std::exception&) {
  }
  throw std::runtime_error(fmt::format("{} needs a positive number, not '{}'", flag, value));
}

int non_negative(const std::string& flag, const std::string& value) {
  if (!value.empty() && value.size() < 9 && value.find_first_not_of("0123456789") == std::string::npos) {
    return std::stoi(value);
  }
  throw std::runtime_error(fmt::format("{} needs a non-negative integer, not '{}'", flag, value));
}

// "1.0" -> TISA_MAKE_VERSION(1, 0), at most the suite's own version.
uint32_t isa_version(const std::string& flag, const std::string& value) {
  const size_t dot = value.find('.');
  const std::string major = value.substr(0, dot),
                    minor = dot == std::string::npos ? "" : value.substr(dot + 1);
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 5 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (digits(major) && digits(minor)) {
    const uint32_t v = TISA_MAKE_VERSION(std::stoul(major), std::stoul(minor));
    if (TISA_VERSION_MAJOR(v) == TISA_ISA_VERSION_MAJOR && v <= TISA_ISA_VERSION) return v;
  }
  throw std::runtime_error(fmt::format("{} needs an ISA version from {}.0 to {}.{}, not '{}'", flag,
                                       TISA_ISA_VERSION_MAJOR, TISA_ISA_VERSION_MAJOR, TISA_ISA_VERSION_MINOR,
                                       value));
}

}  // namespace

std::string usage() {
  return "usage: tisa-cts [options]\n"
         "  --driver NAME|FILE.json  the driver: a name among the drivers found by the default search,\n"
         "                           or exactly the manifest FILE.json\n"
         "  --device N               the driver's N-th device (default 0)\n"
         "  --profile NAME           only the cases of this profile (TISA-B)\n"
         "  --extensions LIST        also the cases of these extensions (comma-separated)\n"
         "  --filter GLOB            only cases whose name matches (repeatable; any match selects)\n"
         "  --mustpass FILE          only the cases listed in FILE\n"
         "  --isa MAJOR.MINOR        only the cases of that ISA version or older (default: every case)\n"
         "  --expected-failures FILE lines 'glob  # reason': failing matches are XFail, passing ones Stale\n"
         "  --jobs N                 worker processes (default 1)\n"
         "  --timeout SECONDS        per case (default 20)\n"
         "  --report FILE.json       write the JSON report\n"
         "  --junit FILE.xml         write JUnit XML\n"
         "  --bundle OUT.tar.gz      pack report, JUnit, device and driver info into a submission archive\n"
         "  --list                   print the selected case names and exit\n"
         "  --quiet                  no summary on stdout\n";
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    const size_t eq = arg.find('=');
    const bool inline_value = arg.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inline_value) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const auto next = [&]() -> std::string {
      if (inline_value) return value;
      if (i + 1 >= argc) throw std::runtime_error(fmt::format("{} needs a value", arg));
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") return std::nullopt;
    if (arg == "--driver")
      o.run.driver = next();
    else if (arg == "--device")
      o.run.device = non_negative(arg, next());
    else if (arg == "--profile")
      o.run.profile = next();
    else if (arg == "--extensions")
      o.run.extensions = split(next(), ',');
    else if (arg == "--filter")
      o.run.filters.push_back(next());
    else if (arg == "--mustpass")
      o.run.mustpass = next();
    else if (arg == "--isa")
      o.run.isa_version = isa_version(arg, next());
    else if (arg == "--expected-failures")
      o.run.expected_failures = next();
    else if (arg == "--jobs")
      o.run.jobs = std::max(1, non_negative(arg, next()));
    else if (arg == "--timeout")
      o.run.timeout_seconds = number(arg, next());
    else if (arg == "--report")
      o.report = next();
    else if (arg == "--junit")
      o.junit = next();
    else if (arg == "--bundle")
      o.bundle = next();
    else if (arg == "--list")
      o.list = true;
    else if (arg == "--quiet")
      o.quiet = true;
    else if (arg == "--worker")
      o.worker = true;
    else
      throw std::runtime_error(fmt::format("unknown argument '{}'", argv[i]));
  }
  return o;
}

std::vector<std::string> worker_arguments(const Options& o) {
  std::vector<std::string> args = {"tisa-cts", "--worker", "--device", std::to_string(o.run.device)};
  if (!o.run.driver.empty()) {
    args.push_back("--driver");
    args.push_back(o.run.driver);
  }
  return args;
}

}  // namespace tisa::cts::tool
