// The Vulkan driver end to end: device selection, capabilities, a program whose views, matmul,
// reductions, gather and pad run on the GPU compared with values computed here, the staging
// path of discrete GPUs (forced on a unified device), asynchronous launches, the pipeline cache,
// and what the CTS does not pin down for scans, scatter and the f32 transcendentals.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "tisa/tisa.hpp"

namespace {

// Sets an environment variable for one scope (the driver reads it at creation).
struct ScopedEnv {
  std::string name;
  ScopedEnv(const char* n, const char* value) : name(n) { setenv(n, value, 1); }
  ~ScopedEnv() { unsetenv(name.c_str()); }
};

tisa::Instance vulkan_instance() {
  return tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
}

uint32_t vulkan_devices(const tisa::Instance& instance) {
  for (const tisa_driver_report_t& r : instance.driver_reports()) {
    if (std::string(r.name) == "vulkan") return instance.device_count();
  }
  return 0;
}

template <typename T>
tisa::Buffer upload(const tisa::Device& device, const std::vector<T>& values) {
  tisa::Buffer b = tisa::Buffer::create(device, values.size() * sizeof(T) + 16);
  b.write(values);
  return b;
}

const char* kProgram = R"(tisa 1.0
symbol N
input %x : f32[N, 3]
input %w : f32[3, 2]
input %ids : i32[4]
%3 = transpose %x {perm = [1, 0]} : f32[3, N]
%4 = reverse %3 {axes = [1]} : f32[3, N]
%5 = matmul %x, %w {acc = f32} : f32[N, 2]
%6 = reduce_sum %4 {axes = [1], keepdims = false} : f32[3]
%7 = argmax %x {axis = 1, keepdims = false} : i64[N]
%8 = gather %x, %ids {axis = 0} : f32[4, 3]
%9 = pad %x {low = [1, 0], high = [0, 1], value = -1.0} : f32[N + 1, 4]
%10 = broadcast %6 {shape = [N, 3]} : f32[N, 3]
%11 = add %x, %10 : f32[N, 3]
output %4, %5, %6, %7, %8, %9, %11
)";

// Runs kProgram with N rows on device and checks every output against a host computation.
void check_program(const tisa::Device& device, const tisa::Executable& exe, int64_t n) {
  std::vector<float> x(n * 3), w = {1, 2, -1, 0.5f, 3, -2};
  for (int64_t i = 0; i < n * 3; ++i) x[i] = static_cast<float>((i * 7) % 11) - 4.0f;
  const std::vector<int32_t> ids = {0, static_cast<int32_t>(n - 1), -1, static_cast<int32_t>(n)};
  tisa::Buffer bx = upload(device, x), bw = upload(device, w), bi = upload(device, ids);
  const std::vector<tisa_tensor_type_t> out_types = {
      tisa::tensor_type(TISA_DTYPE_F32, {3, n}), tisa::tensor_type(TISA_DTYPE_F32, {n, 2}),
      tisa::tensor_type(TISA_DTYPE_F32, {3}),    tisa::tensor_type(TISA_DTYPE_I64, {n}),
      tisa::tensor_type(TISA_DTYPE_F32, {4, 3}), tisa::tensor_type(TISA_DTYPE_F32, {n + 1, 4}),
      tisa::tensor_type(TISA_DTYPE_F32, {n, 3})};
  std::vector<tisa::Buffer> outs;
  std::vector<tisa_tensor_t> out_tensors;
  for (const auto& t : out_types) {
    outs.push_back(tisa::Buffer::create(device, tisa::byte_size(t)));
    out_tensors.push_back(tisa::tensor(outs.back(), t));
  }
  exe.launch({tisa::tensor(bx, tisa::tensor_type(TISA_DTYPE_F32, {n, 3})),
              tisa::tensor(bw, tisa::tensor_type(TISA_DTYPE_F32, {3, 2})),
              tisa::tensor(bi, tisa::tensor_type(TISA_DTYPE_I32, {4}))},
             out_tensors);

  auto X = [&](int64_t r, int64_t c) { return x[r * 3 + c]; };
  const auto reversed = outs[0].read<float>(3 * n);
  const auto product = outs[1].read<float>(n * 2);
  const auto sums = outs[2].read<float>(3);
  const auto argmax = outs[3].read<int64_t>(n);
  const auto gathered = outs[4].read<float>(12);
  const auto padded = outs[5].read<float>((n + 1) * 4);
  const auto added = outs[6].read<float>(n * 3);
  for (int64_t c = 0; c < 3; ++c) {
    float sum = 0;
    for (int64_t r = 0; r < n; ++r) {
      CHECK(reversed[c * n + r] == X(n - 1 - r, c));
      sum += X(r, c);
    }
    CHECK(sums[c] == Approx(sum));  // small integers: exact in any order
  }
  for (int64_t r = 0; r < n; ++r) {
    for (int64_t j = 0; j < 2; ++j) {
      CHECK(product[r * 2 + j] == X(r, 0) * w[j] + X(r, 1) * w[2 + j] + X(r, 2) * w[4 + j]);
    }
    int64_t best = 0;
    for (int64_t c = 1; c < 3; ++c) best = X(r, c) > X(r, best) ? c : best;
    CHECK(argmax[r] == best);
    for (int64_t c = 0; c < 3; ++c) CHECK(added[r * 3 + c] == X(r, c) + sums[c]);
  }
  for (int64_t k = 0; k < 4; ++k) {
    for (int64_t c = 0; c < 3; ++c) {
      const bool in_range = ids[k] >= 0 && ids[k] < n;
      CHECK(gathered[k * 3 + c] == (in_range ? X(ids[k], c) : 0.0f));
    }
  }
  for (int64_t r = 0; r <= n; ++r) {
    for (int64_t c = 0; c < 4; ++c) {
      CHECK(padded[r * 4 + c] == (r == 0 || c == 3 ? -1.0f : X(r - 1, c)));
    }
  }
}

}  // namespace

