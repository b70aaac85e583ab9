// The part of every driver object the support library needs: what driver_create negotiated,
// the log, how many devices there are and how large a buffer may be. A driver derives its own
// Driver from DriverBase; the handle the loader holds is always a DriverBase*, so that the
// common entries (driver_destroy, device_count, host buffers) work for every driver.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>

#include "drivers/support/errors.hpp"
#include "drivers/support/limits.hpp"
#include "drivers/support/negotiate.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

struct DriverBase {
  explicit DriverBase(const CreateRequest& request) : abi_version(request.abi_version), log(request.log) {}
  virtual ~DriverBase() = default;
  DriverBase(const DriverBase&) = delete;
  DriverBase& operator=(const DriverBase&) = delete;

  uint32_t abi_version = 0;
  Log log;
  uint32_t device_count = 1;
  uint64_t max_buffer_bytes = spec_limits().max_buffer_bytes;  // larger buffers are OUT_OF_MEMORY
};

// An ABI handle as the object behind it; throws INVALID_ARGUMENT naming `what` when it is null.
template <class T>
T& handle_of(void* handle, const char* what) {
  if (!handle) invalid("the {} handle is null", what);
  return *static_cast<T*>(handle);
}

// The driver handle as the driver's own type D (derived from DriverBase).
template <class D>
D& driver_of(void* driver) {
  static_assert(std::is_base_of_v<DriverBase, D>);
  return static_cast<D&>(handle_of<DriverBase>(driver, "driver"));
}

// Hands a new driver to driver_create's caller.
template <class D>
void publish_driver(std::unique_ptr<D> driver, void** out_driver) {
  *out_driver = static_cast<DriverBase*>(driver.release());
}

// Throws INVALID_ARGUMENT unless device is one of the driver's.
void check_device(const DriverBase& driver, uint32_t device);

// Table entries. destroy_handle<T> deletes a handle created as `new T`.
void driver_destroy(void* driver);
uint32_t device_count(void* driver);
template <class T>
void destroy_handle(void* /*driver*/, void* handle) {
  delete static_cast<T*>(handle);
}

}  // namespace tisa::drv
