/* Types shared by the framework API (tisa.h) and the driver ABI (driver.h). C11 and C++. */
#ifndef TISA_TYPES_H_
#define TISA_TYPES_H_

#include <stddef.h>
#include <stdint.h>

#include "tisa/isa.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Values are frozen (they cross the driver ABI). Each failure class is kept
 * apart so callers can act on it: no device here is not the same as a version mismatch. */
typedef enum tisa_status_code_e {
  TISA_OK = 0,
  TISA_INVALID_ARGUMENT = 1, /* the caller passed something the spec forbids */
  TISA_UNAVAILABLE = 2,      /* no such device or driver here */
  TISA_INCOMPATIBLE = 3,     /* ABI, ISA version or architecture mismatch */
  TISA_UNIMPLEMENTED = 4,    /* valid, but not provided by this driver/device */
  TISA_OUT_OF_MEMORY = 5,
  TISA_DEVICE_LOST = 6,
  TISA_INTERNAL = 7,            /* a bug: an invariant broke */
  TISA_DEADLINE_EXCEEDED = 8,   /* a wait timed out; the work goes on */
  TISA_NOT_FOUND = 9,           /* a named file, device or driver does not exist */
  TISA_FAILED_PRECONDITION = 10 /* depends on work that failed, or object in the wrong state */
} tisa_status_code_t;

typedef enum tisa_device_kind_e {
  TISA_DEVICE_KIND_CPU = 1,
  TISA_DEVICE_KIND_GPU = 2,
  TISA_DEVICE_KIND_ACCELERATOR = 3,
  TISA_DEVICE_KIND_SIMULATOR = 4
} tisa_device_kind_t;

/* Device flags. */
#define TISA_DEVICE_FLAG_HOST_VISIBLE 0x1u     /* buffers can be mapped into host memory */
#define TISA_DEVICE_FLAG_FLUSH_SUBNORMALS 0x2u /* float subnormals flush to zero, all or none */

/* Buffer flags. */
#define TISA_BUFFER_FLAG_HOST_VISIBLE 0x1u /* request a mappable buffer (may fail: UNIMPLEMENTED) */

/* Device limits (the spec's levels a device supports, never above the spec's own). */
typedef struct tisa_limits_s {
  uint32_t max_rank;
  uint32_t reserved0;
  int64_t max_dim;
  int64_t max_elements;
  uint64_t max_buffer_bytes;
} tisa_limits_t;

#ifdef __cplusplus
}
#endif

#endif /* TISA_TYPES_H_ */
