// The driver loader against fake drivers of other ABI versions and broken drivers: every
// driver found gets the right outcome and a reason that says why.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"
#include "tisa/tisa.h"

namespace {

const std::string kDir = TISA_TEST_MANIFEST_DIR;

// The broken drivers here are expected: keep their warnings out of the test log unless asked.
const bool quiet_logs = setenv("TISA_LOG_LEVEL", "error", /*overwrite=*/0) == 0;

// Sets (or unsets, with nullptr) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_.c_str(), old_->c_str(), 1);
    else
      unsetenv(name_.c_str());
  }

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// The loader's environment, cleared so that the machine's settings cannot leak in.
struct CleanEnv {
  ScopedEnv files{"TISA_DRIVER_FILES", nullptr};
  ScopedEnv add{"TISA_ADD_DRIVER_FILES", nullptr};
  ScopedEnv select{"TISA_DRIVERS_SELECT", nullptr};
  ScopedEnv disable{"TISA_DRIVERS_DISABLE", nullptr};
};

std::string take_message(tisa_status_t status) {
  std::string message = tisa_status_message(status);
  tisa_status_free(status);
  return message;
}

#define REQUIRE_OK(call)                                        \
  do {                                                          \
    tisa_status_t status_ = (call);                             \
    INFO(tisa_status_message(status_));                         \
    const tisa_status_code_t code_ = tisa_status_code(status_); \
    tisa_status_free(status_);                                  \
    REQUIRE(code_ == TISA_OK);                                  \
  } while (0)

struct Instance {
  tisa_instance_t handle = nullptr;
  // driver_files: NULL for the environment and default search path.
  explicit Instance(const char* driver_files) {
    tisa_instance_options_t options{};
    options.struct_size = sizeof options;
    options.driver_files = driver_files;
    REQUIRE_OK(tisa_instance_create(&options, &handle));
  }
  explicit Instance(const std::string& driver_files) : Instance(driver_files.c_str()) {}
  ~Instance() { tisa_instance_release(handle); }

  std::vector<tisa_driver_report_t> reports() const {
    std::vector<tisa_driver_report_t> out(tisa_instance_driver_count(handle));
    for (uint32_t i = 0; i < out.size(); ++i) REQUIRE_OK(tisa_instance_driver_report(handle, i, &out[i]));
    return out;
  }
  std::map<std::string, tisa_driver_report_t> reports_by_name() const {
    std::map<std::string, tisa_driver_report_t> out;
    for (const auto& r : reports()) out[r.name] = r;
    return out;
  }
  tisa_device_t device(const char* selector) const {
    tisa_device_t device = nullptr;
    REQUIRE_OK(tisa_instance_find_device(handle, selector, &device));
    return device;
  }
};

std::string manifest(const std::string& stem) {
  return kDir + "/" + stem + ".json";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// in: f32[4] -> neg(in): the fake device copies instead of negating, which is all we check.
tisa_module_t four_float_module() {
  tisa::ir::Builder b;
  const tisa::ir::Value x = b.input(TISA_DTYPE_F32, {tisa::ir::Expr::lit(4)}, "x");
  b.output(b.unary(TISA_OP_NEG, x));
  const std::vector<uint32_t> words = tisa::ir::encode(b.finish());
  tisa_module_t module = nullptr;
  REQUIRE_OK(tisa_module_load(words.data(), words.size() * 4, TISA_FORMAT_BINARY, &module));
  return module;
}

tisa_tensor_t four_floats(tisa_buffer_t buffer) {
  tisa_tensor_t t{};
  t.buffer = buffer;
  t.type.dtype = TISA_DTYPE_F32;
  t.type.rank = 1;
  t.type.dims[0] = 4;
  return t;
}

}  // namespace

