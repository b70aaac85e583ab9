// The four folds shared by the reductions and the scans: sum, product, max, min. Floats sum and
// multiply in double and round once when stored (within the dot and product bounds); integers
// wrap in their own type; max/min stay in the element type, so they are exact.
#pragma once

#include <limits>
#include <type_traits>

#include "drivers/reference/kernels/scalar_ops.hpp"

namespace tisa::ref {

enum class FoldKind { sum, prod, max, min };

template <class D>
struct Fold {
  using T = typename D::type;
  using Acc = std::conditional_t<is_float<D>, double, T>;
  FoldKind kind;

  // The fold of nothing: the start of a reduction, and an exclusive scan's first element.
  Acc identity() const {
    switch (kind) {
      case FoldKind::sum: return Acc{0};
      case FoldKind::prod: return Acc{1};
      case FoldKind::max:
        if constexpr (is_float<D>)
          return -std::numeric_limits<T>::infinity();
        else
          return std::numeric_limits<T>::min();
      case FoldKind::min: break;
    }
    if constexpr (is_float<D>)
      return std::numeric_limits<T>::infinity();
    else
      return std::numeric_limits<T>::max();
  }

  Acc combine(Acc acc, T x) const {
    switch (kind) {
      case FoldKind::sum:
        if constexpr (is_float<D>)
          return acc + static_cast<double>(x);
        else
          return wrap_add(acc, x);
      case FoldKind::prod:
        if constexpr (is_float<D>)
          return acc * static_cast<double>(x);
        else
          return wrap_mul(acc, x);
      case FoldKind::max: return max_value<D>(static_cast<T>(acc), x);
      case FoldKind::min: break;
    }
    return min_value<D>(static_cast<T>(acc), x);
  }
};

}  // namespace tisa::ref
