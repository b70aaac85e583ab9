// Launches and events. launch() checks its arguments at once, then queues the work on the
// device's worker thread and returns an event; the work reads the input buffers when it runs (so
// it sees earlier launches' results), evaluates the module with the reference kernels and writes
// the outputs.
#include <chrono>
#include <cstring>
#include <vector>

#include <fmt/ranges.h>

#include "drivers/reference/entry_points.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "drivers/reference/objects.hpp"
#include "drivers/reference/status.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::reference {
namespace {

// A tensor argument resolved to its storage.
struct Argument {
  std::shared_ptr<Storage> storage;
  uint64_t offset = 0;
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  ir::Shape shape;
  uint64_t bytes = 0;
};

std::string dtype_name(tisa_dtype_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return info ? std::string(info->name) : fmt::format("dtype code {}", +dtype);
}

Argument resolve_argument(const tisa_drv_tensor_t& t, const ir::TensorType& declared,
                          const std::string& what) {
  if (!t.buffer) invalid("reference driver: {} has no buffer", what);
  if (t.dtype != static_cast<uint32_t>(declared.dtype)) {
    invalid("reference driver: {} is {}, the module declares {}", what,
            dtype_name(static_cast<tisa_dtype_t>(t.dtype)), dtype_name(declared.dtype));
  }
  if (t.rank != declared.rank()) {
    invalid("reference driver: {} has rank {}, the module declares {}", what, t.rank, declared.rank());
  }
  Argument arg;
  arg.storage = static_cast<Buffer*>(t.buffer)->storage;
  arg.offset = t.offset;
  arg.dtype = declared.dtype;
  uint64_t count = 1;
  for (uint32_t d = 0; d < t.rank; ++d) {
    if (t.dims[d] < 0 || t.dims[d] > TISA_MAX_DIM) {
      invalid("reference driver: {} dim {} is {}, outside [0, {}]", what, d, t.dims[d], TISA_MAX_DIM);
    }
    arg.shape.push_back(t.dims[d]);
    count = count * static_cast<uint64_t>(t.dims[d]);
    if (count > static_cast<uint64_t>(TISA_MAX_ELEMENTS)) {
      invalid("reference driver: {} has more than {} elements", what, TISA_MAX_ELEMENTS);
    }
  }
  arg.bytes = count * ir::dtype_size(declared.dtype);
  if (arg.offset > arg.storage->size || arg.bytes > arg.storage->size - arg.offset) {
    invalid("reference driver: {} needs {} bytes at offset {}, its buffer has {}", what, arg.bytes,
            arg.offset, arg.storage->size);
  }
  return arg;
}

// The queued work: everything it touches is owned (shared) by it.
struct LaunchWork {
  std::shared_ptr<const ir::Module> module;
  std::vector<Argument> inputs;
  std::vector<Argument> outputs;
  std::shared_ptr<EventState> event;

