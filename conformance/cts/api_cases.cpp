#include "conformance/cts/api_cases.hpp"

#include <atomic>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"
#include "tisa/tisa.hpp"

namespace tisa::cts {
namespace {

using ir::Expr;

struct CaseFailure {
  std::string message;
};

void require(bool ok, const std::string& what) {
  if (!ok) throw CaseFailure{what};
}

// out = x * k + 1 on f32[n]: distinct executables for distinct k.
Module scale_module(float k, int64_t n) {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {Expr::lit(n)}, "x");
  const ir::Value kv = b.fill(TISA_DTYPE_F32, {Expr::lit(n)}, k);
  b.output(b.add(b.mul(x, kv), b.fill(TISA_DTYPE_F32, {Expr::lit(n)}, 1.0)));
  const std::vector<uint32_t> words = ir::encode(b.finish());
  return Module::load(words.data(), words.size() * 4, TISA_FORMAT_BINARY);
}

std::vector<float> iota_floats(size_t n, float start = 0.0f) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = start + static_cast<float>(i);
  return v;
}

void check_scaled(const std::vector<float>& x, const std::vector<float>& out, float k,
                  const std::string& what) {
  for (size_t i = 0; i < x.size(); ++i) {
    const float want = static_cast<float>(static_cast<double>(x[i]) * k + 1.0);
    require(out[i] == want, fmt::format("{}: element {} is {}, expected {}", what, i, out[i], want));
  }
}

// Runs body; API errors and requirement failures become Fail, UNIMPLEMENTED NotSupported.
Outcome guarded(const Target& t, bool needs_f32_elementwise, const std::function<void(Device)>& body) {
  if (needs_f32_elementwise) {
    for (tisa_opcode_t op : {TISA_OP_MUL, TISA_OP_ADD, TISA_OP_FILL}) {
      if (!tisa_device_supports(t.device, op, TISA_DTYPE_F32)) {
        return {Status::NotSupported,
                fmt::format("the device does not support {} on f32", tisa_opcode_name(op))};
      }
    }
  }
  try {
    body(Device(t.device));
  } catch (const CaseFailure& f) {
    return {Status::Fail, f.message};
  } catch (const ApiError& e) {
    const Status status = e.code() == TISA_UNIMPLEMENTED ? Status::NotSupported : Status::Fail;
    return {status, fmt::format("{}: {}", e.code_name(), e.what())};
  }
  return {Status::Pass, ""};
}

void buffer_write_read(Device dev) {
  Buffer b = Buffer::create(dev, 1000);
  require(b.size() == 1000, "tisa_buffer_size does not report the size asked for");
  std::vector<uint8_t> data(1000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + 3);
  b.write(data.data(), data.size());
  std::vector<uint8_t> patch = {1, 2, 3, 4, 5};
  b.write(patch.data(), patch.size(), 997 - 5);
  std::copy(patch.begin(), patch.end(), data.begin() + 992);
  std::vector<uint8_t> back(1000);
  b.read(back.data(), back.size());
  require(back == data, "the bytes read back differ from the bytes written");
  std::vector<uint8_t> part(10);
  b.read(part.data(), part.size(), 990);
  require(std::equal(part.begin(), part.end(), data.begin() + 990),
          "a read at an offset returned other bytes");
}

void buffer_bounds(Device dev) {
  Buffer b = Buffer::create(dev, 64);
  uint8_t bytes[16] = {};
  for (auto [offset, size] : {std::pair<uint64_t, uint64_t>{60, 16}, {65, 0}, {UINT64_MAX - 4, 8}}) {
    tisa_status_t s = tisa_buffer_write(b.get(), offset, bytes, size);
    const tisa_status_code_t code = tisa_status_code(s);
    const std::string message = tisa_status_message(s);
    tisa_status_free(s);
    require(code == TISA_INVALID_ARGUMENT && !message.empty(),
            fmt::format("a write of {} bytes at offset {} into 64 bytes gave {} '{}', not INVALID_ARGUMENT "
                        "with a message",
                        size, offset, tisa_status_code_name(code), message));
    s = tisa_buffer_read(b.get(), offset, bytes, size);
    const tisa_status_code_t read_code = tisa_status_code(s);
    tisa_status_free(s);
    require(read_code == TISA_INVALID_ARGUMENT,
            "an out-of-bounds read was not rejected with INVALID_ARGUMENT");
  }
}

