// Error translation at the ABI boundary, version negotiation, driver_create's checks, and the
// table generated from a driver description.
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "drivers/support/negotiate.hpp"
#include "drivers/support/table.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"

namespace tisa::drv {
namespace {

std::string text(const tisa_drv_error_t& err) {
  return err.message;
}

TEST_CASE("guarded turns every exception into a status and a message", "[support]") {
  tisa_drv_error_t err{};
  CHECK(guarded(&err, [] { return TISA_OK; }) == TISA_OK);
  CHECK(guarded(&err, []() -> tisa_drv_status_t { fail(TISA_UNIMPLEMENTED, "op {} missing", 7); }) ==
        TISA_UNIMPLEMENTED);
  CHECK(text(err) == "test driver: op 7 missing");
  CHECK(guarded(&err, []() -> tisa_drv_status_t { tisa::invalid("no prefix"); }) == TISA_INVALID_ARGUMENT);
  CHECK(text(err) == "no prefix");
  CHECK(guarded(&err, []() -> tisa_drv_status_t { throw std::bad_alloc(); }) == TISA_OUT_OF_MEMORY);
  CHECK(text(err) == "test driver: out of host memory");
  CHECK(guarded(&err, []() -> tisa_drv_status_t { throw std::runtime_error("boom"); }) == TISA_INTERNAL);
  CHECK(text(err) == "test driver: internal error: boom");
  CHECK(guarded(&err, []() -> tisa_drv_status_t { throw 42; }) == TISA_INTERNAL);
  CHECK(text(err) == "test driver: internal error (unknown exception)");
  // The caller may pass no error struct.
  CHECK(guarded(nullptr, []() -> tisa_drv_status_t { invalid("x"); }) == TISA_INVALID_ARGUMENT);
}

TEST_CASE("write_error truncates to the message capacity", "[support]") {
  tisa_drv_error_t err;
  std::memset(err.message, 'x', sizeof(err.message));
  write_error(&err, std::string(5000, 'a'));
  CHECK(std::strlen(err.message) == sizeof(err.message) - 1);
  write_error(&err, "short");
  CHECK(text(err) == "short");
}

// A minimal description: add on f32 only, launches that complete at once.
struct TestDescription {
  static constexpr const char* kName = "test";
  static constexpr const char* kVersion = "0.1";
  struct Driver : DriverBase {
    using DriverBase::DriverBase;
    int launches = 0;
  };
  struct Executable {
    std::shared_ptr<const ir::Module> module;
  };
  static bool supports(tisa_opcode_t op, tisa_dtype_t dtype) {
    return op == TISA_OP_ADD && dtype == TISA_DTYPE_F32;
  }
  static std::unique_ptr<Driver> create(const CreateRequest& request) {
    if (request.config == "refuse") invalid("refused by config");
    return std::make_unique<Driver>(request);
  }
  static tisa_drv_device_info_t device_info(const Driver&, uint32_t) {
    tisa_drv_device_info_t info{};
    info.isa_version = TISA_ISA_VERSION;
    std::strcpy(info.name, "test device");
    return info;
  }
  static std::unique_ptr<Executable> compile(Driver&, std::shared_ptr<const ir::Module> module, uint32_t) {
    check_module_claims(*module, TISA_ISA_VERSION, 0, supports);
    return std::make_unique<Executable>(Executable{std::move(module)});
  }
  static void* launch(Driver& driver, Executable&, const tisa_drv_launch_args_t&) {
    ++driver.launches;
    return completed_event();
  }
};
static_assert(DriverDescription<TestDescription>);

const tisa_driver_table_t kTable = make_table<TestDescription>();

TEST_CASE("negotiate accepts any minor of its major and rejects another major", "[support]") {
  tisa_drv_error_t err{};
  const tisa_driver_table_t* table = nullptr;
  for (uint32_t minor : {0u, 1u, 9u}) {
    tisa_loader_info_t loader{sizeof(tisa_loader_info_t), TISA_MAKE_VERSION(TISA_DRIVER_ABI_MAJOR, minor)};
    REQUIRE(negotiate(&loader, kTable, &table, &err) == TISA_OK);
    CHECK(table == &kTable);
  }
  tisa_loader_info_t newer{sizeof(tisa_loader_info_t), TISA_MAKE_VERSION(2, 0)};
  CHECK(negotiate(&newer, kTable, &table, &err) == TISA_INCOMPATIBLE);
  CHECK_THAT(text(err), Catch::Contains("test driver") && Catch::Contains("1.1") && Catch::Contains("2.0"));
  tisa_loader_info_t short_info{4, TISA_DRIVER_ABI_VERSION};
  CHECK(negotiate(&short_info, kTable, &table, &err) == TISA_INVALID_ARGUMENT);
  CHECK_THAT(text(err), Catch::Contains("struct_size 4"));
  CHECK(negotiate(nullptr, kTable, &table, &err) == TISA_INVALID_ARGUMENT);
  CHECK(negotiate(&newer, kTable, nullptr, &err) == TISA_INVALID_ARGUMENT);
}

struct LogRecord {
  tisa_log_level_t level = TISA_LOG_TRACE;
  std::string message;
};

void record(void* user, tisa_log_level_t level, const char* message) {
  *static_cast<LogRecord*>(user) = {level, message};
}

TEST_CASE("read_create_info honours the caller's struct_size", "[support]") {
  void* out = nullptr;
  LogRecord log;
  tisa_drv_create_info_t info{sizeof(info), TISA_DRIVER_ABI_VERSION, record, &log, "cfg"};
  CreateRequest request = read_create_info(&info, &out);
  CHECK(request.abi_version == TISA_DRIVER_ABI_VERSION);
  CHECK(request.config == "cfg");
  request.log(TISA_LOG_WARN, "hello");
  CHECK(log.level == TISA_LOG_WARN);
  CHECK(log.message == "hello");

  // A 1.0-era loader that stops after abi_version: no log, no config (never read).
  info.struct_size = 8;
  request = read_create_info(&info, &out);
  CHECK(request.config.empty());
  log = {};
  request.log(TISA_LOG_ERROR, "dropped");
  CHECK(log.message.empty());

  info.struct_size = 4;
  CHECK_THROWS_WITH(read_create_info(&info, &out), Catch::Contains("struct_size 4 is too small"));
  info.struct_size = sizeof(info);
  info.abi_version = TISA_MAKE_VERSION(3, 0);
  try {
    read_create_info(&info, &out);
    FAIL("another ABI major was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == TISA_INCOMPATIBLE);
    CHECK_THAT(e.message(), Catch::Contains("3.0") && Catch::Contains("1.1"));
  }
  CHECK_THROWS_WITH(read_create_info(nullptr, &out), Catch::Contains("needs info and out_driver"));
  CHECK_THROWS_WITH(read_create_info(&info, nullptr), Catch::Contains("needs info and out_driver"));
}

TEST_CASE("make_table fills every entry at this build's ABI version", "[support]") {
  CHECK(kTable.struct_size == sizeof(tisa_driver_table_t));
  CHECK(kTable.abi_version == TISA_DRIVER_ABI_VERSION);
  CHECK(std::string(kTable.name) == "test");
  CHECK(std::string(kTable.version) == "0.1");
  CHECK(kTable.driver_destroy == driver_destroy);
  CHECK(kTable.device_count == device_count);
  CHECK(kTable.buffer_create == host_buffer_create);
  CHECK(kTable.buffer_map == host_buffer_map);
  CHECK(kTable.event_wait == event_wait);
  CHECK(kTable.event_query == event_query);
  // Nothing is left null: every 1.0 and 1.1 entry is implemented.
  const auto* entries = reinterpret_cast<void* const*>(&kTable.driver_create);
  for (size_t i = 0; i < (sizeof(kTable) - offsetof(tisa_driver_table_t, driver_create)) / sizeof(void*);
       ++i) {
    CHECK(entries[i] != nullptr);
  }
  const BufferEntries own = {
      host_buffer_create, host_buffer_destroy, host_buffer_write, host_buffer_read, nullptr, nullptr};
  constexpr EventEntries no_query = {event_wait, nullptr, event_destroy};
  const tisa_driver_table_t custom = make_table<TestDescription>(own, no_query);
  CHECK(custom.buffer_map == nullptr);
  CHECK(custom.event_query == nullptr);
}

std::vector<uint32_t> add_words(tisa_dtype_t dtype) {
  ir::Builder b;
  const ir::Value x = b.input(dtype, ir::lits(std::vector<int64_t>{2}));
  b.output(b.add(x, x));
  return ir::encode(b.finish());
}

TEST_CASE("the generated entries check handles, devices and arguments around the description", "[support]") {
  tisa_drv_error_t err{};
  tisa_drv_create_info_t info{sizeof(info), TISA_DRIVER_ABI_VERSION, nullptr, nullptr, "refuse"};
  void* driver = nullptr;
  CHECK(kTable.driver_create(&info, &driver, &err) == TISA_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "test driver: refused by config");
  CHECK(driver == nullptr);
  info.config = nullptr;
  REQUIRE(kTable.driver_create(&info, &driver, &err) == TISA_OK);
  CHECK(kTable.device_count(driver) == 1);

  tisa_drv_device_info_t dev{};
  REQUIRE(kTable.device_get_info(driver, 0, &dev, &err) == TISA_OK);
  CHECK(std::string(dev.name) == "test device");
  CHECK(dev.struct_size == sizeof(dev));
  CHECK(kTable.device_get_info(driver, 1, &dev, &err) == TISA_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "test driver: device 1 does not exist (the driver has 1)");
  CHECK(kTable.device_get_info(driver, 0, nullptr, &err) == TISA_INVALID_ARGUMENT);
  CHECK(kTable.device_get_info(nullptr, 0, &dev, &err) == TISA_INVALID_ARGUMENT);
  CHECK(kTable.device_supports(driver, 0, TISA_OP_ADD, TISA_DTYPE_F32) == 1);
  CHECK(kTable.device_supports(driver, 0, TISA_OP_ADD, TISA_DTYPE_I32) == 0);

  const std::vector<uint32_t> words = add_words(TISA_DTYPE_F32);
  void* exe = nullptr;
  CHECK(kTable.executable_create(driver, 0, words.data(), words.size(), 0, nullptr, &err) ==
        TISA_INVALID_ARGUMENT);
  CHECK(kTable.executable_create(driver, 2, words.data(), words.size(), 0, &exe, &err) ==
        TISA_INVALID_ARGUMENT);
  const std::vector<uint32_t> ints = add_words(TISA_DTYPE_I32);
  CHECK(kTable.executable_create(driver, 0, ints.data(), ints.size(), 0, &exe, &err) == TISA_UNIMPLEMENTED);
  REQUIRE(kTable.executable_create(driver, 0, words.data(), words.size(), 0, &exe, &err) == TISA_OK);

  tisa_drv_launch_args_t args{};
  args.struct_size = sizeof(args);
  void* event = nullptr;
  CHECK(kTable.launch(driver, nullptr, &args, &event, &err) == TISA_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "test driver: the executable handle is null");
  CHECK(kTable.launch(driver, exe, &args, &event, &err) == TISA_INVALID_ARGUMENT);  // counts differ
  CHECK(static_cast<TestDescription::Driver*>(static_cast<DriverBase*>(driver))->launches == 0);
  tisa_drv_tensor_t in{}, out{};
  args.input_count = 1;
  args.inputs = &in;
  args.output_count = 1;
  args.outputs = &out;
  REQUIRE(kTable.launch(driver, exe, &args, &event, &err) == TISA_OK);
  CHECK(kTable.event_wait(driver, event, 0, &err) == TISA_OK);
  CHECK(static_cast<TestDescription::Driver*>(static_cast<DriverBase*>(driver))->launches == 1);
  kTable.event_destroy(driver, event);
  kTable.executable_destroy(driver, exe);
  kTable.driver_destroy(driver);
}

TEST_CASE("driver handles: null is INVALID_ARGUMENT, destroy runs the derived destructor", "[support]") {
  static bool destroyed = false;
  struct Derived : DriverBase {
    using DriverBase::DriverBase;
    ~Derived() override { destroyed = true; }
  };
  void* handle = nullptr;
  auto driver = std::make_unique<Derived>(CreateRequest{});
  driver->device_count = 3;
  publish_driver(std::move(driver), &handle);
  CHECK(device_count(handle) == 3);
  CHECK(device_count(nullptr) == 0);
  CHECK(&driver_of<Derived>(handle) == static_cast<Derived*>(static_cast<DriverBase*>(handle)));
  CHECK_NOTHROW(check_device(driver_of<Derived>(handle), 2));
  CHECK_THROWS_WITH(check_device(driver_of<Derived>(handle), 3),
                    "test driver: device 3 does not exist (the driver has 3)");
  CHECK_THROWS_WITH(driver_of<Derived>(nullptr), "test driver: the driver handle is null");
  driver_destroy(handle);
  CHECK(destroyed);
}

}  // namespace
}  // namespace tisa::drv
