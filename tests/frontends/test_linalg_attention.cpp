// matmul with numpy broadcasting, gemm, attention and det against direct loops (det: cofactor
// expansion in double).
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

// Plain [B, M, K] x [B, K, N] (b-th batch of each operand given by the index functions).
std::vector<double> ref_matmul(const std::vector<float>& x, const std::vector<float>& y, int64_t batches,
                               int64_t m, int64_t k, int64_t n, const std::function<int64_t(int64_t)>& xb,
                               const std::function<int64_t(int64_t)>& yb) {
  std::vector<double> out;
  for (int64_t bt = 0; bt < batches; ++bt)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double s = 0;
        for (int64_t t = 0; t < k; ++t)
          s += double(x[(xb(bt) * m + i) * k + t]) * y[(yb(bt) * k + t) * n + j];
        out.push_back(s);
      }
  return out;
}

TEST_CASE("matmul broadcasts batch dims: [2,1,3,4] x [3,4,5]", "[frontend][linalg]") {
  std::vector<float> x = data(2 * 3 * 4, 1), y = data(3 * 4 * 5, 2);
  HostTensor out = run({f32({2, 1, 3, 4}, x), f32({3, 4, 5}, y)},
                       [](Builder& b, auto& in) { return matmul(b, in[0], in[1]); });
  // batch (a, c): x batch a, y batch c.
  auto want = ref_matmul(
      x, y, 6, 3, 4, 5, [](int64_t bt) { return bt / 3; }, [](int64_t bt) { return bt % 3; });
  CHECK(mismatch(out, {2, 3, 3, 5}, want) == "");
}

TEST_CASE("matmul with vectors and a shared 2-D rhs", "[frontend][linalg]") {
  std::vector<float> v = {1, 2, 3}, m = data(3 * 2, 3), batched = data(4 * 2 * 3, 4);
  HostTensor vm =
      run({f32({3}, v), f32({3, 2}, m)}, [](Builder& b, auto& in) { return matmul(b, in[0], in[1]); });
  CHECK(mismatch(vm, {2}, {1 * m[0] + 2 * m[2] + 3 * m[4], 1 * m[1] + 2 * m[3] + 3 * m[5]}) == "");
  HostTensor mv =
      run({f32({3, 2}, m), f32({2}, {1, -1})}, [](Builder& b, auto& in) { return matmul(b, in[0], in[1]); });
  CHECK(mismatch(mv, {3}, {m[0] - m[1], m[2] - m[3], m[4] - m[5]}) == "");
  HostTensor bm = run({f32({4, 2, 3}, batched), f32({3, 2}, m)},
                      [](Builder& b, auto& in) { return matmul(b, in[0], in[1]); });
  auto want = ref_matmul(
      batched, m, 4, 2, 3, 2, [](int64_t bt) { return bt; }, [](int64_t) { return 0; });
  CHECK(mismatch(bm, {4, 2, 2}, want) == "");
  // Integers accumulate in i32 and come back in the operands' dtype.
  HostTensor im = run({i32({1, 2}, {3, 4}), i32({2, 1}, {5, 6})},
                      [](Builder& b, auto& in) { return matmul(b, in[0], in[1]); });
  CHECK(im.dtype == TISA_DTYPE_I32);
  CHECK(values<int32_t>(im) == std::vector<int32_t>{39});
}

TEST_CASE("matmul over a symbolic batch", "[frontend][linalg]") {
  std::vector<float> w = data(4 * 2, 5);
  for (int64_t n : {1, 3}) {
    std::vector<float> x = data(size_t(n * 3 * 4), 6);
    auto out = eval(
        [&](Builder& b) {
          Value xv = b.input(TISA_DTYPE_F32, {b.symbol("N"), lit(3), lit(4)});
          Value wv = b.input(TISA_DTYPE_F32, {lit(4), lit(2)});
          return std::vector<Value>{matmul(b, xv, wv)};
        },
        {f32({n, 3, 4}, x), f32({4, 2}, w)});
    auto want = ref_matmul(
        x, w, n, 3, 4, 2, [](int64_t bt) { return bt; }, [](int64_t) { return 0; });
    CHECK(mismatch(out[0], {n, 3, 2}, want) == "");
  }
}

