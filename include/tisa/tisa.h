/* TISA framework API: instance, devices, buffers, modules, executables, launches and events.
 * C11 and C++. Every fallible call returns a tisa_status_t: NULL means success, otherwise an
 * object with a code and a message that the caller frees with tisa_status_free. */
#ifndef TISA_TISA_H_
#define TISA_TISA_H_

#include "tisa/types.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define TISA_API __declspec(dllimport)
#else
#define TISA_API __attribute__((visibility("default")))
#endif

typedef struct tisa_status_s* tisa_status_t;
typedef struct tisa_instance_s* tisa_instance_t;
typedef struct tisa_device_s* tisa_device_t;
typedef struct tisa_buffer_s* tisa_buffer_t;
typedef struct tisa_module_s* tisa_module_t;
typedef struct tisa_executable_s* tisa_executable_t;
typedef struct tisa_event_s* tisa_event_t;

#define TISA_WAIT_FOREVER UINT64_MAX

/* ---- status ---- */
TISA_API tisa_status_code_t tisa_status_code(tisa_status_t status); /* TISA_OK for NULL */
TISA_API const char* tisa_status_message(tisa_status_t status);     /* "" for NULL */
TISA_API void tisa_status_free(tisa_status_t status);
TISA_API const char* tisa_status_code_name(tisa_status_code_t code); /* "INVALID_ARGUMENT" */

/* Memory returned by the API (module save) is freed with this. */
TISA_API void tisa_free(void* ptr);

/* ---- instance: loads drivers and enumerates their devices ---- */
typedef struct tisa_instance_options_s {
  uint32_t struct_size;
  uint32_t reserved;
  /* Manifest files or folders, ':'-separated; when set, replaces the search path like the
   * TISA_DRIVER_FILES variable. NULL: environment and default search paths. */
  const char* driver_files;
} tisa_instance_options_t;

TISA_API tisa_status_t tisa_instance_create(const tisa_instance_options_t* options,
                                            tisa_instance_t* out_instance);
TISA_API void tisa_instance_release(tisa_instance_t instance);

/* Every driver the loader found, loaded or not, and why. */
typedef struct tisa_driver_report_s {
  char name[64];
  char manifest_path[512];
  char library_path[512];
  uint32_t abi_version; /* the driver's, 0 if it never answered */
  uint32_t loaded;      /* 1 if the driver is in use */
  char reason[512];     /* why it was or was not loaded */
} tisa_driver_report_t;
TISA_API uint32_t tisa_instance_driver_count(tisa_instance_t instance);
TISA_API tisa_status_t tisa_instance_driver_report(tisa_instance_t instance, uint32_t index,
                                                   tisa_driver_report_t* out);

TISA_API uint32_t tisa_instance_device_count(tisa_instance_t instance);
/* Devices are owned by the instance and live as long as it. */
TISA_API tisa_status_t tisa_instance_get_device(tisa_instance_t instance, uint32_t index,
                                                tisa_device_t* out_device);
/* selector: a device index ("0"), a driver name ("reference", its first device), or
 * "driver:N" (the driver's N-th device). NULL or "" picks device 0. */
TISA_API tisa_status_t tisa_instance_find_device(tisa_instance_t instance, const char* selector,
                                                 tisa_device_t* out_device);

/* ---- devices ---- */
typedef struct tisa_device_info_s {
  uint32_t struct_size;
  uint32_t isa_version;
  char name[128];
  char driver_name[64];
  tisa_device_kind_t kind;
  uint32_t flags; /* TISA_DEVICE_FLAG_* */
  tisa_extension_mask_t extensions;
  char extension_string[256]; /* "TISA1p0" plus "_X..." per claimed extension */
  tisa_limits_t limits;
  uint64_t memory_bytes;
} tisa_device_info_t;
TISA_API tisa_status_t tisa_device_get_info(tisa_device_t device, tisa_device_info_t* out);
/* 1 if the device runs opcode on operands of dtype, else 0. */
TISA_API int tisa_device_supports(tisa_device_t device, tisa_opcode_t opcode, tisa_dtype_t dtype);
TISA_API const char* tisa_device_kind_name(tisa_device_kind_t kind);

/* ---- buffers ---- */
TISA_API tisa_status_t tisa_buffer_create(tisa_device_t device, uint64_t size, uint32_t flags,
                                          tisa_buffer_t* out_buffer);
