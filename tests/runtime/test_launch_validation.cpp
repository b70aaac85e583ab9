// Every launch argument is checked before the driver sees it; each mistake gets a message that
// names the argument and what is wrong.
#include "runtime_fixture.hpp"

using namespace rt_test;

namespace {

// kAffine compiled on the reference device, with well-formed arguments for batch 2 that each
// case then spoils in one way.
struct AffineLaunch {
  Reference ref{true};
  tisa_module_t module = load_text(kAffine);
  tisa_executable_t exe = nullptr;
  tisa_buffer_t x = nullptr, w = nullptr, y = nullptr;
  tisa_tensor_t inputs[2];
  tisa_tensor_t output;

  AffineLaunch() {
    REQUIRE_OK(tisa_executable_create(ref.device, module, TISA_OPT_O0, &exe));
    x = buffer_with(ref.device, iota_floats(6, 1.0f));
    w = buffer_with(ref.device, iota_floats(6, 0.5f));
    y = make_buffer(ref.device, 16);
    inputs[0] = tensor(x, type(TISA_DTYPE_F32, {2, 3}));
    inputs[1] = tensor(w, type(TISA_DTYPE_F32, {3, 2}));
    output = tensor(y, type(TISA_DTYPE_F32, {2, 2}));
  }
  ~AffineLaunch() {
    tisa_buffer_release(x);
    tisa_buffer_release(w);
    tisa_buffer_release(y);
    tisa_executable_release(exe);
    tisa_module_release(module);
  }
  Outcome launch(uint32_t input_count = 2, uint32_t output_count = 1) {
    tisa_event_t event = nullptr;
    Outcome result = outcome(tisa_executable_launch(exe, input_count, inputs, output_count, &output, &event));
    if (result.code != TISA_OK) CHECK(event == nullptr);  // a refused launch makes no event
    if (event != nullptr) REQUIRE_OK(tisa_event_wait(event, TISA_WAIT_FOREVER));
    tisa_event_release(event);
    return result;
  }
};

void check_invalid(const Outcome& outcome, const std::string& message) {
  CHECK(outcome.code == TISA_INVALID_ARGUMENT);
  CHECK(outcome.message == message);
}

}  // namespace

TEST_CASE("launch validation", "[runtime][validation]") {
  AffineLaunch l;
  REQUIRE(l.launch().code == TISA_OK);

  SECTION("input and output counts") {
    check_invalid(l.launch(1, 1), "the module has 2 inputs but 1 was given");
    check_invalid(l.launch(2, 0), "the module has 1 output but 0 were given");
  }
  SECTION("dtype") {
    l.inputs[1].type.dtype = TISA_DTYPE_I32;
    check_invalid(l.launch(), "input 1 ('w'): dtype is i32 but the module expects f32");
  }
  SECTION("rank") {
    l.inputs[0].type = type(TISA_DTYPE_F32, {6});
    check_invalid(l.launch(), "input 0 ('x'): rank is 1 but the module expects rank 2");
  }
  SECTION("a literal dim") {
    l.inputs[1].type = type(TISA_DTYPE_F32, {2, 3});
    check_invalid(l.launch(), "input 1 ('w'): dim 0 is 2, the module expects 3");
  }
  SECTION("a negative dim") {
    l.inputs[0].type.dims[0] = -1;
    check_invalid(l.launch(), "input 0 ('x'): dim 0 is negative (-1)");
  }
  SECTION("a symbol above its upper bound") {
    l.inputs[0].type = type(TISA_DTYPE_F32, {17, 3});
    check_invalid(l.launch(), "input 0 ('x'): dim 0 binds symbol N to 17, above its upper bound 16");
  }
  SECTION("output shape") {
    l.output.type = type(TISA_DTYPE_F32, {3, 2});
    check_invalid(l.launch(),
                  "output 0: given as f32[3, 2] but the module produces f32[2, 2] for these inputs");
  }
  SECTION("output dtype") {
    l.output.type.dtype = TISA_DTYPE_I32;
    check_invalid(l.launch(),
                  "output 0: given as i32[2, 2] but the module produces f32[2, 2] for these inputs");
  }
  SECTION("output rank beyond the limit") {
    l.output.type.rank = 99;
    check_invalid(l.launch(),
                  "output 0: given as rank 99 but the module produces f32[2, 2] for these inputs");
  }
  SECTION("buffer too small") {
    tisa_buffer_t small = make_buffer(l.ref.device, 8);
    l.inputs[0].buffer = small;
    check_invalid(l.launch(), "input 0: f32[2, 3] needs 24 bytes at offset 0 but the buffer holds 8 bytes");
    tisa_buffer_release(small);
  }
  SECTION("offset that leaves too little room") {
    l.output.offset = 8;
    check_invalid(l.launch(), "output 0: f32[2, 2] needs 16 bytes at offset 8 but the buffer holds 16 bytes");
  }
  SECTION("offset past the end") {
    l.inputs[1].offset = 1000;
    check_invalid(l.launch(), "input 1: offset 1000 is past the end of the buffer (24 bytes)");
  }
  SECTION("misaligned offset") {
    tisa_buffer_t big = make_buffer(l.ref.device, 64);
    l.output = tensor(big, type(TISA_DTYPE_F32, {2, 2}), 2);
    check_invalid(l.launch(), "output 0: offset 2 is not a multiple of the 4-byte element size");
    tisa_buffer_release(big);
  }
  SECTION("NULL buffer") {
    l.inputs[0].buffer = nullptr;
    check_invalid(l.launch(), "input 0: buffer is NULL");
  }
  SECTION("a buffer of another device") {
    tisa_device_t fake = nullptr;
    REQUIRE_OK(tisa_instance_find_device(l.ref.instance, "fake_current", &fake));
    tisa_buffer_t other = make_buffer(fake, 16);
    l.output.buffer = other;
    check_invalid(l.launch(),
                  "output 0: buffer belongs to device 'fake_current device', not to the "
                  "executable's device 'TISA reference (host)'");
    tisa_buffer_release(other);
  }
  SECTION("NULL arrays and executable") {
    check_invalid(outcome(tisa_executable_launch(l.exe, 2, nullptr, 1, &l.output, nullptr)),
                  "tisa_executable_launch: inputs is NULL");
    check_invalid(outcome(tisa_executable_launch(nullptr, 2, l.inputs, 1, &l.output, nullptr)),
                  "tisa_executable_launch: executable is NULL");
  }
}

