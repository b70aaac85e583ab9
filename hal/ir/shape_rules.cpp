// One shape rule per registry `shape:` name: derives an instruction's result dims from its
// operands and attributes, rejecting what the spec forbids and deferring to launch what only
// a binding can decide.
#include <algorithm>
#include <set>

#include <fmt/ranges.h>

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::ir {
namespace {

using Dims = std::vector<Expr>;

struct Ctx {
  const Module& m;
  const Inst& inst;
  const OpInfo& op;
  ValueId result;
  std::vector<Assertion>& asserts;
  std::vector<std::string> names;

  template <typename... Args>
  [[noreturn]] void error(fmt::format_string<Args...> format, Args&&... args) const {
    invalid("{}: {}", describe(m, inst, result), fmt::format(format, std::forward<Args>(args)...));
  }
  const TensorType& operand(size_t i) const { return m.value_type(inst.operands[i]); }
  const Attr& attr(std::string_view name) const { return inst.attrs[attr_index(op, name)]; }
  std::string str(const Expr& e) const { return e.str(names); }

  // Two dims that must be equal: provably, or checked at launch.
  void require_equal(const Expr& a, const Expr& b, const std::string& what) {
    if (a.equals(b)) return;
    if (a.is_lit() && b.is_lit()) error("{}: {} != {}", what, a.lit_value(), b.lit_value());
    asserts.push_back({Assertion::Kind::Equal, a, b, result, what});
  }
  void require_non_negative(const Expr& e, const std::string& what) {
    if (auto v = e.as_lit()) {
      if (*v < 0) error("{} is {}, must be >= 0", what, *v);
      return;
    }
    asserts.push_back({Assertion::Kind::NonNegative, e, Expr::lit(0), result, what});
  }
  int64_t axis_in_range(int64_t axis, size_t rank, const char* what) const {
    if (axis < 0 || static_cast<size_t>(axis) >= rank)
      error("{} {} is out of range for rank {}", what, axis, rank);
    return axis;
  }
  void distinct_axes(const std::vector<int64_t>& axes, size_t rank, const char* what) const {
    std::set<int64_t> seen;
    for (int64_t a : axes) {
      axis_in_range(a, rank, what);
      if (!seen.insert(a).second) error("{} {} appears twice", what, a);
    }
  }
  void per_axis(size_t n, size_t rank, const char* what) const {
    if (n != rank) error("{} has {} entries but the operand has rank {}", what, n, rank);
  }
  void shape_exprs_valid(const Dims& dims, const char* what) {
    if (dims.size() > TISA_MAX_RANK)
      error("{} has rank {}, over the limit {}", what, dims.size(), TISA_MAX_RANK);
    for (size_t i = 0; i < dims.size(); ++i)
      require_non_negative(dims[i], fmt::format("{} dim {} ({})", what, i, str(dims[i])));
  }
};

Dims same_shape(Ctx& c, size_t first, size_t count) {
  const Dims& dims = c.operand(first).dims;
  for (size_t i = first + 1; i < first + count; ++i) {
    const Dims& other = c.operand(i).dims;
    if (other.size() != dims.size())
      c.error("operand {} has rank {} but operand {} has rank {} (no implicit broadcasting)", i, other.size(),
              first, dims.size());
    for (size_t d = 0; d < dims.size(); ++d)
      c.require_equal(dims[d], other[d],
                      fmt::format("operand {} dim {} equals operand {} dim {}", i, d, first, d));
  }
  return dims;
}

Dims rule_constant(Ctx& c) {
  auto dtype = static_cast<tisa_dtype_t>(c.attr("dtype").i);
  const auto& shape = c.attr("shape").ints;
  if (shape.size() > TISA_MAX_RANK)
    c.error("shape has rank {}, over the limit {}", shape.size(), TISA_MAX_RANK);
  uint64_t elems = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > TISA_MAX_DIM) c.error("shape dim {} is out of range [0, {}]", d, TISA_MAX_DIM);
    elems = mul_elements(elems, static_cast<uint64_t>(d));
  }
  if (elems > TISA_MAX_ELEMENTS) c.error("shape has more than max_elements {} elements", TISA_MAX_ELEMENTS);
  int64_t index = c.attr("data").i;
  if (index < 0 || static_cast<size_t>(index) >= c.m.constants.size())
    c.error("data refers to constant {} but the module has {}", index, c.m.constants.size());
  const auto& bytes = c.m.constants[index];
  if (bytes.size() != elems * dtype_size(dtype))
    c.error("constant {} holds {} bytes; {} elements of {} need {}", index, bytes.size(), elems,
            find_dtype(dtype)->name, elems * dtype_size(dtype));
  if (dtype == TISA_DTYPE_BOOL)
    for (uint8_t b : bytes)
      if (b > 1) c.error("bool constant {} holds byte {}; bools are 0 or 1", index, b);
  return lits(shape);
}

