// TISA C++ API: a thin header-only RAII layer over tisa.h. Objects are move-only and release
// their handle when destroyed; every failing call throws tisa::ApiError with the status code
// and message. Devices are owned by their instance, so tisa::Device is a non-owning view.
#ifndef TISA_TISA_HPP_
#define TISA_TISA_HPP_

#include <cstdint>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tisa/tisa.h"

namespace tisa {

class ApiError : public std::runtime_error {
 public:
  ApiError(tisa_status_code_t code, const std::string& message) : std::runtime_error(message), code_(code) {}
  tisa_status_code_t code() const noexcept { return code_; }
  const char* code_name() const noexcept { return tisa_status_code_name(code_); }

 private:
  tisa_status_code_t code_;
};

// Frees status and throws it as an ApiError, if it is not NULL.
inline void check(tisa_status_t status) {
  if (status == nullptr) return;
  const tisa_status_code_t code = tisa_status_code(status);
  std::string message = tisa_status_message(status);
  tisa_status_free(status);
  throw ApiError(code, message);
}

namespace detail {

// A move-only owner of one C handle.
template <typename Handle, void (*Release)(Handle)>
class Owned {
 public:
  Owned() = default;
  explicit Owned(Handle handle) : handle_(handle) {}
  Owned(Owned&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Owned& operator=(Owned&& other) noexcept {
    if (this != &other) reset(std::exchange(other.handle_, nullptr));
    return *this;
  }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { reset(); }

  Handle get() const noexcept { return handle_; }
  explicit operator bool() const noexcept { return handle_ != nullptr; }
  Handle release() noexcept { return std::exchange(handle_, nullptr); }
  void reset(Handle handle = nullptr) noexcept {
    if (handle_ != nullptr) Release(handle_);
    handle_ = handle;
  }

 private:
  Handle handle_ = nullptr;
};

}  // namespace detail

// A tensor type with concrete dims: tensor_type(TISA_DTYPE_F32, {2, 3}).
inline tisa_tensor_type_t tensor_type(tisa_dtype_t dtype, std::initializer_list<int64_t> dims) {
  if (dims.size() > TISA_MAX_RANK) throw ApiError(TISA_INVALID_ARGUMENT, "rank above TISA_MAX_RANK");
  tisa_tensor_type_t type{};
  type.dtype = dtype;
  type.rank = static_cast<uint32_t>(dims.size());
  uint32_t i = 0;
  for (int64_t d : dims) type.dims[i++] = d;
  return type;
}
// The same from a vector or span of dims.
inline tisa_tensor_type_t tensor_type(tisa_dtype_t dtype, std::span<const int64_t> dims) {
  if (dims.size() > TISA_MAX_RANK) throw ApiError(TISA_INVALID_ARGUMENT, "rank above TISA_MAX_RANK");
  tisa_tensor_type_t type{};
  type.dtype = dtype;
  type.rank = static_cast<uint32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) type.dims[i] = dims[i];
  return type;
}

inline uint64_t element_count(const tisa_tensor_type_t& type) {
  uint64_t n = 1;
  for (uint32_t i = 0; i < type.rank; ++i) n *= static_cast<uint64_t>(type.dims[i]);
  return n;
}

inline uint64_t byte_size(const tisa_tensor_type_t& type) {
  return element_count(type) * tisa_dtype_size(type.dtype);
}

class Device {
 public:
  Device() = default;
  explicit Device(tisa_device_t handle) : handle_(handle) {}
  tisa_device_t get() const noexcept { return handle_; }
  explicit operator bool() const noexcept { return handle_ != nullptr; }

  tisa_device_info_t info() const {
    tisa_device_info_t out{};
    out.struct_size = sizeof out;
    check(tisa_device_get_info(handle_, &out));
    return out;
  }
  bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype) const {
    return tisa_device_supports(handle_, opcode, dtype) != 0;
  }

 private:
  tisa_device_t handle_ = nullptr;
};

class Instance : public detail::Owned<tisa_instance_t, &tisa_instance_release> {
 public:
  using Owned::Owned;
  // driver_files: like TISA_DRIVER_FILES; empty means the environment and default paths.
  static Instance create(const std::string& driver_files = "") {
    tisa_instance_options_t options{};
    options.struct_size = sizeof options;
    options.driver_files = driver_files.empty() ? nullptr : driver_files.c_str();
    tisa_instance_t handle = nullptr;
    check(tisa_instance_create(&options, &handle));
    return Instance(handle);
  }

  uint32_t driver_count() const { return tisa_instance_driver_count(get()); }
  tisa_driver_report_t driver_report(uint32_t index) const {
    tisa_driver_report_t out{};
    check(tisa_instance_driver_report(get(), index, &out));
    return out;
  }
  std::vector<tisa_driver_report_t> driver_reports() const {
    std::vector<tisa_driver_report_t> reports;
    for (uint32_t i = 0; i < driver_count(); ++i) reports.push_back(driver_report(i));
    return reports;
  }

  uint32_t device_count() const { return tisa_instance_device_count(get()); }
  Device device(uint32_t index) const {
    tisa_device_t handle = nullptr;
    check(tisa_instance_get_device(get(), index, &handle));
    return Device(handle);
  }
  // "0", "reference", "reference:1"; empty picks device 0.
  Device find_device(const std::string& selector = "") const {
    tisa_device_t handle = nullptr;
    check(tisa_instance_find_device(get(), selector.c_str(), &handle));
    return Device(handle);
  }
};