TEST_CASE("every driver in a folder gets an outcome and a reason", "[loader]") {
  CleanEnv env;
  Instance instance(kDir);
  auto reports = instance.reports_by_name();
  REQUIRE(reports.size() == 13);

  SECTION("the current, older-minor, newer-minor and relative-path drivers load") {
    CHECK(reports["fake_current"].loaded == 1);
    CHECK(std::string(reports["fake_current"].reason) == "loaded: ABI 1.1, 1 device");
    CHECK(reports["fake_current"].abi_version == TISA_MAKE_VERSION(1, 1));
    CHECK(reports["fake_old"].loaded == 1);
    CHECK(std::string(reports["fake_old"].reason) == "loaded: ABI 1.0, 1 device");
    CHECK(reports["fake_old"].abi_version == TISA_MAKE_VERSION(1, 0));
    CHECK(reports["fake_new"].loaded == 1);
    CHECK(std::string(reports["fake_new"].reason) == "loaded: ABI 1.7, 1 device");
    CHECK(reports["fake_relative"].loaded == 1);
    CHECK(std::string(reports["fake_relative"].library_path).find("/lib/libtisa_fake_current.so") !=
          std::string::npos);
    CHECK(std::string(reports["fake_relative"].library_path).find("..") == std::string::npos);
    CHECK(tisa_instance_device_count(instance.handle) == 4);
  }
  SECTION("a table of another major version is refused, naming both versions") {
    const auto& r = reports["fake_major2"];
    CHECK(r.loaded == 0);
    CHECK(r.abi_version == TISA_MAKE_VERSION(2, 0));
    CHECK(std::string(r.reason) ==
          "failed: INCOMPATIBLE: driver ABI 2.0 does not match loader ABI 1.1 (major versions differ)");
  }
  SECTION("a driver that refuses to negotiate is reported with its own message") {
    const auto& r = reports["fake_rejects"];
    CHECK(r.loaded == 0);
    CHECK(r.abi_version == 0);
    CHECK(std::string(r.reason) ==
          "failed: tisa_driver_negotiate returned INCOMPATIBLE (loader ABI 1.1): "
          "driver ABI 2.0 cannot work with loader ABI 1.1");
  }
  SECTION("a manifest of another ABI major is skipped before dlopen") {
    CHECK(reports["fake_abi2"].loaded == 0);
    CHECK(std::string(reports["fake_abi2"].reason) == "skipped: manifest abi_major 2, loader supports 1");
    CHECK(reports["fake_abi2"].abi_version == 0);
  }
  SECTION("a manifest for another architecture is skipped before dlopen") {
    CHECK(reports["fake_arch"].loaded == 0);
    CHECK(std::string(reports["fake_arch"].reason) ==
          std::string("skipped: library_arch aarch64 does not match ") + TISA_TEST_ARCH);
  }
  SECTION("a library without the entry point") {
    const auto& r = reports["fake_no_entry"];
    CHECK(r.loaded == 0);
    const std::string prefix =
        std::string("failed: no entry point tisa_driver_negotiate in ") + r.library_path + ": ";
    CHECK(starts_with(r.reason, prefix));
    CHECK(std::string(r.reason).find("undefined symbol") != std::string::npos);
  }
  SECTION("a driver whose driver_create fails") {
    CHECK(reports["fake_no_device"].loaded == 0);
    CHECK(reports["fake_no_device"].abi_version == TISA_MAKE_VERSION(1, 1));
    CHECK(std::string(reports["fake_no_device"].reason) ==
          "failed: driver_create returned UNAVAILABLE: no device");
  }
  SECTION("broken manifests") {
    CHECK(starts_with(reports["broken"].reason, "failed: manifest is not valid JSON: "));
    CHECK(std::string(reports["broken"].manifest_path) == manifest("broken"));
    CHECK(std::string(reports["fake_missing_field"].reason) ==
          "failed: manifest has no non-empty string field driver.library_path");
    CHECK(starts_with(reports["fake_missing_library"].reason,
                      "failed: cannot load /nonexistent/libtisa_nothing.so: "));
  }
}

TEST_CASE("manifests are read in name order and each file once", "[loader]") {
  CleanEnv env;
  Instance instance(kDir + ":" + manifest("fake_old") + ":" + kDir);
  const auto reports = instance.reports();
  REQUIRE(reports.size() == 13);
  std::vector<std::string> paths;
  for (const auto& r : reports) paths.emplace_back(r.manifest_path);
  CHECK(std::is_sorted(paths.begin(), paths.end()));
}

TEST_CASE("a second driver with a loaded driver's name is skipped", "[loader]") {
  CleanEnv env;
  Instance instance(manifest("fake_current") + ":" + TISA_TEST_DUPLICATE_DIR);
  const auto reports = instance.reports();
  REQUIRE(reports.size() == 2);
  CHECK(reports[0].loaded == 1);
  CHECK(reports[1].loaded == 0);
  CHECK(std::string(reports[1].reason) == "skipped: a driver named fake_current is already loaded");
}

