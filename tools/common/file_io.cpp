#include "tools/common/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "hal/ir/error.hpp"

namespace tisa::tools {

std::vector<uint8_t> read_all(const std::string& path) {
  if (path == "-") {
    std::vector<char> chars{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    return {chars.begin(), chars.end()};
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) invalid("{}: is a directory", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(TISA_NOT_FOUND, "{}: cannot open: {}", path, std::strerror(errno));
  std::vector<char> chars{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) invalid("{}: read failed", path);
  return {chars.begin(), chars.end()};
}

void write_all(const std::string& path, std::span<const uint8_t> bytes) {
  if (path == "-") {
    std::cout.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) invalid("writing to stdout failed");
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) fail(TISA_NOT_FOUND, "{}: cannot create: {}", path, std::strerror(errno));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) invalid("{}: write failed", path);
}

}  // namespace tisa::tools
