// The driver table's functions, one group per file (device.cpp, buffer.cpp, executable.cpp,
// launch.cpp); driver.cpp assembles the table.
#pragma once

#include "tisa/driver.h"

namespace tisa::cpu {

// device.cpp
uint32_t device_count(void* driver);
tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err);
int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype);

// buffer.cpp
tisa_drv_status_t buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                void** out_buffer, tisa_drv_error_t* err);
void buffer_destroy(void* driver, void* buffer);
tisa_drv_status_t buffer_write(void* driver, void* buffer, uint64_t offset, const void* src, uint64_t size,
                               tisa_drv_error_t* err);
tisa_drv_status_t buffer_read(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                              tisa_drv_error_t* err);
tisa_drv_status_t buffer_map(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err);
void buffer_unmap(void* driver, void* buffer);

// executable.cpp
tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err);
void executable_destroy(void* driver, void* exe);

// launch.cpp
tisa_drv_status_t launch(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err);
tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err);
tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err);
void event_destroy(void* driver, void* event);

}  // namespace tisa::cpu
