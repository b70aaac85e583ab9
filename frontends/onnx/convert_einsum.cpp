// Einsum as broadcast products: each operand is brought to one common letter order (repeated
// letters first reduced to their diagonal, missing letters as size-1 axes), the operands are
// multiplied with broadcasting, the letters absent from the output are summed, and the result
// is transposed to the output order. Memory: the product of all letters' sizes (no contraction
// by matmul), which is fine for small equations and exact in the order of the terms.
#include <algorithm>

#include "frontends/onnx/converters.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/reduce.hpp"
#include "frontends/ops/shape.hpp"

namespace tisa::onnx_import {
namespace {

// Replaces "..." by upper-case letters for the axes it stands for (rank - other letters).
std::string expand_ellipsis(NodeContext& c, const std::string& term, int64_t rank, int64_t& ellipsis_rank) {
  const auto pos = term.find("...");
  if (pos == std::string::npos) return term;
  const int64_t n = rank - static_cast<int64_t>(term.size() - 3);
  if (n < 0) c.attr.bad("equation", fmt::format("term '{}' has more letters than rank {}", term, rank));
  ellipsis_rank = std::max(ellipsis_rank, n);
  std::string letters;
  for (int64_t i = 0; i < n; ++i) letters += static_cast<char>('Z' - (n - 1 - i));
  return term.substr(0, pos) + letters + term.substr(pos + 3);
}

// x with letters `term`: repeated letters reduced to their diagonal (transposed to the end,
// flattened, strided slice).
Value take_diagonals(NodeContext& c, Value x, std::string& term) {
  for (size_t i = 0; i < term.size(); ++i) {
    const size_t j = term.find(term[i], i + 1);
    if (j == std::string::npos) continue;
    std::vector<int64_t> perm;
    for (size_t a = 0; a < term.size(); ++a)
      if (a != i && a != j) perm.push_back(static_cast<int64_t>(a));
    perm.push_back(static_cast<int64_t>(i));
    perm.push_back(static_cast<int64_t>(j));
    x = ops::transpose(c.b, x, perm);
    auto dims = c.dims(x);
    const Expr n = dims.back();
    dims.pop_back();
    dims.pop_back();
    std::vector<Expr> flat = dims;
    flat.push_back(n * n);
    x = c.b.reshape(x, flat);
    std::vector<Expr> start(flat.size(), Expr::lit(0)), stop = flat;
    std::vector<int64_t> step(flat.size(), 1);
    step.back() = 0;
    const int64_t nn = ops::require_literal(c.b, n, "Einsum", "a diagonal dim");
    step.back() = nn + 1;
    x = c.b.slice(x, start, stop, step);
    std::string rest;
    for (int64_t a : perm) rest += term[static_cast<size_t>(a)];
    term = rest.substr(0, rest.size() - 1);
    return take_diagonals(c, x, term);
  }
  return x;
}

void einsum(NodeContext& c) {
  std::string eq = c.attr.s("equation", "");
  eq.erase(std::remove(eq.begin(), eq.end(), ' '), eq.end());
  const auto arrow = eq.find("->");
  std::string lhs = eq.substr(0, arrow);
  std::vector<std::string> terms;
  for (size_t start = 0;;) {
    const auto comma = lhs.find(',', start);
    terms.push_back(lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::vector<Value> xs = c.all_inputs();
  if (xs.size() != terms.size())
    c.attr.bad("equation", fmt::format("{} terms for {} inputs", terms.size(), xs.size()));
  int64_t ellipsis_rank = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    terms[i] = expand_ellipsis(c, terms[i], c.rank(xs[i]), ellipsis_rank);
    if (static_cast<int64_t>(terms[i].size()) != c.rank(xs[i]))
      c.attr.bad("equation", fmt::format("term '{}' does not match rank {}", terms[i], c.rank(xs[i])));
    xs[i] = take_diagonals(c, xs[i], terms[i]);
  }
  std::string out;
  if (arrow != std::string::npos) {
    out = eq.substr(arrow + 2);
    int64_t unused = 0;
    out = expand_ellipsis(c, out, static_cast<int64_t>(out.size()) - 3 + ellipsis_rank, unused);
  } else {  // implicit: the ellipsis letters, then the letters used once, in alphabetical order
    std::string all;
    for (const auto& t : terms) all += t;
    for (char ch = 'A'; ch <= 'Z'; ++ch)
      if (all.find(ch) != std::string::npos) out += ch;
    for (char ch = 'a'; ch <= 'z'; ++ch)
      if (std::count(all.begin(), all.end(), ch) == 1) out += ch;
  }
  // Common order: output letters, then the summed ones.
  std::string order = out;
  for (const auto& t : terms)
    for (char ch : t)
      if (order.find(ch) == std::string::npos) order += ch;
  Value product;
  for (size_t i = 0; i < xs.size(); ++i) {
    std::vector<int64_t> perm;
    std::vector<Expr> shape;
    const auto dims = c.dims(xs[i]);
    for (char ch : order) {
      const auto p = terms[i].find(ch);
      if (p == std::string::npos) {
        shape.push_back(Expr::lit(1));
      } else {
        perm.push_back(static_cast<int64_t>(p));
        shape.push_back(dims[p]);
      }
    }
    Value v = c.b.reshape(ops::transpose(c.b, xs[i], perm), shape);
    product = i == 0 ? v : ops::mul(c.b, product, v);
  }
  std::vector<int64_t> summed;
  for (size_t a = out.size(); a < order.size(); ++a) summed.push_back(static_cast<int64_t>(a));
  if (!summed.empty()) product = ops::reduce_sum(c.b, product, summed, false);
  c.out(0, product);
}

}  // namespace

void add_einsum_converters(ConverterTable& t) {
  t["Einsum"] = einsum;
}

}  // namespace tisa::onnx_import
