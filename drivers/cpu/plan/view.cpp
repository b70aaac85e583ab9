#include "drivers/cpu/plan/view.hpp"

#include "hal/ir/error.hpp"

namespace tisa::cpu {

int64_t StridedView::count() const {
  int64_t n = 1;
  for (uint32_t d = 0; d < rank; ++d) n *= dims[d];
  return n;
}

StridedView StridedView::dense(std::span<const int64_t> shape, int64_t offset) {
  if (shape.size() > TISA_MAX_RANK) invalid("cpu driver: rank {} exceeds {}", shape.size(), TISA_MAX_RANK);
  StridedView v;
  v.rank = static_cast<uint32_t>(shape.size());
  v.offset = offset;
  int64_t stride = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    v.dims[d] = shape[d];
    v.strides[d] = stride;
    stride *= shape[d];
  }
  return v;
}

StridedView StridedView::coalesced() const {
  StridedView c;
  c.offset = offset;
  for (uint32_t d = 0; d < rank; ++d) {
    if (dims[d] == 1) continue;
    if (c.rank > 0 && c.strides[c.rank - 1] == dims[d] * strides[d]) {
      c.dims[c.rank - 1] *= dims[d];
      c.strides[c.rank - 1] = strides[d];
    } else {
      c.dims[c.rank] = dims[d];
      c.strides[c.rank] = strides[d];
      ++c.rank;
    }
  }
  if (c.rank == 0) {
    c.rank = 1;
    c.dims[0] = 1;
    c.strides[0] = 1;
  }
  return c;
}

bool StridedView::is_dense() const {
  const StridedView c = coalesced();
  return c.rank == 1 && (c.strides[0] == 1 || c.dims[0] <= 1);
}

StridedView transpose_view(const StridedView& v, std::span<const int64_t> perm) {
  StridedView out = v;
  for (size_t i = 0; i < perm.size(); ++i) {
    out.dims[i] = v.dims[perm[i]];
    out.strides[i] = v.strides[perm[i]];
  }
  return out;
}

StridedView permute_view(const StridedView& v, std::span<const int64_t> order) {
  return transpose_view(v, order);
}

StridedView broadcast_view(const StridedView& v, std::span<const int64_t> out_shape) {
  StridedView out;
  out.rank = static_cast<uint32_t>(out_shape.size());
  out.offset = v.offset;
  const size_t lead = out_shape.size() - v.rank;  // axes align on the right
  for (size_t d = 0; d < out_shape.size(); ++d) {
    out.dims[d] = out_shape[d];
    if (d < lead) {
      out.strides[d] = 0;
    } else {
      const size_t in = d - lead;
      out.strides[d] = v.dims[in] == 1 ? 0 : v.strides[in];
    }
  }
  return out;
}

StridedView slice_view(const StridedView& v, std::span<const int64_t> start, std::span<const int64_t> step,
                       std::span<const int64_t> out_shape) {
  StridedView out = v;
  for (uint32_t d = 0; d < v.rank; ++d) {
    out.offset += start[d] * v.strides[d];
    out.strides[d] = v.strides[d] * step[d];
    out.dims[d] = out_shape[d];
  }
  return out;
}

StridedView reverse_view(const StridedView& v, std::span<const int64_t> axes) {
  StridedView out = v;
  for (int64_t a : axes) {
    const auto d = static_cast<size_t>(a);
    if (v.dims[d] == 0) continue;
    out.offset += (v.dims[d] - 1) * v.strides[d];
    out.strides[d] = -v.strides[d];
  }
  return out;
}

// out[i..., j...] = x[i * stride + j * dilation] per axis.
StridedView window_view(const StridedView& v, std::span<const int64_t> stride,
                        std::span<const int64_t> dilation, std::span<const int64_t> out_shape) {
  StridedView out;
  out.rank = 2 * v.rank;
  out.offset = v.offset;
  for (uint32_t d = 0; d < v.rank; ++d) {
    out.dims[d] = out_shape[d];
    out.strides[d] = v.strides[d] * stride[d];
    out.dims[v.rank + d] = out_shape[v.rank + d];
    out.strides[v.rank + d] = v.strides[d] * dilation[d];
  }
  return out;
}

std::optional<StridedView> reshape_view(const StridedView& v, std::span<const int64_t> shape) {
  if (shape.size() > TISA_MAX_RANK) return std::nullopt;
  StridedView out;
  out.rank = static_cast<uint32_t>(shape.size());
  out.offset = v.offset;
  for (size_t d = 0; d < shape.size(); ++d) out.dims[d] = shape[d];
  if (v.count() == 0) {  // nothing to read: any strides do
    StridedView dense = StridedView::dense(shape, v.offset);
    return dense;
  }
  // The old axes without size-1 ones; walk both shapes, matching groups of equal products.
  int64_t od[TISA_MAX_RANK], os[TISA_MAX_RANK];
  size_t on = 0;
  for (uint32_t d = 0; d < v.rank; ++d) {
    if (v.dims[d] != 1) {
      od[on] = v.dims[d];
      os[on] = v.strides[d];
      ++on;
    }
  }
  const size_t nn = shape.size();
  size_t oi = 0, ni = 0;
  while (ni < nn && oi < on) {
    size_t oj = oi + 1, nj = ni + 1;
    int64_t np = shape[ni], op = od[oi];
    while (np != op) {
      if (np < op) {
        if (nj >= nn) return std::nullopt;
        np *= shape[nj++];
      } else {
        if (oj >= on) return std::nullopt;
        op *= od[oj++];
      }
    }
    // The old axes of the group must step through memory as one axis.
    for (size_t k = oi; k + 1 < oj; ++k) {
      if (os[k] != od[k + 1] * os[k + 1]) return std::nullopt;
    }
    out.strides[nj - 1] = os[oj - 1];
    for (size_t k = nj - 1; k > ni; --k) out.strides[k - 1] = out.strides[k] * shape[k];
    ni = nj;
    oi = oj;
  }
  for (; ni < nn; ++ni) out.strides[ni] = 0;  // trailing size-1 axes
  return out;
}

}  // namespace tisa::cpu
