// The entry point (version negotiation) and the function table.
#include "drivers/reference/description.hpp"
#include "drivers/support/table.hpp"

const std::string_view tisa::drv::kDriverName = "reference driver";

namespace tisa::reference {
namespace {

// driver_destroy (the support library's) joins the queue after its launches have finished.
const tisa_driver_table_t kTable = drv::make_table<Description>();

}  // namespace
}  // namespace tisa::reference

// Accepts any loader of the same major version: the table only grows, and a 1.0 loader reads
// the first TISA_DRIVER_TABLE_SIZE_1_0 bytes of it.
extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::drv::negotiate(loader, tisa::reference::kTable, out_table, err);
}
