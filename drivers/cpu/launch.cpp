// Launches and events. launch() checks its arguments at once and picks the instance for the
// binding; the work then runs the instance's steps on the device: on the calling thread when
// the queue is idle and the launch is small (no hand-off latency), otherwise on the queue's
// worker, in submission order. Work reads the input buffers when it runs.
#include <memory>
#include <vector>

#include "drivers/cpu/description.hpp"
#include "drivers/support/event.hpp"
#include "drivers/support/host_buffer.hpp"
#include "drivers/support/launch_args.hpp"

namespace tisa::cpu {
namespace {

// Launches whose instance writes at most this many elements run on the caller when they can.
constexpr int64_t kInlineWork = 4 << 20;

// The tensor's first byte, after checking it against the module's declaration; its storage
// joins keep.
uint8_t* resolve_argument(const tisa_drv_tensor_t& t, const ir::TensorType& declared, drv::TensorRole role,
                          std::vector<std::shared_ptr<drv::Storage>>& keep) {
  drv::check_tensor(t, declared, role, [](void* buffer) { return drv::storage_of(buffer)->size; });
  const std::shared_ptr<drv::Storage>& storage = drv::storage_of(t.buffer);
  keep.push_back(storage);
  return storage->bytes + t.offset;
}

// The queued or inline work: everything it touches is owned (shared) by it.
struct LaunchWork {
  std::shared_ptr<const ir::Module> module;
  std::shared_ptr<const Instance> instance;
  std::vector<std::shared_ptr<drv::Storage>> keep;  // the buffers, alive until the work is done
  std::vector<uint8_t*> inputs, outputs;

  void run(Device& device) const {
    ExecContext ctx;
    ctx.inputs = inputs;
    ctx.outputs = outputs;
    ctx.arena = device.reserve_arena(instance->arena_bytes);
    ctx.temp_offsets = instance->temp_offsets;
    ctx.module = module.get();
    ctx.symbols = instance->symbols;
    ctx.pool = &device.pool;
    ctx.scratch = &device.scratch;
    ctx.kernels = &device.kernels;
    for (const auto& step : instance->steps) step->run(ctx);
  }
};

}  // namespace

void* Description::launch(Driver& self, Executable& executable, const tisa_drv_launch_args_t& args) {
  const ir::Module& module = *executable.module;

  auto work = std::make_shared<LaunchWork>();
  work->module = executable.module;
  work->keep.reserve(args.input_count + args.output_count);
  work->inputs.resize(args.input_count);
  work->outputs.resize(args.output_count);
  for (uint32_t i = 0; i < args.input_count; ++i) {
    work->inputs[i] = resolve_argument(args.inputs[i], module.inputs[i].type, {"input", i}, work->keep);
  }
  const std::vector<int64_t> symbols = drv::bind_launch_symbols(module, args);
  work->instance = executable.instance(symbols);
  for (uint32_t i = 0; i < args.output_count; ++i) {
    const ir::TensorType& type = module.value_type(module.outputs[i]);
    work->outputs[i] = resolve_argument(args.outputs[i], type, {"output", i}, work->keep);
    drv::check_output_shape(module, args, i, symbols);
  }

  Device& device = *self.device;
  void* event = nullptr;
  if (work->instance->work <= kInlineWork &&
      self.queue.run_if_idle([&] { event = drv::run_now([&] { work->run(device); }); })) {
    return event;
  }
  std::unique_ptr<drv::Event> pending = drv::pending_event();
  self.queue.submit(
      [work, state = pending->state, &device] { drv::run_and_complete(*state, [&] { work->run(device); }); });
  return pending.release();
}

}  // namespace tisa::cpu
