// out[b..., m, n] = sum_k lhs[b..., m, k] * rhs[b..., k, n], register-blocked: each invocation
// accumulates a TM x TN block of outputs in registers, in increasing k. Included by the
// generated matmul_<in>_<acc>[_sg].comp (gen_matmul.py), which define the dtype macros:
//   ACC, ACC4       accumulator type and its 4-vector; IN_BYTES, ACC_BYTES element sizes (int64)
//   LD(address)     an input element widened exactly to ACC; ST(address, value) stores an ACC
//   MAD(a, b, c)    a * b + c in ACC (f32: the compiler may fuse it, as the dot bound allows)
//   ACC_BITS        32 or 64; SUBGROUP_ROWS 1 in the _sg shaders (subgroup extensions enabled)
//
// Params (plan.cpp, matmul()): rank and shape are the output's (batch..., M, N); input 0 (lhs)
// has its strides along the batch dims and m (dim r - 2), its K stride in extra[0]; input 1
// (rhs) along the batch dims and n (dim r - 1), its K stride in extra[1]; count2 is K (> 0).
// The output is dense. Specialization constants:
//   OP     the tile configuration, MM_* below (the planner's kMatmul* tiles)
//   DENSE  bit 0: lhs K stride is 1, bit 1: rhs N stride is 1 (a constant stride folds away)
//   RANK   the output rank (the batch loop); WIDE and RANK2 are not used
// Workgroups: x over N tiles, y over M tiles, z over batches; each is also a loop, so a dispatch
// clamped to the device's limits still covers every tile.

#define MM_MAIN 0      // 64 x 64 tile, 16 x 8 per invocation, operands read directly (CPUs)
#define MM_ROW 1       // M < 8: 1 x 256 tile, 1 x 8 per invocation
#define MM_COLUMN 2    // N < 8: 128 x 1 tile, 4 x 1 per invocation
#define MM_SHARED 3    // 64 x 64 tile staged through shared memory 16 k at a time (GPUs)

// Every configuration has this many invocations: the local size cannot depend on OP.
#define MM_INVOCATIONS 32
layout(local_size_x = MM_INVOCATIONS) in;

struct Mm {
  uint M, N, K;
  int64_t sa_m, sa_k, sb_k, sb_n;  // element strides
};

#if SUBGROUP_ROWS
// v of lane i of this invocation's aligned group of 8 lanes (a broadcast when that is the whole
// subgroup); 64-bit values travel as two words (no shaderSubgroupExtendedTypes needed).
#define SHARE_WORDS(v, i) \
  (gl_SubgroupSize == 8u ? subgroupBroadcast(v, i) : subgroupShuffle(v, (gl_SubgroupInvocationID & ~7u) + (i)))
#if ACC_BITS == 64
#define SHARE_ROW(v, i) ACC(packUint2x32(SHARE_WORDS(unpackUint2x32(uint64_t(v)), i)))
#else
#define SHARE_ROW(v, i) SHARE_WORDS(v, i)
#endif
#endif

#define TILE_FN tile_main
#define BM 64
#define BN 64
#define TM 16
#define TN 8
#define TILE_SHARED 0
#define TILE_SUBGROUP SUBGROUP_ROWS
#include "matmul_tile.glsl"

#if !SUBGROUP_ROWS  // the _sg shaders run MM_MAIN only
#define TILE_FN tile_row
#define BM 1
#define BN 256
#define TM 1
#define TN 8
#define TILE_SHARED 0
#define TILE_SUBGROUP 0
#include "matmul_tile.glsl"

#define TILE_FN tile_column
#define BM 128
#define BN 1
#define TM 4
#define TN 1
#define TILE_SHARED 0
#define TILE_SUBGROUP 0
#include "matmul_tile.glsl"

#define TILE_FN tile_shared
#define BM 64
#define BN 64
#define TM 16
#define TN 8
#define TILE_SHARED 1
#define TILE_SUBGROUP 0
#include "matmul_tile.glsl"
#endif

void main() {
  Params p = Params(pc.params);
  Mm g;
  g.M = uint(p.shape[RANK - 2]);
  g.N = uint(p.shape[RANK - 1]);
  g.K = uint(p.count2);
  g.sa_m = p.strides[RANK - 2];
  g.sa_k = (DENSE & 1) != 0 ? 1l : p.extra[0];
  g.sb_k = p.extra[1];
  g.sb_n = (DENSE & 2) != 0 ? 1l : p.strides[8 + RANK - 1];
  const uint bm = OP == MM_ROW ? 1u : OP == MM_COLUMN ? 128u : 64u;
  const uint bn = OP == MM_ROW ? 256u : OP == MM_COLUMN ? 1u : 64u;
  const uint tiles_m = (g.M + bm - 1u) / bm, tiles_n = (g.N + bn - 1u) / bn;
  const int64_t matrix = int64_t(g.M) * int64_t(g.N);
  const int64_t batches = p.count / matrix;
  for (int64_t z = int64_t(gl_WorkGroupID.z); z < batches; z += int64_t(gl_NumWorkGroups.z)) {
    // The batch's element offsets: its index over the batch dims (all but the last two).
    int64_t off_a = p.offsets[0], off_b = p.offsets[1], rest = z;
    for (int d = RANK - 3; d >= 0; --d) {
      const int64_t i = rest % p.shape[d];
      rest /= p.shape[d];
      off_a += i * p.strides[d];
      off_b += i * p.strides[8 + d];
    }
    const uint64_t a = p.in_addr[0] + uint64_t(off_a * IN_BYTES);
    const uint64_t b = p.in_addr[1] + uint64_t(off_b * IN_BYTES);
    const uint64_t c = p.out_addr + uint64_t(z * matrix * ACC_BYTES);
    for (uint ty = gl_WorkGroupID.y; ty < tiles_m; ty += gl_NumWorkGroups.y) {
      for (uint tx = gl_WorkGroupID.x; tx < tiles_n; tx += gl_NumWorkGroups.x) {
#if !SUBGROUP_ROWS
        if (OP == MM_ROW) tile_row(g, a, b, c, ty * bm, tx * bn);
        else if (OP == MM_COLUMN) tile_column(g, a, b, c, ty * bm, tx * bn);
        else if (OP == MM_SHARED) tile_shared(g, a, b, c, ty * bm, tx * bn);
        else
#endif
          tile_main(g, a, b, c, ty * bm, tx * bn);
      }
    }
  }
}
