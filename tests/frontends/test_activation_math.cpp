// Activations and composed float functions against the formulas evaluated in double.
#include "ops_test_util.hpp"

namespace tisa::ops::test {
namespace {

using UnaryOp = std::function<Value(Builder&, Value)>;

std::string check_unary(const UnaryOp& op, const std::function<double(double)>& ref,
                        const std::vector<float>& xs, double rel = 3e-6, double abs = 3e-7) {
  HostTensor out = run({f32({int64_t(xs.size())}, xs)},
                       [&](Builder& b, const std::vector<Value>& in) { return op(b, in[0]); });
  std::vector<double> want;
  for (float x : xs) want.push_back(ref(x));
  return mismatch(out, {int64_t(xs.size())}, want, rel, abs);
}

const std::vector<float> kInputs = {-20.f, -3.5f, -1.f, -0.25f, 0.f, 0.3f, 1.f, 2.5f, 20.f};

double sigmoid_ref(double x) {
  return 1 / (1 + std::exp(-x));
}

TEST_CASE("activations match their definitions", "[frontend][activation]") {
  CHECK(check_unary([](Builder& b, Value x) { return relu(b, x); }, [](double x) { return std::max(x, 0.0); },
                    kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return leaky_relu(b, x, 0.1); },
                    [](double x) { return x < 0 ? 0.1 * x : x; }, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return sigmoid(b, x); }, sigmoid_ref, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return hard_sigmoid(b, x); },
                    [](double x) { return std::clamp(0.2 * x + 0.5, 0.0, 1.0); }, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return hard_swish(b, x); },
                    [](double x) { return x * std::clamp(x / 6 + 0.5, 0.0, 1.0); }, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return softplus(b, x); },
                    [](double x) { return std::log1p(std::exp(x)); },
                    {-20.f, -1.f, 0.f, 1.f, 20.f, 100.f}) == "");  // 100: no overflow in the stable form
  CHECK(check_unary([](Builder& b, Value x) { return softsign(b, x); },
                    [](double x) { return x / (1 + std::fabs(x)); }, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return elu(b, x, 0.5); },
                    [](double x) { return x < 0 ? 0.5 * std::expm1(x) : x; }, kInputs, 1e-5, 1e-7) == "");
  CHECK(check_unary(
            [](Builder& b, Value x) { return selu(b, x); },
            [](double x) { return 1.0507009873554805 * (x <= 0 ? 1.6732632423543772 * std::expm1(x) : x); },
            kInputs, 1e-5, 1e-7) == "");
  CHECK(check_unary([](Builder& b, Value x) { return celu(b, x, 2.0); },
                    [](double x) { return std::max(0.0, x) + std::min(0.0, 2.0 * std::expm1(x / 2.0)); },
                    kInputs, 1e-5, 1e-7) == "");
  CHECK(check_unary([](Builder& b, Value x) { return silu(b, x); },
                    [](double x) { return x * sigmoid_ref(x); }, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return mish(b, x); },
                    [](double x) { return x * std::tanh(std::log1p(std::exp(x))); }, kInputs, 1e-5,
                    1e-7) == "");
  CHECK(check_unary([](Builder& b, Value x) { return thresholded_relu(b, x, 1.0); },
                    [](double x) { return x > 1 ? x : 0; }, kInputs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return shrink(b, x, 0.5, 1.0); },
                    [](double x) { return x < -1 ? x + 0.5 : (x > 1 ? x - 0.5 : 0.0); }, kInputs) == "");
}

TEST_CASE("expm1 / log1p forms keep the relative accuracy of tiny results", "[frontend][activation]") {
  // exp(x) - 1 and log(1 + t) in f32 are off by up to an ulp of 1 (6e-8) here: relative errors of
  // 0.6% at 1e-5 and 100% for softplus(-30) = 9.4e-14, which log(1 + t) rounds to 0.
  const std::vector<float> tiny = {-1e-5f, -3e-7f, 2e-6f};
  const double rel = 1e-6, abs = 0;
  CHECK(check_unary([](Builder& b, Value x) { return elu(b, x, 0.5); },
                    [](double x) { return x < 0 ? 0.5 * std::expm1(x) : x; }, tiny, rel, abs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return celu(b, x, 2.0); },
                    [](double x) { return std::max(0.0, x) + std::min(0.0, 2.0 * std::expm1(x / 2.0)); },
                    tiny, rel, abs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return softplus(b, x); },
                    [](double x) { return std::log1p(std::exp(x)); }, {-30.f, -20.f}, rel, abs) == "");
  CHECK(check_unary([](Builder& b, Value x) { return atanh(b, x); }, [](double x) { return std::atanh(x); },
                    tiny, rel, abs) == "");
}

TEST_CASE("gelu, exact (erf) and tanh forms", "[frontend][activation]") {
  CHECK(check_unary([](Builder& b, Value x) { return gelu(b, x); },
                    [](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); }, kInputs, 1e-5,
                    1e-7) == "");
  auto tanh_form = [](double x) {
    return 0.5 * x * (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
  };
  CHECK(check_unary([](Builder& b, Value x) { return gelu(b, x, GeluApproximation::Tanh); }, tanh_form,
                    kInputs, 1e-5, 1e-7) == "");
  // The two forms differ measurably at x = 1.5 (by ~2e-4).
  CHECK(std::fabs(tanh_form(1.5) - 0.5 * 1.5 * (1 + std::erf(1.5 / std::sqrt(2.0)))) > 1e-4);
}

TEST_CASE("prelu broadcasts a per-channel slope", "[frontend][activation]") {
  HostTensor out = run({f32({1, 2, 2}, {-1, 2, -3, 4}), f32({2, 1}, {0.5f, 0.25f})},
                       [](Builder& b, const std::vector<Value>& in) { return prelu(b, in[0], in[1]); });
  CHECK(mismatch(out, {1, 2, 2}, {-0.5, 2, -0.75, 4}) == "");
}

TEST_CASE("composed trigonometric and hyperbolic functions", "[frontend][math]") {
  const std::vector<float> unit = {-0.99f, -0.5f, 0.f, 0.25f, 0.9f};
  CHECK(check_unary([](Builder& b, Value x) { return tan(b, x); }, [](double x) { return std::tan(x); },
                    kInputs, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return atan(b, x); }, [](double x) { return std::atan(x); },
                    kInputs, 1e-5, 1e-7) == "");
  CHECK(check_unary([](Builder& b, Value x) { return asin(b, x); }, [](double x) { return std::asin(x); },
                    unit, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return acos(b, x); }, [](double x) { return std::acos(x); },
                    unit, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return sinh(b, x); }, [](double x) { return std::sinh(x); },
                    unit, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return cosh(b, x); }, [](double x) { return std::cosh(x); },
                    kInputs, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return asinh(b, x); }, [](double x) { return std::asinh(x); },
                    kInputs, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return acosh(b, x); }, [](double x) { return std::acosh(x); },
                    {1.f, 1.5f, 20.f}, 1e-5, 1e-6) == "");
  CHECK(check_unary([](Builder& b, Value x) { return atanh(b, x); }, [](double x) { return std::atanh(x); },
                    unit, 1e-5, 1e-6) == "");
}

}  // namespace
}  // namespace tisa::ops::test
