// tisa-run's command line.
#pragma once

#include <string>
#include <vector>

#include "tisa/isa.h"

namespace tisa::run {

struct Options {
  std::string module_path;
  std::string device_selector;  // "" picks device 0
  tisa_opt_level_t opt_level = TISA_OPT_O1;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;  // explicit names, or empty
  std::string output_dir;            // or a folder for out0.npy, out1.npy, ...
  bool print = false;
  int repeat = 0;  // launches timed after the first
  bool help = false;
};

extern const char* const kUsage;

// Throws tisa::Error(INVALID_ARGUMENT) naming the offending argument.
Options parse_options(int argc, char** argv);

}  // namespace tisa::run
