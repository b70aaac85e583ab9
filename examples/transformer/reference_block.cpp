#include "examples/transformer/reference_block.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tisa::examples {
namespace {

// A row-major [rows, cols] matrix of doubles: one sequence of token vectors.
struct Matrix {
  int64_t rows = 0, cols = 0;
  std::vector<double> v;
  Matrix(int64_t r, int64_t c) : rows(r), cols(c), v(static_cast<size_t>(r * c), 0.0) {}
  double& at(int64_t r, int64_t c) { return v[static_cast<size_t>(r * cols + c)]; }
  double at(int64_t r, int64_t c) const { return v[static_cast<size_t>(r * cols + c)]; }
};

double get(const std::vector<float>& w, int64_t i) {
  return static_cast<double>(w[static_cast<size_t>(i)]);
}

// x @ w + bias, w [x.cols, out] row-major.
Matrix dense(const Matrix& x, const std::vector<float>& w, const std::vector<float>& bias, int64_t out) {
  Matrix y(x.rows, out);
  for (int64_t r = 0; r < x.rows; ++r)
    for (int64_t o = 0; o < out; ++o) {
      double sum = get(bias, o);
      for (int64_t i = 0; i < x.cols; ++i) sum += x.at(r, i) * get(w, i * out + o);
      y.at(r, o) = sum;
    }
  return y;
}

Matrix layer_norm(const Matrix& x, const std::vector<float>& scale, const std::vector<float>& bias,
                  double eps) {
  Matrix y(x.rows, x.cols);
  for (int64_t r = 0; r < x.rows; ++r) {
    double mean = 0.0, var = 0.0;
    for (int64_t c = 0; c < x.cols; ++c) mean += x.at(r, c);
    mean /= static_cast<double>(x.cols);
    for (int64_t c = 0; c < x.cols; ++c) var += (x.at(r, c) - mean) * (x.at(r, c) - mean);
    var /= static_cast<double>(x.cols);
    for (int64_t c = 0; c < x.cols; ++c)
      y.at(r, c) = (x.at(r, c) - mean) / std::sqrt(var + eps) * get(scale, c) + get(bias, c);
  }
  return y;
}

// Multi-head scaled dot-product attention on qkv [S, 3D] (q, k, v side by side).
Matrix attention(const Matrix& qkv, const BlockConfig& c) {
  const int64_t s = qkv.rows, d = c.d_model, dh = c.head_dim();
  const double scale = 1.0 / std::sqrt(static_cast<double>(dh));
  Matrix out(s, d);
  std::vector<double> p(static_cast<size_t>(s));
  for (int64_t h = 0; h < c.heads; ++h)
    for (int64_t i = 0; i < s; ++i) {
      const int64_t visible = c.causal ? i + 1 : s;
      double top = -std::numeric_limits<double>::infinity(), total = 0.0;
      for (int64_t j = 0; j < visible; ++j) {
        double dot = 0.0;
        for (int64_t e = 0; e < dh; ++e) dot += qkv.at(i, h * dh + e) * qkv.at(j, d + h * dh + e);
        p[static_cast<size_t>(j)] = dot * scale;
        top = std::max(top, dot * scale);
      }
      for (int64_t j = 0; j < visible; ++j)
        total += (p[static_cast<size_t>(j)] = std::exp(p[static_cast<size_t>(j)] - top));
      for (int64_t e = 0; e < dh; ++e) {
        double sum = 0.0;
        for (int64_t j = 0; j < visible; ++j)
          sum += p[static_cast<size_t>(j)] * qkv.at(j, 2 * d + h * dh + e);
        out.at(i, h * dh + e) = sum / total;
      }
    }
  return out;
}

void add_into(Matrix& x, const Matrix& y) {
  for (size_t i = 0; i < x.v.size(); ++i) x.v[i] += y.v[i];
}

}  // namespace

std::vector<double> reference_block(const BlockConfig& c, const BlockWeights& w, const std::vector<float>& x,
                                    int64_t seq) {
  const int64_t d = c.d_model;
  std::vector<double> y;
  y.reserve(x.size());
  for (int64_t b = 0; b < c.batch; ++b) {
    Matrix h(seq, d);
    for (int64_t i = 0; i < seq * d; ++i) h.v[static_cast<size_t>(i)] = get(x, b * seq * d + i);
    const Matrix qkv = dense(layer_norm(h, w.ln1_scale, w.ln1_bias, c.epsilon), w.w_qkv, w.b_qkv, 3 * d);
    add_into(h, dense(attention(qkv, c), w.w_out, w.b_out, d));

    Matrix hidden = dense(layer_norm(h, w.ln2_scale, w.ln2_bias, c.epsilon), w.w_ff1, w.b_ff1, c.d_ff);
    for (double& t : hidden.v) t = 0.5 * t * (1.0 + std::erf(t / std::sqrt(2.0)));
    add_into(h, dense(hidden, w.w_ff2, w.b_ff2, d));
    y.insert(y.end(), h.v.begin(), h.v.end());
  }
  return y;
}

}  // namespace tisa::examples
