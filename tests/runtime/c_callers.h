/* Calls into libtisa from C, where an enum argument may hold any int: C++ tests cannot make
 * such values without undefined behaviour, so these pass them on from C. Also proves that
 * tisa.h compiles as C11. */
#ifndef TISA_TESTS_RUNTIME_C_CALLERS_H_
#define TISA_TESTS_RUNTIME_C_CALLERS_H_

#include "tisa/tisa.h"

#ifdef __cplusplus
extern "C" {
#endif

tisa_status_t c_executable_create(tisa_device_t device, tisa_module_t module, int opt_level,
                                  tisa_executable_t* out_executable);
tisa_status_t c_module_load(const void* data, size_t size, int format, tisa_module_t* out_module);
tisa_status_t c_module_save(tisa_module_t module, int format, void** out_data, size_t* out_size);
const char* c_dtype_name(int dtype);
size_t c_dtype_size(int dtype);
const char* c_status_code_name(int code);
const char* c_device_kind_name(int kind);
int c_device_supports(tisa_device_t device, int opcode, int dtype);
/* A launch whose first input's dtype field holds the raw value dtype. */
tisa_status_t c_launch_with_input_dtype(tisa_executable_t exe, uint32_t input_count, tisa_tensor_t* inputs,
                                        uint32_t output_count, const tisa_tensor_t* outputs, int dtype);

#ifdef __cplusplus
}
#endif

#endif
