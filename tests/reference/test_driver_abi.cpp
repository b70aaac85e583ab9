// The reference driver through the driver ABI alone, as a loader sees it: dlopen the built
// library, negotiate, create buffers and executables, launch, wait.
#include <dlfcn.h>

#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"
#include "tisa/driver.h"

using namespace tisa;

namespace {

struct Library {
  void* handle = nullptr;
  tisa_driver_negotiate_fn negotiate = nullptr;
  Library() {
    handle = dlopen(TISA_REFERENCE_DRIVER_PATH, RTLD_NOW | RTLD_LOCAL);
    REQUIRE(handle != nullptr);
    negotiate = reinterpret_cast<tisa_driver_negotiate_fn>(dlsym(handle, TISA_DRIVER_ENTRY_POINT));
    REQUIRE(negotiate != nullptr);
  }
  ~Library() { dlclose(handle); }
};

// A negotiated table and a created driver.
struct Session {
  Library library;
  const tisa_driver_table_t* table = nullptr;
  void* driver = nullptr;
  tisa_drv_error_t err{};

  Session() {
    tisa_loader_info_t loader{sizeof(tisa_loader_info_t), TISA_DRIVER_ABI_VERSION};
    REQUIRE(library.negotiate(&loader, &table, &err) == TISA_OK);
    tisa_drv_create_info_t info{};
    info.struct_size = sizeof(info);
    info.abi_version = TISA_DRIVER_ABI_VERSION;
    REQUIRE(table->driver_create(&info, &driver, &err) == TISA_OK);
  }
  ~Session() { table->driver_destroy(driver); }

  void* buffer(uint64_t size) {
    void* b = nullptr;
    REQUIRE(table->buffer_create(driver, 0, size, TISA_BUFFER_FLAG_HOST_VISIBLE, &b, &err) == TISA_OK);
    return b;
  }
  template <class T>
  void* buffer_with(const std::vector<T>& values) {
    void* b = buffer(values.size() * sizeof(T));
    REQUIRE(table->buffer_write(driver, b, 0, values.data(), values.size() * sizeof(T), &err) == TISA_OK);
    return b;
  }
  template <class T>
  std::vector<T> read(void* b, size_t count) {
    std::vector<T> values(count);
    REQUIRE(table->buffer_read(driver, b, 0, values.data(), count * sizeof(T), &err) == TISA_OK);
    return values;
  }
  void* executable(const ir::Module& module) {
    const std::vector<uint32_t> words = ir::encode(module);
    void* exe = nullptr;
    const auto status =
        table->executable_create(driver, 0, words.data(), words.size(), TISA_OPT_O0, &exe, &err);
    INFO(err.message);
    REQUIRE(status == TISA_OK);
    return exe;
  }
};

tisa_drv_tensor_t tensor(void* buffer, tisa_dtype_t dtype, std::vector<int64_t> dims) {
  tisa_drv_tensor_t t{};
  t.buffer = buffer;
  t.dtype = dtype;
  t.rank = static_cast<uint32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.dims[i] = dims[i];
  return t;
}

tisa_drv_launch_args_t launch_args(const std::vector<tisa_drv_tensor_t>& inputs,
                                   const std::vector<tisa_drv_tensor_t>& outputs,
                                   const std::vector<int64_t>& symbols) {
  tisa_drv_launch_args_t args{};
  args.struct_size = sizeof(args);
  args.input_count = static_cast<uint32_t>(inputs.size());
  args.inputs = inputs.data();
  args.output_count = static_cast<uint32_t>(outputs.size());
  args.outputs = outputs.data();
  args.symbol_count = static_cast<uint32_t>(symbols.size());
  args.symbol_values = symbols.data();
  return args;
}

// y = x * x + x over x: f32[N].
ir::Module square_plus() {
  ir::Builder b;
  ir::Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_F32, {n}, "x");
  b.output(b.add(b.mul(x, x), x));
  return b.finish();
}

}  // namespace