TEST_CASE("gemm with transposes, alpha, beta and a broadcast C", "[frontend][linalg]") {
  std::vector<float> a = data(4 * 3, 7), bm = data(2 * 4, 8), c = {1, -1};  // A^T: [3,4], B^T: [4,2]
  GemmOptions o;
  o.trans_a = o.trans_b = true;
  o.alpha = 0.5;
  o.beta = 2.0;
  HostTensor out = run({f32({4, 3}, a), f32({2, 4}, bm), f32({2}, c)},
                       [&](Builder& b, auto& in) { return gemm(b, in[0], in[1], in[2], o); });
  std::vector<double> want;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) {
      double s = 0;
      for (int t = 0; t < 4; ++t) s += double(a[t * 3 + i]) * bm[j * 4 + t];
      want.push_back(0.5 * s + 2.0 * c[j]);
    }
  CHECK(mismatch(out, {3, 2}, want) == "");
}

// Direct attention over [B, S, D] with optional causal and additive masks.
std::vector<double> ref_attention(const std::vector<float>& q, const std::vector<float>& k,
                                  const std::vector<float>& v, int64_t batches, int64_t sq, int64_t sk,
                                  int64_t d, bool causal, const std::vector<float>* add_mask) {
  std::vector<double> out;
  const double scale = 1 / std::sqrt(double(d));
  for (int64_t bt = 0; bt < batches; ++bt)
    for (int64_t i = 0; i < sq; ++i) {
      std::vector<double> s(static_cast<size_t>(sk));
      double m = -INFINITY;
      for (int64_t j = 0; j < sk; ++j) {
        double dot = 0;
        for (int64_t t = 0; t < d; ++t) dot += double(q[(bt * sq + i) * d + t]) * k[(bt * sk + j) * d + t];
        s[j] = dot * scale + (add_mask ? (*add_mask)[i * sk + j] : 0.0);
        if (causal && j > i) s[j] = -INFINITY;
        m = std::max(m, s[j]);
      }
      double sum = 0;
      for (double& e : s) sum += (e = std::exp(e - m));
      for (int64_t t = 0; t < d; ++t) {
        double acc = 0;
        for (int64_t j = 0; j < sk; ++j) acc += s[j] / sum * v[(bt * sk + j) * d + t];
        out.push_back(acc);
      }
    }
  return out;
}

TEST_CASE("attention: plain, causal, additive and boolean masks", "[frontend][attention]") {
  const int64_t B = 2, S = 4, D = 3;
  std::vector<float> q = data(B * S * D, 11), k = data(B * S * D, 12), v = data(B * S * D, 13);
  std::vector<HostTensor> in{f32({B, S, D}, q), f32({B, S, D}, k), f32({B, S, D}, v)};
  HostTensor plain = run(in, [](Builder& b, auto& x) { return attention(b, x[0], x[1], x[2]); });
  CHECK(mismatch(plain, {B, S, D}, ref_attention(q, k, v, B, S, S, D, false, nullptr), 1e-5, 1e-6) == "");
  AttentionOptions causal;
  causal.causal = true;
  HostTensor c = run(in, [&](Builder& b, auto& x) { return attention(b, x[0], x[1], x[2], causal); });
  const auto want_causal = ref_attention(q, k, v, B, S, S, D, true, nullptr);
  CHECK(mismatch(c, {B, S, D}, want_causal, 1e-5, 1e-6) == "");
  // The first query sees only the first key: its output is v[0].
  CHECK(values<float>(c)[0] == v[0]);

  std::vector<float> mask = data(S * S, 14);
  auto with_mask = in;
  with_mask.push_back(f32({S, S}, mask));
  HostTensor am = run(with_mask, [](Builder& b, auto& x) {
    AttentionOptions o;
    o.mask = x[3];
    return attention(b, x[0], x[1], x[2], o);
  });
  CHECK(mismatch(am, {B, S, D}, ref_attention(q, k, v, B, S, S, D, false, &mask), 1e-5, 1e-6) == "");
  // A boolean lower-triangular mask is the causal mask.
  std::vector<uint8_t> tri(S * S);
  for (int64_t i = 0; i < S; ++i)
    for (int64_t j = 0; j < S; ++j) tri[i * S + j] = j <= i;
  auto with_bool = in;
  with_bool.push_back(tensor(TISA_DTYPE_BOOL, {S, S}, tri));
  HostTensor bm = run(with_bool, [](Builder& b, auto& x) {
    AttentionOptions o;
    o.mask = x[3];
    return attention(b, x[0], x[1], x[2], o);
  });
  CHECK(mismatch(bm, {B, S, D}, want_causal, 1e-5, 1e-6) == "");
}

