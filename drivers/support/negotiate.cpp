#include "drivers/support/negotiate.hpp"

#include <cstddef>

#include "drivers/support/errors.hpp"

namespace tisa::drv {

std::string abi_version_text(uint32_t version) {
  return fmt::format("{}.{}", TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version));
}

tisa_drv_status_t negotiate(const tisa_loader_info_t* loader, const tisa_driver_table_t& table,
                            const tisa_driver_table_t** out_table, tisa_drv_error_t* err) noexcept {
  return guarded(err, [&] {
    if (!loader || !out_table) invalid("negotiate needs loader info and out_table");
    if (loader->struct_size < sizeof(tisa_loader_info_t)) {
      invalid("loader info struct_size {} is smaller than {}", loader->struct_size,
              sizeof(tisa_loader_info_t));
    }
    if (TISA_VERSION_MAJOR(loader->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE, "implements driver ABI {}, the loader speaks ABI {}; major versions differ",
           abi_version_text(table.abi_version), abi_version_text(loader->abi_version));
    }
    *out_table = &table;
    return TISA_OK;
  });
}

CreateRequest read_create_info(const tisa_drv_create_info_t* info, void** out_driver) {
  if (!info || !out_driver) invalid("driver_create needs info and out_driver");
  if (info->struct_size < offsetof(tisa_drv_create_info_t, log)) {
    invalid("create info struct_size {} is too small", info->struct_size);
  }
  if (TISA_VERSION_MAJOR(info->abi_version) != TISA_DRIVER_ABI_MAJOR) {
    fail(TISA_INCOMPATIBLE, "implements driver ABI {}, asked to run ABI {}",
         abi_version_text(TISA_DRIVER_ABI_VERSION), abi_version_text(info->abi_version));
  }
  CreateRequest request;
  request.abi_version = info->abi_version;
  // An older loader's struct ends earlier: what lies past its struct_size stays unset.
  auto has = [&](size_t offset, size_t size) { return info->struct_size >= offset + size; };
  if (has(offsetof(tisa_drv_create_info_t, log_user), sizeof(void*)))
    request.log = Log(info->log, info->log_user);
  if (has(offsetof(tisa_drv_create_info_t, config), sizeof(char*)) && info->config)
    request.config = info->config;
  return request;
}

}  // namespace tisa::drv