TEST_CASE("negotiate accepts any minor of major 1 and rejects another major", "[driver]") {
  Library library;
  const tisa_driver_table_t* table = nullptr;
  tisa_drv_error_t err{};
  for (uint32_t minor : {0u, 1u, 7u}) {
    tisa_loader_info_t loader{sizeof(tisa_loader_info_t), TISA_MAKE_VERSION(1, minor)};
    REQUIRE(library.negotiate(&loader, &table, &err) == TISA_OK);
    CHECK(table->struct_size == sizeof(tisa_driver_table_t));
    CHECK(table->abi_version == TISA_DRIVER_ABI_VERSION);
    CHECK(std::string(table->name) == "reference");
    CHECK(table->buffer_map != nullptr);
    CHECK(table->event_query != nullptr);
  }
  table = nullptr;
  tisa_loader_info_t future{sizeof(tisa_loader_info_t), TISA_MAKE_VERSION(2, 0)};
  CHECK(library.negotiate(&future, &table, &err) == TISA_INCOMPATIBLE);
  CHECK(table == nullptr);
  CHECK_THAT(std::string(err.message), Catch::Contains("1.1") && Catch::Contains("2.0"));
  tisa_loader_info_t old{sizeof(tisa_loader_info_t), TISA_MAKE_VERSION(0, 9)};
  CHECK(library.negotiate(&old, &table, &err) == TISA_INCOMPATIBLE);
  CHECK_THAT(std::string(err.message), Catch::Contains("0.9"));
  CHECK(library.negotiate(nullptr, &table, &err) == TISA_INVALID_ARGUMENT);
  CHECK(library.negotiate(&future, &table, nullptr) == TISA_INCOMPATIBLE);  // err may be NULL
}

TEST_CASE("the device describes itself and its support matrix", "[driver]") {
  Session s;
  CHECK(s.table->device_count(s.driver) == 1);
  tisa_drv_device_info_t info{};
  info.struct_size = sizeof(info);
  REQUIRE(s.table->device_get_info(s.driver, 0, &info, &s.err) == TISA_OK);
  CHECK(std::string(info.name) == "TISA reference (host)");
  CHECK(info.kind == TISA_DEVICE_KIND_CPU);
  CHECK(info.flags == TISA_DEVICE_FLAG_HOST_VISIBLE);
  CHECK(info.isa_version == TISA_ISA_VERSION);
  CHECK(info.extensions ==
        (TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16) | TISA_EXT_MASK(TISA_EXT_XF64)));
  CHECK(info.limits.max_rank == TISA_MAX_RANK);
  CHECK(info.limits.max_dim == TISA_MAX_DIM);
  CHECK(info.limits.max_elements == TISA_MAX_ELEMENTS);
  CHECK(s.table->device_get_info(s.driver, 1, &info, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("device 1"));
  CHECK(s.table->device_supports(s.driver, 0, TISA_OP_ADD, TISA_DTYPE_F32) == 1);
  CHECK(s.table->device_supports(s.driver, 0, TISA_OP_ADD, TISA_DTYPE_F64) == 1);
  CHECK(s.table->device_supports(s.driver, 0, TISA_OP_MATMUL, TISA_DTYPE_BF16) == 1);
  CHECK(s.table->device_supports(s.driver, 0, TISA_OP_NOT, TISA_DTYPE_F16) == 0);
  CHECK(s.table->device_supports(s.driver, 0, TISA_OP_EXP, TISA_DTYPE_I32) == 0);
}

