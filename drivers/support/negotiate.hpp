// Version negotiation and driver_create's checks: a loader or create info of the same ABI major
// is accepted whatever its minor (the table and the structs only grow); another major is
// INCOMPATIBLE, with both versions named. Fields past the caller's struct_size are absent.
#pragma once

#include <string>
#include <string_view>

#include "tisa/driver.h"

namespace tisa::drv {

// The loader's log callback, or nothing when the loader gave none.
class Log {
 public:
  Log() = default;
  Log(tisa_drv_log_fn fn, void* user) : fn_(fn), user_(user) {}
  void operator()(tisa_log_level_t level, const std::string& message) const {
    if (fn_) fn_(user_, level, message.c_str());
  }

 private:
  tisa_drv_log_fn fn_ = nullptr;
  void* user_ = nullptr;
};

// What driver_create was given, checked.
struct CreateRequest {
  uint32_t abi_version = 0;  // negotiated: min(loader's, driver's)
  Log log;
  std::string_view config;  // the manifest's "config" string; empty when absent
};

// The entry point's work: checks the loader info and hands out table. Never throws.
tisa_drv_status_t negotiate(const tisa_loader_info_t* loader, const tisa_driver_table_t& table,
                            const tisa_driver_table_t** out_table, tisa_drv_error_t* err) noexcept;

// Checks driver_create's arguments (INVALID_ARGUMENT, or INCOMPATIBLE for another ABI major).
CreateRequest read_create_info(const tisa_drv_create_info_t* info, void** out_driver);

// "1.1"
std::string abi_version_text(uint32_t version);

}  // namespace tisa::drv