TISA_API void tisa_buffer_release(tisa_buffer_t buffer);
TISA_API uint64_t tisa_buffer_size(tisa_buffer_t buffer);
TISA_API tisa_status_t tisa_buffer_write(tisa_buffer_t buffer, uint64_t offset, const void* src,
                                         uint64_t size);
/* FAILED_PRECONDITION when a launch that failed wrote any of the bytes (spec 6.3). */
TISA_API tisa_status_t tisa_buffer_read(tisa_buffer_t buffer, uint64_t offset, void* dst, uint64_t size);
/* UNIMPLEMENTED when the buffer is not host-visible or the driver cannot map. */
TISA_API tisa_status_t tisa_buffer_map(tisa_buffer_t buffer, void** out_ptr);
TISA_API tisa_status_t tisa_buffer_unmap(tisa_buffer_t buffer);

/* ---- modules ---- */
typedef enum tisa_module_format_e {
  TISA_FORMAT_AUTO = 0, /* binary if it starts with the magic, else text */
  TISA_FORMAT_BINARY = 1,
  TISA_FORMAT_TEXT = 2
} tisa_module_format_t;

/* Decodes and verifies; a module that fails either is rejected and the status message holds
 * the diagnostics (line and column for text, the instruction for binary). */
TISA_API tisa_status_t tisa_module_load(const void* data, size_t size, tisa_module_format_t format,
                                        tisa_module_t* out_module);
TISA_API tisa_status_t tisa_module_load_file(const char* path, tisa_module_format_t format,
                                             tisa_module_t* out_module);
TISA_API void tisa_module_release(tisa_module_t module);
/* Encodes to a new allocation freed with tisa_free. Text is NUL-terminated (size excludes it). */
TISA_API tisa_status_t tisa_module_save(tisa_module_t module, tisa_module_format_t format, void** out_data,
                                        size_t* out_size);

/* A tensor's type with concrete dims (symbolic dims of module inputs read -1). */
typedef struct tisa_tensor_type_s {
  tisa_dtype_t dtype;
  uint32_t rank;
  int64_t dims[TISA_MAX_RANK];
} tisa_tensor_type_t;
TISA_API uint32_t tisa_module_input_count(tisa_module_t module);
TISA_API uint32_t tisa_module_output_count(tisa_module_t module);
TISA_API tisa_status_t tisa_module_input_type(tisa_module_t module, uint32_t index, tisa_tensor_type_t* out);
/* Binds the symbols from concrete input types and derives every output type. */
TISA_API tisa_status_t tisa_module_infer_outputs(tisa_module_t module, uint32_t input_count,
                                                 const tisa_tensor_type_t* inputs, uint32_t output_count,
                                                 tisa_tensor_type_t* outputs);

/* ---- executables ---- */
/* Compiles (optimizes at opt_level, then hands to the driver) a module for a device. */
TISA_API tisa_status_t tisa_executable_create(tisa_device_t device, tisa_module_t module,
                                              tisa_opt_level_t opt_level, tisa_executable_t* out_executable);
TISA_API void tisa_executable_release(tisa_executable_t executable);

/* ---- launches ---- */
typedef struct tisa_tensor_s {
  tisa_buffer_t buffer;
  uint64_t offset; /* bytes */
  tisa_tensor_type_t type;
} tisa_tensor_t;

/* Checks every argument against the module (dtypes, shapes, symbol bounds, buffer sizes,
 * devices) and enqueues the launch. With out_event NULL the call waits for completion. A launch
 * that reads bytes written by a failed launch fails with FAILED_PRECONDITION (spec 6.3). */
TISA_API tisa_status_t tisa_executable_launch(tisa_executable_t executable, uint32_t input_count,
                                              const tisa_tensor_t* inputs, uint32_t output_count,
                                              const tisa_tensor_t* outputs, tisa_event_t* out_event);

/* ---- events ---- */
/* NULL when the launch completed; DEADLINE_EXCEEDED when timeout_ns passed first; else the
 * launch's failure. Waiting again after completion returns the same result. */
TISA_API tisa_status_t tisa_event_wait(tisa_event_t event, uint64_t timeout_ns);
TISA_API void tisa_event_release(tisa_event_t event);

/* ---- text helpers ---- */
TISA_API const char* tisa_dtype_name(tisa_dtype_t dtype); /* "f32"; "invalid" if unknown */
TISA_API const char* tisa_opcode_name(tisa_opcode_t opcode);
TISA_API size_t tisa_dtype_size(tisa_dtype_t dtype); /* bytes per element, 0 if unknown */

#ifdef __cplusplus
}
#endif

#endif /* TISA_TISA_H_ */
