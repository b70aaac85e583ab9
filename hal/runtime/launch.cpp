// tisa_executable_launch: every argument is checked against the module before the driver sees
// it (drivers may trust what they receive), then the launch is enqueued.
#include "hal/ir/registry.hpp"
#include "hal/runtime/c_enum.hpp"
#include "hal/runtime/event.hpp"
#include "hal/runtime/objects.hpp"
#include "hal/runtime/signature.hpp"
#include "hal/runtime/status.hpp"

namespace tisa::rt {
namespace {

void check_tensor_count(const char* what, uint32_t given, size_t expected) {
  if (given != expected) {
    invalid("the module has {} {}{} but {} {} given", expected, what, expected == 1 ? "" : "s", given,
            given == 1 ? "was" : "were");
  }
}

std::vector<tisa_tensor_type_t> types_of(std::span<const tisa_tensor_t> tensors) {
  std::vector<tisa_tensor_type_t> types;
  types.reserve(tensors.size());
  for (const auto& t : tensors) types.push_back(t.type);
  return types;
}

// The tensor's buffer belongs to the executable's device and holds its bytes.
void check_storage(const tisa_executable_s& exe, const tisa_tensor_t& tensor, const std::string& label) {
  if (tensor.buffer == nullptr) invalid("{}: buffer is NULL", label);
  if (tensor.buffer->device.get() != exe.device.get()) {
    invalid("{}: buffer belongs to device '{}', not to the executable's device '{}'", label,
            tensor.buffer->device->info.name, exe.device->info.name);
  }
  uint64_t bytes = ir::dtype_size(tensor.type.dtype);
  for (uint32_t d = 0; d < tensor.type.rank; ++d) {
    if (__builtin_mul_overflow(bytes, static_cast<uint64_t>(tensor.type.dims[d]), &bytes)) {
      invalid("{}: the tensor's size in bytes overflows", label);
    }
  }
  const uint64_t size = tensor.buffer->size;
  if (tensor.offset > size) {
    invalid("{}: offset {} is past the end of the buffer ({} bytes)", label, tensor.offset, size);
  }
  if (bytes > size - tensor.offset) {
    invalid("{}: {} needs {} bytes at offset {} but the buffer holds {} bytes", label, type_text(tensor.type),
            bytes, tensor.offset, size);
  }
  if (tensor.offset % ir::dtype_size(tensor.type.dtype) != 0) {
    invalid("{}: offset {} is not a multiple of the {}-byte element size", label, tensor.offset,
            ir::dtype_size(tensor.type.dtype));
  }
}

uint64_t tensor_bytes(const tisa_tensor_t& tensor) {
  uint64_t bytes = ir::dtype_size(tensor.type.dtype);
  for (uint32_t d = 0; d < tensor.type.rank; ++d) bytes *= static_cast<uint64_t>(tensor.type.dims[d]);
  return bytes;  // check_storage made sure it does not overflow
}

// The launch reads `input`: it fails now if a failed launch wrote those bytes, and is told of
// the unfinished launches that wrote them, so that their failure can reach it later.
void track_read(LaunchState& launch, const tisa_tensor_t& input, const std::string& label) {
  const uint64_t begin = input.offset, end = input.offset + tensor_bytes(input);
  WriteLog::Overlap overlap = input.buffer->writes.overlapping(begin, end);
  if (overlap.failure) {
    fail(TISA_FAILED_PRECONDITION,
         "{}: bytes [{}, {}) of its buffer were written by a launch that failed: {}", label, begin, end,
         *overlap.failure);
  }
  for (auto& writer : overlap.unfinished) launch.reads_from.emplace_back(label, std::move(writer));
}

tisa_drv_tensor_t driver_tensor(const tisa_tensor_t& tensor) {
  tisa_drv_tensor_t out{};
  out.buffer = tensor.buffer->state->handle;
  out.offset = tensor.offset;
  out.dtype = tensor.type.dtype;
  out.rank = tensor.type.rank;
  std::copy(tensor.type.dims, tensor.type.dims + tensor.type.rank, out.dims);
  return out;
}

std::unique_ptr<tisa_event_s> launch(tisa_executable_s& exe, std::span<const tisa_tensor_t> inputs,
                                     std::span<const tisa_tensor_t> outputs) {
  const ir::Module& module = *exe.module;
  check_tensor_count("input", static_cast<uint32_t>(inputs.size()), module.inputs.size());
  check_tensor_count("output", static_cast<uint32_t>(outputs.size()), module.outputs.size());
  const Binding binding = bind_inputs(module, types_of(inputs));
  for (size_t i = 0; i < outputs.size(); ++i) {
    const tisa_tensor_type_t& given = outputs[i].type;
    const tisa_tensor_type_t& expected = binding.outputs[i];
    const bool same = raw_enum(given.dtype) == expected.dtype && given.rank == expected.rank &&
                      std::equal(expected.dims, expected.dims + expected.rank, given.dims);
    if (!same) {
      invalid("output {}: given as {} but the module produces {} for these inputs", i,
              given.rank <= TISA_MAX_RANK ? type_text(given) : fmt::format("rank {}", given.rank),
              type_text(expected));
    }
  }
  for (size_t i = 0; i < inputs.size(); ++i) check_storage(exe, inputs[i], fmt::format("input {}", i));
  for (size_t i = 0; i < outputs.size(); ++i) check_storage(exe, outputs[i], fmt::format("output {}", i));

  // The driver runs the optimized module, whose symbols are the original's unless a pass
  // dropped some; then bind them again from the same inputs.
  std::vector<int64_t> symbols = binding.symbols;
  if (exe.optimized->symbols.size() != module.symbols.size()) {
    symbols = bind_inputs(*exe.optimized, types_of(inputs)).symbols;
  }
  auto state = std::make_shared<LaunchState>();
  for (size_t i = 0; i < inputs.size(); ++i) track_read(*state, inputs[i], fmt::format("input {}", i));
  std::vector<tisa_drv_tensor_t> drv_inputs, drv_outputs;
  for (const auto& t : inputs) {
    drv_inputs.push_back(driver_tensor(t));
    state->buffers.push_back(t.buffer->state);
  }
  for (const auto& t : outputs) {
    drv_outputs.push_back(driver_tensor(t));
    state->buffers.push_back(t.buffer->state);
  }
  tisa_drv_launch_args_t args{};
  args.struct_size = sizeof args;
  args.input_count = static_cast<uint32_t>(drv_inputs.size());
  args.inputs = drv_inputs.data();
  args.output_count = static_cast<uint32_t>(drv_outputs.size());
  args.outputs = drv_outputs.data();
  args.symbol_count = static_cast<uint32_t>(symbols.size());
  args.symbol_values = symbols.data();
  state->driver = exe.state->driver;
  state->executable = exe.state;
  state->handle = exe.state->driver->launch(exe.state->handle, args);
  for (const auto& t : outputs) t.buffer->writes.record(t.offset, t.offset + tensor_bytes(t), state);
  auto event = std::make_unique<tisa_event_s>();
  event->launch = std::move(state);
  return event;
}

}  // namespace
}  // namespace tisa::rt

extern "C" {

TISA_API tisa_status_t tisa_executable_launch(tisa_executable_t executable, uint32_t input_count,
                                              const tisa_tensor_t* inputs, uint32_t output_count,
                                              const tisa_tensor_t* outputs, tisa_event_t* out_event) {
  if (out_event != nullptr) *out_event = nullptr;
  std::unique_ptr<tisa_event_s> event;
  tisa_status_t status = tisa::rt::guarded("tisa_executable_launch", [&] {
    tisa::rt::require(executable, "tisa_executable_launch", "executable");
    if (input_count != 0) tisa::rt::require(inputs, "tisa_executable_launch", "inputs");
    if (output_count != 0) tisa::rt::require(outputs, "tisa_executable_launch", "outputs");
    event = tisa::rt::launch(*executable, {inputs, input_count}, {outputs, output_count});
  });
  if (status != nullptr) return status;
  if (out_event != nullptr) {
    *out_event = event.release();
    return nullptr;
  }
  status = tisa::rt::wait_launch(*event->launch, TISA_WAIT_FOREVER);
  return status;
}

}  // extern "C"
