// libtisa on the reference driver: buffers, modules, executables, launches, events, threads.
#include <atomic>
#include <thread>

#include "runtime_fixture.hpp"

using namespace rt_test;

TEST_CASE("status objects", "[runtime]") {
  CHECK(tisa_status_code(nullptr) == TISA_OK);
  CHECK(std::string(tisa_status_message(nullptr)).empty());
  tisa_status_free(nullptr);
  CHECK(std::string(tisa_status_code_name(TISA_INVALID_ARGUMENT)) == "INVALID_ARGUMENT");
  CHECK(std::string(tisa_status_code_name(TISA_DEADLINE_EXCEEDED)) == "DEADLINE_EXCEEDED");
  CHECK(std::string(tisa_dtype_name(TISA_DTYPE_BF16)) == "bf16");
  CHECK(tisa_dtype_size(TISA_DTYPE_I64) == 8);
  CHECK(tisa_dtype_size(TISA_DTYPE_BOOL) == 1);
  CHECK(tisa_dtype_size(TISA_DTYPE_INVALID) == 0);
  CHECK(std::string(tisa_opcode_name(TISA_OP_REDUCE_SUM)) == "reduce_sum");
  CHECK(std::string(tisa_opcode_name(TISA_OP_INVALID)) == "invalid");
}

TEST_CASE("the reference device", "[runtime]") {
  Reference ref;
  tisa_device_info_t info{};
  REQUIRE_OK(tisa_device_get_info(ref.device, &info));
  CHECK(std::string(info.driver_name) == "reference");
  CHECK(info.kind == TISA_DEVICE_KIND_CPU);
  CHECK(std::string(info.extension_string) == "TISA1p1_Xf16_Xbf16_Xf64");
  CHECK(info.isa_version == TISA_ISA_VERSION);
  CHECK(info.limits.max_rank == TISA_MAX_RANK);
  CHECK(tisa_device_supports(ref.device, TISA_OP_MATMUL, TISA_DTYPE_F32) == 1);
  CHECK(tisa_device_supports(ref.device, TISA_OP_MATMUL, TISA_DTYPE_F16) == 1);
  CHECK(tisa_device_supports(ref.device, TISA_OP_SIN, TISA_DTYPE_I32) == 0);
  tisa_driver_report_t report{};
  REQUIRE_OK(tisa_instance_driver_report(ref.instance, 0, &report));
  CHECK(report.loaded == 1);
  CHECK(std::string(report.reason) == "loaded: ABI 1.1, 1 device");
}

TEST_CASE("buffers: write, read, map and range checks", "[runtime]") {
  Reference ref;
  tisa_buffer_t buffer = make_buffer(ref.device, 64, TISA_BUFFER_FLAG_HOST_VISIBLE);
  CHECK(tisa_buffer_size(buffer) == 64);
  const std::vector<int32_t> values = {1, -2, 3, 1 << 30};
  REQUIRE_OK(tisa_buffer_write(buffer, 16, values.data(), 16));
  CHECK(read_back<int32_t>(buffer, 4, 16) == values);

  void* pointer = nullptr;
  REQUIRE_OK(tisa_buffer_map(buffer, &pointer));
  REQUIRE(pointer != nullptr);
  int32_t mapped[4];
  std::memcpy(mapped, static_cast<uint8_t*>(pointer) + 16, sizeof mapped);
  CHECK(std::vector<int32_t>(mapped, mapped + 4) == values);
  static_cast<uint8_t*>(pointer)[0] = 0xab;
  REQUIRE_OK(tisa_buffer_unmap(buffer));
  CHECK(read_back<uint8_t>(buffer, 1)[0] == 0xab);

  Outcome past = outcome(tisa_buffer_write(buffer, 60, values.data(), 8));
  CHECK(past.code == TISA_INVALID_ARGUMENT);
  CHECK(past.message == "tisa_buffer_write: range [60, 60+8) is outside the buffer of 64 bytes");
  Outcome overflow = outcome(tisa_buffer_read(buffer, UINT64_MAX, mapped, 8));
  CHECK(overflow.code == TISA_INVALID_ARGUMENT);
  Outcome null_dst = outcome(tisa_buffer_read(buffer, 0, nullptr, 8));
  CHECK(null_dst.message == "tisa_buffer_read: dst is NULL");
  tisa_buffer_release(buffer);

  tisa_buffer_t plain = make_buffer(ref.device, 8);
  Outcome not_visible = outcome(tisa_buffer_map(plain, &pointer));
  CHECK(not_visible.code == TISA_UNIMPLEMENTED);
  CHECK(not_visible.message ==
        "tisa_buffer_map: the buffer was not created with TISA_BUFFER_FLAG_HOST_VISIBLE");
  tisa_buffer_release(plain);

  tisa_buffer_t empty = make_buffer(ref.device, 0);
  CHECK(tisa_buffer_size(empty) == 0);
  REQUIRE_OK(tisa_buffer_write(empty, 0, nullptr, 0));
  tisa_buffer_release(empty);

  Outcome flags = outcome(tisa_buffer_create(ref.device, 8, 0x80, &plain));
  CHECK(flags.code == TISA_INVALID_ARGUMENT);
  CHECK(flags.message == "tisa_buffer_create: unknown flags 0x80");
}

