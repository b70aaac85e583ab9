// Shape and layout operators (ONNX semantics) from reshape / transpose / broadcast / slice /
// concat / reverse. All are exact (element copies).
#pragma once

#include <optional>

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// [prod(dims[:axis]), prod(dims[axis:])]; axis in [-rank, rank].
Value flatten(Builder& b, Value x, int64_t axis = 1);
// Removes the given axes (each must be the literal 1), or every literal-1 axis when nullopt.
Value squeeze(Builder& b, Value x, const std::optional<std::vector<int64_t>>& axes = std::nullopt);
// Inserts size-1 axes at the given positions of the result (negative counts from its end).
Value unsqueeze(Builder& b, Value x, const std::vector<int64_t>& axes);
// ONNX Reshape: 0 copies the input dim (unless allow_zero), -1 is inferred. The inferred dim is
// found by cancelling equal dims and literal factors, so [N, 3, 4] -> [-1, 12] gives N, not a
// floordiv; otherwise floordiv(count, known) with a launch-time assertion on the count.
Value reshape(Builder& b, Value x, const std::vector<int64_t>& shape, bool allow_zero = false);
// ONNX Expand: bidirectional numpy broadcast of x with shape.
Value expand(Builder& b, Value x, const Dims& shape);
// Each axis repeated repeats[i] times (reshape to [.., 1, d, ..], broadcast, reshape).
Value tile(Builder& b, Value x, const std::vector<int64_t>& repeats);
// Pieces of the given sizes along axis (they must add up to the dim: asserted when symbolic).
std::vector<Value> split(Builder& b, Value x, int64_t axis, const Dims& sizes);
// n pieces of ceildiv(dim, n) elements, the last one shorter (ONNX Split num_outputs).
std::vector<Value> split_equal(Builder& b, Value x, int64_t axis, int64_t n);
Value concat(Builder& b, const std::vector<Value>& xs, int64_t axis);
// Default: reversed axes.
Value transpose(Builder& b, Value x, const std::optional<std::vector<int64_t>>& perm = std::nullopt);
// ONNX Slice with literal starts / ends / steps: negative positions count from the end, values
// clamp to the dim, negative steps are a reverse followed by a positive-step slice. Works on
// symbolic dims through min / max shape expressions.
Value slice(Builder& b, Value x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
            const std::optional<std::vector<int64_t>>& axes = std::nullopt,
            const std::optional<std::vector<int64_t>>& steps = std::nullopt);

enum class DepthToSpaceMode { DCR, CRD };
// [N, C, H, W] -> [N, C / bs^2, H * bs, W * bs] by reshape to rank 6, transpose, reshape.
Value depth_to_space(Builder& b, Value x, int64_t blocksize, DepthToSpaceMode mode = DepthToSpaceMode::DCR);
// [N, C, H, W] -> [N, C * bs^2, H / bs, W / bs].
Value space_to_depth(Builder& b, Value x, int64_t blocksize);

}  // namespace tisa::ops
