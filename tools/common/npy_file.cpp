#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "hal/ir/error.hpp"
#include "tools/common/npy_header.hpp"

namespace tisa::npy {

Array read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) invalid("{}: is a directory, not a .npy file", path);
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) fail(TISA_NOT_FOUND, "{}: cannot open: {}", path, std::strerror(errno));
  const std::streamoff size = in.tellg();
  if (size < 0) invalid("{}: cannot read its size", path);
  in.seekg(0);
  // The file's own size bounds the allocation; the header is checked against it.
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) invalid("{}: read failed", path);
  try {
    return detail::parse_owned(std::move(bytes));
  } catch (const Error& e) {
    throw Error(e.code(), path + ": " + e.message());
  }
}

void write_file(const std::string& path, const Array& array) {
  std::vector<uint8_t> bytes;
  try {
    bytes = serialize(array);
  } catch (const Error& e) {
    throw Error(e.code(), path + ": " + e.message());
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) fail(TISA_NOT_FOUND, "{}: cannot create: {}", path, std::strerror(errno));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) invalid("{}: write failed", path);
}

}  // namespace tisa::npy