TEST_CASE("modules: text, binary, save, signature", "[runtime]") {
  tisa_module_t text = load_text(kAffine);
  CHECK(tisa_module_input_count(text) == 2);
  CHECK(tisa_module_output_count(text) == 1);
  tisa_tensor_type_t x{};
  REQUIRE_OK(tisa_module_input_type(text, 0, &x));
  CHECK(x.dtype == TISA_DTYPE_F32);
  CHECK(x.rank == 2);
  CHECK(x.dims[0] == -1);  // the symbol N
  CHECK(x.dims[1] == 3);
  Outcome range = outcome(tisa_module_input_type(text, 2, &x));
  CHECK(range.code == TISA_INVALID_ARGUMENT);
  CHECK(range.message == "tisa_module_input_type: index 2 out of range (the module has 2 inputs)");

  void* data = nullptr;
  size_t size = 0;
  REQUIRE_OK(tisa_module_save(text, TISA_FORMAT_BINARY, &data, &size));
  REQUIRE(size % 4 == 0);
  CHECK(static_cast<const uint32_t*>(data)[0] == TISA_MODULE_MAGIC);
  tisa_module_t binary = nullptr;
  REQUIRE_OK(tisa_module_load(data, size, TISA_FORMAT_AUTO, &binary));
  tisa_free(data);
  REQUIRE_OK(tisa_module_save(binary, TISA_FORMAT_TEXT, &data, &size));
  const std::string printed(static_cast<const char*>(data), size);
  CHECK(static_cast<const char*>(data)[size] == '\0');
  CHECK(printed.find("symbol N <= 16") != std::string::npos);
  CHECK(printed.find("matmul %x, %w {acc = f32}") != std::string::npos);
  tisa_free(data);

  const tisa_tensor_type_t inputs[2] = {type(TISA_DTYPE_F32, {5, 3}), type(TISA_DTYPE_F32, {3, 2})};
  tisa_tensor_type_t out{};
  REQUIRE_OK(tisa_module_infer_outputs(binary, 2, inputs, 1, &out));
  CHECK(out.dtype == TISA_DTYPE_F32);
  CHECK(out.rank == 2);
  CHECK(out.dims[0] == 5);
  CHECK(out.dims[1] == 2);
  Outcome room = outcome(tisa_module_infer_outputs(binary, 2, inputs, 0, nullptr));
  CHECK(room.message == "tisa_module_infer_outputs: the module has 1 outputs but room for 0 was given");
  tisa_module_release(binary);
  tisa_module_release(text);
}

