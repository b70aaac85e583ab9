// Executables and launches. A launch runs the straight-line code at once, one instruction after
// the other, with every intermediate value in a host vector; the event it returns is complete.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kernels.hpp"
#include "objects.hpp"
#include "status.hpp"

namespace vendor {
namespace {

uint64_t element_count(const tisa_drv_tensor_t& t) {
  uint64_t count = 1;
  for (uint32_t d = 0; d < t.rank && d < TISA_MAX_RANK; ++d) count *= static_cast<uint64_t>(t.dims[d]);
  return count;
}

// The bytes of a tensor argument, checked against its buffer.
uint8_t* tensor_bytes(const tisa_drv_tensor_t& t, uint32_t dtype, uint64_t count, const char* what,
                      uint32_t index) {
  if (t.dtype != dtype)
    invalid(text("%s %u has dtype code %u, the module says %u", what, index, t.dtype, dtype));
  const uint64_t bytes = count * (dtype == TISA_DTYPE_BOOL ? 1u : 4u);
  Buffer& buffer = buffer_of(t.buffer);
  if (t.offset > buffer.size || bytes > buffer.size - t.offset)
    invalid(text("%s %u does not fit its buffer", what, index));
  return buffer.bytes.get() + t.offset;
}

// One value during a launch: f32 elements, or bool bytes for comparison results.
struct Value {
  std::vector<float> f32;
  std::vector<uint8_t> boolean;
  uint64_t count = 0;
};

void run(const Program& program, const tisa_drv_launch_args_t& args) {
  std::vector<Value> values(program.value_dtypes.size());
  for (uint32_t i = 0; i < args.input_count; ++i) {
    const tisa_drv_tensor_t& t = args.inputs[i];
    if (t.rank != program.input_ranks[i]) invalid(text("input %u has the wrong rank", i));
    Value& v = values[i];
    v.count = element_count(t);
    v.f32.resize(v.count);
    if (v.count) std::memcpy(v.f32.data(), tensor_bytes(t, TISA_DTYPE_F32, v.count, "input", i), v.count * 4);
  }
  const size_t first = program.input_dtypes.size();
  for (size_t k = 0; k < program.code.size(); ++k) {
    const Instruction& inst = program.code[k];
    const Kernel& kernel = *find_kernel(inst.opcode);
    Value& out = values[first + k];
    out.count = values[inst.lhs].count;
    if (values[inst.rhs].count != out.count) invalid("operand element counts differ");
    void* dst;
    if (kernel.bool_result) {
      out.boolean.resize(out.count);
      dst = out.boolean.data();
    } else {
      out.f32.resize(out.count);
      dst = out.f32.data();
    }
    run_kernel(kernel, values[inst.lhs].f32.data(), values[inst.rhs].f32.data(), dst, out.count);
  }
  for (uint32_t i = 0; i < args.output_count; ++i) {
    const uint32_t id = program.outputs[i];
    const uint32_t dtype = program.value_dtypes[id];
    const Value& v = values[id];
    if (element_count(args.outputs[i]) != v.count) invalid(text("output %u has the wrong size", i));
    uint8_t* dst = tensor_bytes(args.outputs[i], dtype, v.count, "output", i);
    if (v.count == 0) continue;
    const void* src = dtype == TISA_DTYPE_BOOL ? static_cast<const void*>(v.boolean.data()) : v.f32.data();
    std::memcpy(dst, src, v.count * (dtype == TISA_DTYPE_BOOL ? 1u : 4u));
  }
}

}  // namespace

tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    check_device(device);
    if (!out_exe) invalid("executable_create needs out_exe");
    auto exe = std::make_unique<Executable>();
    exe->program = decode_program(words, word_count);  // every optimization level runs the code as written
    *out_exe = exe.release();
    return TISA_OK;
  });
}

void executable_destroy(void* driver, void* exe) {
  delete static_cast<Executable*>(exe);
}

tisa_drv_status_t launch(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    if (!exe || !args || !out_event) invalid("launch needs an executable, args and out_event");
    const Program& program = static_cast<Executable*>(exe)->program;
    if (args->input_count != program.input_dtypes.size() || args->output_count != program.outputs.size() ||
        args->symbol_count != program.symbol_count) {
      invalid("the launch's input, output or symbol count differs from the module's");
    }
    if ((args->input_count && !args->inputs) || (args->output_count && !args->outputs)) {
      invalid("launch args name tensors but their arrays are null");
    }
    run(program, *args);
    auto event = std::make_unique<Event>();
    *out_event = event.release();
    return TISA_OK;
  });
}

tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!event) invalid("the event handle is null");
    return static_cast<Event*>(event)->status;
  });
}

tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err) {
  return event_wait(driver, event, 0, err);
}

void event_destroy(void* driver, void* event) {
  delete static_cast<Event*>(event);
}

}  // namespace vendor
