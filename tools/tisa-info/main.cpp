// tisa-info [--json] [--driver-files FILES]: every driver the loader found (loaded or why
// not) and every device's capabilities. Exits 0 with zero drivers: that is a valid answer.
#include <cstring>
#include <exception>
#include <string>

#include <fmt/format.h>

#include "tools/tisa-info/info.hpp"

namespace {

void usage(std::FILE* to) {
  fmt::print(to,
             "usage: tisa-info [--json] [--driver-files FILES]\n"
             "  --json                machine-readable output\n"
             "  --driver-files FILES  ':'-separated manifest files or folders; replaces the search\n"
             "                        path like TISA_DRIVER_FILES\n");
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::string driver_files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--driver-files" && i + 1 < argc) {
      driver_files = argv[++i];
    } else if (arg.rfind("--driver-files=", 0) == 0) {
      driver_files = arg.substr(std::strlen("--driver-files="));
    } else if (arg == "-h" || arg == "--help") {
      usage(stdout);
      return 0;
    } else {
      fmt::print(stderr, "tisa-info: unknown argument '{}'\n", arg);
      usage(stderr);
      return 2;
    }
  }
  try {
    const tisa::info::Info info = tisa::info::gather(driver_files);
    if (json)
      tisa::info::print_json(info);
    else
      tisa::info::print_text(info);
  } catch (const std::exception& e) {
    fmt::print(stderr, "tisa-info: {}\n", e.what());
    return 1;
  }
  return 0;
}
