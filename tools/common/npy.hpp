// Reading and writing numpy .npy files (format 1.0, 2.0 and 3.0), the tensor exchange format of
// the command-line tools. Only C-order arrays of dtypes that map to a TISA dtype by name
// (<f4 -> f32, |b1 -> bool, ...; <u2 holds bf16, see below). Every check is made before anything is
// allocated, so a hostile file gives an error naming what is wrong, never a crash or a huge allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tisa/isa.h"

namespace tisa::npy {

struct Array {
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  std::vector<int64_t> shape;  // rank 0..TISA_MAX_RANK
  std::vector<uint8_t> data;   // row-major, little-endian element bytes

  uint64_t element_count() const;
};

// bf16 has no numpy dtype and TISA has no u16: a bf16 array is stored as numpy uint16 ("<u2"),
// its raw bits (the upper half of each binary32; numpy: (f32.view(np.uint32) >> 16).astype(np.uint16)
// truncates, TISA's cast rounds to nearest even), and every "<u2" array reads as bf16.
inline constexpr std::string_view kBf16Descr = "<u2";

// "<f4" for f32, "|b1" for bool, "<f2" for f16, "<u2" for bf16 (above); nullopt for a dtype
// without one.
std::optional<std::string> descr_of(tisa_dtype_t dtype);
// The TISA dtype of a numpy descr; nullopt when TISA has none or the byte order is big-endian.
std::optional<tisa_dtype_t> dtype_of(std::string_view descr);

// Throws tisa::Error(INVALID_ARGUMENT) naming what is wrong with the bytes.
Array parse(std::span<const uint8_t> bytes);
// Format 1.0 when the header fits, else 2.0. Throws when the array is inconsistent.
std::vector<uint8_t> serialize(const Array& array);

// As parse/serialize; errors start with the path. A missing file is Error(NOT_FOUND).
Array read_file(const std::string& path);
void write_file(const std::string& path, const Array& array);

}  // namespace tisa::npy