TEST_CASE("the Vulkan device and its capabilities", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  REQUIRE(vulkan_devices(instance) >= 1);
  const tisa::Device device = instance.find_device("vulkan");
  const tisa_device_info_t info = device.info();
  CHECK(std::string(info.name).find("(Vulkan)") != std::string::npos);
  CHECK(info.isa_version == TISA_ISA_VERSION);
  CHECK(info.limits.max_rank == TISA_MAX_RANK);
  CHECK(info.limits.max_buffer_bytes > 0);
  CHECK((info.flags & TISA_DEVICE_FLAG_FLUSH_SUBNORMALS) != 0);  // no DenormPreserve requested
  CHECK(device.supports(TISA_OP_ADD, TISA_DTYPE_F32));
  CHECK(device.supports(TISA_OP_MATMUL, TISA_DTYPE_I32));
  CHECK(device.supports(TISA_OP_GATHER, TISA_DTYPE_BOOL));
  CHECK_FALSE(device.supports(TISA_OP_SIN, TISA_DTYPE_I32));  // not in the registry
  CHECK_FALSE(device.supports(TISA_OP_ADD, TISA_DTYPE_F16));  // Xf16 is not claimed
  CHECK_FALSE(device.supports(static_cast<tisa_opcode_t>(0x7777), TISA_DTYPE_F32));
}

TEST_CASE("device selection by index, name and type", "[vulkan]") {
  {
    ScopedEnv select("TISA_VULKAN_DEVICE", "name:no-such-device");
    tisa::Instance instance = vulkan_instance();
    CHECK(instance.device_count() == 0);  // no device is not an error
  }
  {
    ScopedEnv select("TISA_VULKAN_DEVICE", "index:0");
    CHECK(vulkan_devices(vulkan_instance()) == 1);
  }
  {
    // A malformed selection fails driver creation with a message saying what is expected.
    ScopedEnv select("TISA_VULKAN_DEVICE", "bogus:1");
    tisa::Instance instance = vulkan_instance();
    CHECK(instance.device_count() == 0);
    bool reported = false;
    for (const tisa_driver_report_t& r : instance.driver_reports()) {
      reported |= std::string(r.reason).find("index:N, type:T or name:S") != std::string::npos;
    }
    CHECK(reported);
  }
}

TEST_CASE("a program of views, matmul, reductions, gather and pad", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(kProgram), TISA_OPT_O0);
  // Two bindings of N through the same pipelines, one above a reduction group's 128 threads.
  check_program(device, exe, 5);
  check_program(device, exe, 300);
}