TEST_CASE("zero drivers is an empty instance, not an error", "[loader]") {
  CleanEnv env;
  Instance instance(std::string(TISA_TEST_EMPTY_DIR));
  CHECK(tisa_instance_driver_count(instance.handle) == 0);
  CHECK(tisa_instance_device_count(instance.handle) == 0);
  tisa_device_t device = nullptr;
  tisa_status_t status = tisa_instance_find_device(instance.handle, nullptr, &device);
  CHECK(tisa_status_code(status) == TISA_NOT_FOUND);
  CHECK(take_message(status) == "no TISA devices: no driver was loaded");
  Instance missing(std::string("/nonexistent/tisa/drivers"));
  CHECK(tisa_instance_driver_count(missing.handle) == 0);
}

TEST_CASE("search path: options, TISA_DRIVER_FILES and TISA_ADD_DRIVER_FILES", "[loader]") {
  CleanEnv env;
  SECTION("TISA_DRIVER_FILES replaces the default search path") {
    ScopedEnv files("TISA_DRIVER_FILES", (manifest("fake_old") + ":" + manifest("fake_new")).c_str());
    Instance instance(nullptr);
    const auto reports = instance.reports();
    REQUIRE(reports.size() == 2);
    CHECK(std::string(reports[0].name) == "fake_old");
    CHECK(std::string(reports[1].name) == "fake_new");
  }
  SECTION("the instance option replaces TISA_DRIVER_FILES") {
    ScopedEnv files("TISA_DRIVER_FILES", manifest("fake_old").c_str());
    Instance instance(manifest("fake_new"));
    const auto reports = instance.reports();
    REQUIRE(reports.size() == 1);
    CHECK(std::string(reports[0].name) == "fake_new");
  }
  SECTION("TISA_ADD_DRIVER_FILES comes before the default folders") {
    ScopedEnv add("TISA_ADD_DRIVER_FILES", manifest("fake_arch").c_str());
    Instance instance(nullptr);
    const auto reports = instance.reports();
    REQUIRE(reports.size() >= 1);
    CHECK(std::string(reports[0].name) == "fake_arch");
    for (size_t i = 1; i < reports.size(); ++i) CHECK(std::string(reports[i].name).rfind("fake_", 0) != 0);
  }
}

TEST_CASE("TISA_DRIVERS_SELECT and TISA_DRIVERS_DISABLE filter by name globs", "[loader]") {
  CleanEnv env;
  SECTION("select") {
    ScopedEnv select("TISA_DRIVERS_SELECT", "fake_old, fake_n*");
    Instance instance(kDir);
    auto reports = instance.reports_by_name();
    CHECK(reports["fake_old"].loaded == 1);
    CHECK(reports["fake_new"].loaded == 1);
    CHECK(reports["fake_no_device"].loaded == 0);  // selected, then failed on its own
    CHECK(std::string(reports["fake_no_device"].reason).find("no device") != std::string::npos);
    CHECK(reports["fake_current"].loaded == 0);
    CHECK(std::string(reports["fake_current"].reason) ==
          "skipped: not selected by TISA_DRIVERS_SELECT=fake_old, fake_n*");
    CHECK(std::string(reports["fake_abi2"].reason).rfind("skipped: not selected", 0) == 0);
    CHECK(tisa_instance_device_count(instance.handle) == 2);
  }
  SECTION("disable") {
    ScopedEnv disable("TISA_DRIVERS_DISABLE", "fake_old,fake_re*");
    Instance instance(kDir);
    auto reports = instance.reports_by_name();
    CHECK(reports["fake_old"].loaded == 0);
    CHECK(std::string(reports["fake_old"].reason) ==
          "skipped: disabled by TISA_DRIVERS_DISABLE=fake_old,fake_re*");
    CHECK(std::string(reports["fake_relative"].reason).rfind("skipped: disabled", 0) == 0);
    CHECK(std::string(reports["fake_rejects"].reason).rfind("skipped: disabled", 0) == 0);
    CHECK(reports["fake_current"].loaded == 1);
    CHECK(reports["fake_new"].loaded == 1);
    CHECK(tisa_instance_device_count(instance.handle) == 2);
  }
  SECTION("disable everything: still a valid, empty instance") {
    ScopedEnv disable("TISA_DRIVERS_DISABLE", "*");
    Instance instance(kDir);
    CHECK(tisa_instance_driver_count(instance.handle) == 13);
    CHECK(tisa_instance_device_count(instance.handle) == 0);
  }
}

