// Runs a module case on a device through the public C API: load, compile at each level, launch
// with guarded buffers, read back, judge.
#include <memory>

#include <fmt/format.h>

#include "conformance/cts/guard.hpp"
#include "conformance/cts/judge.hpp"
#include "conformance/cts/support.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {
namespace {

inline constexpr uint64_t kInputOffset = 64;  // inputs sit at an offset too

template <class T, void (*Release)(T)>
struct Handle {
  T h = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : h(std::exchange(o.h, nullptr)) {}
  ~Handle() {
    if (h) Release(h);
  }
};
using ModuleHandle = Handle<tisa_module_t, &tisa_module_release>;
using ExecutableHandle = Handle<tisa_executable_t, &tisa_executable_release>;
using BufferHandle = Handle<tisa_buffer_t, &tisa_buffer_release>;

// A failure of an API call: the text names the call.
struct ApiFailure {
  Status status;
  std::string message;
};

void check(tisa_status_t s, const char* what) {
  if (s == nullptr) return;
  const tisa_status_code_t code = tisa_status_code(s);
  const std::string text = take_status(s);
  throw ApiFailure{code == TISA_UNIMPLEMENTED ? Status::NotSupported : Status::Fail,
                   fmt::format("{}: {}", what, text)};
}

tisa_tensor_type_t type_of(const ref::HostTensor& t) {
  tisa_tensor_type_t type{};
  type.dtype = t.dtype;
  type.rank = static_cast<uint32_t>(t.shape.size());
  for (size_t i = 0; i < t.shape.size(); ++i) type.dims[i] = t.shape[i];
  return type;
}

// One launch at one level; empty when the outputs conform.
std::optional<std::string> run_level(const Target& target, tisa_module_t module, const ModuleCase& mc,
                                     const References& refs, tisa_opt_level_t level) {
  ExecutableHandle exe;
  check(tisa_executable_create(target.device, module, level, &exe.h), "tisa_executable_create");

  std::vector<BufferHandle> buffers;
  std::vector<std::vector<uint8_t>> input_images;
  std::vector<tisa_tensor_t> inputs, outputs;
  for (const ref::HostTensor& t : mc.inputs) {
    std::vector<uint8_t> image(kInputOffset * 2 + t.data.size(), kGuardByte);
    std::copy(t.data.begin(), t.data.end(), image.begin() + kInputOffset);
    BufferHandle b;
    check(tisa_buffer_create(target.device, image.size(), 0, &b.h), "tisa_buffer_create");
    check(tisa_buffer_write(b.h, 0, image.data(), image.size()), "tisa_buffer_write");
    inputs.push_back({b.h, kInputOffset, type_of(t)});
    buffers.push_back(std::move(b));
    input_images.push_back(std::move(image));
  }
  for (const ref::HostTensor& t : refs.exact) {
    const std::vector<uint8_t> image = guarded_image(t.data.size());
    BufferHandle b;
    check(tisa_buffer_create(target.device, image.size(), 0, &b.h), "tisa_buffer_create");
    check(tisa_buffer_write(b.h, 0, image.data(), image.size()), "tisa_buffer_write");
    outputs.push_back({b.h, kGuardBytes, type_of(t)});
    buffers.push_back(std::move(b));
  }
  check(tisa_executable_launch(exe.h, static_cast<uint32_t>(inputs.size()), inputs.data(),
                               static_cast<uint32_t>(outputs.size()), outputs.data(), nullptr),
        "tisa_executable_launch");

  std::vector<ref::HostTensor> results;
  for (size_t k = 0; k < outputs.size(); ++k) {
    const ref::HostTensor& want = refs.exact[k];
    std::vector<uint8_t> image(2 * kGuardBytes + want.data.size());
    check(tisa_buffer_read(outputs[k].buffer, 0, image.data(), image.size()), "tisa_buffer_read");
    if (auto bad = check_guards(image, want.data.size(), fmt::format("output {}", k))) return bad;
    const auto body = tensor_of(image, want.data.size());
    results.push_back({want.dtype, want.shape, std::vector<uint8_t>(body.begin(), body.end())});
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::vector<uint8_t> image(input_images[i].size());
    check(tisa_buffer_read(inputs[i].buffer, 0, image.data(), image.size()), "tisa_buffer_read");
    if (image != input_images[i]) return fmt::format("input {}: its buffer was modified by the launch", i);
  }
  return judge_outputs(mc, refs, results);
}

}  // namespace

Outcome run_module_case(const Target& target, const ModuleCase& mc) {
  if (auto why = unsupported_reason(target, mc.module)) return {Status::NotSupported, *why};
  References refs;
  try {
    refs = compute_references(mc, (target.info.flags & TISA_DEVICE_FLAG_FLUSH_SUBNORMALS) != 0);
  } catch (const Error& e) {
    return {Status::Fail,
            fmt::format("suite error: the reference cannot evaluate the case: {}", e.message())};
  }
  const std::vector<uint32_t> words = ir::encode(mc.module);
  ModuleHandle module;
  try {
    check(tisa_module_load(words.data(), words.size() * 4, TISA_FORMAT_BINARY, &module.h),
          "tisa_module_load");
    for (tisa_opt_level_t level : mc.levels) {
      if (auto bad = run_level(target, module.h, mc, refs, level)) {
        return {Status::Fail, fmt::format("O{}: {}", static_cast<int>(level), *bad)};
      }
    }
  } catch (const ApiFailure& f) {
    return {f.status, f.message};
  }
  return {Status::Pass, ""};
}

}  // namespace tisa::cts
