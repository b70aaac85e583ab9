// numpy descr <-> TISA dtype, through the registry's dtype names: the kind letter and the
// element size give the name ("<i4" -> "i32"), so a dtype added to the registry maps by itself.
// One convention on top: numpy has no bfloat16 and TISA no u16, so "<u2" carries bf16 bits.
#include <bit>

#include <fmt/format.h>

#include "hal/ir/registry.hpp"
#include "tools/common/npy.hpp"

namespace tisa::npy {

static_assert(std::endian::native == std::endian::little,
              "the .npy reader copies little-endian element bytes as they are");

std::optional<std::string> descr_of(tisa_dtype_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  if (info == nullptr) return std::nullopt;
  const uint32_t bytes = info->bits / 8;
  char kind = 'b';
  switch (info->cls) {
    case ir::DtypeClass::Bool: kind = 'b'; break;
    case ir::DtypeClass::Sint: kind = 'i'; break;
    case ir::DtypeClass::Uint: kind = 'u'; break;
    case ir::DtypeClass::Float: kind = 'f'; break;
  }
  if (dtype == TISA_DTYPE_BF16) return std::string(kBf16Descr);
  // Only a dtype numpy knows by this kind and size (bf16 is a float of 16 bits that is not f2).
  const std::string descr = fmt::format("{}{}{}", bytes == 1 ? '|' : '<', kind, bytes);
  if (dtype_of(descr) != dtype) return std::nullopt;
  return descr;
}

std::optional<tisa_dtype_t> dtype_of(std::string_view descr) {
  if (descr.size() < 3) return std::nullopt;
  const char order = descr[0], kind = descr[1];
  const std::string_view size_text = descr.substr(2);
  if (size_text != "1" && size_text != "2" && size_text != "4" && size_text != "8") return std::nullopt;
  const int bytes = size_text[0] - '0';
  // '=' is native order, little-endian here; byte order does not matter for one byte.
  if (order != '<' && order != '|' && order != '=' && !(order == '>' && bytes == 1)) return std::nullopt;
  if (kind == 'u' && bytes == 2) return TISA_DTYPE_BF16;
  std::string name;
  switch (kind) {
    case 'b': name = bytes == 1 ? "bool" : ""; break;
    case 'i':
    case 'u':
    case 'f': name = fmt::format("{}{}", kind, bytes * 8); break;
    default: return std::nullopt;
  }
  const ir::DtypeInfo* info = ir::find_dtype(std::string_view(name));
  if (info == nullptr || info->bits != static_cast<uint32_t>(bytes * 8)) return std::nullopt;
  return info->dtype;
}

}  // namespace tisa::npy
