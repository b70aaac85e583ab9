// A launch that fails leaves its outputs unspecified (spec 6.3): whatever reads those bytes
// afterwards fails with FAILED_PRECONDITION naming the failure, until the bytes are written again.
// The fake driver fails a launch whose first input starts with 0xEE, 250 ms after submission, so
// a dependent launch is submitted before the failure is known.
#include "runtime_fixture.hpp"

using namespace rt_test;

namespace {

constexpr uint8_t kFailingMarker = 0xEE;

struct FakeCopies {
  Reference ref{true};
  tisa_device_t fake = nullptr;
  tisa_module_t module = load_text("tisa 1.0\ninput %x : u8[16]\n%y = add %x, %x\noutput %y\n");
  tisa_executable_t exe = nullptr;

  FakeCopies() {
    REQUIRE_OK(tisa_instance_find_device(ref.instance, "fake_current", &fake));
    REQUIRE_OK(tisa_executable_create(fake, module, TISA_OPT_O0, &exe));
  }
  ~FakeCopies() {
    tisa_executable_release(exe);
    tisa_module_release(module);
  }
  tisa_buffer_t buffer(uint8_t first) {
    std::vector<uint8_t> bytes(16, 1);
    bytes[0] = first;
    return buffer_with(fake, bytes);
  }
  // Submits from -> to; the event, or NULL when the launch was refused (outcome in *refused).
  tisa_event_t submit(tisa_buffer_t from, tisa_buffer_t to, Outcome* refused = nullptr) {
    const tisa_tensor_t in = tensor(from, type(TISA_DTYPE_U8, {16}));
    const tisa_tensor_t out = tensor(to, type(TISA_DTYPE_U8, {16}));
    tisa_event_t event = nullptr;
    Outcome result = outcome(tisa_executable_launch(exe, 1, &in, 1, &out, &event));
    if (refused)
      *refused = result;
    else
      REQUIRE(result.code == TISA_OK);
    return event;
  }
};

Outcome read_outcome(tisa_buffer_t buffer, uint64_t offset = 0, uint64_t size = 16) {
  std::vector<uint8_t> bytes(size);
  return outcome(tisa_buffer_read(buffer, offset, bytes.data(), size));
}

}  // namespace

TEST_CASE("a failed launch fails the launches and reads that depend on it", "[runtime][failure]") {
  FakeCopies f;
  tisa_buffer_t a = f.buffer(kFailingMarker), b = f.buffer(0), c = f.buffer(0), good = f.buffer(7);

  tisa_event_t first = f.submit(a, b);
  tisa_event_t second = f.submit(b, c);  // submitted while the first still runs
  tisa_event_t unrelated = f.submit(good, a);
  const Outcome second_outcome = outcome(tisa_event_wait(second, TISA_WAIT_FOREVER));
  CHECK(second_outcome.code == TISA_FAILED_PRECONDITION);
  CHECK(second_outcome.message ==
        "input 0 was written by a launch that failed: driver 'fake_current': launch: "
        "fake launch failed: its first input starts with 0xEE");
  const Outcome first_outcome = outcome(tisa_event_wait(first, TISA_WAIT_FOREVER));
  CHECK(first_outcome.code == TISA_INTERNAL);
  REQUIRE_OK(tisa_event_wait(unrelated, TISA_WAIT_FOREVER));

  // Both outputs are poisoned; the failure is known now, so a new reader is refused at once.
  const Outcome read_b = read_outcome(b);
  CHECK(read_b.code == TISA_FAILED_PRECONDITION);
  CHECK_THAT(read_b.message, Catch::StartsWith("tisa_buffer_read: bytes [0, 16) were written by a launch "
                                               "that failed: driver 'fake_current'"));
  CHECK(read_outcome(c).code == TISA_FAILED_PRECONDITION);
  CHECK(read_outcome(a).code == TISA_OK);  // written by the unrelated launch, which succeeded
  Outcome refused;
  CHECK(f.submit(b, good, &refused) == nullptr);
  CHECK(refused.code == TISA_FAILED_PRECONDITION);
  CHECK_THAT(refused.message, Catch::Contains("input 0: bytes [0, 16) of its buffer were written by a "
                                              "launch that failed: driver 'fake_current'"));

  SECTION("a partial host write leaves the rest poisoned; a full one clears it") {
    const uint8_t half[8] = {};
    REQUIRE_OK(tisa_buffer_write(b, 0, half, sizeof half));
    CHECK(read_outcome(b, 0, 8).code == TISA_FAILED_PRECONDITION);
    const uint8_t whole[16] = {};
    REQUIRE_OK(tisa_buffer_write(b, 0, whole, sizeof whole));
    CHECK(read_outcome(b).code == TISA_OK);
    tisa_event_release(f.submit(b, good));
  }
  SECTION("a launch that rewrites the bytes and succeeds clears them") {
    tisa_event_t rewrite = f.submit(good, c);
    REQUIRE_OK(tisa_event_wait(rewrite, TISA_WAIT_FOREVER));
    tisa_event_release(rewrite);
    CHECK(read_outcome(c).code == TISA_OK);
  }
  SECTION("releasing the events without waiting keeps the outcome") {
    tisa_event_release(first);
    tisa_event_release(second);
    first = second = nullptr;
    CHECK(read_outcome(c).code == TISA_FAILED_PRECONDITION);
  }
  tisa_event_release(first);
  tisa_event_release(second);
  tisa_event_release(unrelated);
  for (tisa_buffer_t buffer : {a, b, c, good}) tisa_buffer_release(buffer);
}

TEST_CASE("a launch released unwaited still passes its failure on", "[runtime][failure]") {
  FakeCopies f;
  tisa_buffer_t a = f.buffer(kFailingMarker), b = f.buffer(0), c = f.buffer(0);
  tisa_event_release(f.submit(a, b));  // waits for the launch, which fails
  Outcome refused;
  CHECK(f.submit(b, c, &refused) == nullptr);
  CHECK(refused.code == TISA_FAILED_PRECONDITION);
  for (tisa_buffer_t buffer : {a, b, c}) tisa_buffer_release(buffer);
}
