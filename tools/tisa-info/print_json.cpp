// Machine-readable output (--json).
#include <iostream>

#include <nlohmann/json.hpp>

#include "tools/tisa-info/info.hpp"

namespace tisa::info {

void print_json(const Info& info) {
  // Ordered: the report reads top-down like the text form.
  using json = nlohmann::ordered_json;
  json out;
  out["loader"] = {{"abi_version", version_text(info.loader_abi_version)},
                   {"search_path",
                    {{"origin", info.search_origin},
                     {"entries", info.search_entries},
                     {"missing", info.missing_entries}}}};
  out["drivers"] = json::array();
  for (const auto& d : info.drivers) {
    out["drivers"].push_back({{"name", d.name},
                              {"manifest_path", d.manifest_path},
                              {"library_path", d.library_path},
                              {"abi_version", d.abi_version ? version_text(d.abi_version) : ""},
                              {"loaded", d.loaded != 0},
                              {"reason", d.reason}});
  }
  out["devices"] = json::array();
  for (const auto& device : info.devices) {
    const tisa_device_info_t& d = device.info;
    json coverage = json::object();
    for (const auto& row : device.coverage) {
      json cells = json::object();
      for (size_t i = 0; i < row.by_dtype.size(); ++i) {
        if (row.by_dtype[i] != Coverage::NotAllowed)
          cells[info.dtype_names[i]] = row.by_dtype[i] == Coverage::Supported;
      }
      coverage[row.name] = std::move(cells);
    }
    out["devices"].push_back({{"index", device.index},
                              {"name", d.name},
                              {"driver", d.driver_name},
                              {"kind", tisa_device_kind_name(d.kind)},
                              {"isa_version", version_text(d.isa_version)},
                              {"extension_string", d.extension_string},
                              {"extension_mask", d.extensions},
                              {"flags", flag_names(d.flags)},
                              {"limits",
                               {{"max_rank", d.limits.max_rank},
                                {"max_dim", d.limits.max_dim},
                                {"max_elements", d.limits.max_elements},
                                {"max_buffer_bytes", d.limits.max_buffer_bytes}}},
                              {"memory_bytes", d.memory_bytes},
                              {"coverage", std::move(coverage)}});
  }
  std::cout << out.dump(2) << "\n";
}

}  // namespace tisa::info