void buffer_map(Device dev) {
  if (!(dev.info().flags & TISA_DEVICE_FLAG_HOST_VISIBLE))
    throw ApiError(TISA_UNIMPLEMENTED, "not host-visible");
  Buffer b = Buffer::create(dev, 256, TISA_BUFFER_FLAG_HOST_VISIBLE);
  std::vector<uint8_t> data(256);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(255 - i);
  b.write(data.data(), data.size());
  auto* p = static_cast<uint8_t*>(b.map());
  require(p != nullptr, "tisa_buffer_map returned NULL");
  require(std::memcmp(p, data.data(), data.size()) == 0, "the mapped bytes differ from the bytes written");
  p[10] = 0x42;
  b.unmap();
  std::vector<uint8_t> back(256);
  b.read(back.data(), back.size());
  require(back[10] == 0x42, "a write through the mapping is not visible after unmap");
}

void launch_async(Device dev) {
  constexpr int64_t n = 1 << 16;
  Module m = scale_module(3.0f, n);
  Executable exe = Executable::create(dev, m, TISA_OPT_O0);
  const tisa_tensor_type_t type = tensor_type(TISA_DTYPE_F32, {n});
  const std::vector<float> x = iota_floats(n);
  std::vector<Buffer> ins, outs;
  std::vector<Event> events;
  for (int i = 0; i < 4; ++i) {
    ins.push_back(Buffer::create(dev, n * 4));
    outs.push_back(Buffer::create(dev, n * 4));
    ins.back().write(x);
    events.push_back(exe.launch_async({tensor(ins.back(), type)}, {tensor(outs.back(), type)}));
  }
  // A zero timeout answers at once: done, or DEADLINE_EXCEEDED (the work goes on).
  for (Event& e : events) {
    tisa_status_t s = tisa_event_wait(e.get(), 0);
    const tisa_status_code_t code = tisa_status_code(s);
    tisa_status_free(s);
    require(code == TISA_OK || code == TISA_DEADLINE_EXCEEDED,
            fmt::format("tisa_event_wait with a zero timeout returned {}", tisa_status_code_name(code)));
  }
  for (size_t i = 0; i < events.size(); ++i) {
    require(events[i].wait(), "an event did not complete waiting forever");
    require(events[i].wait(0), "waiting again after completion did not report completion");
    check_scaled(x, outs[i].read<float>(n), 3.0f, fmt::format("launch {}", i));
  }
}

// out1 = f(x); out2 = f(out1) launched before the first is waited for.
void launch_chained(Device dev) {
  constexpr int64_t n = 4096;
  Module m = scale_module(2.0f, n);
  Executable exe = Executable::create(dev, m, TISA_OPT_O2);
  const tisa_tensor_type_t type = tensor_type(TISA_DTYPE_F32, {n});
  const std::vector<float> x = iota_floats(n, -100.0f);
  Buffer a = Buffer::create(dev, n * 4), b = Buffer::create(dev, n * 4), c = Buffer::create(dev, n * 4);
  a.write(x);
  Event e1 = exe.launch_async({tensor(a, type)}, {tensor(b, type)});
  Event e2 = exe.launch_async({tensor(b, type)}, {tensor(c, type)});
  require(e2.wait(), "the second launch did not complete");
  require(e1.wait(), "the first launch did not complete");
  const std::vector<float> mid = b.read<float>(n);
  check_scaled(x, mid, 2.0f, "first launch");
  check_scaled(mid, c.read<float>(n), 2.0f, "second launch (reads the first's output)");
}

void many_executables(Device dev) {
  constexpr int count = 64;
  constexpr int64_t n = 33;
  std::vector<Executable> exes;
  for (int i = 0; i < count; ++i)
    exes.push_back(Executable::create(dev, scale_module(static_cast<float>(i), n), TISA_OPT_O1));
  const tisa_tensor_type_t type = tensor_type(TISA_DTYPE_F32, {n});
  const std::vector<float> x = iota_floats(n);
  Buffer in = Buffer::create(dev, n * 4), out = Buffer::create(dev, n * 4);
  in.write(x);
  for (int i = count - 1; i >= 0; --i) {
    exes[static_cast<size_t>(i)].launch({tensor(in, type)}, {tensor(out, type)});
    check_scaled(x, out.read<float>(n), static_cast<float>(i), fmt::format("executable {}", i));
  }
}

void threads(Device dev) {
  constexpr int thread_count = 4, launches = 25;
  constexpr int64_t n = 257;
  std::vector<std::string> errors(thread_count);
  std::vector<std::thread> pool;
  for (int t = 0; t < thread_count; ++t) {
    pool.emplace_back([&, t] {
      try {
        const float k = static_cast<float>(t + 2);
        Executable exe = Executable::create(dev, scale_module(k, n), TISA_OPT_O0);
        const tisa_tensor_type_t type = tensor_type(TISA_DTYPE_F32, {n});
        for (int i = 0; i < launches; ++i) {
          const std::vector<float> x = iota_floats(n, static_cast<float>(i * t));
          Buffer in = Buffer::create(dev, n * 4), out = Buffer::create(dev, n * 4);
          in.write(x);
          exe.launch({tensor(in, type)}, {tensor(out, type)});
          check_scaled(x, out.read<float>(n), k, fmt::format("thread {} launch {}", t, i));
        }
      } catch (const CaseFailure& f) {
        errors[static_cast<size_t>(t)] = f.message;
      } catch (const ApiError& e) {
        errors[static_cast<size_t>(t)] = fmt::format("{}: {}", e.code_name(), e.what());
      }
    });
  }
  for (std::thread& th : pool) th.join();
  for (const std::string& e : errors) require(e.empty(), e);
}