Dims rule_creation(Ctx& c) {
  Dims dims = c.attr("shape").exprs;
  c.shape_exprs_valid(dims, "shape");
  if (c.op.opcode == TISA_OP_IOTA) c.axis_in_range(c.attr("axis").i, dims.size(), "axis");
  return dims;
}

Dims rule_same(Ctx& c) {
  return same_shape(c, 0, c.inst.operands.size());
}

Dims rule_select(Ctx& c) {
  return same_shape(c, 0, 3);
}

Dims rule_reduce(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  const auto& axes = c.attr("axes").ints;
  c.distinct_axes(axes, in.size(), "axis");
  bool keep = c.attr("keepdims").i != 0;
  Dims out;
  for (size_t d = 0; d < in.size(); ++d) {
    bool reduced = std::find(axes.begin(), axes.end(), static_cast<int64_t>(d)) != axes.end();
    if (!reduced)
      out.push_back(in[d]);
    else if (keep)
      out.push_back(Expr::lit(1));
  }
  return out;
}

Dims rule_arg_reduce(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  int64_t axis = c.axis_in_range(c.attr("axis").i, in.size(), "axis");
  if (in[axis].is_lit() && in[axis].lit_value() == 0) c.error("axis {} is empty: no index to return", axis);
  c.require_non_negative(in[axis] - Expr::lit(1), fmt::format("axis {} is not empty", axis));
  Dims out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (static_cast<int64_t>(d) != axis)
      out.push_back(in[d]);
    else if (c.attr("keepdims").i)
      out.push_back(Expr::lit(1));
  }
  return out;
}

Dims rule_matmul(Ctx& c) {
  const TensorType& a = c.operand(0);
  const TensorType& b = c.operand(1);
  if (a.rank() < 2 || b.rank() < 2) c.error("operands need rank >= 2, got {} and {}", a.rank(), b.rank());
  if (a.rank() != b.rank())
    c.error("operand ranks differ: {} and {} (batch dims do not broadcast)", a.rank(), b.rank());
  size_t r = a.rank();
  Dims out;
  for (size_t d = 0; d + 2 < r; ++d) {
    c.require_equal(a.dims[d], b.dims[d], fmt::format("batch dim {} of lhs equals that of rhs", d));
    out.push_back(a.dims[d]);
  }
  c.require_equal(a.dims[r - 1], b.dims[r - 2], "lhs K (last dim) equals rhs K (second to last dim)");
  out.push_back(a.dims[r - 2]);
  out.push_back(b.dims[r - 1]);
  auto acc = static_cast<tisa_dtype_t>(c.attr("acc").i);
  bool ok = dtype_is_float(a.dtype)
                ? dtype_is_float(acc) && dtype_size(acc) >= dtype_size(a.dtype)
                : dtype_is_signed(acc) && dtype_size(acc) >= std::max<size_t>(4, dtype_size(a.dtype));
  if (!ok)
    c.error("acc {} cannot accumulate {} (floats need a float at least as wide, integers i32 or i64)",
            find_dtype(acc) ? find_dtype(acc)->name : "?", find_dtype(a.dtype)->name);
  return out;
}

Dims rule_reshape(Ctx& c) {
  Dims out = c.attr("shape").exprs;
  c.shape_exprs_valid(out, "shape");
  const Dims& in = c.operand(0).dims;
  Expr pin = product(in), pout = product(out);
  c.require_equal(pin, pout, fmt::format("element count {} equals {}", c.str(pin), c.str(pout)));
  return out;
}

Dims rule_transpose(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  const auto& perm = c.attr("perm").ints;
  c.per_axis(perm.size(), in.size(), "perm");
  c.distinct_axes(perm, in.size(), "perm entry");
  Dims out;
  for (int64_t p : perm) out.push_back(in[p]);
  return out;
}

