/* TISA driver ABI: what a vendor implements. C11; stable across minor versions.
 *
 * A driver is a shared library with one exported entry point, tisa_driver_negotiate. The loader
 * states the highest ABI version it understands; the driver returns its function table, which
 * starts with struct_size and the driver's own ABI version. Tables and argument structs only
 * grow at the end (append-only); functions added after 1.0 may be NULL or lie past struct_size,
 * and the loader handles that. No exception or abort may cross this boundary: every function
 * returns a status code and, on failure, writes a message into the caller's tisa_drv_error_t.
 *
 * Drivers receive modules that libtisa has already decoded and verified, as binary words. */
#ifndef TISA_DRIVER_H_
#define TISA_DRIVER_H_

#include "tisa/types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TISA_DRIVER_ABI_MAJOR 1
#define TISA_DRIVER_ABI_MINOR 1
#define TISA_DRIVER_ABI_VERSION TISA_MAKE_VERSION(TISA_DRIVER_ABI_MAJOR, TISA_DRIVER_ABI_MINOR)
#define TISA_DRIVER_ENTRY_POINT "tisa_driver_negotiate"

#if defined(_WIN32)
#define TISA_DRIVER_EXPORT __declspec(dllexport)
#else
#define TISA_DRIVER_EXPORT __attribute__((visibility("default")))
#endif

/* A failed call writes a NUL-terminated message here (truncated to fit). */
#define TISA_DRV_ERROR_CAPACITY 1024
typedef struct tisa_drv_error_s {
  char message[TISA_DRV_ERROR_CAPACITY];
} tisa_drv_error_t;

/* Log levels for the loader's log callback (mirrors spdlog's: trace..critical). */
typedef enum tisa_log_level_e {
  TISA_LOG_TRACE = 0,
  TISA_LOG_DEBUG = 1,
  TISA_LOG_INFO = 2,
  TISA_LOG_WARN = 3,
  TISA_LOG_ERROR = 4
} tisa_log_level_t;
typedef void (*tisa_drv_log_fn)(void* user, tisa_log_level_t level, const char* message);

/* Given by the loader to the entry point. */
typedef struct tisa_loader_info_s {
  uint32_t struct_size;
  uint32_t abi_version; /* the highest driver ABI version the loader understands */
} tisa_loader_info_t;

/* Given by the loader to driver_create. */
typedef struct tisa_drv_create_info_s {
  uint32_t struct_size;
  uint32_t abi_version; /* the version negotiated: min(loader's, driver's) */
  tisa_drv_log_fn log;  /* may be NULL */
  void* log_user;
  const char* config; /* the manifest's "config" string, or NULL */
} tisa_drv_create_info_t;

typedef struct tisa_drv_device_info_s {
  uint32_t struct_size;
  uint32_t isa_version; /* TISA_MAKE_VERSION(major, minor) the device implements */
  char name[128];
  uint32_t kind;                    /* tisa_device_kind_t */
  uint32_t flags;                   /* TISA_DEVICE_FLAG_* */
  tisa_extension_mask_t extensions; /* claimed extensions; TISA-B is implied */
  tisa_limits_t limits;
  uint64_t memory_bytes; /* 0 if unknown */
} tisa_drv_device_info_t;

/* A dense row-major tensor in a driver buffer. */
typedef struct tisa_drv_tensor_s {
  void* buffer; /* the driver's own buffer handle */
  uint64_t offset;
  uint32_t dtype; /* tisa_dtype_t */
  uint32_t rank;
  int64_t dims[TISA_MAX_RANK];
} tisa_drv_tensor_t;

/* Launch arguments, already checked by libtisa against the module: dtypes, shapes, symbol
 * bindings, buffer sizes. symbol_values[i] is the value of the module's symbol i. */
typedef struct tisa_drv_launch_args_s {
  uint32_t struct_size;
  uint32_t input_count;
  const tisa_drv_tensor_t* inputs;
  uint32_t output_count;
  uint32_t symbol_count;
  const tisa_drv_tensor_t* outputs;
  const int64_t* symbol_values;
} tisa_drv_launch_args_t;

typedef tisa_status_code_t tisa_drv_status_t;