TEST_CASE("launch validation: symbols shared by inputs and launch-time assertions", "[runtime][validation]") {
  Reference ref;
  tisa_module_t module = load_text(
      "tisa 1.0\nsymbol N\ninput %a : i32[N]\ninput %b : i32[N]\n%c = add %a, %b : i32[N]\n"
      "%r = reshape %c {shape = [2, floordiv(N, 2)]} : i32[2, floordiv(N, 2)]\noutput %r\n");
  tisa_executable_t exe = nullptr;
  REQUIRE_OK(tisa_executable_create(ref.device, module, TISA_OPT_O0, &exe));
  tisa_buffer_t a = buffer_with(ref.device, std::vector<int32_t>{1, 2, 3, 4, 5, 6, 7});
  tisa_buffer_t b = buffer_with(ref.device, std::vector<int32_t>{10, 20, 30, 40, 50, 60, 70});
  tisa_buffer_t out = make_buffer(ref.device, 28);

  tisa_tensor_t inputs[2] = {tensor(a, type(TISA_DTYPE_I32, {7})), tensor(b, type(TISA_DTYPE_I32, {5}))};
  tisa_tensor_t output = tensor(out, type(TISA_DTYPE_I32, {2, 3}));
  check_invalid(outcome(tisa_executable_launch(exe, 2, inputs, 1, &output, nullptr)),
                "input 1 ('b'): dim 0 is 5 but symbol N was bound to 7 by input 0 ('a') dim 0");

  // N = 7: the reshape to [2, 3] loses an element; the verifier could not know, the launch does.
  inputs[1].type = type(TISA_DTYPE_I32, {7});
  const Outcome assertion = outcome(tisa_executable_launch(exe, 2, inputs, 1, &output, nullptr));
  CHECK(assertion.code == TISA_INVALID_ARGUMENT);
  CHECK(assertion.message.find("reshape") != std::string::npos);
  CHECK(assertion.message.find("launch-time check failed") != std::string::npos);

  // N = 6 is fine.
  inputs[0].type = inputs[1].type = type(TISA_DTYPE_I32, {6});
  REQUIRE_OK(tisa_executable_launch(exe, 2, inputs, 1, &output, nullptr));
  CHECK(read_back<int32_t>(out, 6) == std::vector<int32_t>{11, 22, 33, 44, 55, 66});

  tisa_tensor_type_t inferred{};
  const tisa_tensor_type_t types[2] = {inputs[0].type, inputs[1].type};
  REQUIRE_OK(tisa_module_infer_outputs(module, 2, types, 1, &inferred));
  CHECK(inferred.rank == 2);
  CHECK(inferred.dims[0] == 2);
  CHECK(inferred.dims[1] == 3);

  for (tisa_buffer_t buffer : {a, b, out}) tisa_buffer_release(buffer);
  tisa_executable_release(exe);
  tisa_module_release(module);
}
