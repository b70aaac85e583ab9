// Row fusion (O2): consecutive fused and reduce steps over the same [rows, cols], at least one
// of them a reduction over cols, become one RowStep when every read of a value stored inside
// the run stays in the reader's own row. Values from outside the run may be read in any way:
// the memory plan then sees the run as one step, so nothing it reads or writes shares bytes
// with anything else alive in it.
#include <algorithm>

#include "drivers/cpu/plan/builder.hpp"

namespace tisa::cpu {
namespace {

constexpr int64_t kMaxCols = 64 * 1024;  // longer rows do not stay in cache

bool same_place(const Location& a, const Location& b) {
  return a.space == b.space && a.index == b.index;
}

struct Written {
  Location at;
  int64_t width;  // elements per row: cols, or 1 for a row reduction
};

// Whether every element (r, c) of the [rows, cols] iteration space reads x from row r of a
// value stored with width elements per row (a row itself, or its element broadcast).
bool row_aligned(const Operand& x, int64_t rows, int64_t cols, int64_t width) {
  const int64_t shape[2] = {rows, cols};
  const std::optional<StridedView> v = reshape_view(x.view, shape);
  if (!v || v->offset != 0) return false;
  if (rows > 1 && v->strides[0] != width) return false;
  return cols == 1 || v->strides[1] == (width == 1 ? 0 : 1);
}

const Program* program_of(const Step& step, int64_t* rows, int64_t* cols) {
  if (const auto* r = dynamic_cast<const ReduceStep*>(&step)) {
    if (r->inner != 1) return nullptr;
    *rows = r->outer;
    *cols = r->reduced;
    return &r->program;
  }
  if (const auto* f = dynamic_cast<const FusedStep*>(&step)) return &f->program;
  return nullptr;
}

}  // namespace

void InstanceBuilder::fuse_rows() {
  const size_t n = steps_.size();
  StepList merged;
  std::vector<int64_t> new_index(n);
  std::vector<bool> in_run(n, false);
  size_t i = 0;
  while (i < n) {
    // The run's shape: the first row reduction of the candidate steps from i.
    int64_t rows = 0, cols = 0;
    for (size_t j = i; j < n; ++j) {
      int64_t r = 0, c = 0;
      if (!program_of(*steps_[j], &r, &c)) break;
      if (c > 0) {
        rows = r;
        cols = c;
        break;
      }
    }
    size_t end = i;
    std::vector<Written> written;
    bool has_reduce = false;
    if (rows > 1 && cols > 1 && cols <= kMaxCols) {
      for (; end < n; ++end) {
        int64_t r = 0, c = 0;
        const Program* p = program_of(*steps_[end], &r, &c);
        if (!p) break;
        const bool is_reduce = c > 0;
        if (is_reduce ? (r != rows || c != cols) : p->count != rows * cols) break;
        const bool reads_ok = std::all_of(p->leaves.begin(), p->leaves.end(), [&](const Operand& x) {
          if (x.is_splat()) return true;
          for (const Written& w : written) {
            if (same_place(w.at, x.base)) return row_aligned(x, rows, cols, w.width);
          }
          return true;
        });
        if (!reads_ok) break;
        const auto* reduce = dynamic_cast<const ReduceStep*>(steps_[end].get());
        written.push_back({reduce ? reduce->dest : dynamic_cast<const FusedStep*>(steps_[end].get())->dest,
                           reduce ? 1 : cols});
        has_reduce = has_reduce || is_reduce;
      }
    }
    if (!has_reduce || end - i < 2) {
      new_index[i] = static_cast<int64_t>(merged.size());
      merged.push_back(std::move(steps_[i]));
      ++i;
      continue;
    }
    auto row_step = std::make_unique<RowStep>();
    row_step->rows = rows;
    row_step->cols = cols;
    for (size_t j = i; j < end; ++j) {
      new_index[j] = static_cast<int64_t>(merged.size());
      in_run[j] = true;
      RowStep::Part part;
      part.reduce = dynamic_cast<const ReduceStep*>(steps_[j].get());
      part.fused = dynamic_cast<const FusedStep*>(steps_[j].get());
      if (part.fused) {
        // Stream a large result only when no later part reads it back from cache.
        const Location at = part.fused->dest;
        bool read_later = false;
        for (size_t k = j + 1; k < end; ++k) {
          int64_t r = 0, c = 0;
          for (const Operand& x : program_of(*steps_[k], &r, &c)->leaves) {
            read_later = read_later || (!x.is_splat() && same_place(x.base, at));
          }
        }
        part.stream =
            !read_later && part.fused->program.count * part.fused->program.result_size >= kStreamBytes;
      }
      row_step->parts.push_back(part);
      row_step->owned.push_back(std::move(steps_[j]));
    }
    merged.push_back(std::move(row_step));
    i = end;
  }
  steps_ = std::move(merged);
  for (Temp& t : temps_) {
    if (t.def >= 0) t.def = new_index[static_cast<size_t>(t.def)];
    if (t.last >= 0) t.last = new_index[static_cast<size_t>(t.last)];
  }
  // Writing over a dying operand is safe only where that operand is read in step order.
  std::erase_if(in_place_, [&](const InPlaceCandidate& c) { return in_run[static_cast<size_t>(c.step)]; });
  for (InPlaceCandidate& c : in_place_) c.step = new_index[static_cast<size_t>(c.step)];
}

}  // namespace tisa::cpu
