// Elementwise arithmetic, comparison, logic and unary math (numpy broadcasting in tisa::ops).
// Binary ops on known integer tensors (shape arithmetic such as Shape -> Mul) stay folded.
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/math.hpp"

namespace tisa::onnx_import {
namespace {

using BinaryFn = Value (*)(ir::Builder&, Value, Value);

// Folds x op y elementwise on known values (numpy broadcasting of rank <= 1); false if not known.
bool fold_binary(NodeContext& c, Expr (*f)(const Expr&, const Expr&)) {
  const Entry* x = c.known(0);
  const Entry* y = c.known(1);
  if (!x || !y || x->known_dtype != y->known_dtype) return false;
  const auto &a = *x->known, &b = *y->known;
  if (a.size() != b.size() && a.size() != 1 && b.size() != 1) return false;
  std::vector<Expr> r;
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i)
    r.push_back(f(a[a.size() == 1 ? 0 : i], b[b.size() == 1 ? 0 : i]));
  c.out_known(0, std::move(r), x->known_scalar && y->known_scalar, x->known_dtype);
  return true;
}

Expr add_e(const Expr& a, const Expr& b) {
  return a + b;
}
Expr sub_e(const Expr& a, const Expr& b) {
  return a - b;
}
Expr mul_e(const Expr& a, const Expr& b) {
  return a * b;
}

template <BinaryFn F>
void binary(NodeContext& c) {
  // Before opset 7: broadcast = 1 without axis is numpy broadcasting; a legacy axis is rejected
  // (check_all_read).
  c.attr.ignore("broadcast");
  c.out(0, F(c.b, c.in(0), c.in(1)));
}

template <BinaryFn F, Expr (*Fold)(const Expr&, const Expr&)>
void binary_folding(NodeContext& c) {
  if (fold_binary(c, Fold)) return;
  binary<F>(c);
}

void div_node(NodeContext& c) {
  const Entry* x = c.known(0);
  const Entry* y = c.known(1);
  // Integer shape arithmetic (e.g. H / 2) folds when the divisor is a positive literal.
  if (x && y && y->known->size() == 1 && y->known->at(0).is_lit() && y->known->at(0).lit_value() > 0) {
    bool non_negative = true;
    for (const Expr& e : *x->known) non_negative = non_negative && (!e.is_lit() || e.lit_value() >= 0);
    if (non_negative) {
      std::vector<Expr> r;
      for (const Expr& e : *x->known) r.push_back(ir::floordiv(e, y->known->at(0)));
      c.out_known(0, std::move(r), x->known_scalar && y->known_scalar, x->known_dtype);
      return;
    }
  }
  binary<ops::div>(c);
}

template <Value (*F)(ir::Builder&, std::vector<Value>)>
void variadic(NodeContext& c) {
  c.out(0, F(c.b, c.all_inputs()));
}

template <tisa_opcode_t Op>
void primitive_unary(NodeContext& c) {
  c.attr.ignore("consumed_inputs");
  c.out(0, ops::unary(c.b, Op, c.in(0)));
}

template <Value (*F)(ir::Builder&, Value)>
void unary(NodeContext& c) {
  c.out(0, F(c.b, c.in(0)));
}

void neg_node(NodeContext& c) {
  if (const Entry* x = c.known(0)) {
    std::vector<Expr> r;
    for (const Expr& e : *x->known) r.push_back(Expr::lit(0) - e);
    c.out_known(0, std::move(r), x->known_scalar, x->known_dtype);
    return;
  }
  c.out(0, ops::unary(c.b, TISA_OP_NEG, c.in(0)));
}

void mod_node(NodeContext& c) {
  c.out(0, ops::mod(c.b, c.in(0), c.in(1), c.attr.i("fmod", 0) != 0));
}

void bitshift_node(NodeContext& c) {
  const std::string dir = c.attr.s("direction", "");
  if (dir == "LEFT") return c.out(0, ops::shift_left(c.b, c.in(0), c.in(1)));
  if (dir == "RIGHT") return c.out(0, ops::shift_right(c.b, c.in(0), c.in(1)));
  c.attr.bad("direction", fmt::format("must be LEFT or RIGHT, got '{}'", dir));
}

void where_node(NodeContext& c) {
  c.out(0, ops::where(c.b, c.in(0), c.in(1), c.in(2)));
}

void isinf_node(NodeContext& c) {
  c.out(0,
        ops::is_inf(c.b, c.in(0), c.attr.i("detect_positive", 1) != 0, c.attr.i("detect_negative", 1) != 0));
}

void identity_node(NodeContext& c) {
  if (const Entry* x = c.known(0)) return c.out_known(0, *x->known, x->known_scalar, x->known_dtype);
  c.out(0, c.in(0));
}

}  // namespace

void add_elementwise_converters(ConverterTable& t) {
  t["Add"] = binary_folding<ops::add, add_e>;
  t["Sub"] = binary_folding<ops::sub, sub_e>;
  t["Mul"] = binary_folding<ops::mul, mul_e>;
  t["Div"] = div_node;
  t["Pow"] = binary<ops::pow>;
  t["Equal"] = binary<ops::equal>;
  t["Less"] = binary<ops::less>;
  t["LessOrEqual"] = binary<ops::less_equal>;
  t["Greater"] = binary<ops::greater>;
  t["GreaterOrEqual"] = binary<ops::greater_equal>;
  t["And"] = binary<ops::logical_and>;
  t["Or"] = binary<ops::logical_or>;
  t["Xor"] = binary<ops::logical_xor>;
  t["Not"] = unary<ops::logical_not>;
  t["Mod"] = mod_node;
  t["BitShift"] = bitshift_node;
  t["Where"] = where_node;
  t["Sum"] = variadic<ops::sum_n>;
  t["Mean"] = variadic<ops::mean_n>;
  t["Max"] = variadic<ops::max_n>;
  t["Min"] = variadic<ops::min_n>;
  t["Neg"] = neg_node;
  t["Abs"] = primitive_unary<TISA_OP_ABS>;
  t["Exp"] = primitive_unary<TISA_OP_EXP>;
  t["Log"] = primitive_unary<TISA_OP_LOG>;
  t["Sqrt"] = primitive_unary<TISA_OP_SQRT>;
  t["Reciprocal"] = primitive_unary<TISA_OP_RECIP>;
  t["Floor"] = primitive_unary<TISA_OP_FLOOR>;
  t["Ceil"] = primitive_unary<TISA_OP_CEIL>;
  t["Round"] = primitive_unary<TISA_OP_ROUND>;
  t["Sign"] = primitive_unary<TISA_OP_SIGN>;
  t["Sin"] = primitive_unary<TISA_OP_SIN>;
  t["Cos"] = primitive_unary<TISA_OP_COS>;
  t["Tanh"] = primitive_unary<TISA_OP_TANH>;
  t["Erf"] = primitive_unary<TISA_OP_ERF>;
  t["Tan"] = unary<ops::tan>;
  t["Atan"] = unary<ops::atan>;
  t["Asin"] = unary<ops::asin>;
  t["Acos"] = unary<ops::acos>;
  t["Sinh"] = unary<ops::sinh>;
  t["Cosh"] = unary<ops::cosh>;
  t["Asinh"] = unary<ops::asinh>;
  t["Acosh"] = unary<ops::acosh>;
  t["Atanh"] = unary<ops::atanh>;
  t["IsNaN"] = unary<ops::is_nan>;
  t["IsInf"] = isinf_node;
  t["Identity"] = identity_node;
}

}  // namespace tisa::onnx_import