TEST_CASE("modules: garbage is rejected with a message", "[runtime]") {
  tisa_module_t module = nullptr;
  const std::string bad_text = "tisa 1.0\ninput %x : f33[2]\noutput %x\n";
  Outcome parse = outcome(tisa_module_load(bad_text.data(), bad_text.size(), TISA_FORMAT_AUTO, &module));
  CHECK(parse.code == TISA_INVALID_ARGUMENT);
  CHECK(parse.message == "tisa_module_load: text module: line 2, column 12: unknown dtype 'f33'");
  CHECK(module == nullptr);

  const std::string unverified =
      "tisa 1.0\ninput %x : f32[2]\ninput %y : i32[2]\n%z = add %x, %y\noutput %z\n";
  Outcome verify = outcome(tisa_module_load(unverified.data(), unverified.size(), TISA_FORMAT_TEXT, &module));
  CHECK(verify.code == TISA_INVALID_ARGUMENT);
  CHECK(verify.message.find("tisa_module_load: ") == 0);
  CHECK(verify.message.find("no implicit promotion") != std::string::npos);

  const uint32_t words[] = {TISA_MODULE_MAGIC, TISA_ISA_VERSION, 0, 0, 0, 99};
  Outcome binary = outcome(tisa_module_load(words, sizeof words, TISA_FORMAT_AUTO, &module));
  CHECK(binary.code == TISA_INVALID_ARGUMENT);
  CHECK(binary.message.find("tisa_module_load: binary module: ") == 0);

  const uint8_t odd[] = {0x54, 0x49, 0x53, 0x41, 0x01};
  Outcome partial = outcome(tisa_module_load(odd, sizeof odd, TISA_FORMAT_BINARY, &module));
  CHECK(partial.code == TISA_INVALID_ARGUMENT);
  CHECK(partial.message.find("tisa_module_load: binary module: ") == 0);

  Outcome empty = outcome(tisa_module_load(nullptr, 0, TISA_FORMAT_AUTO, &module));
  CHECK(empty.message == "tisa_module_load: the module is empty");
  Outcome missing = outcome(tisa_module_load_file("/nonexistent/module.tisa", TISA_FORMAT_AUTO, &module));
  CHECK(missing.code == TISA_NOT_FOUND);
  CHECK(missing.message == "tisa_module_load_file: cannot open /nonexistent/module.tisa");
}

TEST_CASE("executables at O0 and O2 run a symbolic batch", "[runtime]") {
  Reference ref;
  tisa_module_t module = load_text(kAffine);
  const std::vector<float> w = {1, 2, -1, 0.5f, 3, -2};
  tisa_buffer_t wb = buffer_with(ref.device, w);
  for (tisa_opt_level_t level : {TISA_OPT_O0, TISA_OPT_O1, TISA_OPT_O2}) {
    tisa_executable_t exe = nullptr;
    REQUIRE_OK(tisa_executable_create(ref.device, module, level, &exe));
    for (int64_t n : {1, 7, 0, 16}) {
      INFO("opt level " << level << ", batch " << n);
      const std::vector<float> x = iota_floats(static_cast<size_t>(n * 3), -4.0f, 0.5f);
      tisa_buffer_t xb = make_buffer(ref.device, x.size() * 4);
      if (!x.empty()) REQUIRE_OK(tisa_buffer_write(xb, 0, x.data(), x.size() * 4));
      tisa_buffer_t yb = make_buffer(ref.device, static_cast<uint64_t>(n * 2 * 4));
      const tisa_tensor_t inputs[2] = {tensor(xb, type(TISA_DTYPE_F32, {n, 3})),
                                       tensor(wb, type(TISA_DTYPE_F32, {3, 2}))};
      const tisa_tensor_t output = tensor(yb, type(TISA_DTYPE_F32, {n, 2}));
      REQUIRE_OK(tisa_executable_launch(exe, 2, inputs, 1, &output, nullptr));
      CHECK(read_back<float>(yb, static_cast<size_t>(n * 2)) == affine_expected(x, w, n));
      tisa_buffer_release(xb);
      tisa_buffer_release(yb);
    }
    tisa_executable_release(exe);
  }
  Outcome null_out = outcome(tisa_executable_create(ref.device, module, TISA_OPT_O0, nullptr));
  CHECK(null_out.message == "tisa_executable_create: out_executable is NULL");
  tisa_buffer_release(wb);
  tisa_module_release(module);
}

TEST_CASE("a module that needs an unclaimed extension is refused up front", "[runtime]") {
  Reference ref;
  tisa_module_t module =
      load_text("tisa 1.0 requires Xsort\ninput %x : f32[2]\n%y = neg %x : f32[2]\noutput %y\n");
  tisa_executable_t exe = nullptr;
  Outcome refused = outcome(tisa_executable_create(ref.device, module, TISA_OPT_O0, &exe));
  CHECK(refused.code == TISA_UNIMPLEMENTED);
  CHECK(refused.message ==
        "module needs extensions TISA1p0_Xsort that device 'TISA reference (host)' (TISA1p1_Xf16_Xbf16_Xf64) "
        "does not claim");
  CHECK(exe == nullptr);
  tisa_module_release(module);
}

