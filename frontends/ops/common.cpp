#include "frontends/ops/common.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "hal/ir/registry.hpp"

namespace tisa::ops {

int64_t normalize_axis(int64_t axis, int64_t rank, std::string_view op) {
  const int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank)
    invalid("{}: axis {} is out of range for a tensor of rank {}", op, axis, rank);
  return normalized;
}

std::vector<int64_t> normalize_axes(std::span<const int64_t> axes, int64_t rank, std::string_view op) {
  std::vector<int64_t> out;
  for (int64_t a : axes) {
    const int64_t n = normalize_axis(a, rank, op);
    for (int64_t seen : out)
      if (seen == n) invalid("{}: axis {} is given twice", op, a);
    out.push_back(n);
  }
  return out;
}

bool same_dims(const Dims& a, const Dims& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].equals(b[i])) return false;
  return true;
}

std::string dims_str(const Builder& b, const Dims& dims) {
  const std::vector<std::string> names = b.module().symbol_names();
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + dims[i].str(names);
  return s + "]";
}

std::string dim_str(const Builder& b, const Expr& dim) {
  return dim.str(b.module().symbol_names());
}

std::string dtype_name(tisa_dtype_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return info ? std::string(info->name) : fmt::format("dtype#{}", static_cast<int>(dtype));
}

Value splat(Builder& b, double value, tisa_dtype_t dtype, const Dims& shape) {
  return b.fill(dtype, shape, value);
}

Value splat_like(Builder& b, double value, Value like) {
  return b.fill(dtype_of(b, like), dims_of(b, like), value);
}

Value constant_from(Builder& b, tisa_dtype_t dtype, std::vector<int64_t> shape,
                    std::span<const double> values) {
  const bool encodable = !ir::dtype_is_float(dtype) || dtype == TISA_DTYPE_F32 || dtype == TISA_DTYPE_F64;
  const tisa_dtype_t stored = encodable ? dtype : TISA_DTYPE_F32;
  const size_t size = ir::dtype_size(stored);
  std::vector<uint8_t> bytes(values.size() * size);
  for (size_t i = 0; i < values.size(); ++i) {
    const uint64_t bits = ir::scalar_bits(stored, values[i]);
    std::memcpy(bytes.data() + i * size, &bits, size);  // little-endian: the low bytes
  }
  Value v = b.constant(stored, std::move(shape), std::span<const uint8_t>(bytes));
  return stored == dtype ? v : b.cast(v, dtype);
}

double lowest_value(tisa_dtype_t dtype) {
  if (ir::dtype_is_float(dtype)) return -std::numeric_limits<double>::infinity();
  if (!ir::dtype_is_signed(dtype)) return 0.0;
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return -std::ldexp(1.0, static_cast<int>(info->bits) - 1);
}

double highest_value(tisa_dtype_t dtype) {
  if (ir::dtype_is_float(dtype)) return std::numeric_limits<double>::infinity();
  if (dtype == TISA_DTYPE_BOOL) return 1.0;
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  const int value_bits = static_cast<int>(info->bits) - (ir::dtype_is_signed(dtype) ? 1 : 0);
  // Saturating conversion in scalar_bits turns 2^bits into the maximum.
  return std::ldexp(1.0, value_bits);
}

Value dim_value(Builder& b, const Expr& e, tisa_dtype_t dtype) {
  if (auto v = e.as_lit()) return b.scalar(dtype, static_cast<double>(*v));
  Value count = b.iota(TISA_DTYPE_I64, {e + lit(1)}, 0);
  Value last = b.slice(count, {e}, {e + lit(1)}, {1});
  Value scalar = b.reshape(last, {});
  return dtype == TISA_DTYPE_I64 ? scalar : b.cast(scalar, dtype);
}

void require_float(const Builder& b, Value x, std::string_view op) {
  if (!ir::dtype_is_float(dtype_of(b, x)))
    invalid("{}: needs a float tensor, got {}", op, dtype_name(dtype_of(b, x)));
}

int64_t require_literal(const Builder& b, const Expr& dim, std::string_view op, std::string_view what) {
  if (auto v = dim.as_lit()) return *v;
  invalid("{}: {} must be a literal dimension, got {}", op, what, dim_str(b, dim));
}

Value reshape_to(Builder& b, Value x, const Dims& shape) {
  return same_dims(dims_of(b, x), shape) ? x : b.reshape(x, shape);
}

Value move_axis(Builder& b, Value x, int64_t from, int64_t to) {
  if (from == to) return x;
  std::vector<int64_t> perm(static_cast<size_t>(rank_of(b, x)));
  std::iota(perm.begin(), perm.end(), 0);
  perm.erase(perm.begin() + from);
  perm.insert(perm.begin() + to, from);
  return b.transpose(x, perm);
}

}  // namespace tisa::ops
