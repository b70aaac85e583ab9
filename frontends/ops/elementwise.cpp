#include "frontends/ops/elementwise.hpp"

#include "hal/ir/registry.hpp"

namespace tisa::ops {

Value binary(Builder& b, tisa_opcode_t opcode, Value x, Value y) {
  const ir::OpInfo* info = ir::find_op(opcode);
  const Pair p = broadcast_pair(b, x, y, info ? info->name : "binary");
  return b.binary(opcode, p.lhs, p.rhs);
}

Value add(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_ADD, x, y);
}
Value sub(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_SUB, x, y);
}
Value mul(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_MUL, x, y);
}
Value div(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_DIV, x, y);
}
Value maximum(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_MAX, x, y);
}
Value minimum(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_MIN, x, y);
}

Value pow(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_POW, x, cast_to(b, y, dtype_of(b, x)));
}

Value mod(Builder& b, Value x, Value y, bool fmod) {
  const Pair p = broadcast_pair(b, x, y, "mod");
  Value r = b.binary(TISA_OP_REM, p.lhs, p.rhs);
  if (fmod) return r;
  Value zero = splat_like(b, 0.0, r);
  Value nonzero = b.binary(TISA_OP_NE, r, zero);
  Value signs_differ = b.binary(TISA_OP_NE, b.binary(TISA_OP_LT, r, zero), b.binary(TISA_OP_LT, p.rhs, zero));
  return b.select(b.binary(TISA_OP_AND, nonzero, signs_differ), b.add(r, p.rhs), r);
}

namespace {

Value fold(Builder& b, tisa_opcode_t opcode, std::vector<Value> xs, std::string_view op) {
  if (xs.empty()) invalid("{}: needs at least one operand", op);
  tisa_dtype_t dtype = dtype_of(b, xs[0]);
  for (Value v : xs) dtype = promote_types(dtype, dtype_of(b, v));
  for (Value& v : xs) v = cast_to(b, v, dtype);
  xs = broadcast_all(b, std::move(xs), op);
  Value acc = xs[0];
  for (size_t i = 1; i < xs.size(); ++i) acc = b.binary(opcode, acc, xs[i]);
  return acc;
}

}  // namespace

Value sum_n(Builder& b, std::vector<Value> xs) {
  return fold(b, TISA_OP_ADD, std::move(xs), "sum");
}
Value max_n(Builder& b, std::vector<Value> xs) {
  return fold(b, TISA_OP_MAX, std::move(xs), "max");
}
Value min_n(Builder& b, std::vector<Value> xs) {
  return fold(b, TISA_OP_MIN, std::move(xs), "min");
}
Value mean_n(Builder& b, std::vector<Value> xs) {
  const double n = static_cast<double>(xs.size());
  Value s = sum_n(b, std::move(xs));
  return b.div(s, splat_like(b, n, s));
}

Value equal(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_EQ, x, y);
}
Value not_equal(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_NE, x, y);
}
Value less(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_LT, x, y);
}
Value less_equal(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_LE, x, y);
}
Value greater(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_LT, y, x);
}
Value greater_equal(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_LE, y, x);
}

Value logical_and(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_AND, x, y);
}
Value logical_or(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_OR, x, y);
}
Value logical_xor(Builder& b, Value x, Value y) {
  return binary(b, TISA_OP_XOR, x, y);
}
Value logical_not(Builder& b, Value x) {
  return b.unary(TISA_OP_NOT, x);
}
Value shift_left(Builder& b, Value x, Value amount) {
  return binary(b, TISA_OP_SHL, x, cast_to(b, amount, dtype_of(b, x)));
}
Value shift_right(Builder& b, Value x, Value amount) {
  return binary(b, TISA_OP_SHR, x, cast_to(b, amount, dtype_of(b, x)));
}

Value where(Builder& b, Value cond, Value x, Value y) {
  const tisa_dtype_t dtype = promote_types(dtype_of(b, x), dtype_of(b, y));
  std::vector<Value> v = broadcast_all(
      b, {cast_to(b, cond, TISA_DTYPE_BOOL), cast_to(b, x, dtype), cast_to(b, y, dtype)}, "where");
  return b.select(v[0], v[1], v[2]);
}

Value clip(Builder& b, Value x, std::optional<Value> lo, std::optional<Value> hi) {
  const tisa_dtype_t dtype = dtype_of(b, x);
  const Dims& shape = dims_of(b, x);
  if (lo) x = b.max(x, broadcast_to(b, cast_to(b, *lo, dtype), shape, "clip"));
  if (hi) x = b.min(x, broadcast_to(b, cast_to(b, *hi, dtype), shape, "clip"));
  return x;
}

Value clip(Builder& b, Value x, std::optional<double> lo, std::optional<double> hi) {
  if (lo) x = b.max(x, splat_like(b, *lo, x));
  if (hi) x = b.min(x, splat_like(b, *hi, x));
  return x;
}

Value is_nan(Builder& b, Value x) {
  require_float(b, x, "isnan");
  return b.binary(TISA_OP_NE, x, x);
}

Value is_inf(Builder& b, Value x, bool detect_positive, bool detect_negative) {
  require_float(b, x, "isinf");
  Value pos = b.binary(TISA_OP_EQ, x, splat_like(b, highest_value(dtype_of(b, x)), x));
  Value neg = b.binary(TISA_OP_EQ, x, splat_like(b, lowest_value(dtype_of(b, x)), x));
  if (detect_positive && detect_negative) return b.binary(TISA_OP_OR, pos, neg);
  if (detect_positive) return pos;
  if (detect_negative) return neg;
  return b.fill(TISA_DTYPE_BOOL, dims_of(b, x), 0.0);
}

}  // namespace tisa::ops
