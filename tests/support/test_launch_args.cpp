// The launch-argument checks: what each rejects, and the message that names it.
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "drivers/support/driver_base.hpp"
#include "drivers/support/errors.hpp"
#include "drivers/support/host_launch.hpp"
#include "drivers/support/launch_args.hpp"
#include "hal/ir/builder.hpp"

namespace tisa::drv {
namespace {

// f32 [N, 3] -> add -> f32 [N, 3], N a symbol.
ir::Module symbolic_module() {
  ir::Builder b;
  const ir::Expr n = b.symbol("N", 64);
  const ir::Value x = b.input(TISA_DTYPE_F32, {n, ir::Expr::lit(3)});
  b.output(b.add(x, x));
  return b.finish();
}

// f32 [2, 3] -> add -> f32 [2, 3].
ir::Module literal_module() {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, ir::lits(std::vector<int64_t>{2, 3}));
  b.output(b.add(x, x));
  return b.finish();
}

int fake_buffer;  // any non-null handle: sizes come from the lambda below

tisa_drv_tensor_t tensor(std::vector<int64_t> dims, tisa_dtype_t dtype = TISA_DTYPE_F32) {
  tisa_drv_tensor_t t{};
  t.buffer = &fake_buffer;
  t.dtype = dtype;
  t.rank = static_cast<uint32_t>(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) t.dims[d] = dims[d];
  return t;
}

struct Launch {
  tisa_drv_tensor_t input;
  tisa_drv_tensor_t output;
  int64_t symbol = 0;
  tisa_drv_launch_args_t args{};
  Launch(tisa_drv_tensor_t in, tisa_drv_tensor_t out, uint32_t symbols, int64_t n)
      : input(in), output(out), symbol(n) {
    args = {sizeof(args), 1, &input, 1, symbols, &output, symbols ? &symbol : nullptr};
  }
};

std::string message_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.code() == TISA_INVALID_ARGUMENT);
    return e.message();
  }
  return "(accepted)";
}

TEST_CASE("check_launch_args: struct, counts and arrays", "[support]") {
  const ir::Module module = literal_module();
  Launch l(tensor({2, 3}), tensor({2, 3}), 0, 0);
  void* event = nullptr;
  CHECK_NOTHROW(check_launch_args(&l.args, &event, module));
  CHECK(message_of([&] { check_launch_args(nullptr, &event, module); }) ==
        "test driver: launch needs args and out_event");
  CHECK(message_of([&] { check_launch_args(&l.args, nullptr, module); }) ==
        "test driver: launch needs args and out_event");
  tisa_drv_launch_args_t args = l.args;
  args.struct_size = 8;
  CHECK_THAT(message_of([&] { check_launch_args(&args, &event, module); }),
             Catch::Contains("struct_size 8 is smaller than 40"));
  args = l.args;
  args.output_count = 2;
  CHECK(message_of([&] { check_launch_args(&args, &event, module); }) ==
        "test driver: launch gives 1 inputs, 2 outputs, 0 symbols; the module has 1, 1, 0");
  args = l.args;
  args.inputs = nullptr;
  CHECK_THAT(message_of([&] { check_launch_args(&args, &event, module); }),
             Catch::Contains("arrays are null"));
}

TEST_CASE("check_tensor: buffer, dtype, rank, dims, elements, byte range", "[support]") {
  const ir::Module module = literal_module();
  const ir::TensorType& declared = module.inputs[0].type;
  uint64_t size = 24;
  auto size_of = [&](void* buffer) {
    CHECK(buffer == &fake_buffer);
    return size;
  };
  auto check = [&](tisa_drv_tensor_t t) {
    return message_of([&] { check_tensor(t, declared, {"input", 0}, size_of); });
  };

  CHECK(check_tensor(tensor({2, 3}), declared, {"input", 0}, size_of) == 24);
  tisa_drv_tensor_t t = tensor({2, 3});
  t.buffer = nullptr;
  CHECK(check(t) == "test driver: input 0 has no buffer");
  CHECK(check(tensor({2, 3}, TISA_DTYPE_I32)) == "test driver: input 0 is i32, the module declares f32");
  t = tensor({2, 3}, TISA_DTYPE_F32);
  t.dtype = 999;
  CHECK(check(t) == "test driver: input 0 is dtype code 999, the module declares f32");
  CHECK(check(tensor({6})) == "test driver: input 0 has rank 1, the module declares 2");
  CHECK_THAT(check(tensor({-1, 3})), Catch::Contains("input 0 dim 0 is -1, outside [0, "));
  CHECK_THAT(check(tensor({TISA_MAX_DIM, TISA_MAX_DIM})), Catch::Contains("input 0 has more than"));
  t = tensor({2, 3});
  t.offset = 4;
  CHECK(check(t) == "test driver: input 0 needs 24 bytes at offset 4, its buffer has 24");
  t.offset = UINT64_MAX;  // no wrap-around
  CHECK_THAT(check(t), Catch::Contains("its buffer has 24"));
  size = 28;
  t.offset = 4;
  CHECK_NOTHROW(check_tensor(t, declared, {"output", 1}, size_of));
}

