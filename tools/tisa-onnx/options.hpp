// tisa-onnx's command line.
#pragma once

#include <string>
#include <vector>

#include "tisa/isa.h"

namespace tisa::onnx_tool {

struct Options {
  std::string model_path;
  std::string output_path;  // module file; "" for the default next to the model (unless --run)
  bool text = false;        // write the text form instead of the binary
  bool run = false;
  bool specialize = false;
  bool evaluate = false;    // run with the in-process reference evaluator instead of a driver  // --input values also used at import where a constant is needed
  std::string device_selector;
  tisa_opt_level_t opt_level = TISA_OPT_O1;
  std::vector<std::string> inputs;  // .npy or ONNX TensorProto .pb files
  std::string output_dir;           // DIR/out0.npy, ...; printed when empty
  bool help = false;
};

extern const char* const kUsage;

// Throws tisa::Error(INVALID_ARGUMENT) naming the offending argument.
Options parse_options(int argc, char** argv);

}  // namespace tisa::onnx_tool