TEST_CASE("buffers are host memory: write, read, map, bounds", "[driver]") {
  Session s;
  void* b = s.buffer_with(std::vector<int32_t>{1, 2, 3, 4});
  void* mapped = nullptr;
  REQUIRE(s.table->buffer_map(s.driver, b, &mapped, &s.err) == TISA_OK);
  CHECK(reinterpret_cast<uintptr_t>(mapped) % 64 == 0);
  static_cast<int32_t*>(mapped)[1] = 20;
  s.table->buffer_unmap(s.driver, b);
  CHECK(s.read<int32_t>(b, 4) == std::vector<int32_t>{1, 20, 3, 4});
  const int32_t value = 5;
  CHECK(s.table->buffer_write(s.driver, b, 14, &value, 4, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("outside the buffer of 16 bytes"));
  CHECK(s.table->buffer_read(s.driver, b, UINT64_MAX, nullptr, 2, &s.err) == TISA_INVALID_ARGUMENT);
  void* none = nullptr;
  CHECK(s.table->buffer_create(s.driver, 0, 0, 0, &none, &s.err) == TISA_OK);  // empty tensors need it
  s.table->buffer_destroy(s.driver, none);
  s.table->buffer_destroy(s.driver, b);
}

TEST_CASE("executables are decoded and verified; bad input is rejected", "[driver]") {
  Session s;
  void* exe = s.executable(square_plus());
  s.table->executable_destroy(s.driver, exe);
  const uint32_t garbage[] = {0x12345678u, 1, 2, 3};
  void* bad = nullptr;
  CHECK(s.table->executable_create(s.driver, 0, garbage, 4, TISA_OPT_O0, &bad, &s.err) ==
        TISA_INVALID_ARGUMENT);
  CHECK(bad == nullptr);
  CHECK(std::strlen(s.err.message) > 0);

  // The float extensions are claimed; an extension that is only declared is refused by name.
  ir::Builder f64(TISA_EXT_MASK(TISA_EXT_XF64));
  auto x = f64.input(TISA_DTYPE_F64, {ir::Expr::lit(2)});
  f64.output(f64.add(x, x));
  const std::vector<uint32_t> f64_words = ir::encode(f64.finish());
  REQUIRE(s.table->executable_create(s.driver, 0, f64_words.data(), f64_words.size(), TISA_OPT_O0, &exe,
                                     &s.err) == TISA_OK);
  s.table->executable_destroy(s.driver, exe);
  ir::Builder b(TISA_EXT_MASK(TISA_EXT_XSORT));
  auto y = b.input(TISA_DTYPE_F32, {ir::Expr::lit(2)});
  b.output(b.add(y, y));
  const std::vector<uint32_t> words = ir::encode(b.finish());
  CHECK(s.table->executable_create(s.driver, 0, words.data(), words.size(), TISA_OPT_O0, &bad, &s.err) ==
        TISA_UNIMPLEMENTED);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("Xsort"));
}

TEST_CASE("launch runs asynchronously, in submission order", "[driver]") {
  Session s;
  void* exe = s.executable(square_plus());
  void* in = s.buffer_with(std::vector<float>{1, 2, 3});
  void* mid = s.buffer(12);
  void* out = s.buffer(12);
  const auto first_in = std::vector{tensor(in, TISA_DTYPE_F32, {3})};
  const auto first_out = std::vector{tensor(mid, TISA_DTYPE_F32, {3})};
  const auto second_out = std::vector{tensor(out, TISA_DTYPE_F32, {3})};
  const std::vector<int64_t> symbols = {3};
  const auto first = launch_args(first_in, first_out, symbols);
  const auto second = launch_args(first_out, second_out, symbols);  // reads what the first wrote
  void* e1 = nullptr;
  void* e2 = nullptr;
  REQUIRE(s.table->launch(s.driver, exe, &first, &e1, &s.err) == TISA_OK);
  REQUIRE(s.table->launch(s.driver, exe, &second, &e2, &s.err) == TISA_OK);
  REQUIRE(s.table->event_wait(s.driver, e2, UINT64_MAX, &s.err) == TISA_OK);
  CHECK(s.table->event_query(s.driver, e1, &s.err) == TISA_OK);
  CHECK(s.read<float>(mid, 3) == std::vector<float>{2, 6, 12});
  CHECK(s.read<float>(out, 3) == std::vector<float>{6, 42, 156});
  s.table->event_destroy(s.driver, e1);
  s.table->event_destroy(s.driver, e2);
  s.table->executable_destroy(s.driver, exe);
  for (void* b : {in, mid, out}) s.table->buffer_destroy(s.driver, b);
}