TEST_CASE("the staging path of devices whose memory the host cannot see", "[vulkan]") {
  ScopedEnv staging("TISA_VULKAN_FORCE_STAGING", "1");
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  CHECK((device.info().flags & TISA_DEVICE_FLAG_HOST_VISIBLE) == 0);
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(kProgram), TISA_OPT_O2);
  check_program(device, exe, 7);
  // Device-local memory cannot be mapped: the device does not claim HOST_VISIBLE buffers.
  tisa::Buffer plain = tisa::Buffer::create(device, 64);
  CHECK(plain.read<uint8_t>(64) == std::vector<uint8_t>(64, 0));  // buffers start zeroed
  CHECK_THROWS(plain.map());
  CHECK_THROWS_WITH(tisa::Buffer::create(device, 64, TISA_BUFFER_FLAG_HOST_VISIBLE),
                    Catch::Contains("host-visible"));
}

TEST_CASE("buffers of a unified device map directly", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  if ((device.info().flags & TISA_DEVICE_FLAG_HOST_VISIBLE) == 0) return;  // a discrete GPU
  tisa::Buffer mappable = tisa::Buffer::create(device, 64, TISA_BUFFER_FLAG_HOST_VISIBLE);
  auto* bytes = static_cast<uint8_t*>(mappable.map());
  CHECK(bytes[63] == 0);  // buffers start zeroed
  bytes[3] = 42;
  mappable.unmap();
  CHECK(mappable.read<uint8_t>(4)[3] == 42);
}

TEST_CASE("integer edge cases and casts are the spec's", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  const tisa::Module module = tisa::Module::load(R"(tisa 1.0
input %a : i32[4]
input %b : i32[4]
input %f : f32[4]
%3 = div %a, %b : i32[4]
%4 = rem %a, %b : i32[4]
%5 = shl %a, %b : i32[4]
%6 = cast %f {dtype = u8} : u8[4]
%7 = cast %f {dtype = i32} : i32[4]
output %3, %4, %5, %6, %7
)");
  const tisa::Executable exe = tisa::Executable::create(device, module);
  const int32_t min = std::numeric_limits<int32_t>::min();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  tisa::Buffer a = upload(device, std::vector<int32_t>{7, -7, 5, min});
  tisa::Buffer b = upload(device, std::vector<int32_t>{2, 2, 0, -1});
  tisa::Buffer f = upload(device, std::vector<float>{-1.5f, 300.0f, nan, 1e10f});
  std::vector<tisa::Buffer> outs;
  std::vector<tisa_tensor_t> tensors;
  for (tisa_dtype_t d : {TISA_DTYPE_I32, TISA_DTYPE_I32, TISA_DTYPE_I32, TISA_DTYPE_U8, TISA_DTYPE_I32}) {
    outs.push_back(tisa::Buffer::create(device, 16));
    tensors.push_back(tisa::tensor(outs.back(), tisa::tensor_type(d, {4})));
  }
  exe.launch({tisa::tensor(a, tisa::tensor_type(TISA_DTYPE_I32, {4})),
              tisa::tensor(b, tisa::tensor_type(TISA_DTYPE_I32, {4})),
              tisa::tensor(f, tisa::tensor_type(TISA_DTYPE_F32, {4}))},
             tensors);
  CHECK(outs[0].read<int32_t>(4) == std::vector<int32_t>{3, -3, -1, min});
  CHECK(outs[1].read<int32_t>(4) == std::vector<int32_t>{1, -1, 5, 0});
  CHECK(outs[2].read<int32_t>(4) == std::vector<int32_t>{28, -28, 5, 0});
  CHECK(outs[3].read<uint8_t>(4) == std::vector<uint8_t>{0, 255, 0, 255});
  CHECK(outs[4].read<int32_t>(4) == std::vector<int32_t>{-1, 300, 0, std::numeric_limits<int32_t>::max()});
}

TEST_CASE("unsupported ops are refused, never wrong", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  // Every TISA-B op runs now; the dtype extensions (Xf16 here) are what the table leaves out, and
  // executable_create must refuse them too.
  CHECK(device.supports(TISA_OP_ATAN2, TISA_DTYPE_F32));
  REQUIRE_FALSE(device.supports(TISA_OP_ADD, TISA_DTYPE_F16));
  const tisa::Module module =
      tisa::Module::load("tisa 1.1 requires Xf16\ninput %x : f16[4]\n%1 = add %x, %x : f16[4]\noutput %1\n");
  CHECK_THROWS_WITH(tisa::Executable::create(device, module), Catch::Contains("f16"));
}

