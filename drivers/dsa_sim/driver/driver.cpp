// The entry point, the function table and driver creation: which accelerator to simulate
// (TISA_DSA_ARCH, else the manifest's config, else scalesim-32x32) and where reports go.
#include <cstdlib>

#include "drivers/dsa_sim/driver/description.hpp"
#include "drivers/support/errors.hpp"
#include "drivers/support/table.hpp"

const std::string_view tisa::drv::kDriverName = "dsa_sim driver";

namespace tisa::dsa {
namespace {

const tisa_driver_table_t kTable = drv::make_table<Description>();

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

}  // namespace

std::unique_ptr<Driver> Description::create(const drv::CreateRequest& request) {
  std::string choice = env("TISA_DSA_ARCH");
  if (choice.empty()) choice = std::string(request.config);
  if (choice.empty()) choice = "scalesim-32x32";
  Arch arch = load_arch(choice);
  ReportSinks sinks;
  sinks.report_path = env("TISA_DSA_REPORT");
  sinks.trace_path = env("TISA_DSA_TRACE");
  sinks.commands_path = env("TISA_DSA_COMMANDS");
  sinks.table = env("TISA_DSA_REPORT_TABLE") == "1";
  auto driver =
      std::make_unique<Driver>(request, std::move(arch), std::move(sinks), env("TISA_DSA_SCALESIM") == "1");
  driver->log(TISA_LOG_DEBUG, "dsa_sim driver created, simulating " + driver->arch.name + " (ABI " +
                                  drv::abi_version_text(request.abi_version) + ")");
  return driver;
}

}  // namespace tisa::dsa

// Accepts any loader of the same major version (the table only grows).
extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::drv::negotiate(loader, tisa::dsa::kTable, out_table, err);
}
