// The ONNX importer: an ONNX model (opsets 7-17, default domain) to a verified TISA module.
// Graph inputs keep their names; symbolic dims (dim_param) become TISA symbols, unnamed unknown
// dims get generated symbols; initializers become module constants. Errors are tisa::Error
// naming the node, its op type and the attribute involved.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/module.hpp"

namespace tisa::onnx_import {

// Opsets 1-6 are accepted too: each op is imported with its opset-7 semantics (legacy
// attributes such as the old broadcast `axis` are rejected, not ignored).
constexpr int64_t kMinOpset = 1;
constexpr int64_t kMaxOpset = 17;

struct ImportOptions {
  // Values of graph inputs, by name, used where an op needs a constant (a Reshape's shape, the
  // axes of a reduction, Resize's scales...): the module is specialized for them. The inputs
  // stay inputs of the module, and the data path still reads them.
  std::map<std::string, ref::HostTensor> specialize;
};

// A serialized ModelProto.
ir::Module import_bytes(std::span<const uint8_t> bytes, const ImportOptions& options = {});
ir::Module import_file(const std::string& path, const ImportOptions& options = {});
// The names of the graph inputs that are not initializers, in order (the module's inputs).
std::vector<std::string> graph_input_names(std::span<const uint8_t> bytes);
// Their declared element types, in the same order; nullopt where the type is not a tensor type
// TISA has (the import reports those).
std::vector<std::optional<tisa_dtype_t>> graph_input_dtypes(std::span<const uint8_t> bytes);

}  // namespace tisa::onnx_import
