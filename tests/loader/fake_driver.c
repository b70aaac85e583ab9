/* A fake TISA driver for the loader tests, built several times with different compile
 * definitions to play drivers of other ABI versions and broken drivers:
 *   FAKE_NAME            the table's name
 *   FAKE_ABI_MAJOR/MINOR the ABI version it reports (default 1.1)
 *   FAKE_TABLE_1_0       struct_size is the ABI 1.0 size; the 1.1 slots past it hold a trap
 *   FAKE_EXTRA_FIELDS    the table is larger, with trailing fields of a future minor version
 *   FAKE_NO_ENTRY        the entry point has the wrong name
 *   FAKE_NEGOTIATE_REJECTS  negotiate answers INCOMPATIBLE itself
 *   FAKE_CREATE_FAILS    driver_create fails with UNAVAILABLE "no device"
 * Its one device copies the first input's bytes into the first output; every launch completes
 * FAKE_EVENT_DELAY_MS after it was enqueued, so that waits with a timeout can be observed. A
 * launch whose first input starts with the byte 0xEE then fails with INTERNAL, so that the
 * loader's handling of failed launches can be observed (it writes nothing). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tisa/driver.h"

#ifndef FAKE_NAME
#define FAKE_NAME "fake"
#endif
#ifndef FAKE_ABI_MAJOR
#define FAKE_ABI_MAJOR 1
#endif
#ifndef FAKE_ABI_MINOR
#define FAKE_ABI_MINOR 1
#endif
#define FAKE_EVENT_DELAY_MS 250
#define FAKE_MAYBE_UNUSED __attribute__((unused))

typedef struct fake_buffer_s {
  uint64_t size;
  uint8_t* bytes;
} fake_buffer_t;

typedef struct fake_event_s {
  struct timespec ready;
  int fails;
} fake_event_t;

#define FAKE_FAILING_MARKER 0xEE

FAKE_MAYBE_UNUSED static int fake_context; /* driver contexts are never dereferenced by the loader */
static int fake_executable;

static void set_error(tisa_drv_error_t* err, const char* message) {
  if (err) snprintf(err->message, sizeof err->message, "%s", message);
}

static tisa_drv_status_t fake_driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                            tisa_drv_error_t* err) {
#ifdef FAKE_CREATE_FAILS
  (void)info;
  (void)out_driver;
  set_error(err, "no device");
  return TISA_UNAVAILABLE;
#else
  if (info->log) info->log(info->log_user, TISA_LOG_DEBUG, "fake driver created");
  *out_driver = &fake_context;
  (void)err;
  return TISA_OK;
#endif
}

static void fake_driver_destroy(void* driver) {
  (void)driver;
}

static uint32_t fake_device_count(void* driver) {
  (void)driver;
  return 1;
}

static tisa_drv_status_t fake_device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                              tisa_drv_error_t* err) {
  (void)driver;
  if (device != 0) {
    set_error(err, "no such device");
    return TISA_NOT_FOUND;
  }
  memset(out, 0, sizeof *out);
  out->struct_size = sizeof *out;
  out->isa_version = TISA_MAKE_VERSION(1, 0);
  snprintf(out->name, sizeof out->name, "%s device", FAKE_NAME);
  out->kind = TISA_DEVICE_KIND_SIMULATOR;
  out->flags = TISA_DEVICE_FLAG_HOST_VISIBLE;
  out->limits.max_rank = 8;
  out->limits.max_dim = 1 << 20;
  out->limits.max_elements = 1 << 24;
  out->limits.max_buffer_bytes = 1 << 26;
  out->memory_bytes = 1 << 26;
  return TISA_OK;
}

static tisa_drv_status_t fake_buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                            void** out_buffer, tisa_drv_error_t* err) {
  (void)driver;
  (void)device;
  (void)flags;
  fake_buffer_t* buffer = calloc(1, sizeof *buffer);
  if (buffer) buffer->bytes = calloc(1, size);
  if (!buffer || !buffer->bytes) {
    free(buffer);
    set_error(err, "out of memory");
    return TISA_OUT_OF_MEMORY;
  }
  buffer->size = size;
  *out_buffer = buffer;
  return TISA_OK;
}

static void fake_buffer_destroy(void* driver, void* buffer) {
  (void)driver;
  if (buffer) free(((fake_buffer_t*)buffer)->bytes);
  free(buffer);
}

