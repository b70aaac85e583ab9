#include "frontends/ops/broadcast.hpp"

#include "hal/ir/registry.hpp"

namespace tisa::ops {
namespace {

const ir::DtypeInfo& info_of(tisa_dtype_t d) {
  const ir::DtypeInfo* info = ir::find_dtype(d);
  if (!info) invalid("promote: unknown dtype code {}", static_cast<int>(d));
  return *info;
}

// The narrowest registry dtype of class cls with more than `bits` bits (or at least, when
// at_least), preferring base dtypes over extension ones of the same width.
std::optional<tisa_dtype_t> narrowest(ir::DtypeClass cls, uint32_t bits, bool at_least) {
  const ir::DtypeInfo* best = nullptr;
  for (const ir::DtypeInfo& d : ir::all_dtypes()) {
    if (d.cls != cls || (at_least ? d.bits < bits : d.bits <= bits)) continue;
    const bool better =
        !best || d.bits < best->bits ||
        (d.bits == best->bits && d.extension == TISA_EXT_BASE && best->extension != TISA_EXT_BASE);
    if (better) best = &d;
  }
  return best ? std::optional<tisa_dtype_t>(best->dtype) : std::nullopt;
}

}  // namespace

tisa_dtype_t promote_types(tisa_dtype_t a, tisa_dtype_t b) {
  if (a == b) return a;
  const ir::DtypeInfo &x = info_of(a), &y = info_of(b);
  if (x.cls == ir::DtypeClass::Bool) return b;
  if (y.cls == ir::DtypeClass::Bool) return a;
  std::optional<tisa_dtype_t> result;
  if (x.cls == ir::DtypeClass::Float && y.cls == ir::DtypeClass::Float) {
    // Equal widths (f16 with bf16) need the next wider float.
    result = x.bits == y.bits ? narrowest(ir::DtypeClass::Float, x.bits, false) : (x.bits > y.bits ? a : b);
  } else if (x.cls == ir::DtypeClass::Float || y.cls == ir::DtypeClass::Float) {
    result = x.cls == ir::DtypeClass::Float ? a : b;
  } else if (x.cls == y.cls) {
    result = x.bits >= y.bits ? a : b;
  } else {
    const ir::DtypeInfo& s = x.cls == ir::DtypeClass::Sint ? x : y;
    const ir::DtypeInfo& u = x.cls == ir::DtypeClass::Sint ? y : x;
    result = s.bits > u.bits ? s.dtype : narrowest(ir::DtypeClass::Sint, u.bits, false);
  }
  if (!result) invalid("promote: no dtype holds both {} and {}", x.name, y.name);
  return *result;
}

Dims broadcast_shapes(const Builder& b, const Dims& x, const Dims& y, std::string_view op) {
  const size_t rank = std::max(x.size(), y.size());
  Dims out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const bool has_x = i + x.size() >= rank, has_y = i + y.size() >= rank;
    if (!has_x) {
      out[i] = y[i + y.size() - rank];
      continue;
    }
    if (!has_y) {
      out[i] = x[i + x.size() - rank];
      continue;
    }
    const Expr& dx = x[i + x.size() - rank];
    const Expr& dy = y[i + y.size() - rank];
    if (dx.as_lit() == 1)
      out[i] = dy;
    else if (dy.as_lit() == 1 || dx.equals(dy))
      out[i] = dx;
    else
      invalid("{}: cannot broadcast {} with {}: dims {} and {} at output axis {} are neither equal nor 1", op,
              dims_str(b, x), dims_str(b, y), dim_str(b, dx), dim_str(b, dy), i);
  }
  return out;
}

Value broadcast_to(Builder& b, Value x, const Dims& shape, std::string_view op) {
  const Dims& in = dims_of(b, x);
  if (same_dims(in, shape)) return x;
  if (in.size() > shape.size())
    invalid("{}: cannot broadcast {} to the lower-rank shape {}", op, dims_str(b, in), dims_str(b, shape));
  const size_t lead = shape.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i].as_lit() != 1 && !in[i].equals(shape[lead + i]))
      invalid("{}: cannot broadcast {} to {}: axis {} is neither 1 nor equal", op, dims_str(b, in),
              dims_str(b, shape), i);
  }
  return b.broadcast(x, shape);
}

Value cast_to(Builder& b, Value x, tisa_dtype_t dtype) {
  return dtype_of(b, x) == dtype ? x : b.cast(x, dtype);
}

Pair broadcast_pair(Builder& b, Value x, Value y, std::string_view op) {
  const tisa_dtype_t dtype = promote_types(dtype_of(b, x), dtype_of(b, y));
  const Dims shape = broadcast_shapes(b, dims_of(b, x), dims_of(b, y), op);
  return {broadcast_to(b, cast_to(b, x, dtype), shape, op), broadcast_to(b, cast_to(b, y, dtype), shape, op)};
}

std::vector<Value> broadcast_all(Builder& b, std::vector<Value> values, std::string_view op) {
  if (values.empty()) return values;
  Dims shape = dims_of(b, values[0]);
  for (size_t i = 1; i < values.size(); ++i) shape = broadcast_shapes(b, shape, dims_of(b, values[i]), op);
  for (Value& v : values) v = broadcast_to(b, v, shape, op);
  return values;
}

}  // namespace tisa::ops
