// A test-only TISA driver: the reference kernels behind the driver ABI, with one fault injected
// (chosen by the manifest's "config" string, see faults.hpp). Launches run synchronously.
// Never installed: its manifests live in the build tree's faulty-drivers folder only.
#include "conformance/tests/faulty_driver/objects.hpp"
#include "drivers/support/table.hpp"

const std::string_view tisa::drv::kDriverName = "faulty driver";

namespace tisa::faulty {
namespace {

const tisa_driver_table_t kTable = drv::make_table<Description>();

}  // namespace
}  // namespace tisa::faulty

extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::drv::negotiate(loader, tisa::faulty::kTable, out_table, err);
}