TEST_CASE("asynchronous launches, events and zero timeouts", "[runtime]") {
  Reference ref;
  // Big enough that the reference kernels take a while: a zero-timeout wait right after the
  // launch sees it unfinished.
  const int64_t n = 192;
  const std::string text =
      "tisa 1.0\ninput %a : f32[192, 192]\n"
      "%p = matmul %a, %a {acc = f32} : f32[192, 192]\n"
      "%q = matmul %p, %a {acc = f32} : f32[192, 192]\n"
      "%r = matmul %q, %a {acc = f32} : f32[192, 192]\noutput %r\n";
  tisa_module_t module = load_text(text);
  tisa_executable_t exe = nullptr;
  REQUIRE_OK(tisa_executable_create(ref.device, module, TISA_OPT_O0, &exe));
  std::vector<float> identity(static_cast<size_t>(n * n), 0.0f);
  for (int64_t i = 0; i < n; ++i) identity[static_cast<size_t>(i * n + i)] = 1.0f;
  tisa_buffer_t in = buffer_with(ref.device, identity);
  std::vector<tisa_buffer_t> outs;
  std::vector<tisa_event_t> events;
  const tisa_tensor_t input = tensor(in, type(TISA_DTYPE_F32, {n, n}));
  for (int i = 0; i < 3; ++i) {
    outs.push_back(make_buffer(ref.device, static_cast<uint64_t>(n * n * 4)));
    const tisa_tensor_t output = tensor(outs.back(), type(TISA_DTYPE_F32, {n, n}));
    tisa_event_t event = nullptr;
    REQUIRE_OK(tisa_executable_launch(exe, 1, &input, 1, &output, &event));
    REQUIRE(event != nullptr);
    events.push_back(event);
  }
  // The last of three queued launches cannot be done yet.
  Outcome early = outcome(tisa_event_wait(events.back(), 0));
  CHECK(early.code == TISA_DEADLINE_EXCEEDED);
  CHECK(early.message == "the launch has not completed yet");
  for (tisa_event_t event : events) REQUIRE_OK(tisa_event_wait(event, TISA_WAIT_FOREVER));
  for (tisa_event_t event : events) REQUIRE_OK(tisa_event_wait(event, 0));  // final outcome
  for (tisa_buffer_t out : outs) CHECK(read_back<float>(out, identity.size()) == identity);
  // Releasing the executable and buffers before the events is allowed.
  tisa_executable_release(exe);
  for (tisa_buffer_t out : outs) tisa_buffer_release(out);
  for (tisa_event_t event : events) tisa_event_release(event);
  tisa_buffer_release(in);
  tisa_module_release(module);
  Outcome null_event = outcome(tisa_event_wait(nullptr, 0));
  CHECK(null_event.message == "tisa_event_wait: event is NULL");
}

