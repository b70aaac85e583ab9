// Copies a string into a fixed C char array, truncating and NUL-terminating.
#pragma once

#include <algorithm>
#include <cstring>
#include <string_view>

namespace tisa::rt {

template <size_t N>
void copy_text(char (&to)[N], std::string_view from) {
  const size_t n = std::min(from.size(), N - 1);
  std::memcpy(to, from.data(), n);
  to[n] = '\0';
}

}  // namespace tisa::rt
