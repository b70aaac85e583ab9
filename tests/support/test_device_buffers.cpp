// device_get_info's copy for older callers, device_supports on raw numbers, the module checks,
// and host buffers: flags, limits, bounds, mapping, lifetime.
#include <cstring>
#include <string>

#include <catch2/catch.hpp>

#include "drivers/support/device_info.hpp"
#include "drivers/support/host_buffer.hpp"
#include "drivers/support/module_checks.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"

namespace tisa::drv {
namespace {

TEST_CASE("copy_device_info writes no more than the caller's struct holds", "[support]") {
  tisa_drv_device_info_t info{};
  info.isa_version = TISA_ISA_VERSION;
  std::strcpy(info.name, "dev");
  info.extensions = 5;
  info.limits = spec_limits();

  tisa_drv_device_info_t full;
  std::memset(&full, 0xab, sizeof(full));
  full.struct_size = 0;  // 0: the whole struct
  copy_device_info(info, &full);
  CHECK(full.struct_size == sizeof(full));
  CHECK(full.extensions == 5);
  CHECK(full.limits.max_buffer_bytes == static_cast<uint64_t>(TISA_MAX_ELEMENTS) * 8u);

  tisa_drv_device_info_t older;
  std::memset(&older, 0xab, sizeof(older));
  older.struct_size = offsetof(tisa_drv_device_info_t, extensions);  // an older, shorter layout
  copy_device_info(info, &older);
  CHECK(older.struct_size == offsetof(tisa_drv_device_info_t, extensions));
  CHECK(std::string(older.name) == "dev");
  uint8_t untouched[sizeof(older.extensions)];
  std::memset(untouched, 0xab, sizeof(untouched));
  CHECK(std::memcmp(&older.extensions, untouched, sizeof(untouched)) == 0);

  CHECK_THROWS_WITH(copy_device_info(info, nullptr), Catch::Contains("needs an output struct"));
}

bool only_add_f32(tisa_opcode_t op, tisa_dtype_t dtype) {
  return op == TISA_OP_ADD && dtype == TISA_DTYPE_F32;
}

TEST_CASE("device_supports rejects unknown numbers, devices and drivers before asking", "[support]") {
  DriverBase driver{CreateRequest{}};
  void* handle = &driver;
  CHECK(device_supports<only_add_f32>(handle, 0, TISA_OP_ADD, TISA_DTYPE_F32) == 1);
  CHECK(device_supports<only_add_f32>(handle, 0, TISA_OP_SUB, TISA_DTYPE_F32) == 0);
  CHECK(device_supports<only_add_f32>(handle, 1, TISA_OP_ADD, TISA_DTYPE_F32) == 0);
  CHECK(device_supports<only_add_f32>(nullptr, 0, TISA_OP_ADD, TISA_DTYPE_F32) == 0);
  CHECK_FALSE(registry_supports(0xfffff, TISA_DTYPE_F32, only_add_f32));
  CHECK_FALSE(registry_supports(TISA_OP_ADD, 0xfff, only_add_f32));
}

std::vector<uint32_t> add_module(tisa_dtype_t dtype, tisa_extension_mask_t extensions = 0) {
  ir::Builder b(extensions);
  const ir::Value x = b.input(dtype, ir::lits(std::vector<int64_t>{4}));
  b.output(b.add(x, x));
  return ir::encode(b.finish());
}

TEST_CASE("decode_module and check_module_claims", "[support]") {
  const std::vector<uint32_t> words = add_module(TISA_DTYPE_F32);
  auto module = decode_module(words.data(), words.size(), TISA_OPT_O2);
  CHECK(module->insts.size() == 1);
  CHECK_NOTHROW(check_module_claims(*module, TISA_ISA_VERSION, 0, only_add_f32));
  CHECK_THROWS_WITH(decode_module(nullptr, 3, 0), "test driver: the module words are null");
  CHECK_THROWS_WITH(decode_module(words.data(), words.size(), TISA_OPT_O3 + 1),
                    Catch::Contains("optimization level") && Catch::Contains("does not exist"));
  CHECK_THROWS(decode_module(words.data(), words.size() - 1, 0));  // truncated: the codec's error

  auto code_of = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    return TISA_OK;
  };
  // A newer ISA than the device's.
  CHECK(code_of([&] { check_module_claims(*module, TISA_MAKE_VERSION(0, 9), 0, only_add_f32); }) ==
        TISA_INCOMPATIBLE);
  // An (op, dtype) the device does not implement: named.
  const std::vector<uint32_t> i32 = add_module(TISA_DTYPE_I32);
  auto int_module = decode_module(i32.data(), i32.size(), 0);
  CHECK_THROWS_WITH(check_module_claims(*int_module, TISA_ISA_VERSION, 0, only_add_f32),
                    Catch::Contains("add") && Catch::Contains("i32") && Catch::Contains("not implemented"));
  CHECK(code_of([&] { check_module_claims(*int_module, TISA_ISA_VERSION, 0, only_add_f32); }) ==
        TISA_UNIMPLEMENTED);
  // An extension outside the claim.
  const std::vector<uint32_t> f16 = add_module(TISA_DTYPE_F16, TISA_EXT_MASK(TISA_EXT_XF16));
  auto f16_module = decode_module(f16.data(), f16.size(), 0);
  CHECK_THROWS_WITH(check_module_claims(*f16_module, TISA_ISA_VERSION, 0, only_add_f32),
                    Catch::Contains("Xf16") && Catch::Contains("TISA-B only"));
  CHECK_THROWS_WITH(
      check_module_claims(*f16_module, TISA_ISA_VERSION, TISA_EXT_MASK(TISA_EXT_XF64), only_add_f32),
      Catch::Contains("Xf16") && Catch::Contains("Xf64"));
}

struct Buffers {
  DriverBase driver{CreateRequest{}};
  tisa_drv_error_t err{};
  void* create(uint64_t size, uint32_t flags = TISA_BUFFER_FLAG_HOST_VISIBLE) {
    void* buffer = nullptr;
    const tisa_drv_status_t status = host_buffer_create(&driver, 0, size, flags, &buffer, &err);
    return status == TISA_OK ? buffer : nullptr;
  }
};

TEST_CASE("host buffers: zero-filled, aligned, mapped, bounds-checked", "[support]") {
  Buffers s;
  void* buffer = s.create(16);
  REQUIRE(buffer);
  void* mapped = nullptr;
  REQUIRE(host_buffer_map(&s.driver, buffer, &mapped, &s.err) == TISA_OK);
  CHECK(reinterpret_cast<uintptr_t>(mapped) % kHostBufferAlignment == 0);
  CHECK(static_cast<uint8_t*>(mapped)[15] == 0);

  const uint8_t bytes[4] = {1, 2, 3, 4};
  REQUIRE(host_buffer_write(&s.driver, buffer, 12, bytes, 4, &s.err) == TISA_OK);
  uint8_t back[4] = {};
  REQUIRE(host_buffer_read(&s.driver, buffer, 12, back, 4, &s.err) == TISA_OK);
  CHECK(std::memcmp(back, bytes, 4) == 0);
  CHECK(static_cast<uint8_t*>(mapped)[13] == 2);  // the mapping is the storage itself

  CHECK(host_buffer_write(&s.driver, buffer, 13, bytes, 4, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK(std::string(s.err.message) ==
        "test driver: a write of 4 bytes at offset 13 is outside the buffer of 16 bytes");
  // offset + size would wrap around: still outside.
  CHECK(host_buffer_read(&s.driver, buffer, UINT64_MAX, back, 2, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK(host_buffer_write(&s.driver, buffer, 16, nullptr, 0, &s.err) == TISA_OK);  // empty: no source needed
  CHECK(host_buffer_write(&s.driver, buffer, 0, nullptr, 1, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK(host_buffer_read(&s.driver, nullptr, 0, back, 1, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK(std::string(s.err.message) == "test driver: the buffer handle is null");
  CHECK(host_buffer_map(&s.driver, buffer, nullptr, &s.err) == TISA_INVALID_ARGUMENT);

  // A launch in flight keeps the storage after the handle is gone.
  std::shared_ptr<Storage> kept = storage_of(buffer);
  host_buffer_unmap(&s.driver, buffer);
  host_buffer_destroy(&s.driver, buffer);
  CHECK(kept->bytes[12] == 1);
  CHECK(kept->size == 16);
}

TEST_CASE("host_buffer_create checks device, flags, size and arguments", "[support]") {
  Buffers s;
  void* empty = s.create(0);
  REQUIRE(empty);  // size 0 is a valid buffer
  host_buffer_destroy(&s.driver, empty);

  CHECK_FALSE(s.create(8, 0x80));
  CHECK_THAT(std::string(s.err.message), Catch::Contains("buffer flags 0x80 are not implemented"));
  s.driver.max_buffer_bytes = 1024;
  CHECK_FALSE(s.create(1025));
  CHECK_THAT(std::string(s.err.message), Catch::Contains("1025 bytes exceeds the limit of 1024"));
  void* buffer = nullptr;
  CHECK(host_buffer_create(&s.driver, 1, 8, 0, &buffer, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(std::string(s.err.message), Catch::Contains("device 1 does not exist"));
  CHECK(host_buffer_create(nullptr, 0, 8, 0, &buffer, &s.err) == TISA_INVALID_ARGUMENT);
  CHECK(host_buffer_create(&s.driver, 0, 8, 0, nullptr, &s.err) == TISA_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tisa::drv
