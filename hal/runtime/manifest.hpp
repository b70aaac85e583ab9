// Driver manifests: the JSON file that names a driver library before anything is loaded.
//   {"file_format_version": "1.0.0",
//    "driver": {"name", "library_path", "abi_major", "library_arch", "config"}}
// A relative library_path is relative to the manifest's folder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tisa::rt {

struct Manifest {
  std::string path;
  std::string file_format_version;
  std::string name;
  std::string library_path;  // resolved
  int64_t abi_major = 0;
  std::string library_arch;
  std::optional<std::string> config;
};

// The outcome of reading a manifest: the manifest, or why it cannot be used. name is filled
// as soon as it is known (the file's stem until then) so the report can name the driver.
struct ManifestResult {
  std::optional<Manifest> manifest;
  std::string name;
  std::string error;  // "manifest is not valid JSON: ...", set when manifest is empty
};

ManifestResult read_manifest(const std::string& path);

}  // namespace tisa::rt