Dims rule_broadcast(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  Dims out = c.attr("shape").exprs;
  c.shape_exprs_valid(out, "shape");
  if (out.size() < in.size()) c.error("cannot broadcast rank {} to the lower rank {}", in.size(), out.size());
  size_t lead = out.size() - in.size();
  for (size_t d = 0; d < in.size(); ++d) {
    if (in[d].is_lit() && in[d].lit_value() == 1) continue;  // only a literal 1 repeats
    c.require_equal(in[d], out[lead + d],
                    fmt::format("input dim {} ({}) is 1 or equals output dim {} ({})", d, c.str(in[d]),
                                lead + d, c.str(out[lead + d])));
  }
  return out;
}

Dims rule_slice(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  const Dims& start = c.attr("start").exprs;
  const Dims& stop = c.attr("stop").exprs;
  const auto& step = c.attr("step").ints;
  c.per_axis(start.size(), in.size(), "start");
  c.per_axis(stop.size(), in.size(), "stop");
  c.per_axis(step.size(), in.size(), "step");
  Dims out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (step[d] < 1) c.error("step {} on axis {} must be >= 1", step[d], d);
    c.require_non_negative(start[d], fmt::format("start {} on axis {}", c.str(start[d]), d));
    c.require_non_negative(stop[d] - start[d],
                           fmt::format("stop {} - start {} on axis {}", c.str(stop[d]), c.str(start[d]), d));
    c.require_non_negative(in[d] - stop[d],
                           fmt::format("dim {} - stop {} on axis {}", c.str(in[d]), c.str(stop[d]), d));
    out.push_back(ceildiv(stop[d] - start[d], Expr::lit(step[d])));
  }
  return out;
}

Dims rule_pad(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  const Dims& low = c.attr("low").exprs;
  const Dims& high = c.attr("high").exprs;
  c.per_axis(low.size(), in.size(), "low");
  c.per_axis(high.size(), in.size(), "high");
  Dims out;
  for (size_t d = 0; d < in.size(); ++d) {
    c.require_non_negative(low[d], fmt::format("low {} on axis {}", c.str(low[d]), d));
    c.require_non_negative(high[d], fmt::format("high {} on axis {}", c.str(high[d]), d));
    out.push_back(low[d] + in[d] + high[d]);
  }
  return out;
}

Dims rule_concat(Ctx& c) {
  const Dims& first = c.operand(0).dims;
  int64_t axis = c.axis_in_range(c.attr("axis").i, first.size(), "axis");
  Expr total = first[axis];
  for (size_t i = 1; i < c.inst.operands.size(); ++i) {
    const Dims& other = c.operand(i).dims;
    if (other.size() != first.size())
      c.error("operand {} has rank {}, operand 0 has rank {}", i, other.size(), first.size());
    for (size_t d = 0; d < first.size(); ++d)
      if (static_cast<int64_t>(d) != axis)
        c.require_equal(first[d], other[d],
                        fmt::format("operand {} dim {} equals operand 0 dim {}", i, d, d));
    total = total + other[axis];
  }
  Dims out = first;
  out[axis] = total;
  return out;
}

Dims rule_reverse(Ctx& c) {
  c.distinct_axes(c.attr("axes").ints, c.operand(0).rank(), "axis");
  return c.operand(0).dims;
}

// Scans keep the shape; the axis must exist, so rank 0 has no scan.
Dims rule_scan(Ctx& c) {
  c.axis_in_range(c.attr("axis").i, c.operand(0).rank(), "axis");
  return c.operand(0).dims;
}

