// The faulty driver's objects and the functions shared by its two files.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "conformance/tests/faulty_driver/faults.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::faulty {

struct Driver {
  Fault fault = Fault::None;
};

struct Buffer {
  std::vector<uint8_t> bytes;
};

struct Executable {
  Fault fault = Fault::None;
  std::shared_ptr<const ir::Module> module;
};

struct Event {};

Driver& driver_of(void* driver);
// The bytes [offset, offset + size) of a buffer; throws if they are not all inside it.
uint8_t* buffer_range(void* buffer, uint64_t offset, uint64_t size);

tisa_drv_status_t current_exception_status(tisa_drv_error_t* err) noexcept;
template <class F>
tisa_drv_status_t guarded(tisa_drv_error_t* err, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return current_exception_status(err);
  }
}

// run.cpp
tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err);
void executable_destroy(void* driver, void* exe);
tisa_drv_status_t launch(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err);

}  // namespace tisa::faulty
