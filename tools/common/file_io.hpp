// Whole-file reads and writes for the command-line tools; "-" is stdin or stdout.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tisa::tools {

// Throws tisa::Error (NOT_FOUND when the file cannot be opened) naming the path.
std::vector<uint8_t> read_all(const std::string& path);
void write_all(const std::string& path, std::span<const uint8_t> bytes);

}  // namespace tisa::tools