TEST_CASE("bind_launch_symbols: literal dims, the implied binding, the stated one", "[support]") {
  const ir::Module literal = literal_module();
  Launch ok(tensor({2, 3}), tensor({2, 3}), 0, 0);
  CHECK(bind_launch_symbols(literal, ok.args).empty());
  Launch wrong(tensor({2, 4}), tensor({2, 3}), 0, 0);
  CHECK(message_of([&] { bind_launch_symbols(literal, wrong.args); }) ==
        "test driver: input 0 dim 1 is 4, the module expects 3");

  const ir::Module symbolic = symbolic_module();
  Launch five(tensor({5, 3}), tensor({5, 3}), 1, 5);
  CHECK(bind_launch_symbols(symbolic, five.args) == std::vector<int64_t>{5});
  Launch stated_wrong(tensor({5, 3}), tensor({5, 3}), 1, 6);
  CHECK(message_of([&] { bind_launch_symbols(symbolic, stated_wrong.args); }) ==
        "test driver: symbol N is 5 by the inputs but 6 in the launch args");
}

TEST_CASE("check_output_shape compares with the shape the module computes", "[support]") {
  const ir::Module symbolic = symbolic_module();
  Launch ok(tensor({5, 3}), tensor({5, 3}), 1, 5);
  const std::vector<int64_t> symbols{5};
  CHECK_NOTHROW(check_output_shape(symbolic, ok.args, 0, symbols));
  Launch wrong(tensor({5, 3}), tensor({4, 3}), 1, 5);
  CHECK(message_of([&] { check_output_shape(symbolic, wrong.args, 0, symbols); }) ==
        "test driver: output 0 has shape [4, 3], the module computes [5, 3]");
  Launch rank(tensor({5, 3}), tensor({5, 3, 1}), 1, 5);
  CHECK_THAT(message_of([&] { check_output_shape(symbolic, rank.args, 0, symbols); }),
             Catch::Contains("[5, 3, 1]"));
}

TEST_CASE("resolve_host_launch ties tensors to host storage; write_outputs checks shapes", "[support]") {
  DriverBase driver{CreateRequest{}};
  tisa_drv_error_t err{};
  void* in_buffer = nullptr;
  void* out_buffer = nullptr;
  REQUIRE(host_buffer_create(&driver, 0, 5 * 3 * 4, 0, &in_buffer, &err) == TISA_OK);
  REQUIRE(host_buffer_create(&driver, 0, 8 + 5 * 3 * 4, 0, &out_buffer, &err) == TISA_OK);
  const float one = 1.5f;
  REQUIRE(host_buffer_write(&driver, in_buffer, 4, &one, 4, &err) == TISA_OK);

  const ir::Module module = symbolic_module();
  tisa_drv_tensor_t in = tensor({5, 3});
  in.buffer = in_buffer;
  tisa_drv_tensor_t out = tensor({5, 3});
  out.buffer = out_buffer;
  out.offset = 8;
  Launch l(in, out, 1, 5);
  const HostLaunch launch = resolve_host_launch(module, l.args);
  CHECK(launch.symbols == std::vector<int64_t>{5});
  REQUIRE(launch.inputs.size() == 1);
  CHECK(launch.inputs[0].bytes == 60);
  CHECK(launch.inputs[0].shape == ir::Shape{5, 3});
  CHECK(launch.outputs[0].data() == storage_of(out_buffer)->bytes + 8);

  std::vector<ref::HostTensor> values = launch.read_inputs();
  REQUIRE(values.size() == 1);
  float read = 0;
  std::memcpy(&read, values[0].data.data() + 4, 4);
  CHECK(read == one);
  launch.write_outputs(values);  // same dtype and shape as the output
  float written = 0;
  REQUIRE(host_buffer_read(&driver, out_buffer, 12, &written, 4, &err) == TISA_OK);
  CHECK(written == one);
  values[0].shape = {3, 5};
  CHECK_THROWS_WITH(launch.write_outputs(values), "test driver: output 0 came out with another shape");
  CHECK_THROWS_WITH(launch.write_outputs({}), Catch::Contains("computed 0 outputs, the launch has 1"));

  // The storages outlive the handles.
  host_buffer_destroy(&driver, in_buffer);
  host_buffer_destroy(&driver, out_buffer);
  CHECK(launch.read_inputs()[0].data.size() == 60);

  Launch too_small(l.input, l.output, 1, 5);
  too_small.output.offset = 16;  // 60 bytes at 16 in a buffer of 68
  void* small = nullptr;
  REQUIRE(host_buffer_create(&driver, 0, 68, 0, &small, &err) == TISA_OK);
  too_small.output.buffer = small;
  too_small.input.buffer = small;
  CHECK_THROWS_WITH(resolve_host_launch(module, too_small.args),
                    "test driver: output 0 needs 60 bytes at offset 16, its buffer has 68");
  host_buffer_destroy(&driver, small);
}

}  // namespace
}  // namespace tisa::drv
