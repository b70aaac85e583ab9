// import_model: the importer on a parsed ModelProto (for callers that build models in C++).
#pragma once

#include "frontends/onnx/importer.hpp"
#include "onnx/onnx_pb.h"

namespace tisa::onnx_import {

ir::Module import_model(const onnx::ModelProto& model, const ImportOptions& options = {});
std::vector<std::string> graph_input_names(const onnx::ModelProto& model);

}  // namespace tisa::onnx_import