TEST_CASE("attention with a symbolic sequence length and heads broadcast", "[frontend][attention]") {
  const int64_t D = 2;
  for (int64_t s : {1, 3}) {
    std::vector<float> q = data(size_t(2 * s * D), 15), k = data(size_t(s * D), 16),
                       v = data(size_t(s * D), 17);
    auto out = eval(
        [&](Builder& b) {
          Expr S = b.symbol("S");
          Value qv = b.input(TISA_DTYPE_F32, {lit(2), S, lit(D)});  // 2 heads
          Value kv = b.input(TISA_DTYPE_F32, {lit(1), S, lit(D)});  // shared by both heads
          Value vv = b.input(TISA_DTYPE_F32, {lit(1), S, lit(D)});
          AttentionOptions o;
          o.causal = true;
          return std::vector<Value>{attention(b, qv, kv, vv, o)};
        },
        {f32({2, s, D}, q), f32({1, s, D}, k), f32({1, s, D}, v)});
    std::vector<float> k2 = k, v2 = v;
    k2.insert(k2.end(), k.begin(), k.end());
    v2.insert(v2.end(), v.begin(), v.end());
    CHECK(mismatch(out[0], {2, s, D}, ref_attention(q, k2, v2, 2, s, s, D, true, nullptr), 1e-5, 1e-6) == "");
  }
}

double cofactor_det(const std::vector<double>& a, int64_t m) {
  if (m == 1) return a[0];
  double sum = 0;
  for (int64_t j = 0; j < m; ++j) {
    std::vector<double> minor;
    for (int64_t r = 1; r < m; ++r)
      for (int64_t c = 0; c < m; ++c)
        if (c != j) minor.push_back(a[size_t(r * m + c)]);
    sum += (j % 2 ? -1.0 : 1.0) * a[size_t(j)] * cofactor_det(minor, m - 1);
  }
  return sum;
}

TEST_CASE("det of batched matrices: random, pivoting needed, singular", "[frontend][linalg]") {
  for (int64_t m : {1, 2, 3, 5}) {
    const Shape xs{2, 3, m, m};
    std::vector<float> x = data(size_t(count(xs)), 171 + uint32_t(m));
    const int64_t mm = m * m;
    if (m >= 2) {
      // Matrix 1: a zero leading element (a pivot must be found below). Matrix 2: two equal rows.
      x[size_t(mm)] = 0;
      for (int64_t c = 0; c < m; ++c) x[size_t(2 * mm + m + c)] = x[size_t(2 * mm + c)];
      // Matrix 3: a permutation, det -1 or +1 with every pivot elsewhere than on the diagonal.
      for (int64_t r = 0; r < m; ++r)
        for (int64_t c = 0; c < m; ++c) x[size_t(3 * mm + r * m + c)] = c == (r + 1) % m ? 1.f : 0.f;
    }
    std::vector<double> want;
    for (int64_t i = 0; i < 6; ++i)
      want.push_back(cofactor_det(std::vector<double>(x.begin() + i * mm, x.begin() + (i + 1) * mm), m));
    HostTensor out = run({f32(xs, x)}, [](Builder& b, auto& v) { return det(b, v[0]); });
    INFO("m = " << m);
    CHECK(mismatch(out, {2, 3}, want, 1e-5, 1e-6) == "");
  }
  Builder b;
  Value rect = b.input(TISA_DTYPE_F32, {lit(2), lit(3)});
  CHECK(error_of([&] { det(b, rect); }).find("not square") != std::string::npos);
  Value ints = b.input(TISA_DTYPE_I32, {lit(2), lit(2)});
  CHECK(error_of([&] { det(b, ints); }).find("needs a float tensor") != std::string::npos);
}

}  // namespace
}  // namespace tisa::ops::test
