#include "frontends/ops/math.hpp"

#include "hal/ir/registry.hpp"

namespace tisa::ops {
namespace {

Value one_minus_square(Builder& b, Value x) {
  Value one = splat_like(b, 1.0, x);
  return b.mul(b.sub(one, x), b.add(one, x));
}

}  // namespace

Value unary(Builder& b, tisa_opcode_t opcode, Value x) {
  const ir::OpInfo* info = ir::find_op(opcode);
  if (info && !ir::mask_has(info->t_mask, dtype_of(b, x)))
    invalid("{}: dtype {} is not allowed", info->name, dtype_name(dtype_of(b, x)));
  return b.unary(opcode, x);
}

Value tan(Builder& b, Value x) {
  require_float(b, x, "tan");
  return b.div(b.unary(TISA_OP_SIN, x), b.unary(TISA_OP_COS, x));
}

Value atan(Builder& b, Value x) {
  require_float(b, x, "atan");
  return b.binary(TISA_OP_ATAN2, x, splat_like(b, 1.0, x));
}

Value asin(Builder& b, Value x) {
  require_float(b, x, "asin");
  return b.binary(TISA_OP_ATAN2, x, b.unary(TISA_OP_SQRT, one_minus_square(b, x)));
}

Value acos(Builder& b, Value x) {
  require_float(b, x, "acos");
  return b.binary(TISA_OP_ATAN2, b.unary(TISA_OP_SQRT, one_minus_square(b, x)), x);
}

Value sinh(Builder& b, Value x) {
  require_float(b, x, "sinh");
  Value d = b.sub(b.unary(TISA_OP_EXP, x), b.unary(TISA_OP_EXP, b.unary(TISA_OP_NEG, x)));
  return b.mul(d, splat_like(b, 0.5, x));
}

Value cosh(Builder& b, Value x) {
  require_float(b, x, "cosh");
  Value s = b.add(b.unary(TISA_OP_EXP, x), b.unary(TISA_OP_EXP, b.unary(TISA_OP_NEG, x)));
  return b.mul(s, splat_like(b, 0.5, x));
}

Value asinh(Builder& b, Value x) {
  require_float(b, x, "asinh");
  Value a = b.unary(TISA_OP_ABS, x);
  Value root = b.unary(TISA_OP_SQRT, b.add(b.mul(a, a), splat_like(b, 1.0, x)));
  Value magnitude = b.unary(TISA_OP_LOG, b.add(a, root));
  // sign(x) * magnitude, written as a select so that -0 stays -0 and NaN stays NaN.
  Value negative = b.binary(TISA_OP_LT, x, splat_like(b, 0.0, x));
  return b.select(negative, b.unary(TISA_OP_NEG, magnitude), magnitude);
}

Value acosh(Builder& b, Value x) {
  require_float(b, x, "acosh");
  Value root = b.unary(TISA_OP_SQRT, b.sub(b.mul(x, x), splat_like(b, 1.0, x)));
  return b.unary(TISA_OP_LOG, b.add(x, root));
}

Value atanh(Builder& b, Value x) {
  require_float(b, x, "atanh");
  Value difference = b.sub(b.unary(TISA_OP_LOG1P, x), b.unary(TISA_OP_LOG1P, b.unary(TISA_OP_NEG, x)));
  return b.mul(difference, splat_like(b, 0.5, x));
}

}  // namespace tisa::ops
