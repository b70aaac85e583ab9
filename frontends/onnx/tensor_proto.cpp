#include "frontends/onnx/tensor_proto.hpp"

#include <cstring>

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::onnx_import {

using TP = onnx::TensorProto;

std::optional<tisa_dtype_t> dtype_of(int32_t onnx_type) {
  switch (onnx_type) {
    case TP::FLOAT: return TISA_DTYPE_F32;
    case TP::DOUBLE: return TISA_DTYPE_F64;
    case TP::FLOAT16: return TISA_DTYPE_F16;
    case TP::BFLOAT16: return TISA_DTYPE_BF16;
    case TP::INT8: return TISA_DTYPE_I8;
    case TP::UINT8: return TISA_DTYPE_U8;
    case TP::INT32: return TISA_DTYPE_I32;
    case TP::INT64: return TISA_DTYPE_I64;
    case TP::BOOL: return TISA_DTYPE_BOOL;
    default: return std::nullopt;
  }
}

int32_t onnx_type_of(tisa_dtype_t dtype) {
  switch (dtype) {
    case TISA_DTYPE_F32: return TP::FLOAT;
    case TISA_DTYPE_F64: return TP::DOUBLE;
    case TISA_DTYPE_F16: return TP::FLOAT16;
    case TISA_DTYPE_BF16: return TP::BFLOAT16;
    case TISA_DTYPE_I8: return TP::INT8;
    case TISA_DTYPE_U8: return TP::UINT8;
    case TISA_DTYPE_I32: return TP::INT32;
    case TISA_DTYPE_I64: return TP::INT64;
    case TISA_DTYPE_BOOL: return TP::BOOL;
    default: return TP::UNDEFINED;
  }
}

std::string onnx_type_name(int32_t onnx_type) {
  if (onnx::TensorProto_DataType_IsValid(onnx_type))
    return onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(onnx_type));
  return fmt::format("type {}", onnx_type);
}

namespace {

template <class From, class To, class Field>
void copy_field(const Field& field, std::vector<uint8_t>& out) {
  out.resize(static_cast<size_t>(field.size()) * sizeof(To));
  for (int i = 0; i < field.size(); ++i) {
    const To v = static_cast<To>(static_cast<From>(field.Get(i)));
    std::memcpy(out.data() + static_cast<size_t>(i) * sizeof(To), &v, sizeof(To));
  }
}

}  // namespace

ref::HostTensor to_host(const TP& t, const std::string& what, std::optional<tisa_dtype_t> declared) {
  const bool bf16_bits = declared == TISA_DTYPE_BF16 && t.data_type() == TP::UINT16;
  const int32_t type = bf16_bits ? static_cast<int32_t>(TP::BFLOAT16) : t.data_type();
  const auto dtype = dtype_of(type);
  if (!dtype) invalid("{}: element type {} has no TISA dtype", what, onnx_type_name(t.data_type()));
  if (declared && *declared != *dtype)
    invalid("{}: element type {} where the model declares {}", what, onnx_type_name(t.data_type()),
            onnx_type_name(onnx_type_of(*declared)));
  if (t.data_location() == TP::EXTERNAL) invalid("{}: external data is not supported", what);
  if (t.dims_size() > TISA_MAX_RANK)
    invalid("{}: rank {} is above TISA's {}", what, t.dims_size(), TISA_MAX_RANK);
  ref::HostTensor h;
  h.dtype = *dtype;
  uint64_t count = 1;
  for (int64_t d : t.dims()) {
    if (d < 0) invalid("{}: negative dimension {}", what, d);
    h.shape.push_back(d);
    count = ir::mul_elements(count, static_cast<uint64_t>(d));
  }
  if (count > TISA_MAX_ELEMENTS) invalid("{}: too many elements", what);
  const size_t size = ir::dtype_size(*dtype);
  if (t.has_raw_data()) {
    h.data.assign(t.raw_data().begin(), t.raw_data().end());
  } else {
    switch (type) {
      case TP::FLOAT: copy_field<float, float>(t.float_data(), h.data); break;
      case TP::DOUBLE: copy_field<double, double>(t.double_data(), h.data); break;
      case TP::INT64: copy_field<int64_t, int64_t>(t.int64_data(), h.data); break;
      case TP::INT32: copy_field<int32_t, int32_t>(t.int32_data(), h.data); break;
      case TP::INT8: copy_field<int32_t, int8_t>(t.int32_data(), h.data); break;
      case TP::UINT8:
      case TP::BOOL: copy_field<int32_t, uint8_t>(t.int32_data(), h.data); break;
      case TP::FLOAT16:
      case TP::BFLOAT16: copy_field<int32_t, uint16_t>(t.int32_data(), h.data); break;
      default: break;
    }
  }
  if (h.data.size() != count * size)
    invalid("{}: {} bytes of data for {} elements of {}", what, h.data.size(), count, onnx_type_name(type));
  return h;
}

TP to_proto(const ref::HostTensor& t, const std::string& name) {
  TP p;
  p.set_name(name);
  p.set_data_type(onnx_type_of(t.dtype));
  for (int64_t d : t.shape) p.add_dims(d);
  p.set_raw_data(t.data.data(), t.data.size());
  return p;
}

}  // namespace tisa::onnx_import