Dims rule_window(Ctx& c) {
  const Dims& in = c.operand(0).dims;
  const auto& size = c.attr("size").ints;
  const auto& stride = c.attr("stride").ints;
  const auto& dil = c.attr("dilation").ints;
  c.per_axis(size.size(), in.size(), "size");
  c.per_axis(stride.size(), in.size(), "stride");
  c.per_axis(dil.size(), in.size(), "dilation");
  if (2 * in.size() > TISA_MAX_RANK)
    c.error("rank {} windows would have rank {}, over the limit {}", in.size(), 2 * in.size(), TISA_MAX_RANK);
  Dims out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (size[d] < 1 || stride[d] < 1 || dil[d] < 1)
      c.error("axis {}: size {}, stride {} and dilation {} must all be >= 1", d, size[d], stride[d], dil[d]);
    if (size[d] > TISA_MAX_DIM || dil[d] > TISA_MAX_DIM || stride[d] > TISA_MAX_DIM)
      c.error("axis {}: window parameters exceed max_dim", d);
    int64_t span = dil[d] * (size[d] - 1) + 1;
    if (span == 1 && stride[d] == 1) {
      out.push_back(in[d]);  // a size-1 window with stride 1 keeps the dim: stays provably equal
      continue;
    }
    out.push_back(max(Expr::lit(0), floordiv(in[d] - Expr::lit(span), Expr::lit(stride[d])) + Expr::lit(1)));
  }
  for (size_t d = 0; d < in.size(); ++d) out.push_back(Expr::lit(size[d]));
  return out;
}

Dims gathered_shape(Ctx& c, const Dims& data, const Dims& indices, int64_t axis) {
  Dims out(data.begin(), data.begin() + axis);
  out.insert(out.end(), indices.begin(), indices.end());
  out.insert(out.end(), data.begin() + axis + 1, data.end());
  if (out.size() > TISA_MAX_RANK) c.error("result rank {} exceeds the limit {}", out.size(), TISA_MAX_RANK);
  return out;
}

Dims rule_gather(Ctx& c) {
  const Dims& data = c.operand(0).dims;
  int64_t axis = c.axis_in_range(c.attr("axis").i, data.size(), "axis");
  return gathered_shape(c, data, c.operand(1).dims, axis);
}

Dims rule_scatter(Ctx& c) {
  const Dims& data = c.operand(0).dims;
  int64_t axis = c.axis_in_range(c.attr("axis").i, data.size(), "axis");
  Dims want = gathered_shape(c, data, c.operand(1).dims, axis);
  const Dims& upd = c.operand(2).dims;
  if (upd.size() != want.size())
    c.error("updates have rank {}; data[:axis] + indices + data[axis+1:] has rank {}", upd.size(),
            want.size());
  for (size_t d = 0; d < want.size(); ++d)
    c.require_equal(upd[d], want[d], fmt::format("updates dim {} equals {}", d, c.str(want[d])));
  int64_t mode = c.attr("mode").i;
  if (mode < 0 || static_cast<size_t>(mode) >= c.op.enum_values.size())
    c.error("mode {} is not one of {}", mode, fmt::join(c.op.enum_values, ", "));
  return data;
}

}  // namespace

Dims infer_dims(const Module& m, const Inst& inst, const OpInfo& op, ValueId result,
                std::vector<Assertion>& asserts) {
  Ctx c{m, inst, op, result, asserts, m.symbol_names()};
  switch (op.shape_rule) {
    case TISA_SHAPE_RULE_CONSTANT: return rule_constant(c);
    case TISA_SHAPE_RULE_CREATION: return rule_creation(c);
    case TISA_SHAPE_RULE_SAME: return rule_same(c);
    case TISA_SHAPE_RULE_SELECT: return rule_select(c);
    case TISA_SHAPE_RULE_REDUCE: return rule_reduce(c);
    case TISA_SHAPE_RULE_ARG_REDUCE: return rule_arg_reduce(c);
    case TISA_SHAPE_RULE_MATMUL: return rule_matmul(c);
    case TISA_SHAPE_RULE_RESHAPE: return rule_reshape(c);
    case TISA_SHAPE_RULE_TRANSPOSE: return rule_transpose(c);
    case TISA_SHAPE_RULE_BROADCAST: return rule_broadcast(c);
    case TISA_SHAPE_RULE_SLICE: return rule_slice(c);
    case TISA_SHAPE_RULE_PAD: return rule_pad(c);
    case TISA_SHAPE_RULE_CONCAT: return rule_concat(c);
    case TISA_SHAPE_RULE_REVERSE: return rule_reverse(c);
    case TISA_SHAPE_RULE_SCAN: return rule_scan(c);
    case TISA_SHAPE_RULE_WINDOW: return rule_window(c);
    case TISA_SHAPE_RULE_GATHER: return rule_gather(c);
    case TISA_SHAPE_RULE_SCATTER: return rule_scatter(c);
  }
  c.error("no shape rule {}", static_cast<int>(op.shape_rule));
}

}  // namespace tisa::ir