static tisa_drv_status_t fake_buffer_write(void* driver, void* buffer, uint64_t offset, const void* src,
                                           uint64_t size, tisa_drv_error_t* err) {
  (void)driver;
  (void)err;
  memcpy(((fake_buffer_t*)buffer)->bytes + offset, src, size);
  return TISA_OK;
}

static tisa_drv_status_t fake_buffer_read(void* driver, void* buffer, uint64_t offset, void* dst,
                                          uint64_t size, tisa_drv_error_t* err) {
  (void)driver;
  (void)err;
  memcpy(dst, ((fake_buffer_t*)buffer)->bytes + offset, size);
  return TISA_OK;
}

static tisa_drv_status_t fake_executable_create(void* driver, uint32_t device, const uint32_t* words,
                                                size_t word_count, uint32_t opt_level, void** out_exe,
                                                tisa_drv_error_t* err) {
  (void)driver;
  (void)device;
  (void)opt_level;
  if (word_count == 0 || words[0] != TISA_MODULE_MAGIC) {
    set_error(err, "not a TISA module");
    return TISA_INVALID_ARGUMENT;
  }
  *out_exe = &fake_executable;
  return TISA_OK;
}

static void fake_executable_destroy(void* driver, void* exe) {
  (void)driver;
  (void)exe;
}

static tisa_drv_status_t fake_launch(void* driver, void* exe, const tisa_drv_launch_args_t* args,
                                     void** out_event, tisa_drv_error_t* err) {
  (void)driver;
  (void)exe;
  fake_event_t* event = calloc(1, sizeof *event);
  if (!event) {
    set_error(err, "out of memory");
    return TISA_OUT_OF_MEMORY;
  }
  if (args->input_count > 0) {
    const tisa_drv_tensor_t* in = &args->inputs[0];
    const fake_buffer_t* src = in->buffer;
    event->fails = src->size > in->offset && src->bytes[in->offset] == FAKE_FAILING_MARKER;
  }
  if (!event->fails && args->input_count > 0 && args->output_count > 0) {
    const tisa_drv_tensor_t* in = &args->inputs[0];
    const tisa_drv_tensor_t* out = &args->outputs[0];
    const fake_buffer_t* src = in->buffer;
    fake_buffer_t* dst = out->buffer;
    uint64_t bytes = src->size - in->offset;
    if (dst->size - out->offset < bytes) bytes = dst->size - out->offset;
    memcpy(dst->bytes + out->offset, src->bytes + in->offset, bytes);
  }
  clock_gettime(CLOCK_MONOTONIC, &event->ready);
  event->ready.tv_nsec += FAKE_EVENT_DELAY_MS * 1000000L;
  if (event->ready.tv_nsec >= 1000000000L) {
    event->ready.tv_sec += 1;
    event->ready.tv_nsec -= 1000000000L;
  }
  *out_event = event;
  return TISA_OK;
}

/* Nanoseconds until the event is ready (0 when it is). */
static uint64_t fake_remaining_ns(const fake_event_t* event) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t ns =
      (int64_t)(event->ready.tv_sec - now.tv_sec) * 1000000000LL + (event->ready.tv_nsec - now.tv_nsec);
  return ns > 0 ? (uint64_t)ns : 0;
}

/* The outcome of a completed launch. */
static tisa_drv_status_t fake_outcome(const fake_event_t* event, tisa_drv_error_t* err) {
  if (!event->fails) return TISA_OK;
  set_error(err, "fake launch failed: its first input starts with 0xEE");
  return TISA_INTERNAL;
}

static tisa_drv_status_t fake_event_wait(void* driver, void* event, uint64_t timeout_ns,
                                         tisa_drv_error_t* err) {
  (void)driver;
  uint64_t remaining = fake_remaining_ns(event);
  if (remaining == 0) return fake_outcome(event, err);
  if (timeout_ns < remaining) {
    struct timespec pause = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
    nanosleep(&pause, NULL);
    return fake_remaining_ns(event) == 0 ? fake_outcome(event, err) : TISA_DEADLINE_EXCEEDED;
  }
  struct timespec pause = {(time_t)(remaining / 1000000000u), (long)(remaining % 1000000000u)};
  nanosleep(&pause, NULL);
  while (fake_remaining_ns(event) != 0) {
    struct timespec tick = {0, 100000};
    nanosleep(&tick, NULL);
  }
  return fake_outcome(event, err);
}

