#include "frontends/ops/shape.hpp"

#include <algorithm>
#include <numeric>

#include "frontends/ops/broadcast.hpp"

namespace tisa::ops {

Value flatten(Builder& b, Value x, int64_t axis) {
  const Dims& d = dims_of(b, x);
  const int64_t rank = rank_of(b, x);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank) invalid("flatten: axis {} is out of range for rank {}", axis, rank);
  const Dims outer(d.begin(), d.begin() + axis), inner(d.begin() + axis, d.end());
  return reshape_to(b, x, {ir::product(outer), ir::product(inner)});
}

Value squeeze(Builder& b, Value x, const std::optional<std::vector<int64_t>>& axes) {
  const Dims& d = dims_of(b, x);
  std::vector<int64_t> drop;
  if (axes) {
    drop = normalize_axes(*axes, rank_of(b, x), "squeeze");
    for (int64_t a : drop)
      if (d[a].as_lit() != 1) invalid("squeeze: axis {} has dim {}, not 1", a, dim_str(b, d[a]));
  } else {
    for (size_t i = 0; i < d.size(); ++i)
      if (d[i].as_lit() == 1) drop.push_back(static_cast<int64_t>(i));
  }
  Dims out;
  for (size_t i = 0; i < d.size(); ++i)
    if (std::find(drop.begin(), drop.end(), static_cast<int64_t>(i)) == drop.end()) out.push_back(d[i]);
  return reshape_to(b, x, out);
}

Value unsqueeze(Builder& b, Value x, const std::vector<int64_t>& axes) {
  const Dims& d = dims_of(b, x);
  const int64_t out_rank = rank_of(b, x) + static_cast<int64_t>(axes.size());
  const std::vector<int64_t> at = normalize_axes(axes, out_rank, "unsqueeze");
  Dims out;
  size_t next = 0;
  for (int64_t i = 0; i < out_rank; ++i)
    out.push_back(std::find(at.begin(), at.end(), i) != at.end() ? lit(1) : d[next++]);
  return reshape_to(b, x, out);
}

Value reshape(Builder& b, Value x, const std::vector<int64_t>& shape, bool allow_zero) {
  const Dims& in = dims_of(b, x);
  Dims out(shape.size());
  int64_t inferred = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (inferred >= 0) invalid("reshape: more than one -1 in the target shape");
      inferred = static_cast<int64_t>(i);
    } else if (shape[i] == 0 && !allow_zero) {
      if (i >= in.size()) invalid("reshape: 0 at axis {} has no input dim to copy", i);
      out[i] = in[i];
    } else if (shape[i] < 0) {
      invalid("reshape: dim {} is negative", shape[i]);
    } else {
      out[i] = lit(shape[i]);
    }
  }
  if (inferred >= 0) {
    // Cancel symbolic dims that appear on both sides, then divide the literal parts.
    Dims in_sym;
    int64_t in_lit = 1, out_lit = 1;
    for (const Expr& e : in) {
      if (auto v = e.as_lit())
        in_lit *= *v;
      else
        in_sym.push_back(e);
    }
    bool cancelled = true;
    for (size_t i = 0; i < out.size(); ++i) {
      if (static_cast<int64_t>(i) == inferred) continue;
      if (auto v = out[i].as_lit()) {
        out_lit *= *v;
        continue;
      }
      auto match =
          std::find_if(in_sym.begin(), in_sym.end(), [&](const Expr& e) { return e.equals(out[i]); });
      if (match == in_sym.end())
        cancelled = false;
      else
        in_sym.erase(match);
    }
    if (cancelled && out_lit != 0 && in_lit % out_lit == 0) {
      out[inferred] = ir::product(in_sym) * lit(in_lit / out_lit);
    } else {
      Dims known;
      for (size_t i = 0; i < out.size(); ++i)
        if (static_cast<int64_t>(i) != inferred) known.push_back(out[i]);
      out[inferred] = ir::floordiv(ir::product(in), ir::product(known));
    }
  }
  return reshape_to(b, x, out);
}

Value expand(Builder& b, Value x, const Dims& shape) {
  return broadcast_to(b, x, broadcast_shapes(b, dims_of(b, x), shape, "expand"), "expand");
}

Value tile(Builder& b, Value x, const std::vector<int64_t>& repeats) {
  if (static_cast<int64_t>(repeats.size()) != rank_of(b, x))
    invalid("tile: {} repeats for a tensor of rank {}", repeats.size(), rank_of(b, x));
  for (size_t a = 0; a < repeats.size(); ++a) {
    if (repeats[a] < 0) invalid("tile: repeat {} is negative", repeats[a]);
    if (repeats[a] == 1) continue;
    Dims d = dims_of(b, x);
    Dims lifted = d, spread = d;
    lifted.insert(lifted.begin() + static_cast<int64_t>(a), lit(1));
    spread.insert(spread.begin() + static_cast<int64_t>(a), lit(repeats[a]));
    d[a] = lit(repeats[a]) * d[a];
    x = b.reshape(b.broadcast(b.reshape(x, lifted), spread), d);
  }
  return x;
}

std::vector<Value> split(Builder& b, Value x, int64_t axis, const Dims& sizes) {
  axis = normalize_axis(axis, rank_of(b, x), "split");
  const Dims& d = dims_of(b, x);
  std::vector<Value> out;
  Expr at = lit(0);
  for (const Expr& size : sizes) {
    Dims start(d.size(), lit(0)), stop = d;
    start[axis] = at;
    stop[axis] = at + size;
    out.push_back(b.slice(x, start, stop, std::vector<int64_t>(d.size(), 1)));
    at = at + size;
  }
  return out;
}

