// Launches and events. launch() checks its arguments at once and picks the instance for the
// binding; the work then runs the instance's steps on the device: on the calling thread when
// the queue is idle and the launch is small (no hand-off latency), otherwise on the queue's
// worker, in submission order. Work reads the input buffers when it runs.
#include <chrono>
#include <cstring>
#include <vector>

#include <fmt/ranges.h>

#include "drivers/cpu/entry_points.hpp"
#include "drivers/cpu/objects.hpp"
#include "drivers/cpu/status.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cpu {
namespace {

// Launches whose instance writes at most this many elements run on the caller when they can.
constexpr int64_t kInlineWork = 4 << 20;

// The event of a launch that already completed without error: shared, never freed.
Event completed_event;

std::string dtype_name(uint32_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return info ? std::string(info->name) : fmt::format("dtype code {}", dtype);
}

// The tensor's first byte, after checking it against the module's declaration.
uint8_t* resolve_argument(const tisa_drv_tensor_t& t, const ir::TensorType& declared, const char* what,
                          uint32_t index, std::vector<std::shared_ptr<Storage>>& keep) {
  if (!t.buffer) invalid("cpu driver: {} {} has no buffer", what, index);
  if (t.dtype != static_cast<uint32_t>(declared.dtype)) {
    invalid("cpu driver: {} {} is {}, the module declares {}", what, index, dtype_name(t.dtype),
            dtype_name(declared.dtype));
  }
  if (t.rank != declared.rank()) {
    invalid("cpu driver: {} {} has rank {}, the module declares {}", what, index, t.rank, declared.rank());
  }
  uint64_t count = 1;
  for (uint32_t d = 0; d < t.rank; ++d) {
    if (t.dims[d] < 0 || t.dims[d] > TISA_MAX_DIM) {
      invalid("cpu driver: {} {} dim {} is {}, outside [0, {}]", what, index, d, t.dims[d], TISA_MAX_DIM);
    }
    count = ir::mul_elements(count, static_cast<uint64_t>(t.dims[d]));
    if (count > static_cast<uint64_t>(TISA_MAX_ELEMENTS)) {
      invalid("cpu driver: {} {} has more than {} elements", what, index, TISA_MAX_ELEMENTS);
    }
  }
  const std::shared_ptr<Storage>& storage = static_cast<Buffer*>(t.buffer)->storage;
  const uint64_t bytes = count * ir::dtype_size(declared.dtype);
  if (t.offset > storage->size || bytes > storage->size - t.offset) {
    invalid("cpu driver: {} {} needs {} bytes at offset {}, its buffer has {}", what, index, bytes, t.offset,
            storage->size);
  }
  keep.push_back(storage);
  return storage->bytes + t.offset;
}

bool dims_equal(const tisa_drv_tensor_t& t, std::span<const int64_t> dims) {
  return std::equal(dims.begin(), dims.end(), t.dims, t.dims + t.rank);
}

// The binding the inputs imply: checked against the caller's, and fixing the output shapes.
std::vector<int64_t> bind(const ir::Module& module, const tisa_drv_launch_args_t& args) {
  std::vector<ir::Shape> input_shapes(args.input_count);
  for (uint32_t i = 0; i < args.input_count; ++i) {
    input_shapes[i].assign(args.inputs[i].dims, args.inputs[i].dims + args.inputs[i].rank);
  }
  std::vector<int64_t> symbols = ir::bind_symbols(module, input_shapes);
  for (uint32_t s = 0; s < args.symbol_count; ++s) {
    if (symbols[s] != args.symbol_values[s]) {
      invalid("cpu driver: symbol {} is {} by the inputs but {} in the launch args", module.symbols[s].name,
              symbols[s], args.symbol_values[s]);
    }
  }
  return symbols;
}

// Inputs of a module without symbols have literal dims: compare them without allocating.
void check_literal_inputs(const ir::Module& module, const tisa_drv_launch_args_t& args) {
  for (uint32_t i = 0; i < args.input_count; ++i) {
    const ir::TensorType& type = module.inputs[i].type;
    for (uint32_t d = 0; d < type.rank(); ++d) {
      if (args.inputs[i].dims[d] != type.dims[d].lit_value()) {
        invalid("cpu driver: input {} dim {} is {}, the module expects {}", i, d, args.inputs[i].dims[d],
                type.dims[d].lit_value());
      }
    }
  }
}

// The queued or inline work: everything it touches is owned (shared) by it.
struct LaunchWork {
  std::shared_ptr<const ir::Module> module;
  std::shared_ptr<const Instance> instance;
  std::vector<std::shared_ptr<Storage>> keep;  // the buffers, alive until the work is done
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

EventState& event_state(void* event) {
  if (!event) invalid("cpu driver: the event handle is null");
  return *static_cast<Event*>(event)->state;
}

tisa_drv_status_t finished_status(EventState& state, tisa_drv_error_t* err) {
  if (state.status != TISA_OK) write_error(err, state.message);
  return state.status;
}

}  // namespace

void EventState::complete(tisa_drv_status_t result, std::string text) {
  {
    std::lock_guard lock(mutex);
    status = result;
    message = std::move(text);
    done = true;
  }
  done_signal.notify_all();
}

tisa_drv_status_t launch(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err) {
  return guarded(err, [&] {
    Driver& self = driver_of(driver);
    if (!exe) invalid("cpu driver: the executable handle is null");
    if (!args || !out_event) invalid("cpu driver: launch needs args and out_event");
    if (args->struct_size < sizeof(tisa_drv_launch_args_t)) {
      invalid("cpu driver: launch args struct_size {} is smaller than {}", args->struct_size,
              sizeof(tisa_drv_launch_args_t));
    }
    Executable& executable = *static_cast<Executable*>(exe);
    const ir::Module& module = *executable.module();
    if (args->input_count != module.inputs.size() || args->output_count != module.outputs.size() ||
        args->symbol_count != module.symbols.size()) {
      invalid("cpu driver: launch gives {} inputs, {} outputs, {} symbols; the module has {}, {}, {}",
              args->input_count, args->output_count, args->symbol_count, module.inputs.size(),
              module.outputs.size(), module.symbols.size());
    }
    if ((args->input_count && !args->inputs) || (args->output_count && !args->outputs) ||
        (args->symbol_count && !args->symbol_values)) {
      invalid("cpu driver: launch args name tensors or symbols but their arrays are null");
    }

    auto work = std::make_shared<LaunchWork>();
    work->module = executable.module();
    work->keep.reserve(args->input_count + args->output_count);
    work->inputs.resize(args->input_count);
    work->outputs.resize(args->output_count);
    for (uint32_t i = 0; i < args->input_count; ++i) {
      work->inputs[i] = resolve_argument(args->inputs[i], module.inputs[i].type, "input", i, work->keep);
    }
    std::vector<int64_t> symbols;
    if (module.symbols.empty()) {
      check_literal_inputs(module, *args);
    } else {
      symbols = bind(module, *args);
    }
    work->instance = executable.instance(symbols);
    for (uint32_t i = 0; i < args->output_count; ++i) {
      const ir::TensorType& type = module.value_type(module.outputs[i]);
      work->outputs[i] = resolve_argument(args->outputs[i], type, "output", i, work->keep);
      const ir::Shape expected = module.symbols.empty() ? ir::resolve(type, {}) : ir::resolve(type, symbols);
      if (!dims_equal(args->outputs[i], expected)) {
        invalid("cpu driver: output {} has shape [{}], the module computes [{}]", i,
                fmt::join(std::span(args->outputs[i].dims, args->outputs[i].rank), ", "),
                fmt::join(expected, ", "));
      }
    }

    Device& device = *self.device;
    if (work->instance->work <= kInlineWork) {
      tisa_drv_error_t failure{};
      tisa_drv_status_t status = TISA_OK;
      if (self.queue.run_if_idle([&] {
            status = guarded(&failure, [&] {
              work->run(device);
              return TISA_OK;
            });
          })) {
        if (status == TISA_OK) {
          *out_event = &completed_event;
        } else {
          auto event = std::make_unique<Event>();
          event->state = std::make_shared<EventState>();
          event->state->complete(status, failure.message);
          *out_event = event.release();
        }
        return TISA_OK;
      }
    }
    auto event = std::make_unique<Event>();
    event->state = std::make_shared<EventState>();
    self.queue.submit([work, state = event->state, &device] {
      tisa_drv_error_t failure{};
      const tisa_drv_status_t status = guarded(&failure, [&] {
        work->run(device);
        return TISA_OK;
      });
      state->complete(status, status == TISA_OK ? std::string() : std::string(failure.message));
    });
    *out_event = event.release();
    return TISA_OK;
  });
}

tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (event == &completed_event) return TISA_OK;
    EventState& state = event_state(event);
    std::unique_lock lock(state.mutex);
    auto finished = [&] { return state.done; };
    // Timeouts beyond ~146 years are forever (and keep the clock arithmetic from overflowing).
    if (timeout_ns >= (uint64_t{1} << 62)) {
      state.done_signal.wait(lock, finished);
    } else if (!state.done_signal.wait_for(lock, std::chrono::nanoseconds(timeout_ns), finished)) {
      write_error(err, fmt::format("cpu driver: the launch has not completed within {} ns", timeout_ns));
      return TISA_DEADLINE_EXCEEDED;
    }
    return finished_status(state, err);
  });
}

tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (event == &completed_event) return TISA_OK;
    EventState& state = event_state(event);
    std::lock_guard lock(state.mutex);
    if (!state.done) {
      write_error(err, "cpu driver: the launch has not completed yet");
      return TISA_DEADLINE_EXCEEDED;
    }
    return finished_status(state, err);
  });
}

// The queued work keeps its own reference: destroying an event early is safe.
void event_destroy(void* driver, void* event) {
  if (event != &completed_event) delete static_cast<Event*>(event);
}

}  // namespace tisa::cpu
