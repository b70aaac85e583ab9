// Softmax over the last axis of %x : f32[R, C] in TISA text, split where tests put something
// between its halves: the exponentials %e, then their sum %s and the quotient %y. No outputs.
#pragma once

namespace tisa_test {

inline constexpr const char* kSoftmaxExp = R"(tisa 1.0
symbol R
symbol C
input %x : f32[R, C]
%m = reduce_max %x {axes = [1], keepdims = true} : f32[R, 1]
%mb = broadcast %m {shape = [R, C]} : f32[R, C]
%d = sub %x, %mb : f32[R, C]
%e = exp %d : f32[R, C]
)";

inline constexpr const char* kSoftmaxSum = R"(%s = reduce_sum %e {axes = [1], keepdims = true} : f32[R, 1]
)";

inline constexpr const char* kSoftmaxDiv = R"(%sb = broadcast %s {shape = [R, C]} : f32[R, C]
%y = div %e, %sb : f32[R, C]
)";

}  // namespace tisa_test