void error_code_and_message(Device dev) {
  // An executable for a module needing an extension the device lacks: UNIMPLEMENTED, with a message.
  // Xsort is declared and not yet specified, so no device may claim it (spec 10.3).
  ir::Builder b(TISA_EXT_MASK(TISA_EXT_XSORT));
  const ir::Value x = b.input(TISA_DTYPE_F32, {Expr::lit(4)}, "x");
  b.output(b.unary(TISA_OP_NEG, x));
  const std::vector<uint32_t> words = ir::encode(b.finish());
  Module m = Module::load(words.data(), words.size() * 4, TISA_FORMAT_BINARY);
  tisa_executable_t exe = nullptr;
  tisa_status_t s = tisa_executable_create(dev.get(), m.get(), TISA_OPT_O0, &exe);
  if (s == nullptr) {
    tisa_executable_release(exe);
    require(dev.info().extensions & TISA_EXT_MASK(TISA_EXT_XSORT),
            "an executable needing Xsort was created on a device that does not claim Xsort");
    return;
  }
  const tisa_status_code_t code = tisa_status_code(s);
  const std::string message = tisa_status_message(s);
  tisa_status_free(s);
  require(code == TISA_UNIMPLEMENTED,
          fmt::format("a module needing Xsort gave {}, not UNIMPLEMENTED", tisa_status_code_name(code)));
  require(!message.empty(), "the UNIMPLEMENTED status has no message");
  require(std::string(tisa_status_code_name(code)) == "UNIMPLEMENTED",
          "tisa_status_code_name(UNIMPLEMENTED) is wrong");
  require(tisa_status_code(nullptr) == TISA_OK && std::string(tisa_status_message(nullptr)).empty(),
          "a NULL status must read OK with an empty message");
}

void module_roundtrip(Device dev) {
  Module m = scale_module(5.0f, 8);
  const std::string text = m.save(TISA_FORMAT_TEXT);
  Module again = Module::load(text, TISA_FORMAT_TEXT);
  const std::string binary = again.save(TISA_FORMAT_BINARY);
  Module third = Module::load(binary, TISA_FORMAT_AUTO);
  Executable exe = Executable::create(dev, third, TISA_OPT_O2);
  const tisa_tensor_type_t type = tensor_type(TISA_DTYPE_F32, {8});
  Buffer in = Buffer::create(dev, 32), out = Buffer::create(dev, 32);
  const std::vector<float> x = iota_floats(8);
  in.write(x);
  exe.launch({tensor(in, type)}, {tensor(out, type)});
  check_scaled(x, out.read<float>(8), 5.0f, "module saved as text and binary, reloaded");
}

void device_info(Device dev) {
  const tisa_device_info_t info = dev.info();
  require(TISA_VERSION_MAJOR(info.isa_version) == TISA_ISA_VERSION_MAJOR,
          fmt::format("the device reports ISA major {}", TISA_VERSION_MAJOR(info.isa_version)));
  require(info.name[0] != '\0', "the device has no name");
  require(std::string(info.extension_string).rfind("TISA", 0) == 0,
          "the extension string does not start with TISA");
  require(info.limits.max_rank >= 1 && info.limits.max_rank <= TISA_MAX_RANK,
          "max_rank is outside [1, TISA_MAX_RANK]");
  require(tisa_device_supports(dev.get(), static_cast<tisa_opcode_t>(0x3f), TISA_DTYPE_F32) == 0,
          "the device claims an undefined opcode");
}

}  // namespace

std::vector<Case> api_cases() {
  struct Entry {
    const char* name;
    bool needs_f32;
    void (*body)(Device);
  };
  static constexpr Entry entries[] = {
      {"buffer.write_read", false, buffer_write_read},
      {"buffer.bounds", false, buffer_bounds},
      {"buffer.map", false, buffer_map},
      {"launch.async_events", true, launch_async},
      {"launch.chained", true, launch_chained},
      {"executables.many", true, many_executables},
      {"launch.threads", true, threads},
      {"error.code_and_message", true, error_code_and_message},
      {"module.roundtrip", true, module_roundtrip},
      {"device.info", false, device_info},
  };
  std::vector<Case> out;
  for (const Entry& e : entries) {
    Case c;
    c.name = std::string("api.") + e.name;
    c.run = [e](const Target& t) { return guarded(t, e.needs_f32, e.body); };
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tisa::cts
