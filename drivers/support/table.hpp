// The function table, generated from a driver's description: a type D that names the driver's
// objects and the few things only it knows. The ABI entries around them (guarded, handle and
// device checks, decode + verify, launch-argument checks, publishing handles) come from here,
// together with the buffer entries (host memory unless the driver brings its own) and the event
// entries (the support library's unless it brings its own).
//
//   struct D {
//     static constexpr const char* kName = "mydev";      // the table's name and version
//     static constexpr const char* kVersion = "0.1.0";
//     static bool supports(tisa_opcode_t, tisa_dtype_t);  // device_supports
//     // Driver: derived from DriverBase; Executable: has `std::shared_ptr<const ir::Module> module`.
//     static std::unique_ptr<Driver> create(const CreateRequest&);
//     static tisa_drv_device_info_t device_info(const Driver&, uint32_t device);  // device checked
//     // module: decoded and verified; check it against the device's claims (check_module_claims).
//     static std::unique_ptr<Executable> compile(Driver&, std::shared_ptr<const ir::Module>, uint32_t
//     opt_level);
//     // args: struct, counts and arrays checked (check_launch_args); returns the event handle.
//     static void* launch(Driver&, Executable&, const tisa_drv_launch_args_t&);
//   };
//   const tisa_driver_table_t kTable = drv::make_table<D>();
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <utility>

#include "drivers/support/device_info.hpp"
#include "drivers/support/driver_base.hpp"
#include "drivers/support/event.hpp"
#include "drivers/support/host_buffer.hpp"
#include "drivers/support/launch_args.hpp"
#include "drivers/support/module_checks.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

// The driver and executable types, as create() and compile() make them.
template <class D>
using DriverOf = typename decltype(D::create(std::declval<const CreateRequest&>()))::element_type;
template <class D>
using ExecutableOf = typename decltype(D::compile(std::declval<DriverOf<D>&>(),
                                                  std::declval<std::shared_ptr<const ir::Module>>(),
                                                  uint32_t{0}))::element_type;

template <class D>
concept DriverDescription = std::derived_from<DriverOf<D>, DriverBase> &&
    requires(DriverOf<D>& driver, ExecutableOf<D>& exe, const tisa_drv_launch_args_t& args) {
  { D::kName } -> std::convertible_to<const char*>;
  { D::kVersion } -> std::convertible_to<const char*>;
  { exe.module } -> std::convertible_to<std::shared_ptr<const ir::Module>>;
  { D::supports(TISA_OP_ADD, TISA_DTYPE_F32) } -> std::same_as<bool>;
  { D::device_info(std::as_const(driver), uint32_t{0}) } -> std::same_as<tisa_drv_device_info_t>;
  { D::launch(driver, exe, args) } -> std::same_as<void*>;
};

struct BufferEntries {
  decltype(tisa_driver_table_t::buffer_create) create;
  decltype(tisa_driver_table_t::buffer_destroy) destroy;
  decltype(tisa_driver_table_t::buffer_write) write;
  decltype(tisa_driver_table_t::buffer_read) read;
  decltype(tisa_driver_table_t::buffer_map) map;  // may be null: not mappable
  decltype(tisa_driver_table_t::buffer_unmap) unmap;
};

struct EventEntries {
  decltype(tisa_driver_table_t::event_wait) wait;
  decltype(tisa_driver_table_t::event_query) query;  // may be null: the loader polls with wait
  decltype(tisa_driver_table_t::event_destroy) destroy;
};

inline constexpr BufferEntries kHostBuffers = {host_buffer_create, host_buffer_destroy, host_buffer_write,
                                               host_buffer_read,   host_buffer_map,     host_buffer_unmap};
inline constexpr EventEntries kEvents = {event_wait, event_query, event_destroy};

// The ABI entries generated for a description D.
namespace entries {

template <DriverDescription D>
tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const CreateRequest request = read_create_info(info, out_driver);
    publish_driver(D::create(request), out_driver);
    return TISA_OK;
  });
}

template <DriverDescription D>
tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const DriverOf<D>& self = driver_of<DriverOf<D>>(driver);
    check_device(self, device);
    if (!out) invalid("device_get_info needs an output struct");
    copy_device_info(D::device_info(self, device), out);
    return TISA_OK;
  });
}

template <DriverDescription D>
tisa_drv_status_t executable_create(void* driver, uint32_t device, const uint32_t* words, size_t word_count,
                                    uint32_t opt_level, void** out_exe, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    DriverOf<D>& self = driver_of<DriverOf<D>>(driver);
    check_device(self, device);
    if (!out_exe) invalid("executable_create needs out_exe");
    *out_exe = D::compile(self, decode_module(words, word_count, opt_level), opt_level).release();
    return TISA_OK;
  });
}

template <DriverDescription D>
tisa_drv_status_t launch(void* driver, void* exe, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err) {
  return guarded(err, [&] {
    DriverOf<D>& self = driver_of<DriverOf<D>>(driver);
    ExecutableOf<D>& executable = handle_of<ExecutableOf<D>>(exe, "executable");
    check_launch_args(args, out_event, *executable.module);
    *out_event = D::launch(self, executable, *args);
    return TISA_OK;
  });
}

}  // namespace entries

// The whole table, at this build's ABI version.
template <DriverDescription D>
constexpr tisa_driver_table_t make_table(const BufferEntries& buffers = kHostBuffers,
                                         const EventEntries& events = kEvents) {
  return {
      .struct_size = sizeof(tisa_driver_table_t),
      .abi_version = TISA_DRIVER_ABI_VERSION,
      .name = D::kName,
      .version = D::kVersion,
      .driver_create = entries::driver_create<D>,
      .driver_destroy = driver_destroy,
      .device_count = device_count,
      .device_get_info = entries::device_get_info<D>,
      .device_supports = drv::device_supports<D::supports>,
      .buffer_create = buffers.create,
      .buffer_destroy = buffers.destroy,
      .buffer_write = buffers.write,
      .buffer_read = buffers.read,
      .executable_create = entries::executable_create<D>,
      .executable_destroy = destroy_handle<ExecutableOf<D>>,
      .launch = entries::launch<D>,
      .event_wait = events.wait,
      .event_destroy = events.destroy,
      .buffer_map = buffers.map,
      .buffer_unmap = buffers.unmap,
      .event_query = events.query,
  };
}

}  // namespace tisa::drv
