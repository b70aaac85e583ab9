/* See c_callers.h. */
#include "c_callers.h"

tisa_status_t c_executable_create(tisa_device_t device, tisa_module_t module, int opt_level,
                                  tisa_executable_t* out_executable) {
  return tisa_executable_create(device, module, (tisa_opt_level_t)opt_level, out_executable);
}

tisa_status_t c_module_load(const void* data, size_t size, int format, tisa_module_t* out_module) {
  return tisa_module_load(data, size, (tisa_module_format_t)format, out_module);
}

tisa_status_t c_module_save(tisa_module_t module, int format, void** out_data, size_t* out_size) {
  return tisa_module_save(module, (tisa_module_format_t)format, out_data, out_size);
}

const char* c_dtype_name(int dtype) {
  return tisa_dtype_name((tisa_dtype_t)dtype);
}
size_t c_dtype_size(int dtype) {
  return tisa_dtype_size((tisa_dtype_t)dtype);
}
const char* c_status_code_name(int code) {
  return tisa_status_code_name((tisa_status_code_t)code);
}
const char* c_device_kind_name(int kind) {
  return tisa_device_kind_name((tisa_device_kind_t)kind);
}

int c_device_supports(tisa_device_t device, int opcode, int dtype) {
  return tisa_device_supports(device, (tisa_opcode_t)opcode, (tisa_dtype_t)dtype);
}

tisa_status_t c_launch_with_input_dtype(tisa_executable_t exe, uint32_t input_count, tisa_tensor_t* inputs,
                                        uint32_t output_count, const tisa_tensor_t* outputs, int dtype) {
  inputs[0].type.dtype = (tisa_dtype_t)dtype;
  return tisa_executable_launch(exe, input_count, inputs, output_count, outputs, NULL);
}
