#include "frontends/ops/pad.hpp"

namespace tisa::ops {
namespace {

// x[.., from:to, ..] along axis.
Value range(Builder& b, Value x, int64_t axis, const Expr& from, const Expr& to) {
  Dims start(dims_of(b, x).size(), lit(0)), stop = dims_of(b, x);
  start[axis] = from;
  stop[axis] = to;
  return b.slice(x, start, stop, std::vector<int64_t>(start.size(), 1));
}

Value pad_axis(Builder& b, Value x, int64_t axis, int64_t low, int64_t high, PadMode mode) {
  const Expr d = dims_of(b, x)[axis];
  auto edge_block = [&](const Expr& at, int64_t count) {
    Dims shape = dims_of(b, x);
    shape[axis] = lit(count);
    return b.broadcast(range(b, x, axis, at, at + lit(1)), shape);
  };
  std::vector<Value> parts;
  if (low > 0) {
    switch (mode) {
      case PadMode::Reflect:
        parts.push_back(b.reverse(range(b, x, axis, lit(1), lit(low + 1)), {axis}));
        break;
      case PadMode::Edge: parts.push_back(edge_block(lit(0), low)); break;
      case PadMode::Wrap: parts.push_back(range(b, x, axis, d - lit(low), d)); break;
      case PadMode::Constant: break;
    }
  }
  parts.push_back(x);
  if (high > 0) {
    switch (mode) {
      case PadMode::Reflect:
        parts.push_back(b.reverse(range(b, x, axis, d - lit(high + 1), d - lit(1)), {axis}));
        break;
      case PadMode::Edge: parts.push_back(edge_block(d - lit(1), high)); break;
      case PadMode::Wrap: parts.push_back(range(b, x, axis, lit(0), lit(high))); break;
      case PadMode::Constant: break;
    }
  }
  return parts.size() == 1 ? x : b.concat(parts, axis);
}

}  // namespace

Value pad(Builder& b, Value x, const std::vector<int64_t>& pads_begin, const std::vector<int64_t>& pads_end,
          PadMode mode, double value) {
  const int64_t rank = rank_of(b, x);
  if (static_cast<int64_t>(pads_begin.size()) != rank || static_cast<int64_t>(pads_end.size()) != rank)
    invalid("pad: {} + {} pads for a tensor of rank {}", pads_begin.size(), pads_end.size(), rank);
  // Crop negative pads.
  bool crop = false;
  Dims start(rank, lit(0)), stop = dims_of(b, x);
  for (int64_t a = 0; a < rank; ++a) {
    if (pads_begin[a] < 0) {
      start[a] = lit(-pads_begin[a]);
      crop = true;
    }
    if (pads_end[a] < 0) {
      stop[a] = stop[a] + lit(pads_end[a]);
      crop = true;
    }
  }
  if (crop) x = b.slice(x, start, stop, std::vector<int64_t>(rank, 1));
  Dims low(rank, lit(0)), high(rank, lit(0));
  bool any = false;
  for (int64_t a = 0; a < rank; ++a) {
    low[a] = lit(std::max<int64_t>(pads_begin[a], 0));
    high[a] = lit(std::max<int64_t>(pads_end[a], 0));
    any = any || pads_begin[a] > 0 || pads_end[a] > 0;
  }
  if (!any) return x;
  if (mode == PadMode::Constant) return b.pad(x, low, high, value);
  for (int64_t a = 0; a < rank; ++a)
    x = pad_axis(b, x, a, std::max<int64_t>(pads_begin[a], 0), std::max<int64_t>(pads_end[a], 0), mode);
  return x;
}

}  // namespace tisa::ops
