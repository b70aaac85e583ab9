// Running a module on a device with host arrays in and out: what tisa-run and tisa-onnx share.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "tisa/tisa.hpp"
#include "tools/common/npy.hpp"

namespace tisa::tools {

// Wraps a libtisa failure with what the tool was doing, keeping its code and message.
template <typename F>
auto step(const std::string& what, F&& f) {
  try {
    return f();
  } catch (const ApiError& e) {
    throw ApiError(e.code(), fmt::format("{}: {}: {}", what, e.code_name(), e.what()));
  }
}

tisa_tensor_type_t tensor_type_of(const npy::Array& array);

// Binds the symbols from the inputs' shapes, compiles at opt_level, uploads, launches, waits
// and reads every output back. With repeat > 0, launches `repeat` more times after the first
// (which may compile kernels) and puts the milliseconds of each (launch and wait) in launch_ms.
std::vector<npy::Array> run_on_device(const Device& device, const Module& module, tisa_opt_level_t opt_level,
                                      const std::vector<npy::Array>& inputs, int repeat = 0,
                                      std::vector<double>* launch_ms = nullptr);

}  // namespace tisa::tools
