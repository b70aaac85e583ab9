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
// or a size that does not match the dims. FLOAT16 / BFLOAT16 come from raw_data or int32_data
// (one 16-bit pattern per entry), DOUBLE from raw_data or double_data.
// declared: the type the graph declares for this tensor (a graph input), when known. A tensor of
// another type is an error naming both, except UINT16 data for a BFLOAT16 input: onnx up to 1.13
// writes bf16 test tensors as uint16 bit patterns, and TISA has no u16 they could mean instead.
ref::HostTensor to_host(const onnx::TensorProto& t, const std::string& what,
                        std::optional<tisa_dtype_t> declared = std::nullopt);
onnx::TensorProto to_proto(const ref::HostTensor& t, const std::string& name);

}  // namespace tisa::onnx_import
