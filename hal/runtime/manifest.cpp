// Parses and validates a driver manifest. Version and architecture are the loader's business;
// here only the file format and the presence and types of the fields are checked.
#include "hal/runtime/manifest.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace tisa::rt {
namespace {

// "1.0.0" -> 1; nullopt if the string does not start with a number.
std::optional<int> major_of(const std::string& version) {
  size_t digits = 0;
  while (digits < version.size() && digits < 6 && std::isdigit(static_cast<unsigned char>(version[digits]))) {
    ++digits;
  }
  if (digits == 0 || (digits < version.size() && version[digits] != '.')) return std::nullopt;
  return std::stoi(version.substr(0, digits));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ManifestResult read_manifest(const std::string& path) {
  ManifestResult result;
  result.name = fs::path(path).stem().string();
  std::string text;
  try {
    text = read_file(path);
  } catch (const std::exception& e) {
    result.error = fmt::format("cannot read manifest: {}", e.what());
    return result;
  }
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    result.error = fmt::format("manifest is not valid JSON: {}", e.what());
    return result;
  }
  if (!root.is_object()) {
    result.error = "manifest is not a JSON object";
    return result;
  }
  const json* driver = root.contains("driver") ? &root.at("driver") : nullptr;
  if (driver != nullptr && driver->is_object() && driver->contains("name") &&
      driver->at("name").is_string() && !driver->at("name").get<std::string>().empty()) {
    result.name = driver->at("name").get<std::string>();
  }

  Manifest manifest;
  manifest.path = path;
  manifest.name = result.name;
  if (!root.contains("file_format_version") || !root.at("file_format_version").is_string()) {
    result.error = "manifest has no string field file_format_version";
    return result;
  }
  manifest.file_format_version = root.at("file_format_version").get<std::string>();
  const std::optional<int> major = major_of(manifest.file_format_version);
  if (major != 1) {
    result.error = fmt::format("manifest file_format_version {} is not supported (loader reads 1.x.x)",
                               manifest.file_format_version);
    return result;
  }
  if (driver == nullptr || !driver->is_object()) {
    result.error = "manifest has no object field driver";
    return result;
  }
  for (const char* field : {"name", "library_path", "library_arch"}) {
    if (!driver->contains(field) || !driver->at(field).is_string() ||
        driver->at(field).get<std::string>().empty()) {
      result.error = fmt::format("manifest has no non-empty string field driver.{}", field);
      return result;
    }
  }
  if (!driver->contains("abi_major") || !driver->at("abi_major").is_number_integer()) {
    result.error = "manifest has no integer field driver.abi_major";
    return result;
  }
  if (driver->contains("config")) {
    if (!driver->at("config").is_string()) {
      result.error = "manifest field driver.config is not a string";
      return result;
    }
    manifest.config = driver->at("config").get<std::string>();
  }
  manifest.abi_major = driver->at("abi_major").get<int64_t>();
  manifest.library_arch = driver->at("library_arch").get<std::string>();
  fs::path library = driver->at("library_path").get<std::string>();
  if (library.is_relative()) library = fs::path(path).parent_path() / library;
  manifest.library_path = library.lexically_normal().string();
  result.manifest = std::move(manifest);
  return result;
}

}  // namespace tisa::rt
