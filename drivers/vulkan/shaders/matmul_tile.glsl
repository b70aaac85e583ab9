// One tile configuration of matmul.glsl, which includes this file once per configuration with
// TILE_FN, BM, BN, TM, TN, TILE_SHARED and TILE_SUBGROUP defined; they are undefined at the end.
// TILE_FN(g, a, b, c, m0, n0) computes the BM x BN block at row m0, column n0 of one batch
// (a, b, c: the addresses of its lhs[0, 0], rhs[0, 0] and out[0, 0]), TM x TN outputs per
// invocation. Rows and columns past the edge compute on the last one and are not stored.
//   TILE_SHARED    stage BK-deep blocks of lhs and rhs through shared memory (GPUs); otherwise
//                  each invocation reads its operands itself (llvmpipe: shared memory is no faster
//                  than its caches, and the barriers cost)
//   TILE_SUBGROUP  the 8 invocations of a tile row (BN / TN == 8) each load TM / 8 of its TM lhs
//                  rows and broadcast them in the subgroup: 8 times fewer lhs loads

#define TCOLS (BN / TN)
#if (BM / TM) * TCOLS != MM_INVOCATIONS
#error matmul tile: (BM / TM) * (BN / TN) must be MM_INVOCATIONS
#endif
#if TILE_SUBGROUP && (TM % 8 != 0 || TCOLS != 8)
#error matmul tile: subgroup sharing needs TM % 8 == 0 and BN / TN == 8
#endif

#if TILE_SHARED
#define BK 16
shared ACC4 s_a[BK][BM / 4];  // k-major: an invocation's TM rows at one k are TM / 4 vector reads
shared ACC4 s_b[BK][BN / 4];
#endif

void TILE_FN(Mm g, uint64_t a, uint64_t b, uint64_t c, uint m0, uint n0) {
#if TILE_SUBGROUP
  // The position comes from the subgroup, so the 8 lanes that share rows hold one tile row
  // however the device orders invocations into (full: device.cpp) subgroups.
  const uint tid = gl_SubgroupID * gl_SubgroupSize + gl_SubgroupInvocationID;
  const uint lane8 = gl_SubgroupInvocationID & 7u;
#define AQ (TM / 8)
#else
  const uint tid = gl_LocalInvocationIndex;
#define AQ TM
#endif
  const uint mb = m0 + (tid / TCOLS) * TM, nb = n0 + (tid % TCOLS) * TN;
  ACC acc[TM][TN];
  [[unroll]] for (uint i = 0; i < TM; ++i) {
    [[unroll]] for (uint j = 0; j < TN; ++j) acc[i][j] = ACC(0);
  }
#if TILE_SHARED
  const uint trow = tid / TCOLS, tcol = tid % TCOLS;
  for (uint k0 = 0; k0 < g.K; k0 += BK) {
    // Consecutive invocations load consecutive k of lhs and n of rhs (coalesced where those
    // strides are 1); k past K loads as 0.
    [[unroll]] for (uint i = 0; i < BM * BK / MM_INVOCATIONS; ++i) {
      const uint e = tid + i * MM_INVOCATIONS, kk = e % BK, mm = e / BK, k = k0 + kk;
      ACC v = ACC(0);
      if (k < g.K) v = LD(a + uint64_t((int64_t(min(m0 + mm, g.M - 1u)) * g.sa_m + int64_t(k) * g.sa_k) * IN_BYTES));
      s_a[kk][mm / 4][mm % 4] = v;
    }
    [[unroll]] for (uint i = 0; i < BK * BN / MM_INVOCATIONS; ++i) {
      const uint e = tid + i * MM_INVOCATIONS, nn = e % BN, kk = e / BN, k = k0 + kk;
      ACC v = ACC(0);
      if (k < g.K) v = LD(b + uint64_t((int64_t(k) * g.sb_k + int64_t(min(n0 + nn, g.N - 1u)) * g.sb_n) * IN_BYTES));
      s_b[kk][nn / 4][nn % 4] = v;
    }
    barrier();
    for (uint kk = 0; kk < BK; ++kk) {
      ACC4 av[TM / 4], bv[TN / 4];
      [[unroll]] for (uint i = 0; i < TM / 4; ++i) av[i] = s_a[kk][trow * (TM / 4) + i];
      [[unroll]] for (uint j = 0; j < TN / 4; ++j) bv[j] = s_b[kk][tcol * (TN / 4) + j];
      [[unroll]] for (uint i = 0; i < TM; ++i) {
        [[unroll]] for (uint j = 0; j < TN; ++j) acc[i][j] = MAD(av[i / 4][i % 4], bv[j / 4][j % 4], acc[i][j]);
      }
    }
    barrier();
  }
#else
  // Cursors: the address of the next element (along k) of each row of lhs and column of rhs
  // this invocation reads.
  uint64_t ca[AQ], cb[TN];
  [[unroll]] for (uint q = 0; q < AQ; ++q) {
#if TILE_SUBGROUP
    const uint row = q * 8u + lane8;
#else
    const uint row = q;
#endif
    ca[q] = a + uint64_t(int64_t(min(mb + row, g.M - 1u)) * g.sa_m * IN_BYTES);
  }
  [[unroll]] for (uint j = 0; j < TN; ++j) {
    cb[j] = b + uint64_t(int64_t(min(nb + j, g.N - 1u)) * g.sb_n * IN_BYTES);
  }
  const uint64_t step_a = uint64_t(g.sa_k * IN_BYTES), step_b = uint64_t(g.sb_k * IN_BYTES);
  for (uint k = 0; k < g.K; ++k) {
    ACC av[TM], bv[TN];
    [[unroll]] for (uint q = 0; q < AQ; ++q) {
      const ACC v = LD(ca[q]);
      ca[q] += step_a;
#if TILE_SUBGROUP
      [[unroll]] for (uint i = 0; i < 8u; ++i) av[q * 8u + i] = SHARE_ROW(v, i);
#else
      av[q] = v;
#endif
    }
    [[unroll]] for (uint j = 0; j < TN; ++j) {
      bv[j] = LD(cb[j]);
      cb[j] += step_b;
    }
    [[unroll]] for (uint i = 0; i < TM; ++i) {
      [[unroll]] for (uint j = 0; j < TN; ++j) acc[i][j] = MAD(av[i], bv[j], acc[i][j]);
    }
  }
#endif
  [[unroll]] for (uint i = 0; i < TM; ++i) {
    if (mb + i < g.M) {
      const uint64_t row = c + uint64_t(mb + i) * uint64_t(g.N) * uint64_t(ACC_BYTES);
      [[unroll]] for (uint j = 0; j < TN; ++j) {
        if (nb + j < g.N) ST(row + uint64_t(nb + j) * uint64_t(ACC_BYTES), acc[i][j]);
      }
    }
  }
}

#undef TILE_FN
#undef BM
#undef BN
#undef TM
#undef TN
#undef TILE_SHARED
#undef TILE_SUBGROUP
#undef TCOLS
#undef AQ
#undef BK
