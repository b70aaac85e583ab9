// Shared vocabulary of the operator library: shape and dtype queries, axis normalization,
// constants of a given shape and dtype, and shape expressions as tensors.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hal/ir/builder.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ops {

using ir::Builder;
using ir::Expr;
using ir::Value;
using Dims = std::vector<Expr>;

inline tisa_dtype_t dtype_of(const Builder& b, Value v) {
  return b.type(v).dtype;
}
// A copy: a reference into the module would dangle once the next instruction is added.
inline Dims dims_of(const Builder& b, Value v) {
  return b.type(v).dims;
}
inline int64_t rank_of(const Builder& b, Value v) {
  return static_cast<int64_t>(b.type(v).rank());
}
inline Expr lit(int64_t v) {
  return Expr::lit(v);
}

// Frameworks count axes from the end with negative numbers; TISA does not (spec 7.1).
int64_t normalize_axis(int64_t axis, int64_t rank, std::string_view op);
// Normalized, checked distinct; the order is kept.
std::vector<int64_t> normalize_axes(std::span<const int64_t> axes, int64_t rank, std::string_view op);

// Provable equality of two dimension lists (same rank, every dim provably equal).
bool same_dims(const Dims& a, const Dims& b);
// "[N, 3]" / "N" with the builder's symbol names, for error messages.
std::string dims_str(const Builder& b, const Dims& dims);
std::string dim_str(const Builder& b, const Expr& dim);
std::string dtype_name(tisa_dtype_t dtype);

// value converted to dtype (as cast would), filling shape.
Value splat(Builder& b, double value, tisa_dtype_t dtype, const Dims& shape);
// value in like's dtype and shape.
Value splat_like(Builder& b, double value, Value like);
// A constant of the given literal shape holding values converted to dtype as cast would; dtypes
// the builder cannot encode (f16, bf16) are built in f32 and cast.
Value constant_from(Builder& b, tisa_dtype_t dtype, std::vector<int64_t> shape,
                    std::span<const double> values);
// The lowest / highest value of dtype (-inf / +inf for floats): identities of max / min.
double lowest_value(tisa_dtype_t dtype);
double highest_value(tisa_dtype_t dtype);

// The value of a shape expression as a rank-0 tensor of dtype: a constant when it is a literal,
// otherwise the last element of iota([e + 1]) (TISA-B has no "dimension as a value" op).
Value dim_value(Builder& b, const Expr& e, tisa_dtype_t dtype);

// Throws unless x's dtype is a float dtype, naming op.
void require_float(const Builder& b, Value x, std::string_view op);
// Throws unless dim is provably the literal value, naming op and what.
int64_t require_literal(const Builder& b, const Expr& dim, std::string_view op, std::string_view what);

// Reshape that skips the op when the shape is already the same.
Value reshape_to(Builder& b, Value x, const Dims& shape);
// Moves axis `from` to position `to` with a transpose (no op when equal).
Value move_axis(Builder& b, Value x, int64_t from, int64_t to);

}  // namespace tisa::ops
