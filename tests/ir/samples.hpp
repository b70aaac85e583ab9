// One small valid module per registry op, built from the op's shape rule and type masks, so
// tests can cover every op without a hand-kept list.
#pragma once

#include "hal/ir/builder.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::test {

// The first base dtype the op accepts for T.
inline tisa_dtype_t first_dtype(const ir::OpInfo& op) {
  for (const auto& d : ir::all_dtypes())
    if (d.extension == TISA_EXT_BASE && ir::mask_has(op.t_mask, d.dtype)) return d.dtype;
  return TISA_DTYPE_INVALID;
}

// Another numeric base dtype of the same width (the dtype itself if there is none).
inline tisa_dtype_t same_width_partner(tisa_dtype_t t) {
  for (const auto& d : ir::all_dtypes())
    if (d.extension == TISA_EXT_BASE && d.dtype != t && d.cls != ir::DtypeClass::Bool &&
        ir::dtype_size(d.dtype) == ir::dtype_size(t))
      return d.dtype;
  return t;
}

// A module with a symbolic batch N feeding one instance of op. Returns false if the op's
// shape rule has no sample here (a test should fail then).
inline ir::Module sample_module(const ir::OpInfo& op, tisa_dtype_t t) {
  using ir::Expr;
  ir::Builder b;
  Expr n = b.symbol("N", 64);
  auto lit = [](int64_t v) { return Expr::lit(v); };
  tisa_dtype_t idx = TISA_DTYPE_I32;
  ir::Value r;
  switch (op.shape_rule) {
    case TISA_SHAPE_RULE_CONSTANT: {
      (void)b.input(TISA_DTYPE_F32, {n});
      std::vector<uint8_t> bytes(2 * ir::dtype_size(t), 1);
      r = b.constant(t, {2}, std::span<const uint8_t>(bytes));
      break;
    }
    case TISA_SHAPE_RULE_CREATION:
      (void)b.input(TISA_DTYPE_F32, {n});
      r = op.opcode == TISA_OP_FILL ? b.fill(t, {n, lit(3)}, 1.0) : b.iota(t, {n, lit(3)}, 1);
      break;
    case TISA_SHAPE_RULE_SAME: {
      auto x = b.input(t, {n, lit(3)}, "x");
      if (op.opcode == TISA_OP_CAST)
        r = b.cast(x, t == TISA_DTYPE_F32 ? TISA_DTYPE_I32 : TISA_DTYPE_F32);
      else if (op.opcode == TISA_OP_BITCAST)
        r = b.bitcast(x, same_width_partner(t));
      else if (op.operand_count == 1)
        r = b.op(op.opcode, {x});
      else
        r = b.op(op.opcode, {x, b.input(t, {n, lit(3)}, "y")});
      break;
    }
    case TISA_SHAPE_RULE_SELECT: {
      auto c = b.input(TISA_DTYPE_BOOL, {n, lit(3)}, "c");
      auto x = b.input(t, {n, lit(3)}, "x");
      auto y = b.input(t, {n, lit(3)}, "y");
      r = b.select(c, x, y);
      break;
    }
    case TISA_SHAPE_RULE_REDUCE: r = b.reduce(op.opcode, b.input(t, {n, lit(3)}), {1}, false); break;
    case TISA_SHAPE_RULE_ARG_REDUCE: r = b.arg_reduce(op.opcode, b.input(t, {n, lit(3)}), 1, true); break;
    case TISA_SHAPE_RULE_SCAN: r = b.scan(op.opcode, b.input(t, {n, lit(3)}), 0, true, false); break;
    case TISA_SHAPE_RULE_MATMUL: {
      auto x = b.input(t, {n, lit(3)});
      auto w = b.input(t, {lit(3), lit(4)});
      tisa_dtype_t acc = ir::dtype_is_float(t) ? t : t == TISA_DTYPE_I64 ? TISA_DTYPE_I64 : TISA_DTYPE_I32;
      r = b.matmul(x, w, acc);
      break;
    }
    case TISA_SHAPE_RULE_RESHAPE: r = b.reshape(b.input(t, {n, lit(3)}), {n * lit(3)}); break;
    case TISA_SHAPE_RULE_TRANSPOSE: r = b.transpose(b.input(t, {n, lit(3)}), {1, 0}); break;
    case TISA_SHAPE_RULE_BROADCAST: {
      auto x = b.input(t, {lit(3)});
      (void)b.input(t, {n});  // binds N
      r = b.broadcast(x, {n, lit(3)});
      break;
    }
    case TISA_SHAPE_RULE_SLICE:
      r = b.slice(b.input(t, {n, lit(5)}), {lit(0), lit(1)}, {n, lit(5)}, {1, 2});
      break;
    case TISA_SHAPE_RULE_PAD:
      r = b.pad(b.input(t, {n, lit(3)}), {lit(1), lit(0)}, {lit(0), lit(2)}, 0.0);
      break;
    case TISA_SHAPE_RULE_CONCAT: {
      auto x = b.input(t, {n, lit(3)});
      r = b.concat({x, b.input(t, {n, lit(2)})}, 1);
      break;
    }
    case TISA_SHAPE_RULE_REVERSE: r = b.reverse(b.input(t, {n, lit(3)}), {0, 1}); break;
    case TISA_SHAPE_RULE_WINDOW: r = b.window(b.input(t, {n, lit(7)}), {1, 3}, {1, 2}, {1, 1}); break;
    case TISA_SHAPE_RULE_GATHER: {
      auto d = b.input(t, {n, lit(3)});
      r = b.gather(d, b.input(idx, {lit(4)}), 0);
      break;
    }
    case TISA_SHAPE_RULE_SCATTER: {
      auto d = b.input(t, {n, lit(3)});
      auto i = b.input(idx, {lit(4)});
      r = b.scatter(d, i, b.input(t, {lit(4), lit(3)}), 0, TISA_SCATTER_MODE_ADD);
      break;
    }
  }
  b.output(r);
  return b.finish();
}

}  // namespace tisa::test
