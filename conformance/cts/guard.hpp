// Guard regions: every output tensor sits inside a larger buffer whose bytes before and after
// it hold a sentinel; a driver that writes outside its tensor changes them (ggml's sentinels).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tisa::cts {

inline constexpr uint64_t kGuardBytes = 256;  // before and after; keeps 64-byte alignment
inline constexpr uint8_t kGuardByte = 0xA5;
inline constexpr uint8_t kPoisonByte = 0xCD;  // the tensor's bytes before the launch

// guard | `bytes` of poison | guard
std::vector<uint8_t> guarded_image(uint64_t bytes);
// The tensor's bytes within an image.
std::span<const uint8_t> tensor_of(std::span<const uint8_t> image, uint64_t bytes);
// Empty when both guards are intact, else which side of `what` was overwritten and where.
std::optional<std::string> check_guards(std::span<const uint8_t> image, uint64_t bytes,
                                        const std::string& what);

}  // namespace tisa::cts