TEST_CASE("several executables alive at once, from several modules", "[runtime]") {
  Reference ref;
  tisa_module_t affine = load_text(kAffine);
  tisa_module_t negate =
      load_text("tisa 1.0\nsymbol N\ninput %x : i32[N]\n%y = neg %x : i32[N]\noutput %y\n");
  tisa_executable_t a0 = nullptr, a2 = nullptr, neg = nullptr;
  REQUIRE_OK(tisa_executable_create(ref.device, affine, TISA_OPT_O0, &a0));
  REQUIRE_OK(tisa_executable_create(ref.device, negate, TISA_OPT_O2, &neg));
  REQUIRE_OK(tisa_executable_create(ref.device, affine, TISA_OPT_O2, &a2));
  tisa_module_release(affine);  // executables keep what they need
  tisa_module_release(negate);

  const std::vector<float> x = iota_floats(6, 1.0f), w = iota_floats(6, -1.0f);
  const std::vector<int32_t> ints = {5, -7, INT32_MIN, 0};
  tisa_buffer_t xb = buffer_with(ref.device, x), wb = buffer_with(ref.device, w);
  tisa_buffer_t ib = buffer_with(ref.device, ints);
  tisa_buffer_t y0 = make_buffer(ref.device, 16), y2 = make_buffer(ref.device, 16),
                yi = make_buffer(ref.device, 16);
  const tisa_tensor_t affine_in[2] = {tensor(xb, type(TISA_DTYPE_F32, {2, 3})),
                                      tensor(wb, type(TISA_DTYPE_F32, {3, 2}))};
  const tisa_tensor_t out0 = tensor(y0, type(TISA_DTYPE_F32, {2, 2}));
  const tisa_tensor_t out2 = tensor(y2, type(TISA_DTYPE_F32, {2, 2}));
  const tisa_tensor_t neg_in = tensor(ib, type(TISA_DTYPE_I32, {4}));
  const tisa_tensor_t neg_out = tensor(yi, type(TISA_DTYPE_I32, {4}));
  tisa_event_t e[3] = {};
  REQUIRE_OK(tisa_executable_launch(a0, 2, affine_in, 1, &out0, &e[0]));
  REQUIRE_OK(tisa_executable_launch(neg, 1, &neg_in, 1, &neg_out, &e[1]));
  REQUIRE_OK(tisa_executable_launch(a2, 2, affine_in, 1, &out2, &e[2]));
  for (tisa_event_t event : e) REQUIRE_OK(tisa_event_wait(event, TISA_WAIT_FOREVER));
  CHECK(read_back<float>(y0, 4) == affine_expected(x, w, 2));
  CHECK(read_back<float>(y2, 4) == affine_expected(x, w, 2));
  CHECK(read_back<int32_t>(yi, 4) == std::vector<int32_t>{-5, 7, INT32_MIN, 0});
  for (tisa_event_t event : e) tisa_event_release(event);
  for (tisa_buffer_t b : {xb, wb, ib, y0, y2, yi}) tisa_buffer_release(b);
  tisa_executable_release(a0);
  tisa_executable_release(a2);
  tisa_executable_release(neg);
}

TEST_CASE("launches from several threads on one executable", "[runtime]") {
  Reference ref;
  tisa_module_t module = load_text(kAffine);
  tisa_executable_t exe = nullptr;
  REQUIRE_OK(tisa_executable_create(ref.device, module, TISA_OPT_O2, &exe));
  const std::vector<float> w = {0.5f, 1, -1, 2, 0.25f, -3};
  tisa_buffer_t wb = buffer_with(ref.device, w);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int iteration = 0; iteration < 25; ++iteration) {
        const int64_t n = 1 + (t * 25 + iteration) % 16;
        const std::vector<float> x = iota_floats(static_cast<size_t>(n * 3), static_cast<float>(t), 0.25f);
        tisa_buffer_t xb = nullptr, yb = nullptr;
        tisa_status_t s = tisa_buffer_create(ref.device, x.size() * 4, 0, &xb);
        if (!s) s = tisa_buffer_write(xb, 0, x.data(), x.size() * 4);
        if (!s) s = tisa_buffer_create(ref.device, static_cast<uint64_t>(n * 8), 0, &yb);
        const tisa_tensor_t inputs[2] = {tensor(xb, type(TISA_DTYPE_F32, {n, 3})),
                                         tensor(wb, type(TISA_DTYPE_F32, {3, 2}))};
        const tisa_tensor_t output = tensor(yb, type(TISA_DTYPE_F32, {n, 2}));
        tisa_event_t event = nullptr;
        if (!s) s = tisa_executable_launch(exe, 2, inputs, 1, &output, &event);
        if (!s) s = tisa_event_wait(event, TISA_WAIT_FOREVER);
        std::vector<float> y(static_cast<size_t>(n * 2));
        if (!s) s = tisa_buffer_read(yb, 0, y.data(), y.size() * 4);
        if (s || y != affine_expected(x, w, n)) ++failures;
        tisa_status_free(s);
        tisa_event_release(event);
        tisa_buffer_release(xb);
        tisa_buffer_release(yb);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  tisa_buffer_release(wb);
  tisa_executable_release(exe);
  tisa_module_release(module);
}