static void fake_event_destroy(void* driver, void* event) {
  (void)driver;
  free(event);
}

FAKE_MAYBE_UNUSED static tisa_drv_status_t fake_buffer_map(void* driver, void* buffer, void** out_ptr,
                                                           tisa_drv_error_t* err) {
  (void)driver;
  (void)err;
  *out_ptr = ((fake_buffer_t*)buffer)->bytes;
  return TISA_OK;
}

FAKE_MAYBE_UNUSED static void fake_buffer_unmap(void* driver, void* buffer) {
  (void)driver;
  (void)buffer;
}

FAKE_MAYBE_UNUSED static tisa_drv_status_t fake_event_query(void* driver, void* event,
                                                            tisa_drv_error_t* err) {
  (void)driver;
  return fake_remaining_ns(event) == 0 ? fake_outcome(event, err) : TISA_DEADLINE_EXCEEDED;
}

/* Addresses that crash when called: a loader that reads slots it should not would crash. */
#define FAKE_TRAP ((uintptr_t)0x10)

typedef struct fake_table_s {
  tisa_driver_table_t table;
#ifdef FAKE_EXTRA_FIELDS
  /* Functions of a future minor version that this loader does not know. */
  void (*future_function_a)(void);
  void (*future_function_b)(void);
#endif
} fake_table_t;

FAKE_MAYBE_UNUSED static const fake_table_t fake_table = {
    .table =
        {
#ifdef FAKE_TABLE_1_0
            .struct_size = TISA_DRIVER_TABLE_SIZE_1_0,
#else
            .struct_size = sizeof(fake_table_t),
#endif
            .abi_version = TISA_MAKE_VERSION(FAKE_ABI_MAJOR, FAKE_ABI_MINOR),
            .name = FAKE_NAME,
            .version = "0.1-test",
            .driver_create = fake_driver_create,
            .driver_destroy = fake_driver_destroy,
            .device_count = fake_device_count,
            .device_get_info = fake_device_get_info,
            .device_supports = NULL, /* the registry default */
            .buffer_create = fake_buffer_create,
            .buffer_destroy = fake_buffer_destroy,
            .buffer_write = fake_buffer_write,
            .buffer_read = fake_buffer_read,
            .executable_create = fake_executable_create,
            .executable_destroy = fake_executable_destroy,
            .launch = fake_launch,
            .event_wait = fake_event_wait,
            .event_destroy = fake_event_destroy,
#ifdef FAKE_TABLE_1_0
            .buffer_map = (tisa_drv_status_t(*)(void*, void*, void**, tisa_drv_error_t*))FAKE_TRAP,
            .buffer_unmap = (void (*)(void*, void*))FAKE_TRAP,
            .event_query = (tisa_drv_status_t(*)(void*, void*, tisa_drv_error_t*))FAKE_TRAP,
#else
            .buffer_map = fake_buffer_map,
            .buffer_unmap = fake_buffer_unmap,
            .event_query = fake_event_query,
#endif
        },
#ifdef FAKE_EXTRA_FIELDS
    .future_function_a = (void (*)(void))FAKE_TRAP,
    .future_function_b = (void (*)(void))FAKE_TRAP,
#endif
};

#ifdef FAKE_NO_ENTRY
#define FAKE_ENTRY_NAME tisa_driver_negotiate_misspelled
#else
#define FAKE_ENTRY_NAME tisa_driver_negotiate
#endif

TISA_DRIVER_EXPORT tisa_drv_status_t FAKE_ENTRY_NAME(const tisa_loader_info_t* loader,
                                                     const tisa_driver_table_t** out_table,
                                                     tisa_drv_error_t* err) {
#ifdef FAKE_NEGOTIATE_REJECTS
  (void)out_table;
  char message[200];
  snprintf(message, sizeof message, "driver ABI %d.%d cannot work with loader ABI %u.%u", FAKE_ABI_MAJOR,
           FAKE_ABI_MINOR, TISA_VERSION_MAJOR(loader->abi_version), TISA_VERSION_MINOR(loader->abi_version));
  set_error(err, message);
  return TISA_INCOMPATIBLE;
#else
  (void)loader;
  (void)err;
  *out_table = &fake_table.table;
  return TISA_OK;
#endif
}
