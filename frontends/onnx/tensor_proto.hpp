// ONNX TensorProto <-> host tensors: the dtype mapping, and the data of initializers, Constant
// nodes and .pb test inputs in whichever field the writer chose (raw_data or the typed fields).
#pragma once

#include <optional>
#include <string>

#include "drivers/reference/kernels/evaluate.hpp"
#include "onnx/onnx_pb.h"

namespace tisa::onnx_import {

// The TISA dtype of an ONNX element type; nullopt when TISA has none (strings, i16, complex...).
std::optional<tisa_dtype_t> dtype_of(int32_t onnx_type);
int32_t onnx_type_of(tisa_dtype_t dtype);
// "FLOAT", "STRING", ... for messages.
std::string onnx_type_name(int32_t onnx_type);

// Throws tisa::Error naming what (e.g. "initializer 'w'") on an unsupported type, external data
// or a size that does not match the dims.
ref::HostTensor to_host(const onnx::TensorProto& t, const std::string& what);
onnx::TensorProto to_proto(const ref::HostTensor& t, const std::string& name);

}  // namespace tisa::onnx_import
