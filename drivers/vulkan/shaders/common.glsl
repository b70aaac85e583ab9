// Shared by every generated kernel: the parameter record (one per dispatch, read through its
// device address, so new shapes need no new pipeline), the specialization constants and the
// strided index helpers. The C++ mirror is drivers/vulkan/params.hpp; keep both in step.
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
  int op;         // also the OP constant
  int aux;        // bit k: input k is dense in the output's order (also the DENSE constant)
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

// The pipeline variant (drivers/vulkan/pipelines.cpp), fixed when the pipeline is created, so the
// compiler folds the op's switch and the index paths away: lavapipe, for one, runs both sides of
// a branch on a value it reads at run time, which made every kernel pay for all of its ops.
layout(constant_id = 0) const int OP = 0;         // the op: opcode, or the kernel's own mode
layout(constant_id = 1) const int DENSE = 0;      // bit k: input k is dense in the output's order
layout(constant_id = 2) const bool WIDE = false;  // some index reaches 2^31: 64-bit index math
layout(constant_id = 3) const int RANK = 0;       // p.rank
layout(constant_id = 4) const int RANK2 = 0;      // p.rank2

// The shapes, strides and offsets of a dispatch, read once before its loop: the compiler cannot
// move loads through the parameter pointer out of a loop that stores through other pointers.
struct Strided {
  int64_t shape[8];
  int64_t strides[4][8];
  int64_t offsets[4];
  int64_t shape2[8];
  int64_t strides2[8];
};

Strided load_strided(Params p) {
  Strided s;
  for (int d = 0; d < RANK; ++d) {
    s.shape[d] = p.shape[d];
    for (int k = 0; k < 4; ++k) s.strides[k][d] = p.strides[k * 8 + d];
  }
  for (int k = 0; k < 4; ++k) s.offsets[k] = p.offsets[k];
  for (int d = 0; d < RANK2; ++d) {
    s.shape2[d] = p.shape2[d];
    s.strides2[d] = p.strides[24 + d];
  }
  return s;
}

// Element offset of input k for the output element at linear index i (row-major): plain offset
// plus i when input k is dense, else 32-bit division unless WIDE (64-bit division is emulated,
// and slow, on many devices).
int64_t offset_of(Strided s, int k, int64_t i) {
  if ((DENSE & (1 << k)) != 0) return s.offsets[k] + i;
  int64_t off = s.offsets[k];
  if (RANK == 0) return off;
  if (!WIDE) {
    uint rest = uint(i);
    for (int d = RANK - 1; d > 0; --d) {
      const uint n = uint(s.shape[d]);
      off += int64_t(rest % n) * s.strides[k][d];
      rest /= n;
    }
    return off + int64_t(rest) * s.strides[k][0];  // i < count: no division by the first dim
  }
  for (int d = RANK - 1; d > 0; --d) {
    const int64_t n = s.shape[d];
    off += (i % n) * s.strides[k][d];
    i /= n;
  }
  return off + i * s.strides[k][0];
}

// Element offset (relative) of inner element j over shape2 with the inner strides (slot 3).
int64_t inner_offset(Strided s, int64_t j) {
  if (RANK2 == 0) return 0;
  int64_t off = 0;
  if (!WIDE) {
    uint rest = uint(j);
    for (int d = RANK2 - 1; d > 0; --d) {
      const uint n = uint(s.shape2[d]);
      off += int64_t(rest % n) * s.strides2[d];
      rest /= n;
    }
    return off + int64_t(rest) * s.strides2[0];  // j < count2
  }
  for (int d = RANK2 - 1; d > 0; --d) {
    const int64_t n = s.shape2[d];
    off += (j % n) * s.strides2[d];
    j /= n;
  }
  return off + j * s.strides2[0];
}

// A macro, not a function: gl_WorkGroupSize is (1, 1, 1) in code compiled before the kernel's
// local_size_x declaration, which would make every invocation past the first group's redo work.
#define total_invocations() (int64_t(gl_NumWorkGroups.x) * int64_t(gl_WorkGroupSize.x))
