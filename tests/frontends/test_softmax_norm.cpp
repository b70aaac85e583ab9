// softmax / log-softmax and the normalizations against direct loops.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

TEST_CASE("softmax rows sum to 1 and match exp / sum, along any axis", "[frontend][softmax]") {
  const Shape shape{2, 3, 4};
  std::vector<float> x = data(24, 7);
  x[5] = 80.f;  // large: max subtraction keeps exp finite
  for (int64_t axis : {-1, 1, 0}) {
    HostTensor out = run({f32(shape, x)},
                         [&](Builder& b, const std::vector<Value>& in) { return softmax(b, in[0], axis); });
    HostTensor log_out = run({f32(shape, x)}, [&](Builder& b, const std::vector<Value>& in) {
      return log_softmax(b, in[0], axis);
    });
    const int64_t a = axis < 0 ? axis + 3 : axis;
    std::vector<double> want(24), want_log(24);
    for_each_index(shape, [&](const Shape& i) {
      double m = -INFINITY, sum = 0;
      Shape j = i;
      for (j[a] = 0; j[a] < shape[a]; ++j[a]) m = std::max(m, double(x[offset(shape, j)]));
      for (j[a] = 0; j[a] < shape[a]; ++j[a]) sum += std::exp(double(x[offset(shape, j)]) - m);
      const double xi = x[offset(shape, i)];
      want[offset(shape, i)] = std::exp(xi - m) / sum;
      want_log[offset(shape, i)] = xi - m - std::log(sum);
    });
    CHECK(mismatch(out, shape, want, 1e-5, 1e-7) == "");
    CHECK(mismatch(log_out, shape, want_log, 1e-5, 1e-5) == "");
    // Every row sums to 1.
    std::vector<float> got = values<float>(out);
    for_each_index(shape, [&](const Shape& i) {
      if (i[a] != 0) return;
      double sum = 0;
      Shape j = i;
      for (j[a] = 0; j[a] < shape[a]; ++j[a]) sum += got[offset(shape, j)];
      CHECK(std::fabs(sum - 1) < 1e-6);
    });
  }
}

// Mean and (biased) variance of the elements of x whose index satisfies `in_group`.
std::pair<double, double> moments(const std::vector<float>& x, const std::vector<size_t>& idx) {
  double m = 0, v = 0;
  for (size_t i : idx) m += x[i];
  m /= double(idx.size());
  for (size_t i : idx) v += (x[i] - m) * (x[i] - m);
  return {m, v / double(idx.size())};
}

TEST_CASE("layer norm over the last two axes with scale and bias", "[frontend][norm]") {
  const Shape shape{2, 3, 4};
  std::vector<float> x = data(24, 3), scale = data(12, 4), bias = data(4, 5);
  HostTensor out = run(
      {f32(shape, x), f32({3, 4}, scale), f32({4}, bias)},
      [](Builder& b, const std::vector<Value>& in) { return layer_norm(b, in[0], in[1], in[2], -2, 1e-5); });
  std::vector<double> want(24);
  for (size_t n = 0; n < 2; ++n) {
    std::vector<size_t> idx;
    for (size_t k = 0; k < 12; ++k) idx.push_back(n * 12 + k);
    auto [m, v] = moments(x, idx);
    for (size_t k = 0; k < 12; ++k)
      want[n * 12 + k] = (x[n * 12 + k] - m) / std::sqrt(v + 1e-5) * scale[k] + bias[k % 4];
  }
  CHECK(mismatch(out, shape, want, 1e-5, 1e-5) == "");
}

TEST_CASE("rms norm", "[frontend][norm]") {
  std::vector<float> x = data(8, 9), scale = {1, 2, 3, 4};
  HostTensor out = run({f32({2, 4}, x), f32({4}, scale)}, [](Builder& b, const std::vector<Value>& in) {
    return rms_norm(b, in[0], in[1], -1, 1e-6);
  });
  std::vector<double> want(8);
  for (int r = 0; r < 2; ++r) {
    double ms = 0;
    for (int k = 0; k < 4; ++k) ms += double(x[r * 4 + k]) * x[r * 4 + k];
    for (int k = 0; k < 4; ++k) want[r * 4 + k] = x[r * 4 + k] / std::sqrt(ms / 4 + 1e-6) * scale[k];
  }
  CHECK(mismatch(out, {2, 4}, want, 1e-5, 1e-6) == "");
}

TEST_CASE("batch norm (inference) with a symbolic batch", "[frontend][norm]") {
  const std::vector<float> scale = {1, 2, 0.5f}, bias = {0, 1, -1}, mean = {0.1f, -0.2f, 0.3f},
                           var = {1, 0.5f, 2};
  for (int64_t n : {1, 3}) {
    std::vector<float> x = data(size_t(n * 3 * 4), 11);
    auto out = eval(
        [&](Builder& b) {
          Expr N = b.symbol("N");
          Value xv = b.input(TISA_DTYPE_F32, {N, lit(3), lit(2), lit(2)});
          auto c = [&](const std::vector<float>& v) {
            return b.constant(TISA_DTYPE_F32, {3}, std::span<const float>(v));
          };
          return std::vector<Value>{batch_norm(b, xv, c(scale), c(bias), c(mean), c(var), 1e-5)};
        },
        {f32({n, 3, 2, 2}, x)});
    std::vector<double> want(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
      const size_t ch = (i / 4) % 3;
      want[i] = (x[i] - mean[ch]) / std::sqrt(var[ch] + 1e-5) * scale[ch] + bias[ch];
    }
    CHECK(mismatch(out[0], {n, 3, 2, 2}, want, 1e-5, 1e-6) == "");
  }
}

TEST_CASE("group norm and instance norm", "[frontend][norm]") {
  const Shape shape{2, 4, 3};
  std::vector<float> x = data(24, 13), scale = {1, 2, 3, 4}, bias = {0.5f, 0, -0.5f, 1};
  for (int64_t groups : {2, 4, 1}) {
    HostTensor out =
        run({f32(shape, x), f32({4}, scale), f32({4}, bias)}, [&](Builder& b, const std::vector<Value>& in) {
          return group_norm(b, in[0], in[1], in[2], groups, 1e-5);
        });
    std::vector<double> want(24);
    const size_t per = 4 / size_t(groups);
    for (size_t n = 0; n < 2; ++n)
      for (size_t g = 0; g < size_t(groups); ++g) {
        std::vector<size_t> idx;
        for (size_t c = g * per; c < (g + 1) * per; ++c)
          for (size_t s = 0; s < 3; ++s) idx.push_back(n * 12 + c * 3 + s);
        auto [m, v] = moments(x, idx);
        for (size_t i : idx)
          want[i] = (x[i] - m) / std::sqrt(v + 1e-5) * scale[(i / 3) % 4] + bias[(i / 3) % 4];
      }
    CHECK(mismatch(out, shape, want, 1e-5, 1e-5) == "");
    if (groups == 4) {
      HostTensor inst =
          run({f32(shape, x), f32({4}, scale), f32({4}, bias)},
              [](Builder& b, const std::vector<Value>& in) { return instance_norm(b, in[0], in[1], in[2]); });
      CHECK(mismatch(inst, shape, want, 1e-5, 1e-5) == "");
    }
  }
  CHECK(error_of([] {
          Builder b;
          Value x = b.input(TISA_DTYPE_F32, {lit(1), lit(6), lit(2)});
          Value s = b.input(TISA_DTYPE_F32, {lit(6)});
          group_norm(b, x, s, s, 4);
        }) == "group_norm: 6 channels do not split into 4 groups");
}

}  // namespace
}  // namespace tisa::ops::test
