// Reading and writing numpy .npy files (format 1.0, 2.0 and 3.0), the tensor exchange format of
// the command-line tools. Only C-order arrays of dtypes that map to a TISA dtype by name
// (<f4 -> f32, |b1 -> bool, ...). Every check is made before anything is allocated, so a
// hostile file gives an error naming what is wrong, never a crash or a huge allocation.
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

// "<f4" for f32, "|b1" for bool; nullopt when numpy has no such dtype (bf16).
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
