// Where the loader looks for driver manifests (Vulkan-ICD style):
//   instance option driver_files, else TISA_DRIVER_FILES: replace everything below;
//   otherwise TISA_ADD_DRIVER_FILES first, then the build tree's manifest folder (when it
//   exists), the install folder, /etc/tisa/drivers and /usr/share/tisa/drivers.
// Each entry is a manifest file or a folder whose *.json files are read in name order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tisa::rt {

struct SearchPath {
  std::vector<std::string> entries;
  std::string origin;  // "instance options", "TISA_DRIVER_FILES" or "default search path"
};

// option_driver_files: tisa_instance_options_t::driver_files (NULL or "" when not given).
SearchPath driver_search_path(const char* option_driver_files);

struct ManifestFiles {
  std::vector<std::string> files;    // in search order, each once
  std::vector<std::string> missing;  // entries that do not exist
};
ManifestFiles find_manifest_files(const SearchPath& path);

// "a,b, c" -> {"a", "b", "c"} (empty items dropped, spaces around items trimmed).
std::vector<std::string> split_list(std::string_view text, char separator);

}  // namespace tisa::rt
