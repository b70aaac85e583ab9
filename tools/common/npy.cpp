#include "tools/common/npy.hpp"

#include <cstring>

#include <fmt/format.h>

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "tools/common/npy_header.hpp"

namespace tisa::npy {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr size_t kAlignment = 64;  // numpy pads the header so the data starts aligned
constexpr size_t kGrowthDigits = 21;

uint32_t read_le(std::span<const uint8_t> bytes, size_t offset, size_t width) {
  uint32_t value = 0;
  for (size_t i = 0; i < width; ++i) value |= uint32_t{bytes[offset + i]} << (8 * i);
  return value;
}

std::string supported_descrs() {
  std::string list;
  for (const ir::DtypeInfo& info : ir::all_dtypes())
    if (auto descr = descr_of(info.dtype))
      list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", *descr, info.name);
  return list;
}

// Element count with each step checked against the spec's limit, so it cannot overflow.
uint64_t checked_count(std::span<const int64_t> shape) {
  uint64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > TISA_MAX_DIM) invalid("npy shape dimension {} is out of range", d);
    if (d != 0 && count > static_cast<uint64_t>(TISA_MAX_ELEMENTS) / static_cast<uint64_t>(d))
      invalid("npy shape has more than {} elements", TISA_MAX_ELEMENTS);
    count *= static_cast<uint64_t>(d);
  }
  return count;
}

struct Layout {
  Array array;  // without data
  size_t data_offset = 0;
  uint64_t data_bytes = 0;
};

// Validates everything but the data, against the file's total size.
Layout parse_layout(std::span<const uint8_t> bytes) {
  if (bytes.size() < kMagic.size() + 2 || std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0)
    invalid("not a .npy file (the magic string \\x93NUMPY is missing)");
  const uint8_t major = bytes[6], minor = bytes[7];
  if (major < 1 || major > 3 || minor != 0)
    invalid("unsupported .npy format version {}.{} (1.0, 2.0 and 3.0 are read)", major, minor);
  const size_t length_width = major == 1 ? 2 : 4;
  const size_t preamble = 8 + length_width;
  if (bytes.size() < preamble) invalid("the .npy file ends inside its header length");
  const uint64_t header_length = read_le(bytes, 8, length_width);
  if (header_length > bytes.size() - preamble)
    invalid("the .npy header length {} runs past the end of the file ({} bytes)", header_length,
            bytes.size());
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()) + preamble, header_length);
  detail::Header header = detail::parse_header(text);

  if (header.fortran_order)
    invalid(
        "Fortran-order .npy arrays are not supported; save a C-order array "
        "(numpy.ascontiguousarray)");
  const std::optional<tisa_dtype_t> dtype = dtype_of(header.descr);
  if (!dtype) invalid("unsupported .npy dtype '{}'; supported: {}", header.descr, supported_descrs());

  Layout layout;
  layout.array.dtype = *dtype;
  layout.array.shape = std::move(header.shape);
  layout.data_offset = preamble + header_length;
  const uint64_t count = checked_count(layout.array.shape);
  layout.data_bytes = count * ir::dtype_size(*dtype);
  const uint64_t available = bytes.size() - layout.data_offset;
  if (available != layout.data_bytes)
    invalid("the .npy data is {} bytes but shape ({}) of {} needs {}", available,
            fmt::join(layout.array.shape, ", "), header.descr, layout.data_bytes);
  return layout;
}

void check_array(const Array& array) {
  if (array.shape.size() > static_cast<size_t>(TISA_MAX_RANK))
    invalid("rank {} is above the limit {}", array.shape.size(), TISA_MAX_RANK);
  const uint64_t count = checked_count(array.shape);
  if (count * ir::dtype_size(array.dtype) != array.data.size())
    invalid("array data is {} bytes but its shape needs {}", array.data.size(),
            count * ir::dtype_size(array.dtype));
}

}  // namespace

uint64_t Array::element_count() const {
  uint64_t count = 1;
  for (int64_t d : shape) count *= static_cast<uint64_t>(d);
  return count;
}

Array parse(std::span<const uint8_t> bytes) {
  Layout layout = parse_layout(bytes);
  const auto* data = bytes.data() + layout.data_offset;
  layout.array.data.assign(data, data + layout.data_bytes);
  return std::move(layout.array);
}

Array detail::parse_owned(std::vector<uint8_t>&& bytes) {
  Layout layout = parse_layout(bytes);
  bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(layout.data_offset));
  layout.array.data = std::move(bytes);
  return std::move(layout.array);
}

std::vector<uint8_t> serialize(const Array& array) {
  const std::optional<std::string> descr = descr_of(array.dtype);
  if (!descr) {
    const ir::DtypeInfo* info = ir::find_dtype(array.dtype);
    invalid("dtype {} has no .npy equivalent", info ? info->name : std::string_view("invalid"));
  }
  check_array(array);
  std::string header = detail::format_header({*descr, false, array.shape});
  // numpy leaves room for the first dim to grow in place; doing the same makes our files
  // byte-identical to numpy.save's.
  if (!array.shape.empty()) header.append(kGrowthDigits - std::to_string(array.shape[0]).size(), ' ');
  // Version 1.0 has a 16-bit header length; 2.0 only when that is too small.
  size_t preamble = 10;
  auto padded = [&] { return (preamble + header.size() + 1 + kAlignment - 1) / kAlignment * kAlignment; };
  uint8_t major = 1;
  if (padded() - preamble > 0xffff) {
    major = 2;
    preamble = 12;
  }
  const size_t total_header = padded() - preamble;
  header.resize(total_header - 1, ' ');
  header += '\n';

  std::vector<uint8_t> out;
  out.reserve(preamble + header.size() + array.data.size());
  out.insert(out.end(), kMagic.begin(), kMagic.end());
  out.push_back(major);
  out.push_back(0);
  for (size_t i = 0; i < preamble - 8; ++i) out.push_back(static_cast<uint8_t>(total_header >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), array.data.begin(), array.data.end());
  return out;
}

}  // namespace tisa::npy
