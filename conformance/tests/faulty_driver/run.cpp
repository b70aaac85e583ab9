// Executables and launches: decode and verify like the reference, then evaluate instruction by
// instruction with the reference kernels, the fault applied where it hits.
#include <cstring>
#include <span>
#include <vector>

#include <fmt/ranges.h>

#include "conformance/tests/faulty_driver/objects.hpp"
#include "drivers/reference/kernels/call.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::faulty {
namespace {

void check_implemented(const ir::Module& module) {
  if (TISA_VERSION_MAJOR(module.version) != TISA_ISA_VERSION_MAJOR ||
      TISA_VERSION_MINOR(module.version) > TISA_ISA_VERSION_MINOR) {
    fail(TISA_INCOMPATIBLE, "faulty driver: the module needs another ISA version");
  }
  if (module.extensions & ~kClaimedExtensions)
    fail(TISA_UNIMPLEMENTED, "faulty driver: the module needs extensions");
  for (const ir::Inst& inst : module.insts) {
    if (!ref::supports(inst.op, ref::type_variable_dtype(module, inst))) {
      fail(TISA_UNIMPLEMENTED, "faulty driver: opcode {:#x} is not implemented on this dtype", +inst.op);
    }
  }
}

// A launch argument's bytes, checked against the declared dtype and rank and its buffer.
uint8_t* tensor_bytes(const tisa_drv_tensor_t& t, tisa_dtype_t dtype, const ir::Shape& shape,
                      const char* what, uint32_t index) {
  if (t.dtype != static_cast<uint32_t>(dtype) || t.rank != shape.size()) {
    invalid("faulty driver: {} {} has the wrong dtype or rank", what, index);
  }
  for (uint32_t d = 0; d < t.rank; ++d) {
    if (t.dims[d] != shape[d])
      invalid("faulty driver: {} {} dim {} is {}, expected {}", what, index, d, t.dims[d], shape[d]);
  }
  const uint64_t bytes = static_cast<uint64_t>(ir::element_count(shape)) * ir::dtype_size(dtype);
  return buffer_range(t.buffer, t.offset, bytes);
}

void run(Fault fault, const ir::Module& module, const tisa_drv_launch_args_t& args) {
  std::vector<ir::Shape> input_shapes;
  for (uint32_t i = 0; i < args.input_count; ++i) {
    const tisa_drv_tensor_t& t = args.inputs[i];
    if (t.rank > TISA_MAX_RANK) invalid("faulty driver: input {} has rank {}", i, t.rank);
    input_shapes.emplace_back(t.dims, t.dims + t.rank);
  }
  const std::vector<int64_t> symbols = ir::bind_symbols(module, input_shapes);
  const std::vector<ir::Shape> shapes = ir::resolve_all(module, symbols);

  std::vector<ref::HostTensor> values(module.value_count());
  for (uint32_t i = 0; i < args.input_count; ++i) {
    const tisa_dtype_t dtype = module.inputs[i].type.dtype;
    const uint8_t* from = tensor_bytes(args.inputs[i], dtype, shapes[i], "input", i);
    values[i].dtype = dtype;
    values[i].shape = shapes[i];
    values[i].data.assign(from, from + ir::element_count(shapes[i]) * ir::dtype_size(dtype));
  }
  for (size_t k = 0; k < module.insts.size(); ++k) {
    const ir::Inst& inst = module.insts[k];
    std::vector<const ref::HostTensor*> operands;
    for (ir::ValueId id : inst.operands) operands.push_back(&values[id]);
    const ir::ValueId id = static_cast<ir::ValueId>(module.inputs.size() + k);
    values[id] = evaluate_faulty(fault, module, inst, operands, shapes[id], symbols);
  }
  for (uint32_t i = 0; i < args.output_count; ++i) {
    const ir::ValueId id = module.outputs[i];
    const ref::HostTensor& value = values[id];
    uint8_t* to = tensor_bytes(args.outputs[i], value.dtype, shapes[id], "output", i);
    if (!value.data.empty()) std::memcpy(to, value.data.data(), value.data.size());
    const std::vector<uint8_t>& buffer = static_cast<Buffer*>(args.outputs[i].buffer)->bytes;
    corrupt_output(fault, module, id, value.dtype, to, value.data.size(), buffer.data() + buffer.size());
  }
}

}  // namespace

tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Driver& self = driver_of(driver);
    if (device != 0 || !out_exe || (!words && word_count))
      invalid("faulty driver: bad executable_create arguments");
    auto module = std::make_shared<ir::Module>(ir::decode(std::span(words, word_count)));
    ir::verify(*module);
    check_implemented(*module);
    auto exe = std::make_unique<Executable>();
    exe->fault = self.fault;
    exe->module = std::move(module);
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
    if (!exe || !args || !out_event) invalid("faulty driver: launch needs exe, args and out_event");
    const Executable& executable = *static_cast<Executable*>(exe);
    const ir::Module& module = *executable.module;
    if (args->input_count != module.inputs.size() || args->output_count != module.outputs.size() ||
        (args->input_count && !args->inputs) || (args->output_count && !args->outputs)) {
      invalid("faulty driver: the launch's inputs and outputs do not match the module");
    }
    run(executable.fault, module, *args);
    *out_event = new Event{};
    return TISA_OK;
  });
}

}  // namespace tisa::faulty
