// The Vulkan driver's matmul kernels (shaders/matmul.glsl) against a host reference, on each of
// its paths: the default one of the device (lavapipe: direct reads with lhs rows shared in
// subgroups), direct reads without subgroups, and the shared-memory tiles of GPUs
// (TISA_VULKAN_MATMUL), plus one workgroup per dispatch dimension (TISA_VULKAN_MAX_GROUPS=1),
// which leaves every tile and batch to the kernel's loops. Shapes: tiny, odd, skinny in M, N
// and K (the row and column tiles), above a tile in every dim, transposed and reversed operand
// views, two batch dims, a broadcast (stride 0) batch, an input at an unaligned offset.
// Integers wrap exactly; f32 inputs are small integers, exact in any order, plus one random case
// held to the spec's dot bound.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "tisa/tisa.hpp"

namespace {

struct ScopedEnv {
  std::string name;
  ScopedEnv(const char* n, const char* value) : name(n) { setenv(n, value, 1); }
  ~ScopedEnv() { unsetenv(name.c_str()); }
};

// How an operand reaches the matmul: as stored, transposed (stored [.., cols, rows]), with its
// rows reversed, or broadcast over the batch (stored without batch dims).
enum class Layout { Plain, Transposed, Reversed, Broadcast };

struct Case {
  std::string name;
  std::vector<int64_t> batch;
  int64_t m, n, k;
  Layout lhs = Layout::Plain, rhs = Layout::Plain;
  bool lhs_offset = false;  // the lhs tensor one element into its buffer
};

// Shapes are M x N x K.
std::vector<Case> cases() {
  return {
      {"tiny 1x1x1", {}, 1, 1, 1},
      {"odd 3x5x7", {}, 3, 5, 7},
      {"odd 65x67x33", {}, 65, 67, 33},
      {"row 1x512x64", {}, 1, 512, 64},
      {"column 512x1x64", {}, 512, 1, 64},
      {"k=1 64x512x1", {}, 64, 512, 1},
      {"above a tile 150x300x70", {}, 150, 300, 70},
      {"transposed 37x45x29", {}, 37, 45, 29, Layout::Transposed, Layout::Transposed},
      {"reversed rows 40x41x42", {}, 40, 41, 42, Layout::Reversed, Layout::Reversed},
      {"batch 2x3 of 20x30x18", {2, 3}, 20, 30, 18},
      {"broadcast lhs over 4 of 17x19x23", {4}, 17, 19, 23, Layout::Broadcast, Layout::Transposed},
      {"unaligned lhs 70x66x20", {}, 70, 66, 20, Layout::Plain, Layout::Plain, true},
  };
}

std::string dims(const std::vector<int64_t>& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
  return s + "]";
}

int64_t product(const std::vector<int64_t>& d) {
  int64_t p = 1;
  for (int64_t x : d) p *= x;
  return p;
}

// One operand: its stored shape, the instruction making the logical [batch..., rows, cols]
// value from it, and where logical element (b, r, c) is stored.
struct Operand {
  std::vector<int64_t> stored;
  std::string view;  // "" or "%name = ... : T[...]\n"
  int64_t batches, rows, cols;
  Layout layout;
  int64_t index(int64_t b, int64_t r, int64_t c) const {
    switch (layout) {
      case Layout::Plain: return (b * rows + r) * cols + c;
      case Layout::Transposed: return (b * cols + c) * rows + r;
      case Layout::Reversed: return (b * rows + rows - 1 - r) * cols + c;
      case Layout::Broadcast: return r * cols + c;
    }
    return 0;
  }
};

Operand operand(const std::string& name, const std::string& dtype, const std::vector<int64_t>& batch,
                int64_t rows, int64_t cols, Layout layout) {
  Operand o{batch, "", product(batch), rows, cols, layout};
  std::vector<int64_t> logical = batch;
  logical.push_back(rows);
  logical.push_back(cols);
  const size_t r = logical.size();
  const std::string out = "%" + name + "_view = ";
  const std::string result = " : " + dtype + dims(logical) + "\n";
  switch (layout) {
    case Layout::Plain: o.stored = logical; break;
    case Layout::Transposed: {
      o.stored = batch;
      o.stored.push_back(cols);
      o.stored.push_back(rows);
      std::vector<int64_t> perm;
      for (size_t i = 0; i < r; ++i) perm.push_back(static_cast<int64_t>(i));
      std::swap(perm[r - 2], perm[r - 1]);
      o.view = out + "transpose %" + name + " {perm = " + dims(perm) + "}" + result;
      break;
    }
    case Layout::Reversed:
      o.stored = logical;
      o.view = out + "reverse %" + name + " {axes = [" + std::to_string(r - 2) + "]}" + result;
      break;
    case Layout::Broadcast:
      o.stored = {rows, cols};
      o.view = out + "broadcast %" + name + " {shape = " + dims(logical) + "}" + result;
      break;
  }
  return o;
}

template <typename In, typename Acc>
struct Dtypes;
template <>
struct Dtypes<float, float> {
  static constexpr tisa_dtype_t in = TISA_DTYPE_F32, acc = TISA_DTYPE_F32;
  static constexpr const char* names[2] = {"f32", "f32"};
};
template <>
struct Dtypes<int32_t, int32_t> {
  static constexpr tisa_dtype_t in = TISA_DTYPE_I32, acc = TISA_DTYPE_I32;
  static constexpr const char* names[2] = {"i32", "i32"};
};
template <>
struct Dtypes<int8_t, int32_t> {
  static constexpr tisa_dtype_t in = TISA_DTYPE_I8, acc = TISA_DTYPE_I32;
  static constexpr const char* names[2] = {"i8", "i32"};
};
template <>
struct Dtypes<int8_t, int64_t> {
  static constexpr tisa_dtype_t in = TISA_DTYPE_I8, acc = TISA_DTYPE_I64;
  static constexpr const char* names[2] = {"i8", "i64"};
};
template <>
struct Dtypes<int64_t, int64_t> {
  static constexpr tisa_dtype_t in = TISA_DTYPE_I64, acc = TISA_DTYPE_I64;
  static constexpr const char* names[2] = {"i64", "i64"};
};

// Integers: the whole range of the input type (products and sums wrap). f32: small integers,
// exact in any order, or uniform in [-1, 1) when `random_floats`.
template <typename In>
std::vector<In> values(size_t count, std::mt19937_64& rng, bool random_floats) {
  std::vector<In> v(count);
  for (In& x : v) {
    if constexpr (std::is_floating_point_v<In>) {
      x = random_floats ? std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng)
                        : static_cast<float>(static_cast<int>(rng() % 7) - 3);
    } else {
      x = static_cast<In>(rng());
    }
  }
  return v;
}

