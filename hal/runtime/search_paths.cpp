// The manifest search path and its expansion into manifest files.
#include "hal/runtime/search_paths.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace tisa::rt {
namespace {

const char* non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

void append(std::vector<std::string>& to, std::vector<std::string> items) {
  to.insert(to.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
}

// <prefix>/share/tisa/drivers for the prefix this code was loaded from (libtisa in
// <prefix>/lib, or a tool in <prefix>/bin), so a relocated install still finds its drivers.
std::string relocated_driver_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&relocated_driver_dir), &info) == 0 || info.dli_fname == nullptr)
    return {};
  std::error_code ec;
  const fs::path image = fs::weakly_canonical(info.dli_fname, ec);
  if (ec) return {};
  const fs::path dir = image.parent_path().parent_path() / "share" / "tisa" / "drivers";
  return fs::is_directory(dir, ec) ? dir.string() : std::string();
}

}  // namespace

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const size_t end = std::min(text.find(separator), text.size());
    std::string_view item = text.substr(0, end);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    text.remove_prefix(end == text.size() ? end : end + 1);
  }
  return items;
}

SearchPath driver_search_path(const char* option_driver_files) {
  if (option_driver_files != nullptr && *option_driver_files != '\0') {
    return {split_list(option_driver_files, ':'), "instance options"};
  }
  if (const char* files = non_empty_env("TISA_DRIVER_FILES")) {
    return {split_list(files, ':'), "TISA_DRIVER_FILES"};
  }
  SearchPath path{{}, "default search path"};
  if (const char* added = non_empty_env("TISA_ADD_DRIVER_FILES")) {
    append(path.entries, split_list(added, ':'));
  }
  std::error_code ec;
  if (fs::is_directory(TISA_BUILD_DRIVER_DIR, ec)) path.entries.emplace_back(TISA_BUILD_DRIVER_DIR);
  const std::string relocated = relocated_driver_dir();
  if (!relocated.empty() && relocated != TISA_INSTALL_DRIVER_DIR) path.entries.push_back(relocated);
  path.entries.emplace_back(TISA_INSTALL_DRIVER_DIR);
  path.entries.emplace_back("/etc/tisa/drivers");
  path.entries.emplace_back("/usr/share/tisa/drivers");
  return path;
}

ManifestFiles find_manifest_files(const SearchPath& path) {
  ManifestFiles found;
  std::set<std::string> seen;  // canonical paths: one manifest reached twice is read once
  auto add_file = [&](const fs::path& file) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file.string() : canonical.string()).second) {
      found.files.push_back(file.string());
    }
  };
  for (const std::string& entry : path.entries) {
    std::error_code ec;
    const fs::file_status status = fs::status(entry, ec);
    if (ec || !fs::exists(status)) {
      found.missing.push_back(entry);
    } else if (fs::is_directory(status)) {
      std::vector<fs::path> files;
      for (const auto& item : fs::directory_iterator(entry, ec)) {
        if (item.path().extension() == ".json" && !item.is_directory(ec)) files.push_back(item.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) add_file(file);
    } else {
      add_file(entry);
    }
  }
  return found;
}

}  // namespace tisa::rt