TEST_CASE("device selectors and info from a fake driver", "[loader]") {
  CleanEnv env;
  Instance instance(manifest("fake_current") + ":" + manifest("fake_old"));
  CHECK(instance.device("fake_old") == instance.device("1"));
  CHECK(instance.device("fake_old:0") == instance.device("1"));
  CHECK(instance.device("") == instance.device("fake_current"));
  for (const char* wrong : {"2", "fake_old:1", "nothing"}) {
    tisa_device_t device = nullptr;
    tisa_status_t status = tisa_instance_find_device(instance.handle, wrong, &device);
    CHECK(tisa_status_code(status) == TISA_NOT_FOUND);
    const std::string message = take_message(status);
    CHECK(message.find("0: fake_current device (fake_current:0), 1: fake_old device (fake_old:0)") !=
          std::string::npos);
  }

  tisa_device_info_t info{};
  REQUIRE_OK(tisa_device_get_info(instance.device("fake_old"), &info));
  CHECK(std::string(info.name) == "fake_old device");
  CHECK(std::string(info.driver_name) == "fake_old");
  CHECK(info.kind == TISA_DEVICE_KIND_SIMULATOR);
  CHECK(std::string(tisa_device_kind_name(info.kind)) == "simulator");
  CHECK(std::string(info.extension_string) == "TISA1p0");
  CHECK(info.isa_version == TISA_MAKE_VERSION(1, 0));
  CHECK(info.limits.max_rank == 8);
  CHECK(info.limits.max_dim == (1 << 20));

  // No device_supports in the table: the registry default for a device claiming no extension.
  tisa_device_t device = instance.device("fake_old");
  CHECK(tisa_device_supports(device, TISA_OP_ADD, TISA_DTYPE_F32) == 1);
  CHECK(tisa_device_supports(device, TISA_OP_ADD, TISA_DTYPE_I8) == 1);
  CHECK(tisa_device_supports(device, TISA_OP_ADD, TISA_DTYPE_F16) == 0);   // Xf16 not claimed
  CHECK(tisa_device_supports(device, TISA_OP_ADD, TISA_DTYPE_BOOL) == 0);  // the spec forbids it
  CHECK(tisa_device_supports(device, TISA_OP_EXP, TISA_DTYPE_I32) == 0);
  CHECK(tisa_device_supports(device, TISA_OP_EQ, TISA_DTYPE_BOOL) == 1);
  CHECK(tisa_device_supports(device, static_cast<tisa_opcode_t>(0x7777), TISA_DTYPE_F32) == 0);
}

TEST_CASE("an older-minor driver works through the polyfills", "[loader]") {
  CleanEnv env;
  Instance instance(manifest("fake_old"));
  tisa_device_t device = instance.device("fake_old");

  tisa_buffer_t in = nullptr, out = nullptr;
  REQUIRE_OK(tisa_buffer_create(device, 16, TISA_BUFFER_FLAG_HOST_VISIBLE, &in));
  REQUIRE_OK(tisa_buffer_create(device, 16, 0, &out));
  void* pointer = nullptr;
  tisa_status_t status = tisa_buffer_map(in, &pointer);
  CHECK(tisa_status_code(status) == TISA_UNIMPLEMENTED);
  CHECK(take_message(status) == "driver 'fake_old' (ABI 1.0) cannot map buffers");
  CHECK(pointer == nullptr);

  const float values[4] = {1.5f, -2.0f, 3.25f, 0.0f};
  REQUIRE_OK(tisa_buffer_write(in, 0, values, sizeof values));
  tisa_module_t module = four_float_module();
  tisa_executable_t exe = nullptr;
  REQUIRE_OK(tisa_executable_create(device, module, TISA_OPT_O0, &exe));
  const tisa_tensor_t input = four_floats(in), output = four_floats(out);
  tisa_event_t event = nullptr;
  REQUIRE_OK(tisa_executable_launch(exe, 1, &input, 1, &output, &event));
  // The fake's launches complete 250 ms later: a zero-timeout wait (event_query's polyfill,
  // event_wait with timeout 0) must say "not yet", and a real wait must succeed.
  status = tisa_event_wait(event, 0);
  CHECK(tisa_status_code(status) == TISA_DEADLINE_EXCEEDED);
  CHECK(take_message(status) == "the launch has not completed yet");
  status = tisa_event_wait(event, 1000);
  CHECK(tisa_status_code(status) == TISA_DEADLINE_EXCEEDED);
  tisa_status_free(status);
  REQUIRE_OK(tisa_event_wait(event, TISA_WAIT_FOREVER));
  REQUIRE_OK(tisa_event_wait(event, 0));  // the outcome is final
  float result[4] = {};
  REQUIRE_OK(tisa_buffer_read(out, 0, result, sizeof result));
  CHECK(std::equal(result, result + 4, values));

  // Without an event the launch waits itself.
  REQUIRE_OK(tisa_executable_launch(exe, 1, &input, 1, &output, nullptr));
  tisa_event_release(event);
  tisa_executable_release(exe);
  tisa_module_release(module);
  tisa_buffer_release(in);
  tisa_buffer_release(out);
}