class Buffer : public detail::Owned<tisa_buffer_t, &tisa_buffer_release> {
 public:
  using Owned::Owned;
  static Buffer create(const Device& device, uint64_t size, uint32_t flags = 0) {
    tisa_buffer_t handle = nullptr;
    check(tisa_buffer_create(device.get(), size, flags, &handle));
    return Buffer(handle);
  }
  uint64_t size() const { return tisa_buffer_size(get()); }
  void write(const void* src, uint64_t size, uint64_t offset = 0) {
    check(tisa_buffer_write(get(), offset, src, size));
  }
  void read(void* dst, uint64_t size, uint64_t offset = 0) const {
    check(tisa_buffer_read(get(), offset, dst, size));
  }
  template <typename T>
  void write(const std::vector<T>& values, uint64_t offset = 0) {
    write(values.data(), values.size() * sizeof(T), offset);
  }
  template <typename T>
  std::vector<T> read(size_t count, uint64_t offset = 0) const {
    std::vector<T> values(count);
    read(values.data(), count * sizeof(T), offset);
    return values;
  }
  void* map() {
    void* pointer = nullptr;
    check(tisa_buffer_map(get(), &pointer));
    return pointer;
  }
  void unmap() { check(tisa_buffer_unmap(get())); }
};

// A tensor argument of a launch: a buffer region with its type.
inline tisa_tensor_t tensor(const Buffer& buffer, const tisa_tensor_type_t& type, uint64_t offset = 0) {
  tisa_tensor_t t{};
  t.buffer = buffer.get();
  t.offset = offset;
  t.type = type;
  return t;
}

class Module : public detail::Owned<tisa_module_t, &tisa_module_release> {
 public:
  using Owned::Owned;
  static Module load(const void* data, size_t size, tisa_module_format_t format = TISA_FORMAT_AUTO) {
    tisa_module_t handle = nullptr;
    check(tisa_module_load(data, size, format, &handle));
    return Module(handle);
  }
  static Module load(const std::string& text_or_bytes, tisa_module_format_t format = TISA_FORMAT_AUTO) {
    return load(text_or_bytes.data(), text_or_bytes.size(), format);
  }
  static Module load_file(const std::string& path, tisa_module_format_t format = TISA_FORMAT_AUTO) {
    tisa_module_t handle = nullptr;
    check(tisa_module_load_file(path.c_str(), format, &handle));
    return Module(handle);
  }
  // Binary bytes or text (without the terminating NUL).
  std::string save(tisa_module_format_t format) const {
    void* data = nullptr;
    size_t size = 0;
    check(tisa_module_save(get(), format, &data, &size));
    std::string out(static_cast<const char*>(data), size);
    tisa_free(data);
    return out;
  }
  uint32_t input_count() const { return tisa_module_input_count(get()); }
  uint32_t output_count() const { return tisa_module_output_count(get()); }
  tisa_tensor_type_t input_type(uint32_t index) const {
    tisa_tensor_type_t out{};
    check(tisa_module_input_type(get(), index, &out));
    return out;
  }
  std::vector<tisa_tensor_type_t> infer_outputs(const std::vector<tisa_tensor_type_t>& inputs) const {
    std::vector<tisa_tensor_type_t> outputs(output_count());
    check(tisa_module_infer_outputs(get(), static_cast<uint32_t>(inputs.size()), inputs.data(),
                                    static_cast<uint32_t>(outputs.size()), outputs.data()));
    return outputs;
  }
};

class Event : public detail::Owned<tisa_event_t, &tisa_event_release> {
 public:
  using Owned::Owned;
  // true when the launch completed, false when the timeout passed first; throws its failure.
  bool wait(uint64_t timeout_ns = TISA_WAIT_FOREVER) const {
    tisa_status_t status = tisa_event_wait(get(), timeout_ns);
    if (tisa_status_code(status) == TISA_DEADLINE_EXCEEDED) {
      tisa_status_free(status);
      return false;
    }
    check(status);
    return true;
  }
};

class Executable : public detail::Owned<tisa_executable_t, &tisa_executable_release> {
 public:
  using Owned::Owned;
  static Executable create(const Device& device, const Module& module,
                           tisa_opt_level_t opt_level = TISA_OPT_O1) {
    tisa_executable_t handle = nullptr;
    check(tisa_executable_create(device.get(), module.get(), opt_level, &handle));
    return Executable(handle);
  }
  // Enqueues a launch; the event reports completion.
  Event launch_async(const std::vector<tisa_tensor_t>& inputs,
                     const std::vector<tisa_tensor_t>& outputs) const {
    tisa_event_t event = nullptr;
    check(tisa_executable_launch(get(), static_cast<uint32_t>(inputs.size()), inputs.data(),
                                 static_cast<uint32_t>(outputs.size()), outputs.data(), &event));
    return Event(event);
  }
  // Launches and waits for completion.
  void launch(const std::vector<tisa_tensor_t>& inputs, const std::vector<tisa_tensor_t>& outputs) const {
    check(tisa_executable_launch(get(), static_cast<uint32_t>(inputs.size()), inputs.data(),
                                 static_cast<uint32_t>(outputs.size()), outputs.data(), nullptr));
  }
};

}  // namespace tisa

#endif  // TISA_TISA_HPP_
