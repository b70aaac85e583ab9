// Enum values that come from C callers. In C an enum object may hold any int; in C++ loading
// a value outside the enum's range is undefined (UBSan's -fsanitize=enum flags it). Every enum
// a caller hands us is therefore read as its raw integer and checked before it is used.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace tisa::rt {

template <typename E>
int64_t raw_enum(const E& value) {
  static_assert(std::is_enum_v<E>);
  std::underlying_type_t<E> raw;
  std::memcpy(&raw, &value, sizeof raw);
  return static_cast<int64_t>(raw);
}

}  // namespace tisa::rt
