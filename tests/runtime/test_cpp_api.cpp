// tisa.hpp: the RAII layer releases what it owns, moves ownership, and throws ApiError with
// the status code and message.
#include <type_traits>

#include "tisa/tisa.hpp"

#include <catch2/catch.hpp>

#include "runtime_fixture.hpp"

static_assert(!std::is_copy_constructible_v<tisa::Buffer>);
static_assert(std::is_nothrow_move_constructible_v<tisa::Buffer>);
static_assert(!std::is_copy_assignable_v<tisa::Executable>);
static_assert(std::is_nothrow_move_assignable_v<tisa::Event>);

TEST_CASE("tisa.hpp runs the affine module", "[runtime][cpp]") {
  auto instance = tisa::Instance::create(TISA_TEST_REFERENCE_MANIFEST);
  REQUIRE(instance.device_count() == 1);
  REQUIRE(instance.driver_reports().size() == 1);
  const tisa::Device device = instance.find_device("reference");
  CHECK(std::string(device.info().driver_name) == "reference");
  CHECK(device.supports(TISA_OP_ADD, TISA_DTYPE_I64));

  auto module = tisa::Module::load(std::string(rt_test::kAffine));
  const std::string binary = module.save(TISA_FORMAT_BINARY);
  auto reloaded = tisa::Module::load(binary);
  CHECK(reloaded.input_count() == 2);
  CHECK(reloaded.input_type(0).dims[0] == -1);
  const auto outputs = reloaded.infer_outputs(
      {tisa::tensor_type(TISA_DTYPE_F32, {3, 3}), tisa::tensor_type(TISA_DTYPE_F32, {3, 2})});
  REQUIRE(outputs.size() == 1);
  CHECK(tisa::byte_size(outputs[0]) == 24);

  auto exe = tisa::Executable::create(device, reloaded, TISA_OPT_O2);
  const std::vector<float> x = rt_test::iota_floats(9, 2.0f), w = rt_test::iota_floats(6, -3.0f);
  auto xb = tisa::Buffer::create(device, 36);
  auto wb = tisa::Buffer::create(device, 24);
  auto yb = tisa::Buffer::create(device, 24, TISA_BUFFER_FLAG_HOST_VISIBLE);
  xb.write(x);
  wb.write(w);
  tisa::Event event = exe.launch_async({tisa::tensor(xb, tisa::tensor_type(TISA_DTYPE_F32, {3, 3})),
                                        tisa::tensor(wb, tisa::tensor_type(TISA_DTYPE_F32, {3, 2}))},
                                       {tisa::tensor(yb, outputs[0])});
  CHECK(event.wait());
  CHECK(yb.read<float>(6) == rt_test::affine_expected(x, w, 3));
  const float* mapped = static_cast<const float*>(yb.map());
  CHECK(std::vector<float>(mapped, mapped + 6) == rt_test::affine_expected(x, w, 3));
  yb.unmap();

  // Moving transfers ownership; the moved-from object is empty and releases nothing.
  tisa::Buffer moved = std::move(xb);
  CHECK_FALSE(xb);
  CHECK(moved.size() == 36);

  try {
    exe.launch({tisa::tensor(moved, tisa::tensor_type(TISA_DTYPE_F32, {3, 3}))},
               {tisa::tensor(yb, outputs[0])});
    FAIL("a launch with one input of two must throw");
  } catch (const tisa::ApiError& e) {
    CHECK(e.code() == TISA_INVALID_ARGUMENT);
    CHECK(std::string(e.code_name()) == "INVALID_ARGUMENT");
    CHECK(std::string(e.what()) == "the module has 2 inputs but 1 was given");
  }
  CHECK_THROWS_AS(tisa::Module::load(std::string("not a module")), tisa::ApiError);
  CHECK_THROWS_WITH(instance.find_device("nothing"),
                    "no device matches 'nothing': 0: TISA reference (host) (reference:0)");
}
