// The entry point (version negotiation), the function table, driver_create, and the device's
// execution resources.
#include <memory>
#include <new>

#include "drivers/cpu/description.hpp"
#include "drivers/cpu/plan/steps.hpp"
#include "drivers/support/table.hpp"

const std::string_view tisa::drv::kDriverName = "cpu driver";

namespace tisa::cpu {
namespace {

// driver_destroy (the support library's): the queue finishes the launches in flight before the
// device goes.
const tisa_driver_table_t kTable = drv::make_table<Description>();

}  // namespace

std::unique_ptr<Driver> Description::create(const drv::CreateRequest& request) {
  auto driver = std::make_unique<Driver>(request);
  driver->device = std::make_unique<Device>(ThreadPool::default_threads());
  driver->log(TISA_LOG_DEBUG, fmt::format("cpu driver created (ABI {}, {} threads, {} kernels)",
                                          drv::abi_version_text(request.abi_version),
                                          driver->device->pool.size(), driver->device->kernels.isa));
  return driver;
}

Device::Device(unsigned threads) : kernels(cpu::kernels()), pool(threads), scratch(threads) {
  use_single_threaded_blas();
}

Device::~Device() {
  ::operator delete(arena, std::align_val_t(kArenaAlignment));
}

uint8_t* Device::reserve_arena(uint64_t bytes) {
  if (bytes > arena_size) {
    ::operator delete(arena, std::align_val_t(kArenaAlignment));
    arena = nullptr;
    arena_size = 0;
    arena = static_cast<uint8_t*>(::operator new(bytes, std::align_val_t(kArenaAlignment)));
    arena_size = bytes;
  }
  return arena;
}

}  // namespace tisa::cpu

// Accepts any loader of the same major version: the table only grows, and a 1.0 loader reads
// the first TISA_DRIVER_TABLE_SIZE_1_0 bytes of it.
extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::drv::negotiate(loader, tisa::cpu::kTable, out_table, err);
}