TEST_CASE("a device reporting ISA 1.0 takes 1.0 modules and refuses what 1.1 added", "[loader]") {
  CleanEnv env;
  Instance instance(manifest("fake_old"));
  tisa_device_t device = instance.device("fake_old");
  // The registry default of device_supports stops at the device's ISA version.
  CHECK(tisa_device_supports(device, TISA_OP_EXP, TISA_DTYPE_F32) == 1);
  CHECK(tisa_device_supports(device, TISA_OP_EXPM1, TISA_DTYPE_F32) == 0);
  CHECK(tisa_device_supports(device, TISA_OP_CUMSUM, TISA_DTYPE_I32) == 0);
  const auto load_text = [](const std::string& text) {
    tisa_module_t module = nullptr;
    REQUIRE_OK(tisa_module_load(text.data(), text.size(), TISA_FORMAT_TEXT, &module));
    return module;
  };
  // Headed 1.1 but using only 1.0 ops: it is handed over as a 1.0 module, which the device takes.
  tisa_module_t plain = load_text("tisa 1.1\ninput %x : f32[4]\n%y = neg %x\noutput %y\n");
  tisa_executable_t exe = nullptr;
  REQUIRE_OK(tisa_executable_create(device, plain, TISA_OPT_O0, &exe));
  tisa_executable_release(exe);
  tisa_module_t scan = load_text("tisa 1.1\ninput %x : f32[4]\n%y = cumsum %x {axis = 0}\noutput %y\n");
  exe = nullptr;
  const tisa_status_t status = tisa_executable_create(device, scan, TISA_OPT_O0, &exe);
  CHECK(tisa_status_code(status) == TISA_INCOMPATIBLE);
  CHECK_THAT(take_message(status),
             Catch::Contains("module needs TISA 1.1 but device 'fake_old device' implements TISA 1.0"));
  CHECK(exe == nullptr);
  tisa_module_release(scan);
  tisa_module_release(plain);
}

TEST_CASE("a newer-minor driver: the known part of its table is used", "[loader]") {
  CleanEnv env;
  Instance instance(manifest("fake_new"));
  tisa_device_t device = instance.device("fake_new");
  tisa_buffer_t buffer = nullptr;
  REQUIRE_OK(tisa_buffer_create(device, 8, TISA_BUFFER_FLAG_HOST_VISIBLE, &buffer));
  void* pointer = nullptr;
  REQUIRE_OK(tisa_buffer_map(buffer, &pointer));
  REQUIRE(pointer != nullptr);
  static_cast<uint8_t*>(pointer)[3] = 42;
  tisa_status_t status = tisa_buffer_map(buffer, &pointer);
  CHECK(tisa_status_code(status) == TISA_FAILED_PRECONDITION);
  CHECK(take_message(status) == "tisa_buffer_map: the buffer is already mapped");
  REQUIRE_OK(tisa_buffer_unmap(buffer));
  uint8_t bytes[8] = {};
  REQUIRE_OK(tisa_buffer_read(buffer, 0, bytes, sizeof bytes));
  CHECK(bytes[3] == 42);
  status = tisa_buffer_unmap(buffer);
  CHECK(tisa_status_code(status) == TISA_FAILED_PRECONDITION);
  tisa_status_free(status);
  tisa_buffer_release(buffer);
}

TEST_CASE("instance options are checked", "[loader]") {
  tisa_instance_options_t options{};
  options.struct_size = 4;
  tisa_instance_t instance = nullptr;
  tisa_status_t status = tisa_instance_create(&options, &instance);
  CHECK(tisa_status_code(status) == TISA_INVALID_ARGUMENT);
  CHECK(take_message(status) == "tisa_instance_create: options->struct_size is 4, expected at least 16");
  CHECK(instance == nullptr);
  status = tisa_instance_create(nullptr, nullptr);
  CHECK(tisa_status_code(status) == TISA_INVALID_ARGUMENT);
  CHECK(take_message(status) == "tisa_instance_create: out_instance is NULL");
  tisa_driver_report_t report;
  status = tisa_instance_driver_report(nullptr, 0, &report);
  CHECK(tisa_status_code(status) == TISA_INVALID_ARGUMENT);
  CHECK(take_message(status) == "tisa_instance_driver_report: instance is NULL");
}
