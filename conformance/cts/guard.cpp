#include "conformance/cts/guard.hpp"

#include <fmt/format.h>

namespace tisa::cts {

std::vector<uint8_t> guarded_image(uint64_t bytes) {
  std::vector<uint8_t> image(static_cast<size_t>(2 * kGuardBytes + bytes), kPoisonByte);
  std::fill_n(image.begin(), kGuardBytes, kGuardByte);
  std::fill_n(image.end() - static_cast<std::ptrdiff_t>(kGuardBytes), kGuardBytes, kGuardByte);
  return image;
}

std::span<const uint8_t> tensor_of(std::span<const uint8_t> image, uint64_t bytes) {
  return image.subspan(kGuardBytes, static_cast<size_t>(bytes));
}

std::optional<std::string> check_guards(std::span<const uint8_t> image, uint64_t bytes,
                                        const std::string& what) {
  for (uint64_t i = kGuardBytes; i-- > 0;) {  // nearest the tensor first
    if (image[static_cast<size_t>(i)] != kGuardByte) {
      return fmt::format("{}: the guard before the tensor was overwritten ({} bytes before its start)", what,
                         kGuardBytes - i);
    }
  }
  const uint64_t after = kGuardBytes + bytes;
  for (uint64_t i = 0; i < kGuardBytes; ++i) {
    if (image[static_cast<size_t>(after + i)] != kGuardByte) {
      return fmt::format("{}: the guard after the tensor was overwritten ({} bytes past its end)", what,
                         i + 1);
    }
  }
  return std::nullopt;
}

}  // namespace tisa::cts
