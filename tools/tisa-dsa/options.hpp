// tisa-dsa's command line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tisa::tools::dsa {

struct Options {
  std::vector<std::string> arches;              // presets or description files; several: compared
  std::string module_path;                      // .tisa text or binary module
  uint64_t gemm_m = 0, gemm_n = 0, gemm_k = 0;  // --gemm MxNxK instead of a module
  std::map<std::string, int64_t> dims;          // --dim N=128
  std::string json_path, trace_path, commands_path;
  bool unlimited_bandwidth = false;  // --scalesim
  bool list_presets = false;
  bool help = false;
};

// Throws tisa::Error(INVALID_ARGUMENT) naming the bad argument.
Options parse_options(int argc, char** argv);
const char* usage();

}  // namespace tisa::tools::dsa
