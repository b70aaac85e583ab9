#include "drivers/support/driver_base.hpp"

namespace tisa::drv {

void check_device(const DriverBase& driver, uint32_t device) {
  if (device >= driver.device_count) {
    invalid("device {} does not exist (the driver has {})", device, driver.device_count);
  }
}

void driver_destroy(void* driver) {
  // The derived destructor runs first: a driver's queue finishes its launches there.
  delete static_cast<DriverBase*>(driver);
}

uint32_t device_count(void* driver) {
  return driver ? static_cast<DriverBase*>(driver)->device_count : 0;
}

}  // namespace tisa::drv