template <typename In, typename Acc>
void check_case(const tisa::Device& device, const Case& c, std::mt19937_64& rng, bool random_floats = false) {
  using D = Dtypes<In, Acc>;
  const std::string in = D::names[0], acc = D::names[1];
  INFO(c.name << ", " << in << " -> " << acc << (random_floats ? ", random" : ""));
  const Operand a = operand("a", in, c.batch, c.m, c.k, c.lhs);
  const Operand b = operand("b", in, c.batch, c.k, c.n, c.rhs);
  std::vector<int64_t> out_dims = c.batch;
  out_dims.push_back(c.m);
  out_dims.push_back(c.n);
  const std::string text = "tisa 1.0\ninput %a : " + in + dims(a.stored) + "\ninput %b : " + in +
                           dims(b.stored) + "\n" + a.view + b.view + "%c = matmul " +
                           (a.view.empty() ? "%a" : "%a_view") + ", " + (b.view.empty() ? "%b" : "%b_view") +
                           " {acc = " + acc + "} : " + acc + dims(out_dims) + "\noutput %c\n";
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(text));
  const std::vector<In> av = values<In>(static_cast<size_t>(product(a.stored)), rng, random_floats);
  const std::vector<In> bv = values<In>(static_cast<size_t>(product(b.stored)), rng, random_floats);
  const uint64_t offset = c.lhs_offset ? sizeof(In) : 0;
  tisa::Buffer ab = tisa::Buffer::create(device, offset + av.size() * sizeof(In));
  ab.write(av, offset);
  tisa::Buffer bb = tisa::Buffer::create(device, bv.size() * sizeof(In));
  bb.write(bv);
  const int64_t count = product(out_dims);
  tisa::Buffer out = tisa::Buffer::create(device, static_cast<uint64_t>(count) * sizeof(Acc));
  exe.launch({tisa::tensor(ab, tisa::tensor_type(D::in, a.stored), offset),
              tisa::tensor(bb, tisa::tensor_type(D::in, b.stored))},
             {tisa::tensor(out, tisa::tensor_type(D::acc, out_dims))});
  const std::vector<Acc> got = out.read<Acc>(static_cast<size_t>(count));

  size_t wrong = 0;
  for (int64_t bt = 0; bt < product(c.batch); ++bt) {
    for (int64_t i = 0; i < c.m; ++i) {
      for (int64_t j = 0; j < c.n; ++j) {
        const Acc g = got[static_cast<size_t>((bt * c.m + i) * c.n + j)];
        bool ok;
        if constexpr (std::is_floating_point_v<Acc>) {
          // The dot bound (spec: numerics mode dot, a = 1): |out - ref| <= K u sum |a b|.
          double sum = 0, magnitude = 0;
          for (int64_t k = 0; k < c.k; ++k) {
            const double t = double(av[a.index(bt, i, k)]) * double(bv[b.index(bt, k, j)]);
            sum += t;
            magnitude += std::fabs(t);
          }
          ok = random_floats ? std::fabs(g - sum) <= double(c.k) * std::ldexp(1.0, -24) * magnitude
                             : double(g) == sum;
        } else {
          using U = std::make_unsigned_t<Acc>;
          U sum = 0;
          for (int64_t k = 0; k < c.k; ++k) {
            sum += static_cast<U>(static_cast<Acc>(av[a.index(bt, i, k)])) *
                   static_cast<U>(static_cast<Acc>(bv[b.index(bt, k, j)]));
          }
          ok = g == static_cast<Acc>(sum);
        }
        wrong += ok ? 0 : 1;
      }
    }
  }
  CHECK(wrong == 0);
}