TEST_CASE("launches in flight and events", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  const tisa::Executable exe = tisa::Executable::create(
      device, tisa::Module::load("tisa 1.0\ninput %x : i64[4096]\n%1 = mul %x, %x : i64[4096]\noutput %1\n"));
  std::vector<int64_t> x(4096);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int64_t>(i) - 2000;
  tisa::Buffer in = upload(device, x);
  std::vector<tisa::Buffer> outs;
  std::vector<tisa::Event> events;
  for (int k = 0; k < 8; ++k) {
    outs.push_back(tisa::Buffer::create(device, x.size() * 8));
    events.push_back(
        exe.launch_async({tisa::tensor(in, tisa::tensor_type(TISA_DTYPE_I64, {4096}))},
                         {tisa::tensor(outs.back(), tisa::tensor_type(TISA_DTYPE_I64, {4096}))}));
  }
  for (auto& e : events) CHECK(e.wait());
  for (auto& o : outs) {
    const auto y = o.read<int64_t>(x.size());
    CHECK(y[0] == 2000 * 2000);
    CHECK(y[4095] == 2095 * 2095);
  }
}

// The code a call fails with (OK when it does not).
template <typename F>
tisa_status_code_t failure_of(F&& f) {
  try {
    f();
  } catch (const tisa::ApiError& e) {
    return e.code();
  }
  return TISA_OK;
}

TEST_CASE("a lost device fails its launch and every later use with DEVICE_LOST", "[vulkan]") {
  ScopedEnv fault("TISA_VULKAN_FAULT", "device-lost");  // every launch's wait reports the loss
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  const tisa::Executable exe = tisa::Executable::create(
      device, tisa::Module::load("tisa 1.0\ninput %x : i32[16]\n%1 = neg %x : i32[16]\noutput %1\n"));
  tisa::Buffer in = upload(device, std::vector<int32_t>(16, 7)), out = tisa::Buffer::create(device, 64);
  const std::vector<tisa_tensor_t> ins = {tisa::tensor(in, tisa::tensor_type(TISA_DTYPE_I32, {16}))};
  const std::vector<tisa_tensor_t> outs = {tisa::tensor(out, tisa::tensor_type(TISA_DTYPE_I32, {16}))};
  tisa::Event event = exe.launch_async(ins, outs);
  CHECK(failure_of([&] { event.wait(); }) == TISA_DEVICE_LOST);
  CHECK_THROWS_WITH(event.wait(), Catch::Contains("VK_ERROR_DEVICE_LOST"));  // the outcome is kept
  // What the failed launch wrote is poisoned (libtisa), and the device stays lost.
  CHECK(failure_of([&] { out.read<int32_t>(16); }) != TISA_OK);
  CHECK(failure_of([&] {
          exe.launch(ins, {tisa::tensor(tisa::Buffer::create(device, 64), outs[0].type)});
        }) == TISA_DEVICE_LOST);
  CHECK(failure_of([&] { in.write(std::vector<int32_t>(16, 1)); }) == TISA_DEVICE_LOST);
}

TEST_CASE("the pipeline cache is written to disk", "[vulkan]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "tisa-vulkan-cache-test";
  std::filesystem::remove_all(dir);
  {
    ScopedEnv cache("TISA_VULKAN_CACHE_DIR", dir.c_str());
    tisa::Instance instance = vulkan_instance();
    const tisa::Device device = instance.find_device("vulkan");
    const tisa::Executable exe = tisa::Executable::create(
        device, tisa::Module::load("tisa 1.0\ninput %x : f32[4]\n%1 = neg %x : f32[4]\noutput %1\n"));
    tisa::Buffer in = upload(device, std::vector<float>{1, 2, 3, 4});
    tisa::Buffer out = tisa::Buffer::create(device, 16);
    exe.launch({tisa::tensor(in, tisa::tensor_type(TISA_DTYPE_F32, {4}))},
               {tisa::tensor(out, tisa::tensor_type(TISA_DTYPE_F32, {4}))});
    CHECK(out.read<float>(4) == std::vector<float>{-1, -2, -3, -4});
  }
  bool written = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    written |= entry.path().filename().string().rfind("vulkan-pipelines-", 0) == 0;
  }
  CHECK(written);
  std::filesystem::remove_all(dir);
  // An unwritable cache directory is a warning, not an error.
  ScopedEnv cache("TISA_VULKAN_CACHE_DIR", "/proc/tisa-no-such-dir");
  tisa::Instance instance = vulkan_instance();
  CHECK(vulkan_devices(instance) >= 1);
}