  void run() {
    tisa_drv_error_t err{};
    const tisa_drv_status_t status = guarded(&err, [&] {
      std::vector<ref::HostTensor> tensors(inputs.size());
      for (size_t i = 0; i < inputs.size(); ++i) {
        const Argument& in = inputs[i];
        tensors[i].dtype = in.dtype;
        tensors[i].shape = in.shape;
        const uint8_t* from = in.storage->bytes + in.offset;
        tensors[i].data.assign(from, from + in.bytes);
      }
      const std::vector<ref::HostTensor> results = ref::evaluate(*module, tensors);
      for (size_t i = 0; i < outputs.size(); ++i) {
        const Argument& out = outputs[i];
        if (results[i].shape != out.shape || results[i].data.size() != out.bytes) {
          fail(TISA_INTERNAL, "reference driver: output {} came out with another shape", i);
        }
        if (out.bytes) std::memcpy(out.storage->bytes + out.offset, results[i].data.data(), out.bytes);
      }
      return TISA_OK;
    });
    event->complete(status, status == TISA_OK ? std::string() : std::string(err.message));
  }
};

EventState& event_of(void* event) {
  if (!event) invalid("reference driver: the event handle is null");
  return *static_cast<Event*>(event)->state;
}

// Status of a finished event (its failure message goes to err).
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
    if (!exe) invalid("reference driver: the executable handle is null");
    if (!args || !out_event) invalid("reference driver: launch needs args and out_event");
    if (args->struct_size < sizeof(tisa_drv_launch_args_t)) {
      invalid("reference driver: launch args struct_size {} is smaller than {}", args->struct_size,
              sizeof(tisa_drv_launch_args_t));
    }
    const std::shared_ptr<const ir::Module>& module = static_cast<Executable*>(exe)->module;
    if (args->input_count != module->inputs.size() || args->output_count != module->outputs.size() ||
        args->symbol_count != module->symbols.size()) {
      invalid("reference driver: launch gives {} inputs, {} outputs, {} symbols; the module has {}, {}, {}",
              args->input_count, args->output_count, args->symbol_count, module->inputs.size(),
              module->outputs.size(), module->symbols.size());
    }
    if ((args->input_count && !args->inputs) || (args->output_count && !args->outputs) ||
        (args->symbol_count && !args->symbol_values)) {
      invalid("reference driver: launch args name tensors or symbols but their arrays are null");
    }

    auto work = std::make_shared<LaunchWork>();
    work->module = module;
    std::vector<ir::Shape> input_shapes;
    for (uint32_t i = 0; i < args->input_count; ++i) {
      work->inputs.push_back(
          resolve_argument(args->inputs[i], module->inputs[i].type, fmt::format("input {}", i)));
      input_shapes.push_back(work->inputs.back().shape);
    }
    // The binding the inputs imply must be the one the caller states, and fix the outputs.
    const std::vector<int64_t> symbols = ir::bind_symbols(*module, input_shapes);
    for (uint32_t s = 0; s < args->symbol_count; ++s) {
      if (symbols[s] != args->symbol_values[s]) {
        invalid("reference driver: symbol {} is {} by the inputs but {} in the launch args",
                module->symbols[s].name, symbols[s], args->symbol_values[s]);
      }
    }
    for (uint32_t i = 0; i < args->output_count; ++i) {
      const ir::TensorType& type = module->value_type(module->outputs[i]);
      Argument out = resolve_argument(args->outputs[i], type, fmt::format("output {}", i));
      const ir::Shape expected = ir::resolve(type, symbols);
      if (out.shape != expected) {
        invalid("reference driver: output {} has shape [{}], the module computes [{}]", i,
                fmt::join(out.shape, ", "), fmt::join(expected, ", "));
      }
      work->outputs.push_back(std::move(out));
    }

    auto event = std::make_unique<Event>();
    event->state = std::make_shared<EventState>();
    work->event = event->state;
    self.queue.submit([work] { work->run(); });
    *out_event = event.release();
    return TISA_OK;
  });
}

tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    EventState& state = event_of(event);
    std::unique_lock lock(state.mutex);
    auto finished = [&] { return state.done; };
    // Timeouts beyond ~146 years are forever (and keep the clock arithmetic from overflowing).
    if (timeout_ns >= (uint64_t{1} << 62)) {
      state.done_signal.wait(lock, finished);
    } else if (!state.done_signal.wait_for(lock, std::chrono::nanoseconds(timeout_ns), finished)) {
      write_error(err,
                  fmt::format("reference driver: the launch has not completed within {} ns", timeout_ns));
      return TISA_DEADLINE_EXCEEDED;
    }
    return finished_status(state, err);
  });
}

tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    EventState& state = event_of(event);
    std::lock_guard lock(state.mutex);
    if (!state.done) {
      write_error(err, "reference driver: the launch has not completed yet");
      return TISA_DEADLINE_EXCEEDED;
    }
    return finished_status(state, err);
  });
}

// The queued work keeps its own reference: destroying an event early is safe.
void event_destroy(void* driver, void* event) {
  delete static_cast<Event*>(event);
}

}  // namespace tisa::reference
