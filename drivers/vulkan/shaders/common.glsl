// Shared by every generated kernel: the parameter record (one per dispatch, read through its
// device address, so new shapes or a new symbol binding need no new pipeline) and the strided
// index helpers. The C++ mirror is drivers/vulkan/params.hpp; keep both in step.
#extension GL_EXT_buffer_reference : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_EXT_shader_8bit_storage : require

layout(buffer_reference, std430, buffer_reference_align = 16) readonly buffer Params {
  uint64_t out_addr;
  uint64_t in_addr[3];
  int64_t count;   // output elements (or output rows for reductions)
  int64_t count2;  // inner elements: reduced elements, K of matmul, scan length
  int rank;
  int rank2;
  int op;
  int aux;        // bit k: input k is dense in the output's order
  int64_t shape[8];       // output shape
  int64_t shape2[8];      // inner shape (reductions)
  int64_t strides[32];    // [k * 8 + d]: input k's element stride along output dim d (k = 3: inner)
  int64_t offsets[4];     // element offset of each input's first element
  int64_t extra[4];       // op-specific: fill bits, iota axis, matmul K strides, gather axis
};

layout(push_constant) uniform Push {
  uint64_t params;
} pc;

layout(buffer_reference, std430, buffer_reference_align = 1) buffer Ref8 { uint8_t v; };
layout(buffer_reference, std430, buffer_reference_align = 1) buffer RefI8 { int8_t v; };
layout(buffer_reference, std430, buffer_reference_align = 4) buffer Ref32 { uint v; };
layout(buffer_reference, std430, buffer_reference_align = 4) buffer RefI32 { int v; };
layout(buffer_reference, std430, buffer_reference_align = 4) buffer RefF32 { float v; };
layout(buffer_reference, std430, buffer_reference_align = 8) buffer Ref64 { uint64_t v; };
layout(buffer_reference, std430, buffer_reference_align = 8) buffer RefI64 { int64_t v; };

// Element offset of input k for the output element at linear index i (row-major). Bit k of
// aux says input k is dense in the output's order: no index arithmetic at all. Otherwise 32-bit
// division while the index fits (64-bit division is emulated, and slow, on many devices).
int64_t input_offset(Params p, int k, int64_t i) {
  if ((p.aux & (1 << k)) != 0) return p.offsets[k] + i;
  int64_t off = p.offsets[k];
  if (i <= 0x7fffffffl) {
    uint rest = uint(i);
    for (int d = p.rank - 1; d >= 0; --d) {
      const uint n = uint(p.shape[d]);
      off += int64_t(rest % n) * p.strides[k * 8 + d];
      rest /= n;
    }
    return off;
  }
  for (int d = p.rank - 1; d >= 0; --d) {
    const int64_t n = p.shape[d];
    off += (i % n) * p.strides[k * 8 + d];
    i /= n;
  }
  return off;
}

// Element offset (relative) of inner element j over shape2 with the inner strides (slot 3).
int64_t inner_offset(Params p, int64_t j) {
  int64_t off = 0;
  if (j <= 0x7fffffffl) {
    uint rest = uint(j);
    for (int d = p.rank2 - 1; d >= 0; --d) {
      const uint n = uint(p.shape2[d]);
      off += int64_t(rest % n) * p.strides[24 + d];
      rest /= n;
    }
    return off;
  }
  for (int d = p.rank2 - 1; d >= 0; --d) {
    const int64_t n = p.shape2[d];
    off += (j % n) * p.strides[24 + d];
    j /= n;
  }
  return off;
}

// A macro, not a function: gl_WorkGroupSize is (1, 1, 1) in code compiled before the kernel's
// local_size_x declaration, which would make every invocation past the first group's redo work.
#define total_invocations() (int64_t(gl_NumWorkGroups.x) * int64_t(gl_WorkGroupSize.x))
