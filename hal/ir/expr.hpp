// Shape expressions: integer expressions over the module's symbols (N, N*4, ceildiv(N,2)).
// Immutable trees; construction folds literals, and equals() decides equality through a
// canonical polynomial form so that reshape [N,4] -> [N*4] verifies without a binding.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tisa::ir {

class Expr {
 public:
  enum class Kind : uint8_t { Lit, Sym, Add, Sub, Mul, FloorDiv, CeilDiv, Mod, Max, Min };

  Expr() : Expr(lit(0)) {}
  static Expr lit(int64_t value);
  static Expr sym(uint32_t index);
  // Folds when both sides are literals (and the result fits) and applies x+0, x*1, x*0, ...
  static Expr make(Kind kind, Expr lhs, Expr rhs);

  Kind kind() const { return node_->kind; }
  bool is_lit() const { return node_->kind == Kind::Lit; }
  bool is_sym() const { return node_->kind == Kind::Sym; }
  int64_t lit_value() const { return node_->value; }
  uint32_t sym_index() const { return static_cast<uint32_t>(node_->value); }
  const Expr& lhs() const { return *node_->lhs; }
  const Expr& rhs() const { return *node_->rhs; }
  std::optional<int64_t> as_lit() const {
    return is_lit() ? std::optional<int64_t>(node_->value) : std::nullopt;
  }
  // Largest symbol index used + 1 (0 when the expression has no symbols).
  uint32_t symbol_bound() const;

  // Value under a binding; nullopt on overflow, division by zero or a missing symbol.
  std::optional<int64_t> eval(std::span<const int64_t> symbols) const;
  // Provable equality (same canonical form). False does not prove inequality.
  bool equals(const Expr& other) const;
  // Text form: N*4, ceildiv(N, 2), max(N - 1, 0).
  std::string str(std::span<const std::string> symbol_names) const;

  // Postfix tokens (tisa_expr_token_t), as encoded in modules.
  void append_tokens(std::vector<uint32_t>& words) const;
  size_t token_count() const;

 private:
  struct Node {
    Kind kind;
    int64_t value = 0;  // literal value or symbol index
    std::shared_ptr<const Expr> lhs, rhs;
  };
  explicit Expr(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;
};

Expr operator+(const Expr& a, const Expr& b);
Expr operator-(const Expr& a, const Expr& b);
Expr operator*(const Expr& a, const Expr& b);
Expr floordiv(const Expr& a, const Expr& b);
Expr ceildiv(const Expr& a, const Expr& b);
Expr mod(const Expr& a, const Expr& b);
Expr max(const Expr& a, const Expr& b);
Expr min(const Expr& a, const Expr& b);

// Product of dims (1 for rank 0).
Expr product(std::span<const Expr> dims);
std::vector<Expr> lits(std::span<const int64_t> values);

}  // namespace tisa::ir