void check_all(const tisa::Device& device) {
  std::mt19937_64 rng(42);
  for (const Case& c : cases()) {
    check_case<float, float>(device, c, rng);
    check_case<int32_t, int32_t>(device, c, rng);
    check_case<int8_t, int32_t>(device, c, rng);
    check_case<int8_t, int64_t>(device, c, rng);
    check_case<int64_t, int64_t>(device, c, rng);
  }
  check_case<float, float>(device, {"random 100x90x300", {}, 100, 90, 300}, rng, true);
}

}  // namespace

TEST_CASE("matmul on the device's own path", "[vulkan]") {
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  check_all(instance.find_device("vulkan"));
}

TEST_CASE("matmul reading operands directly, without subgroups", "[vulkan]") {
  ScopedEnv path("TISA_VULKAN_MATMUL", "direct");
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  check_all(instance.find_device("vulkan"));
}

TEST_CASE("matmul through shared memory (the GPU path)", "[vulkan]") {
  ScopedEnv path("TISA_VULKAN_MATMUL", "shared");
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  check_all(instance.find_device("vulkan"));
}

TEST_CASE("matmul with one workgroup per dispatch dimension", "[vulkan]") {
  ScopedEnv groups("TISA_VULKAN_MAX_GROUPS", "1");
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  const tisa::Device device = instance.find_device("vulkan");
  std::mt19937_64 rng(7);
  for (const Case& c : cases()) {
    if (c.m * c.n * product(c.batch) < 1000) continue;  // one tile anyway
    check_case<float, float>(device, c, rng);
    check_case<int8_t, int32_t>(device, c, rng);
  }
}