TEST_CASE("launch checks its arguments at once", "[driver]") {
  Session s;
  void* exe = s.executable(square_plus());
  void* in = s.buffer(12);
  void* out = s.buffer(8);
  void* event = nullptr;
  const std::vector<int64_t> symbols = {3};
  const auto wrong_dtype = std::vector{tensor(in, TISA_DTYPE_I32, {3})};
  const auto fine_out = std::vector{tensor(in, TISA_DTYPE_F32, {3})};
  auto args = launch_args(wrong_dtype, fine_out, symbols);
  CHECK(s.table->launch(s.driver, exe, &args, &event, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("input 0") && Catch::Contains("i32"));
  const auto fine_in = std::vector{tensor(in, TISA_DTYPE_F32, {3})};
  const auto small_out = std::vector{tensor(out, TISA_DTYPE_F32, {3})};
  args = launch_args(fine_in, small_out, symbols);
  CHECK(s.table->launch(s.driver, exe, &args, &event, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("output 0") && Catch::Contains("8"));
  const std::vector<int64_t> wrong_symbols = {4};
  args = launch_args(fine_in, fine_out, wrong_symbols);
  CHECK(s.table->launch(s.driver, exe, &args, &event, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("symbol N"));
  CHECK(event == nullptr);
  s.table->executable_destroy(s.driver, exe);
  s.table->buffer_destroy(s.driver, in);
  s.table->buffer_destroy(s.driver, out);
}

TEST_CASE("a launch-time shape assertion fails the launch with its reason", "[driver]") {
  Session s;
  ir::Builder b;
  ir::Expr n = b.symbol("N");
  auto x = b.input(TISA_DTYPE_I32, {ir::Expr::lit(2), n});
  b.output(b.arg_reduce(TISA_OP_ARGMAX, x, 1, false));
  void* exe = s.executable(b.finish());
  void* in = s.buffer_with(std::vector<int32_t>{1, 3, 4, 2});
  void* out = s.buffer(16);
  const auto outputs = std::vector{tensor(out, TISA_DTYPE_I64, {2})};
  const auto good_inputs = std::vector{tensor(in, TISA_DTYPE_I32, {2, 2})};
  const std::vector<int64_t> two = {2};
  auto args = launch_args(good_inputs, outputs, two);
  void* event = nullptr;
  REQUIRE(s.table->launch(s.driver, exe, &args, &event, &s.err) == TISA_OK);
  REQUIRE(s.table->event_wait(s.driver, event, UINT64_MAX, &s.err) == TISA_OK);
  CHECK(s.read<int64_t>(out, 2) == std::vector<int64_t>{1, 0});
  s.table->event_destroy(s.driver, event);
  // N = 0 leaves argmax nothing to return: rejected before anything runs.
  const auto empty_inputs = std::vector{tensor(in, TISA_DTYPE_I32, {2, 0})};
  const std::vector<int64_t> zero = {0};
  args = launch_args(empty_inputs, outputs, zero);
  event = nullptr;
  CHECK(s.table->launch(s.driver, exe, &args, &event, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK(event == nullptr);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("argmax") && Catch::Contains("empty"));
  s.table->executable_destroy(s.driver, exe);
  s.table->buffer_destroy(s.driver, in);
  s.table->buffer_destroy(s.driver, out);
}

TEST_CASE("event_wait times out on long work, and the work goes on", "[driver]") {
  Session s;
  ir::Builder b;
  auto lhs = b.input(TISA_DTYPE_F32, {ir::Expr::lit(256), ir::Expr::lit(256)});
  auto rhs = b.input(TISA_DTYPE_F32, {ir::Expr::lit(256), ir::Expr::lit(256)});
  b.output(b.matmul(lhs, rhs, TISA_DTYPE_F32));
  void* exe = s.executable(b.finish());
  void* ones = s.buffer_with(std::vector<float>(256 * 256, 1.0f));
  void* out = s.buffer(256 * 256 * 4);
  const auto inputs =
      std::vector{tensor(ones, TISA_DTYPE_F32, {256, 256}), tensor(ones, TISA_DTYPE_F32, {256, 256})};
  const auto outputs = std::vector{tensor(out, TISA_DTYPE_F32, {256, 256})};
  const auto args = launch_args(inputs, outputs, {});
  // Several launches queue up: the last cannot be done microseconds after it was submitted.
  std::vector<void*> events(4);
  for (void*& e : events) REQUIRE(s.table->launch(s.driver, exe, &args, &e, &s.err) == TISA_OK);
  CHECK(s.table->event_wait(s.driver, events.back(), 1000, &s.err) == TISA_DEADLINE_EXCEEDED);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("not completed"));
  CHECK(s.table->event_query(s.driver, events.back(), &s.err) == TISA_DEADLINE_EXCEEDED);
  // Destroying an event early is safe; waiting on the last one covers the rest (in order).
  s.table->event_destroy(s.driver, events[0]);
  REQUIRE(s.table->event_wait(s.driver, events.back(), UINT64_MAX, &s.err) == TISA_OK);
  const auto result = s.read<float>(out, 2);
  CHECK(result == std::vector<float>{256.0f, 256.0f});
  for (size_t i = 1; i < events.size(); ++i) s.table->event_destroy(s.driver, events[i]);
  s.table->executable_destroy(s.driver, exe);
  s.table->buffer_destroy(s.driver, ones);
  s.table->buffer_destroy(s.driver, out);
}
