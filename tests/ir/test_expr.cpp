#include <catch2/catch.hpp>

#include "hal/ir/expr.hpp"

using tisa::ir::Expr;

TEST_CASE("shape expressions evaluate with floor semantics", "[expr]") {
  Expr n = Expr::sym(0);
  std::vector<int64_t> sym = {-7};
  CHECK(*tisa::ir::floordiv(n, Expr::lit(2)).eval(sym) == -4);
  CHECK(*tisa::ir::ceildiv(n, Expr::lit(2)).eval(sym) == -3);
  CHECK(*tisa::ir::mod(n, Expr::lit(3)).eval(sym) == 2);
  sym = {7};
  CHECK(*tisa::ir::ceildiv(n, Expr::lit(2)).eval(sym) == 4);
  CHECK(*tisa::ir::max(n - Expr::lit(9), Expr::lit(0)).eval(sym) == 0);
  CHECK_FALSE(tisa::ir::floordiv(n, Expr::lit(0)).eval(sym).has_value());
  CHECK_FALSE((n * Expr::lit(INT64_MAX)).eval(sym).has_value());
  CHECK_FALSE(Expr::sym(3).eval(sym).has_value());
}

TEST_CASE("literals fold and identities simplify", "[expr]") {
  CHECK((Expr::lit(3) * Expr::lit(4)).as_lit() == 12);
  Expr n = Expr::sym(0);
  CHECK((n + Expr::lit(0)).is_sym());
  CHECK((n * Expr::lit(1)).is_sym());
  CHECK((n * Expr::lit(0)).as_lit() == 0);
  std::vector<std::string> names = {"N"};
  CHECK((n - Expr::lit(2) + Expr::lit(1)).str(names) == "N - 1");
  CHECK((n + Expr::lit(1) - Expr::lit(1)).str(names) == "N");
}

TEST_CASE("equality is decided on a canonical polynomial", "[expr]") {
  Expr n = Expr::sym(0), m = Expr::sym(1);
  CHECK((n * Expr::lit(4)).equals(Expr::lit(4) * n));
  CHECK(((n + Expr::lit(1)) * Expr::lit(2)).equals(n * Expr::lit(2) + Expr::lit(2)));
  CHECK((n * m).equals(m * n));
  CHECK(tisa::ir::ceildiv(n * Expr::lit(4), Expr::lit(4)).equals(n));
  CHECK((n - n).equals(Expr::lit(0)));
  CHECK_FALSE(n.equals(m));
  CHECK_FALSE(tisa::ir::floordiv(n, Expr::lit(2)).equals(tisa::ir::ceildiv(n, Expr::lit(2))));
}

TEST_CASE("expressions print with minimal parentheses", "[expr]") {
  std::vector<std::string> names = {"N", "M"};
  Expr n = Expr::sym(0), m = Expr::sym(1);
  CHECK((n * Expr::lit(4)).str(names) == "N * 4");
  CHECK(((n + m) * Expr::lit(2)).str(names) == "(N + M) * 2");
  CHECK((n - (m + Expr::lit(1))).str(names) == "N - (M + 1)");
  CHECK(tisa::ir::ceildiv(n, Expr::lit(2)).str(names) == "ceildiv(N, 2)");
}
