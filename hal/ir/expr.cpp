#include "hal/ir/expr.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "tisa/isa.h"

namespace tisa::ir {
namespace {

using Kind = Expr::Kind;

std::optional<int64_t> apply(Kind kind, int64_t a, int64_t b) {
  int64_t r = 0;
  switch (kind) {
    case Kind::Add:
      if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
      return r;
    case Kind::Sub:
      if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
      return r;
    case Kind::Mul:
      if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
      return r;
    case Kind::FloorDiv:
    case Kind::CeilDiv:
    case Kind::Mod: {
      if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
      int64_t q = a / b, m = a % b;
      bool inexact = m != 0;
      bool negative = (a < 0) != (b < 0);
      if (kind == Kind::Mod) return (inexact && negative) ? m + b : m;
      if (kind == Kind::FloorDiv) return (inexact && negative) ? q - 1 : q;
      return (inexact && !negative) ? q + 1 : q;
    }
    case Kind::Max: return a > b ? a : b;
    case Kind::Min: return a < b ? a : b;
    default: return std::nullopt;
  }
}

const char* function_name(Kind kind) {
  switch (kind) {
    case Kind::FloorDiv: return "floordiv";
    case Kind::CeilDiv: return "ceildiv";
    case Kind::Mod: return "mod";
    case Kind::Max: return "max";
    case Kind::Min: return "min";
    default: return "?";
  }
}

// Canonical form: a polynomial over atoms (symbols and opaque non-polynomial nodes).
using Monomial = std::vector<std::string>;
using Poly = std::map<Monomial, int64_t>;
struct NotCanonical {};

int64_t checked(std::optional<int64_t> v) {
  if (!v) throw NotCanonical{};
  return *v;
}

void add_term(Poly& p, const Monomial& m, int64_t c) {
  int64_t& slot = p[m];
  slot = checked(apply(Kind::Add, slot, c));
  if (slot == 0) p.erase(m);
}

std::string poly_key(const Poly& p) {
  std::string s;
  for (const auto& [mono, coeff] : p) {
    s += std::to_string(coeff);
    for (const auto& atom : mono) s += "*" + atom;
    s += "+";
  }
  return s.empty() ? "0" : s;
}

Poly to_poly(const Expr& e) {
  Poly p;
  switch (e.kind()) {
    case Kind::Lit:
      if (e.lit_value() != 0) p[{}] = e.lit_value();
      return p;
    case Kind::Sym: p[{"s" + std::to_string(e.sym_index())}] = 1; return p;
    case Kind::Add:
    case Kind::Sub: {
      p = to_poly(e.lhs());
      int64_t sign = e.kind() == Kind::Add ? 1 : -1;
      for (const auto& [m, c] : to_poly(e.rhs())) add_term(p, m, checked(apply(Kind::Mul, c, sign)));
      return p;
    }
    case Kind::Mul: {
      Poly a = to_poly(e.lhs()), b = to_poly(e.rhs());
      for (const auto& [ma, ca] : a)
        for (const auto& [mb, cb] : b) {
          Monomial m = ma;
          m.insert(m.end(), mb.begin(), mb.end());
          std::sort(m.begin(), m.end());
          add_term(p, m, checked(apply(Kind::Mul, ca, cb)));
        }
      return p;
    }
    default: {
      Poly a = to_poly(e.lhs());
      // (c*X) floordiv c and ceildiv c are exact: divide the polynomial.
      if ((e.kind() == Kind::FloorDiv || e.kind() == Kind::CeilDiv) && e.rhs().is_lit() &&
          e.rhs().lit_value() > 0) {
        int64_t d = e.rhs().lit_value();
        bool divisible = true;
        for (const auto& [m, c] : a) divisible = divisible && c % d == 0;
        if (divisible) {
          for (auto& [m, c] : a) c /= d;
          return a;
        }
      }
      std::string atom =
          std::string(function_name(e.kind())) + "(" + poly_key(a) + "," + poly_key(to_poly(e.rhs())) + ")";
      p[{atom}] = 1;
      return p;
    }
  }
}

int precedence(Kind k) {
  switch (k) {
    case Kind::Add:
    case Kind::Sub: return 1;
    case Kind::Mul: return 2;
    default: return 3;
  }
}

}  // namespace

Expr Expr::lit(int64_t value) {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Lit;
  n->value = value;
  return Expr(std::move(n));
}

Expr Expr::sym(uint32_t index) {
  auto n = std::make_shared<Node>();
  n->kind = Kind::Sym;
  n->value = index;
  return Expr(std::move(n));
}

Expr Expr::make(Kind kind, Expr lhs, Expr rhs) {
  if (lhs.is_lit() && rhs.is_lit()) {
    if (auto v = apply(kind, lhs.lit_value(), rhs.lit_value())) return lit(*v);
  }
  auto is = [](const Expr& e, int64_t v) { return e.is_lit() && e.lit_value() == v; };
  // (x ± a) ± b -> x ± (a ± b): keeps N - 2 + 1 as N - 1.
  if ((kind == Kind::Add || kind == Kind::Sub) && rhs.is_lit() &&
      (lhs.kind() == Kind::Add || lhs.kind() == Kind::Sub) && lhs.rhs().is_lit()) {
    int64_t a = lhs.kind() == Kind::Add ? lhs.rhs().lit_value() : -lhs.rhs().lit_value();
    int64_t b = kind == Kind::Add ? rhs.lit_value() : -rhs.lit_value();
    if (auto c = apply(Kind::Add, a, b); c && *c != INT64_MIN && a != INT64_MIN && b != INT64_MIN)
      return *c >= 0 ? make(Kind::Add, lhs.lhs(), lit(*c)) : make(Kind::Sub, lhs.lhs(), lit(-*c));
  }
  switch (kind) {
    case Kind::Add:
      if (is(lhs, 0)) return rhs;
      if (is(rhs, 0)) return lhs;
      break;
    case Kind::Sub:
      if (is(rhs, 0)) return lhs;
      break;
    case Kind::Mul:
      if (is(lhs, 1)) return rhs;
      if (is(rhs, 1)) return lhs;
      if (is(lhs, 0) || is(rhs, 0)) return lit(0);
      break;
    case Kind::FloorDiv:
    case Kind::CeilDiv:
      if (is(rhs, 1)) return lhs;
      break;
    default: break;
  }
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->lhs = std::make_shared<const Expr>(std::move(lhs));
  n->rhs = std::make_shared<const Expr>(std::move(rhs));
  return Expr(std::move(n));
}

uint32_t Expr::symbol_bound() const {
  if (is_lit()) return 0;
  if (is_sym()) return sym_index() + 1;
  return std::max(lhs().symbol_bound(), rhs().symbol_bound());
}

std::optional<int64_t> Expr::eval(std::span<const int64_t> symbols) const {
  if (is_lit()) return lit_value();
  if (is_sym()) {
    if (sym_index() >= symbols.size()) return std::nullopt;
    return symbols[sym_index()];
  }
  auto a = lhs().eval(symbols);
  auto b = rhs().eval(symbols);
  if (!a || !b) return std::nullopt;
  return apply(kind(), *a, *b);
}

bool Expr::equals(const Expr& other) const {
  if (node_ == other.node_) return true;
  try {
    return poly_key(to_poly(*this)) == poly_key(to_poly(other));
  } catch (const NotCanonical&) {
    return false;
  }
}

std::string Expr::str(std::span<const std::string> symbol_names) const {
  switch (kind()) {
    case Kind::Lit: return std::to_string(lit_value());
    case Kind::Sym:
      return sym_index() < symbol_names.size() ? symbol_names[sym_index()]
                                               : "$" + std::to_string(sym_index());
    case Kind::Add:
    case Kind::Sub:
    case Kind::Mul: {
      int p = precedence(kind());
      std::string l = lhs().str(symbol_names), r = rhs().str(symbol_names);
      if (precedence(lhs().kind()) < p) l = "(" + l + ")";
      // Right operands of - and of the same precedence need parentheses: a - (b + c).
      if (precedence(rhs().kind()) < p || (kind() == Kind::Sub && precedence(rhs().kind()) == p))
        r = "(" + r + ")";
      const char* op = kind() == Kind::Add ? " + " : kind() == Kind::Sub ? " - " : " * ";
      return l + op + r;
    }
    default:
      return std::string(function_name(kind())) + "(" + lhs().str(symbol_names) + ", " +
             rhs().str(symbol_names) + ")";
  }
}

void Expr::append_tokens(std::vector<uint32_t>& words) const {
  switch (kind()) {
    case Kind::Lit: {
      auto v = static_cast<uint64_t>(lit_value());
      words.push_back(TISA_EXPR_LIT);
      words.push_back(static_cast<uint32_t>(v));
      words.push_back(static_cast<uint32_t>(v >> 32));
      return;
    }
    case Kind::Sym:
      words.push_back(TISA_EXPR_SYM);
      words.push_back(sym_index());
      return;
    default:
      lhs().append_tokens(words);
      rhs().append_tokens(words);
      words.push_back(TISA_EXPR_ADD + static_cast<uint32_t>(kind()) - static_cast<uint32_t>(Kind::Add));
  }
}

size_t Expr::token_count() const {
  if (is_lit() || is_sym()) return 1;
  return 1 + lhs().token_count() + rhs().token_count();
}

Expr operator+(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::Add, a, b);
}
Expr operator-(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::Sub, a, b);
}
Expr operator*(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::Mul, a, b);
}
Expr floordiv(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::FloorDiv, a, b);
}
Expr ceildiv(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::CeilDiv, a, b);
}
Expr mod(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::Mod, a, b);
}
Expr max(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::Max, a, b);
}
Expr min(const Expr& a, const Expr& b) {
  return Expr::make(Expr::Kind::Min, a, b);
}

Expr product(std::span<const Expr> dims) {
  Expr p = Expr::lit(1);
  for (const auto& d : dims) p = p * d;
  return p;
}

std::vector<Expr> lits(std::span<const int64_t> values) {
  std::vector<Expr> out;
  out.reserve(values.size());
  for (int64_t v : values) out.push_back(Expr::lit(v));
  return out;
}

}  // namespace tisa::ir