std::vector<Value> split_equal(Builder& b, Value x, int64_t axis, int64_t n) {
  axis = normalize_axis(axis, rank_of(b, x), "split");
  if (n < 1) invalid("split: {} outputs requested", n);
  const Expr d = dims_of(b, x)[axis];
  const Expr chunk = ir::ceildiv(d, lit(n));
  Dims sizes;
  for (int64_t i = 0; i < n; ++i)
    sizes.push_back(ir::min(lit(i + 1) * chunk, d) - ir::min(lit(i) * chunk, d));
  return split(b, x, axis, sizes);
}

Value concat(Builder& b, const std::vector<Value>& xs, int64_t axis) {
  if (xs.empty()) invalid("concat: needs at least one input");
  axis = normalize_axis(axis, rank_of(b, xs[0]), "concat");
  return xs.size() == 1 ? xs[0] : b.concat(xs, axis);
}

Value transpose(Builder& b, Value x, const std::optional<std::vector<int64_t>>& perm) {
  std::vector<int64_t> p(static_cast<size_t>(rank_of(b, x)));
  if (perm)
    p = normalize_axes(*perm, rank_of(b, x), "transpose");
  else
    std::iota(p.rbegin(), p.rend(), 0);
  if (p.size() != static_cast<size_t>(rank_of(b, x)))
    invalid("transpose: perm has {} entries for rank {}", p.size(), rank_of(b, x));
  bool identity = true;
  for (size_t i = 0; i < p.size(); ++i) identity = identity && p[i] == static_cast<int64_t>(i);
  return identity ? x : b.transpose(x, p);
}

namespace {

// A position with d added when negative, clamped into [lo, d + hi_offset] (min of max, so
// that an empty axis gives d + hi_offset).
Expr clamp_position(int64_t v, const Expr& d, int64_t lo, int64_t hi_offset) {
  // |v| beyond max_dim + 1 clamps the same way as max_dim + 1 and keeps expressions in range.
  v = std::clamp<int64_t>(v, -TISA_MAX_DIM - 1, TISA_MAX_DIM + 1);
  const Expr p = v < 0 ? d + lit(v) : lit(v);
  return ir::min(ir::max(p, lit(lo)), d + lit(hi_offset));
}

}  // namespace

Value slice(Builder& b, Value x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
            const std::optional<std::vector<int64_t>>& axes,
            const std::optional<std::vector<int64_t>>& steps) {
  const int64_t rank = rank_of(b, x);
  std::vector<int64_t> ax(starts.size());
  if (axes)
    ax = normalize_axes(*axes, rank, "slice");
  else
    std::iota(ax.begin(), ax.end(), 0);
  if (ends.size() != starts.size() || ax.size() != starts.size() || (steps && steps->size() != starts.size()))
    invalid("slice: starts, ends, axes and steps must have the same length");
  const Dims& d = dims_of(b, x);
  Dims start(rank, lit(0)), stop = d;
  std::vector<int64_t> step(rank, 1), reversed;
  for (size_t i = 0; i < ax.size(); ++i) {
    const int64_t a = ax[i], s = steps ? (*steps)[i] : 1;
    if (s == 0) invalid("slice: step 0 on axis {}", a);
    if (s > 0) {
      start[a] = clamp_position(starts[i], d[a], 0, 0);
      stop[a] = ir::max(clamp_position(ends[i], d[a], 0, 0), start[a]);
      step[a] = s;
    } else {
      // Indices start, start + s, ... > end of x are d - 1 - (start', start' - s, ...) of reverse(x).
      const Expr first = clamp_position(starts[i], d[a], 0, -1);
      const Expr last = clamp_position(ends[i], d[a], -1, -1);
      start[a] = d[a] - lit(1) - first;
      stop[a] = ir::max(d[a] - lit(1) - last, start[a]);
      step[a] = -s;
      reversed.push_back(a);
    }
  }
  if (!reversed.empty()) x = b.reverse(x, reversed);
  bool whole = true;
  for (int64_t a = 0; a < rank; ++a)
    whole = whole && start[a].as_lit() == 0 && stop[a].equals(d[a]) && step[a] == 1;
  return whole ? x : b.slice(x, start, stop, step);
}

Value depth_to_space(Builder& b, Value x, int64_t bs, DepthToSpaceMode mode) {
  const Dims& d = dims_of(b, x);
  if (d.size() != 4) invalid("depth_to_space: needs [N, C, H, W], got {}", dims_str(b, d));
  const int64_t c = require_literal(b, d[1], "depth_to_space", "the channel count");
  if (bs < 1 || c % (bs * bs) != 0) invalid("depth_to_space: {} channels are not a multiple of {}^2", c, bs);
  const Expr cb = lit(c / (bs * bs)), k = lit(bs);
  Value r = mode == DepthToSpaceMode::DCR
                ? b.transpose(b.reshape(x, {d[0], k, k, cb, d[2], d[3]}), {0, 3, 4, 1, 5, 2})
                : b.transpose(b.reshape(x, {d[0], cb, k, k, d[2], d[3]}), {0, 1, 4, 2, 5, 3});
  return b.reshape(r, {d[0], cb, d[2] * k, d[3] * k});
}

Value space_to_depth(Builder& b, Value x, int64_t bs) {
  const Dims& d = dims_of(b, x);
  if (d.size() != 4) invalid("space_to_depth: needs [N, C, H, W], got {}", dims_str(b, d));
  if (bs < 1) invalid("space_to_depth: blocksize {} < 1", bs);
  const Expr k = lit(bs), h = ir::floordiv(d[2], k), w = ir::floordiv(d[3], k);
  Value r = b.transpose(b.reshape(x, {d[0], d[1], h, k, w, k}), {0, 3, 5, 1, 2, 4});
  return b.reshape(r, {d[0], d[1] * k * k, h, w});
}

}  // namespace tisa::ops