TEST_CASE("integer matmul widens to its accumulator", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  const tisa::Executable exe = tisa::Executable::create(
      device, tisa::Module::load("tisa 1.0\ninput %m : i8[2, 2]\n%1 = matmul %m, %m {acc = i32} : i32[2, 2]\n"
                                 "output %1\n"));
  // Every product and sum overflows i8; in i32 they are exact.
  tisa::Buffer m = upload(device, std::vector<int8_t>{100, -100, 127, -128});
  tisa::Buffer out = tisa::Buffer::create(device, 16);
  exe.launch({tisa::tensor(m, tisa::tensor_type(TISA_DTYPE_I8, {2, 2}))},
             {tisa::tensor(out, tisa::tensor_type(TISA_DTYPE_I32, {2, 2}))});
  CHECK(out.read<int32_t>(4) == std::vector<int32_t>{-2700, 2800, -3556, 3684});
}

TEST_CASE("scans read strided views and sum f32 in double, in line order", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  if (!device.supports(TISA_OP_CUMSUM, TISA_DTYPE_F32)) return;  // no shaderFloat64
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(R"(tisa 1.1
input %x : f32[6]
input %m : i8[2, 3]
%2 = cumsum %x {axis = 0, exclusive = false, reverse = false} : f32[6]
%3 = transpose %m {perm = [1, 0]} : i8[3, 2]
%4 = cumprod %3 {axis = 0, exclusive = false, reverse = true} : i8[3, 2]
%5 = cummax %3 {axis = 1, exclusive = true, reverse = false} : i8[3, 2]
output %2, %4, %5
)"));
  // In f32, 1e8 + 1 rounds back to 1e8 and the line would end at 0; in double it ends at 4.
  tisa::Buffer x = upload(device, std::vector<float>{1e8f, 1, 1, 1, 1, -1e8f});
  // m = [[2, 16, 16], [-1, 3, -128]]; its transpose's columns are the rows of m.
  tisa::Buffer m = upload(device, std::vector<int8_t>{2, 16, 16, -1, 3, -128});
  tisa::Buffer sum = tisa::Buffer::create(device, 32), prod = tisa::Buffer::create(device, 16),
               mx = tisa::Buffer::create(device, 16);
  exe.launch({tisa::tensor(x, tisa::tensor_type(TISA_DTYPE_F32, {6})),
              tisa::tensor(m, tisa::tensor_type(TISA_DTYPE_I8, {2, 3}))},
             {tisa::tensor(sum, tisa::tensor_type(TISA_DTYPE_F32, {6})),
              tisa::tensor(prod, tisa::tensor_type(TISA_DTYPE_I8, {3, 2})),
              tisa::tensor(mx, tisa::tensor_type(TISA_DTYPE_I8, {3, 2}))});
  CHECK(sum.read<float>(6) == std::vector<float>{1e8f, 1e8f, 1e8f, 1e8f, 1e8f, 4});
  // Reverse products down each column of the transpose, wrapping in i8: 16*16 = 256 -> 0 and
  // 3*-128 = -384 -> -128, then -1*-384 = 384 -> -128.
  CHECK(prod.read<int8_t>(6) == std::vector<int8_t>{0, -128, 0, -128, 16, -128});
  // Exclusive running max along each row of the transpose: MIN(i8) first.
  CHECK(mx.read<int8_t>(6) == std::vector<int8_t>{-128, 2, -128, 16, -128, 16});
}

