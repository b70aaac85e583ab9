// Values a C caller may pass that are outside every enum: refused with a message, or named
// "invalid"/"unknown", never undefined behaviour inside libtisa.
#include "c_callers.h"
#include "runtime_fixture.hpp"

using namespace rt_test;

TEST_CASE("C callers: enum arguments outside their enums", "[runtime][c]") {
  CHECK(std::string(c_dtype_name(77)) == "invalid");
  CHECK(std::string(c_dtype_name(-1)) == "invalid");
  CHECK(c_dtype_size(1000) == 0);
  CHECK(std::string(c_status_code_name(99)) == "UNKNOWN");
  CHECK(std::string(c_device_kind_name(42)) == "unknown");

  Reference ref;
  CHECK(c_device_supports(ref.device, TISA_OP_ADD, 1000) == 0);
  CHECK(c_device_supports(ref.device, -5, TISA_DTYPE_F32) == 0);
  CHECK(c_device_supports(ref.device, TISA_OP_ADD, TISA_DTYPE_F32) == 1);

  tisa_module_t module = load_text(kAffine);
  tisa_executable_t exe = nullptr;
  Outcome level = outcome(c_executable_create(ref.device, module, 9, &exe));
  CHECK(level.code == TISA_INVALID_ARGUMENT);
  CHECK(level.message == "tisa_executable_create: unknown optimization level 9");
  CHECK(exe == nullptr);

  tisa_module_t loaded = nullptr;
  Outcome format = outcome(c_module_load(kAffine, std::strlen(kAffine), 7, &loaded));
  CHECK(format.code == TISA_INVALID_ARGUMENT);
  CHECK(format.message == "tisa_module_load: unknown module format 7");
  void* data = nullptr;
  size_t size = 0;
  Outcome save = outcome(c_module_save(module, 5, &data, &size));
  CHECK(save.message == "tisa_module_save: unknown format 5");

  REQUIRE_OK(c_executable_create(ref.device, module, TISA_OPT_O1, &exe));
  tisa_buffer_t x = make_buffer(ref.device, 24), w = make_buffer(ref.device, 24),
                y = make_buffer(ref.device, 16);
  tisa_tensor_t inputs[2] = {tensor(x, type(TISA_DTYPE_F32, {2, 3})),
                             tensor(w, type(TISA_DTYPE_F32, {3, 2}))};
  const tisa_tensor_t output = tensor(y, type(TISA_DTYPE_F32, {2, 2}));
  Outcome dtype = outcome(c_launch_with_input_dtype(exe, 2, inputs, 1, &output, 1234));
  CHECK(dtype.code == TISA_INVALID_ARGUMENT);
  CHECK(dtype.message == "input 0 ('x'): dtype is invalid but the module expects f32");
  for (tisa_buffer_t b : {x, w, y}) tisa_buffer_release(b);
  tisa_executable_release(exe);
  tisa_module_release(module);
}