typedef struct tisa_driver_table_s {
  uint32_t struct_size; /* sizeof the table as the driver was built */
  uint32_t abi_version; /* the driver's ABI version */
  const char* name;     /* short name, e.g. "reference" */
  const char* version;  /* the driver's own version string */

  /* ---- ABI 1.0: required unless marked optional ---- */
  tisa_drv_status_t (*driver_create)(const tisa_drv_create_info_t* info, void** out_driver,
                                     tisa_drv_error_t* err);
  void (*driver_destroy)(void* driver);
  uint32_t (*device_count)(void* driver);
  tisa_drv_status_t (*device_get_info)(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                       tisa_drv_error_t* err);
  /* Optional: NULL means every op and dtype of the profile and extensions the device claims. */
  int (*device_supports)(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype);

  tisa_drv_status_t (*buffer_create)(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                     void** out_buffer, tisa_drv_error_t* err);
  void (*buffer_destroy)(void* driver, void* buffer);
  tisa_drv_status_t (*buffer_write)(void* driver, void* buffer, uint64_t offset, const void* src,
                                    uint64_t size, tisa_drv_error_t* err);
  tisa_drv_status_t (*buffer_read)(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                                   tisa_drv_error_t* err);

  tisa_drv_status_t (*executable_create)(void* driver, uint32_t device, const uint32_t* words,
                                         size_t word_count, uint32_t opt_level, void** out_exe,
                                         tisa_drv_error_t* err);
  void (*executable_destroy)(void* driver, void* exe);

  /* Enqueue one launch; completion is reported through the event. Launches on one device
   * execute in submission order. */
  tisa_drv_status_t (*launch)(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                              tisa_drv_error_t* err);
  /* TISA_OK when the launch completed, TISA_DEADLINE_EXCEEDED when timeout_ns passed first,
   * otherwise the launch's own failure. UINT64_MAX waits forever. */
  tisa_drv_status_t (*event_wait)(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err);
  void (*event_destroy)(void* driver, void* event);

  /* ---- ABI 1.1: optional; may be NULL or past struct_size ---- */
  /* Map a buffer created with TISA_BUFFER_FLAG_HOST_VISIBLE. */
  tisa_drv_status_t (*buffer_map)(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err);
  void (*buffer_unmap)(void* driver, void* buffer);
  /* Non-blocking event_wait; the loader falls back to event_wait with a zero timeout. */
  tisa_drv_status_t (*event_query)(void* driver, void* event, tisa_drv_error_t* err);
} tisa_driver_table_t;

/* Size of the table as ABI 1.0 defined it: the loader accepts any struct_size from this up. */
#define TISA_DRIVER_TABLE_SIZE_1_0 offsetof(tisa_driver_table_t, buffer_map)

/* The one exported symbol. Returns TISA_INCOMPATIBLE (with a message naming both versions)
 * when the loader's major version differs from the driver's. */
typedef tisa_drv_status_t (*tisa_driver_negotiate_fn)(const tisa_loader_info_t* loader,
                                                      const tisa_driver_table_t** out_table,
                                                      tisa_drv_error_t* err);
TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                           const tisa_driver_table_t** out_table,
                                                           tisa_drv_error_t* err);

/* Layout is part of the ABI: these must never change on an LP64 platform. */
#if defined(__cplusplus)
#define TISA_STATIC_ASSERT static_assert
#else
#define TISA_STATIC_ASSERT _Static_assert
#endif
#if UINTPTR_MAX == 0xffffffffffffffffu
TISA_STATIC_ASSERT(sizeof(tisa_drv_tensor_t) == 88, "tisa_drv_tensor_t layout changed");
TISA_STATIC_ASSERT(sizeof(tisa_drv_launch_args_t) == 40, "tisa_drv_launch_args_t layout changed");
TISA_STATIC_ASSERT(offsetof(tisa_drv_device_info_t, extensions) == 144, "device info layout changed");
TISA_STATIC_ASSERT(sizeof(tisa_drv_device_info_t) == 192, "device info layout changed");
TISA_STATIC_ASSERT(offsetof(tisa_driver_table_t, driver_create) == 24, "driver table layout changed");
TISA_STATIC_ASSERT(TISA_DRIVER_TABLE_SIZE_1_0 == 24 + 14 * 8, "ABI 1.0 table size changed");
TISA_STATIC_ASSERT(sizeof(tisa_driver_table_t) == 24 + 17 * 8, "driver table layout changed");
#endif

#ifdef __cplusplus
}
#endif

#endif /* TISA_DRIVER_H_ */