TEST_CASE("scatter applies duplicate updates in row-major order", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(R"(tisa 1.1
input %d : f32[2]
input %i : i32[1]
input %u : f32[3]
input %m : i32[2, 3]
input %j : i64[2]
input %v : i32[2, 2]
%6 = broadcast %i {shape = [3]} : i32[3]
%7 = scatter %d, %6, %u {axis = 0, mode = add} : f32[2]
%8 = scatter %m, %j, %v {axis = 1, mode = set} : i32[2, 3]
%9 = scatter %m, %j, %v {axis = 1, mode = add} : i32[2, 3]
output %7, %8, %9
)"));
  // Three adds into d[1] through a broadcast (non-dense) index view: f32 rounds after each, in
  // order, so 1e8 + 1 is 1e8 and the line ends at 0 (any other order or wider sum gives 1).
  tisa::Buffer d = upload(device, std::vector<float>{5, 0});
  tisa::Buffer i = upload(device, std::vector<int32_t>{1});
  tisa::Buffer u = upload(device, std::vector<float>{1e8f, 1, -1e8f});
  // Column 2 of each row is set; index 5 is out of range and skipped.
  tisa::Buffer m = upload(device, std::vector<int32_t>{1, 2, 3, 4, 5, 6});
  tisa::Buffer j = upload(device, std::vector<int64_t>{2, 5});
  tisa::Buffer v = upload(device, std::vector<int32_t>{10, 20, 30, 40});
  tisa::Buffer add = tisa::Buffer::create(device, 16), set = tisa::Buffer::create(device, 32),
               iadd = tisa::Buffer::create(device, 32);
  exe.launch({tisa::tensor(d, tisa::tensor_type(TISA_DTYPE_F32, {2})),
              tisa::tensor(i, tisa::tensor_type(TISA_DTYPE_I32, {1})),
              tisa::tensor(u, tisa::tensor_type(TISA_DTYPE_F32, {3})),
              tisa::tensor(m, tisa::tensor_type(TISA_DTYPE_I32, {2, 3})),
              tisa::tensor(j, tisa::tensor_type(TISA_DTYPE_I64, {2})),
              tisa::tensor(v, tisa::tensor_type(TISA_DTYPE_I32, {2, 2}))},
             {tisa::tensor(add, tisa::tensor_type(TISA_DTYPE_F32, {2})),
              tisa::tensor(set, tisa::tensor_type(TISA_DTYPE_I32, {2, 3})),
              tisa::tensor(iadd, tisa::tensor_type(TISA_DTYPE_I32, {2, 3}))});
  CHECK(add.read<float>(2) == std::vector<float>{5, 0});
  CHECK(set.read<int32_t>(6) == std::vector<int32_t>{1, 2, 10, 4, 5, 30});
  CHECK(iadd.read<int32_t>(6) == std::vector<int32_t>{1, 2, 13, 4, 5, 36});
}

TEST_CASE("f32 transcendentals computed in double at awkward arguments", "[vulkan]") {
  tisa::Instance instance = vulkan_instance();
  const tisa::Device device = instance.find_device("vulkan");
  if (!device.supports(TISA_OP_EXP, TISA_DTYPE_F32)) return;  // no shaderFloat64
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(R"(tisa 1.1
input %x : f32[4]
%1 = exp %x : f32[4]
%2 = log %x : f32[4]
%3 = sin %x : f32[4]
%4 = erf %x : f32[4]
output %1, %2, %3, %4
)"));
  // A subnormal (log reads it exactly), erf just below where it rounds to 1, sin far from 0.
  const std::vector<float> x = {1e-40f, 3.9f, 1e6f, 80.5f};
  tisa::Buffer in = upload(device, x);
  std::vector<tisa::Buffer> outs;
  std::vector<tisa_tensor_t> tensors;
  for (int k = 0; k < 4; ++k) {
    outs.push_back(tisa::Buffer::create(device, 16));
    tensors.push_back(tisa::tensor(outs.back(), tisa::tensor_type(TISA_DTYPE_F32, {4})));
  }
  exe.launch({tisa::tensor(in, tisa::tensor_type(TISA_DTYPE_F32, {4}))}, tensors);
  const auto e = outs[0].read<float>(4), l = outs[1].read<float>(4), s = outs[2].read<float>(4),
             f = outs[3].read<float>(4);
  for (size_t i = 0; i < x.size(); ++i) {
    const double xi = x[i];
    if (std::isinf(std::exp(xi)))
      CHECK(e[i] == std::numeric_limits<float>::infinity());  // exp(1e6) overflows
    else
      CHECK(std::abs(e[i] / std::exp(xi) - 1) < 1e-6);
    CHECK(std::abs(l[i] / std::log(xi) - 1) < 1e-6);
    CHECK(std::abs(s[i] - std::sin(xi)) < 1e-6);
    CHECK(std::abs(f[i] - std::erf(xi)) < 1e-7);
  }
}
