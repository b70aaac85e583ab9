// tisa_module_*: load (decode or parse, then verify), save, and the module's signature.
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "hal/ir/codec.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "hal/runtime/c_enum.hpp"
#include "hal/runtime/objects.hpp"
#include "hal/runtime/signature.hpp"
#include "hal/runtime/status.hpp"

namespace tisa::rt {
namespace {

// Adds context to an IR error without changing its code.
template <typename F>
auto with_context(std::string_view context, F&& body) {
  try {
    return body();
  } catch (const Error& e) {
    throw Error(e.code(), fmt::format("{}: {}", context, e.message()));
  }
}

tisa_module_t load(std::span<const uint8_t> bytes, int64_t format, std::string_view origin) {
  if (format != TISA_FORMAT_AUTO && format != TISA_FORMAT_BINARY && format != TISA_FORMAT_TEXT) {
    invalid("{}: unknown module format {}", origin, format);
  }
  if (bytes.empty()) invalid("{}: the module is empty", origin);
  const bool binary = format == TISA_FORMAT_BINARY || (format == TISA_FORMAT_AUTO && ir::looks_binary(bytes));
  auto module = std::make_shared<ir::Module>(
      with_context(fmt::format("{}: {} module", origin, binary ? "binary" : "text"), [&] {
        if (binary) return ir::decode_bytes(bytes);
        return ir::parse(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      }));
  with_context(fmt::format("{}: module does not verify", origin), [&] { ir::verify(*module); });
  return new tisa_module_s{std::move(module)};
}

void* copy_out(const void* data, size_t size, size_t allocation) {
  void* out = std::malloc(allocation);
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, data, size);
  return out;
}

}  // namespace
}  // namespace tisa::rt

extern "C" {

TISA_API tisa_status_t tisa_module_load(const void* data, size_t size, tisa_module_format_t format,
                                        tisa_module_t* out_module) {
  return tisa::rt::guarded("tisa_module_load", [&] {
    tisa::rt::require(out_module, "tisa_module_load", "out_module");
    *out_module = nullptr;
    if (size != 0) tisa::rt::require(data, "tisa_module_load", "data");
    const std::span<const uint8_t> bytes(static_cast<const uint8_t*>(data), size);
    *out_module = tisa::rt::load(bytes, tisa::rt::raw_enum(format), "tisa_module_load");
  });
}

TISA_API tisa_status_t tisa_module_load_file(const char* path, tisa_module_format_t format,
                                             tisa_module_t* out_module) {
  return tisa::rt::guarded("tisa_module_load_file", [&] {
    tisa::rt::require(out_module, "tisa_module_load_file", "out_module");
    *out_module = nullptr;
    tisa::rt::require(path, "tisa_module_load_file", "path");
    std::ifstream in(path, std::ios::binary);
    if (!in) tisa::fail(TISA_NOT_FOUND, "tisa_module_load_file: cannot open {}", path);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    *out_module = tisa::rt::load(bytes, tisa::rt::raw_enum(format), path);
  });
}

TISA_API void tisa_module_release(tisa_module_t module) {
  delete module;
}

TISA_API tisa_status_t tisa_module_save(tisa_module_t module, tisa_module_format_t format, void** out_data,
                                        size_t* out_size) {
  return tisa::rt::guarded("tisa_module_save", [&] {
    tisa::rt::require(module, "tisa_module_save", "module");
    tisa::rt::require(out_data, "tisa_module_save", "out_data");
    tisa::rt::require(out_size, "tisa_module_save", "out_size");
    *out_data = nullptr;
    *out_size = 0;
    const int64_t raw_format = tisa::rt::raw_enum(format);
    if (raw_format == TISA_FORMAT_TEXT) {
      const std::string text = tisa::ir::print(*module->module);
      *out_data = tisa::rt::copy_out(text.c_str(), text.size() + 1, text.size() + 1);
      *out_size = text.size();
    } else if (raw_format == TISA_FORMAT_BINARY || raw_format == TISA_FORMAT_AUTO) {
      const std::vector<uint32_t> words = tisa::ir::encode(*module->module);
      const size_t bytes = words.size() * sizeof(uint32_t);
      *out_data = tisa::rt::copy_out(words.data(), bytes, bytes == 0 ? 1 : bytes);
      *out_size = bytes;
    } else {
      tisa::invalid("tisa_module_save: unknown format {}", raw_format);
    }
  });
}

TISA_API uint32_t tisa_module_input_count(tisa_module_t module) {
  return module ? static_cast<uint32_t>(module->module->inputs.size()) : 0;
}

TISA_API uint32_t tisa_module_output_count(tisa_module_t module) {
  return module ? static_cast<uint32_t>(module->module->outputs.size()) : 0;
}

TISA_API tisa_status_t tisa_module_input_type(tisa_module_t module, uint32_t index, tisa_tensor_type_t* out) {
  return tisa::rt::guarded("tisa_module_input_type", [&] {
    tisa::rt::require(module, "tisa_module_input_type", "module");
    tisa::rt::require(out, "tisa_module_input_type", "out");
    const auto& inputs = module->module->inputs;
    if (index >= inputs.size()) {
      tisa::invalid("tisa_module_input_type: index {} out of range (the module has {} inputs)", index,
                    inputs.size());
    }
    const tisa::ir::TensorType& type = inputs[index].type;
    std::memset(out, 0, sizeof *out);
    out->dtype = type.dtype;
    out->rank = static_cast<uint32_t>(type.rank());
    for (size_t d = 0; d < type.rank(); ++d) out->dims[d] = type.dims[d].as_lit().value_or(-1);
  });
}

TISA_API tisa_status_t tisa_module_infer_outputs(tisa_module_t module, uint32_t input_count,
                                                 const tisa_tensor_type_t* inputs, uint32_t output_count,
                                                 tisa_tensor_type_t* outputs) {
  return tisa::rt::guarded("tisa_module_infer_outputs", [&] {
    tisa::rt::require(module, "tisa_module_infer_outputs", "module");
    if (input_count != 0) tisa::rt::require(inputs, "tisa_module_infer_outputs", "inputs");
    if (output_count != 0) tisa::rt::require(outputs, "tisa_module_infer_outputs", "outputs");
    const tisa::ir::Module& m = *module->module;
    if (output_count != m.outputs.size()) {
      tisa::invalid("tisa_module_infer_outputs: the module has {} outputs but room for {} was given",
                    m.outputs.size(), output_count);
    }
    const tisa::rt::Binding binding = tisa::rt::bind_inputs(m, {inputs, input_count});
    std::copy(binding.outputs.begin(), binding.outputs.end(), outputs);
  });
}

}  // extern "C"
