// The per-dispatch parameter record, the C++ mirror of `Params` in shaders/common.glsl. Kernels
// read it through its device address (a push constant), so shapes, strides and the op of a
// dispatch are data: a new symbol binding reuses every pipeline.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tisa::vk {

inline constexpr int kMaxRank = 8;

struct alignas(16) Params {
  uint64_t out_addr = 0;
  uint64_t in_addr[3] = {};
  int64_t count = 0;   // output elements (output rows for reductions)
  int64_t count2 = 0;  // inner elements: reduced elements, matmul K
  int32_t rank = 0;
  int32_t rank2 = 0;
  int32_t op = 0;
  int32_t aux = 0;
  int64_t shape[kMaxRank] = {};
  int64_t shape2[kMaxRank] = {};
  int64_t strides[4 * kMaxRank] = {};  // [k * 8 + d]; k = 3 holds the inner strides
  int64_t offsets[4] = {};
  int64_t extra[4] = {};
};
static_assert(sizeof(Params) == 512, "Params must match shaders/common.glsl");
static_assert(offsetof(Params, shape) == 64 && offsetof(Params, strides) == 192 &&
                  offsetof(Params, offsets) == 448 && offsetof(Params, extra) == 480,
              "Params must match shaders/common.glsl");

}  // namespace tisa::vk
