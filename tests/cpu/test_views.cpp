// Strided views (plan/view.cpp) and the thread pool.
#include <catch2/catch.hpp>

#include <atomic>
#include <vector>

#include "drivers/cpu/plan/view.hpp"
#include "drivers/cpu/runtime/thread_pool.hpp"

namespace {

using tisa::cpu::StridedView;
using S = std::vector<int64_t>;

// The element offsets a view reads, in row-major order of its dims.
std::vector<int64_t> offsets(const StridedView& v) {
  std::vector<int64_t> out;
  std::vector<int64_t> index(v.rank, 0);
  for (int64_t n = v.count(); n-- > 0;) {
    int64_t at = v.offset;
    for (uint32_t d = 0; d < v.rank; ++d) at += index[d] * v.strides[d];
    out.push_back(at);
    for (uint32_t d = v.rank; d-- > 0;) {
      if (++index[d] < v.dims[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

TEST_CASE("views compose transpose, broadcast, slice, reverse and window into strides") {
  const StridedView x = StridedView::dense(S{3, 4});
  CHECK(offsets(tisa::cpu::transpose_view(x, S{1, 0})) == S{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11});
  CHECK(offsets(tisa::cpu::slice_view(x, S{1, 1}, S{1, 2}, S{2, 2})) == S{5, 7, 9, 11});
  CHECK(offsets(tisa::cpu::reverse_view(x, S{0})) == S{8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3});
  const StridedView row = StridedView::dense(S{1, 4});
  CHECK(offsets(tisa::cpu::broadcast_view(row, S{2, 2, 4})) ==
        S{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3});
  // window size [2, 2], stride [1, 2], dilation [1, 1] over [3, 4]: dims [2, 2, 2, 2].
  const StridedView w = tisa::cpu::window_view(x, S{1, 2}, S{1, 1}, S{2, 2, 2, 2});
  CHECK(offsets(w) == S{0, 1, 4, 5, 2, 3, 6, 7, 4, 5, 8, 9, 6, 7, 10, 11});
}

TEST_CASE("reshape composes only where strides can express it") {
  const StridedView x = StridedView::dense(S{4, 6});
  auto merged = tisa::cpu::reshape_view(x, S{2, 2, 3, 2, 1});
  REQUIRE(merged);
  CHECK(merged->is_dense());
  CHECK(offsets(*merged) == offsets(x));
  const StridedView t = tisa::cpu::transpose_view(x, S{1, 0});  // [6, 4]
  auto split = tisa::cpu::reshape_view(t, S{3, 2, 4});          // splits the strided axis: fine
  REQUIRE(split);
  CHECK(offsets(*split) == offsets(t));
  CHECK_FALSE(tisa::cpu::reshape_view(t, S{24}));  // merging transposed axes needs a copy
  CHECK_FALSE(tisa::cpu::reshape_view(t, S{4, 6}));
  const StridedView b = tisa::cpu::broadcast_view(StridedView::dense(S{1, 6}), S{4, 6});
  auto flat = tisa::cpu::reshape_view(b, S{2, 12});
  CHECK_FALSE(flat);  // a repeated row is not one stride
  auto empty = tisa::cpu::reshape_view(StridedView::dense(S{0, 5}), S{5, 0});
  REQUIRE(empty);
  CHECK(empty->count() == 0);
}

TEST_CASE("coalesced views merge contiguous axes and drop size-1 axes") {
  const StridedView x = StridedView::dense(S{2, 1, 3, 4});
  const StridedView c = x.coalesced();
  CHECK(c.rank == 1);
  CHECK(c.dims[0] == 24);
  CHECK(x.is_dense());
  const StridedView t = tisa::cpu::transpose_view(StridedView::dense(S{3, 4}), S{1, 0});
  CHECK_FALSE(t.is_dense());
  CHECK(t.coalesced().rank == 2);
  CHECK(StridedView::dense(S{}).coalesced().rank == 1);  // rank 0: one element
}

TEST_CASE("the pool runs every task exactly once, loop after loop") {
  tisa::cpu::ThreadPool pool(3);
  CHECK(pool.size() == 3);
  for (int64_t count : {1, 2, 3, 17, 1000}) {
    std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
    std::atomic<bool> bad_thread{false};
    for (int loop = 0; loop < 50; ++loop) {
      pool.parallel_for(count, [&](int64_t task, unsigned thread) {
        runs[static_cast<size_t>(task)].fetch_add(1);
        if (thread >= pool.size()) bad_thread = true;
      });
    }
    for (auto& r : runs) CHECK(r.load() == 50);
    CHECK_FALSE(bad_thread);
  }
  // Workers that start late (after loops or even the destructor ran) must still stop.
  for (int i = 0; i < 200; ++i) {
    tisa::cpu::ThreadPool brief(4);
    if (i % 2) brief.parallel_for(3, [](int64_t, unsigned) {});
  }
  tisa::cpu::ThreadPool single(1);
  int sum = 0;
  single.parallel_for(10, [&](int64_t task, unsigned) { sum += static_cast<int>(task); });
  CHECK(sum == 45);
}

}  // namespace
