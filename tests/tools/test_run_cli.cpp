// tisa-run as an executable on the reference driver: outputs written and printed, and the
// error messages for each kind of mistake a user makes.
#include <catch2/catch.hpp>

#include <cstring>

#include "tests/tools/cli_util.hpp"
#include "tools/common/npy.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using tisa::npy::Array;
using tisa::test::run_command;

namespace {

// Only the drivers of this build, whatever the environment says.
const std::string kRun = fmt::format("TISA_DRIVER_FILES={} {}", TISA_TEST_DRIVER_DIR, TISA_RUN_PATH);

const char* const kModule =
    "tisa 1.0\n"
    "symbol N <= 4\n"
    "input %x : f32[N, 3]\n"
    "%y = neg %x\n"
    "%z = reduce_sum %y {axes = [1], keepdims = false}\n"
    "output %z, %y\n";

Array f32(std::vector<int64_t> shape, const std::vector<float>& values) {
  Array a{TISA_DTYPE_F32, std::move(shape), std::vector<uint8_t>(values.size() * 4)};
  if (!values.empty()) std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

std::vector<float> floats(const Array& a) {
  std::vector<float> v(a.data.size() / 4);
  if (!v.empty()) std::memcpy(v.data(), a.data.data(), a.data.size());
  return v;
}

struct Fixture {
  tisa::test::TempDir dir{"run"};
  std::string module = dir.file("m.tisa.txt");
  std::string x = dir.file("x.npy");
  Fixture() {
    tisa::test::write_text(module, kModule);
    tisa::npy::write_file(x, f32({2, 3}, {1, 2, 3, 4, 5, 6}));
  }
  tisa::test::CommandResult run(const std::string& args) const {
    return run_command(fmt::format("{} {}", kRun, args));
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "tisa-run writes every output as .npy at each optimization level") {
  for (const char* level : {"-O0", "-O1", "-O2", "-O3"}) {
    INFO(level);
    const std::string out = dir.file(std::string("out") + level);
    const auto r =
        run(fmt::format("{} --driver reference {} --input {} --output-dir {}", module, level, x, out));
    REQUIRE(r.status == 0);
    CHECK(r.output.empty());
    const Array z = tisa::npy::read_file(out + "/out0.npy");
    const Array y = tisa::npy::read_file(out + "/out1.npy");
    CHECK(z.shape == std::vector<int64_t>{2});
    CHECK(floats(z) == std::vector<float>{-6, -15});
    CHECK(y.shape == std::vector<int64_t>{2, 3});
    CHECK(floats(y) == std::vector<float>{-1, -2, -3, -4, -5, -6});
  }
}

TEST_CASE_METHOD(Fixture, "tisa-run --print, named outputs, binary modules and an empty batch") {
  auto r = run(fmt::format("{} --device reference:0 --input {} --output {} {} --print", module, x,
                           dir.file("z.npy"), dir.file("y.npy")));
  REQUIRE(r.status == 0);
  CHECK(r.output == "out0: f32[2] = [-6, -15]\nout1: f32[2, 3] = [-1, -2, -3, -4, -5, -6]\n");
  CHECK(floats(tisa::npy::read_file(dir.file("z.npy"))) == std::vector<float>{-6, -15});

  // Without --output the outputs are printed; the first 8 values only.
  tisa::npy::write_file(dir.file("x4.npy"), f32({4, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  r = run(fmt::format("{} --input {}", module, dir.file("x4.npy")));
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Contains("out1: f32[4, 3] = [-1, -2, -3, -4, -5, -6, -7, -8, ... (12 values)]"));

  // N = 0: empty tensors in and out.
  tisa::npy::write_file(dir.file("x0.npy"), f32({0, 3}, {}));
  r = run(fmt::format("{} --input {} --output-dir {}", module, dir.file("x0.npy"), dir.file("empty")));
  REQUIRE(r.status == 0);
  CHECK(tisa::npy::read_file(dir.file("empty/out0.npy")).shape == std::vector<int64_t>{0});
  CHECK(tisa::npy::read_file(dir.file("empty/out1.npy")).shape == std::vector<int64_t>{0, 3});
}

TEST_CASE_METHOD(Fixture, "tisa-run --repeat times launches after the first") {
  auto r = run(fmt::format("{} --driver reference -O2 --input {} --output-dir {} --repeat 5", module, x,
                           dir.file("timed")));
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output,
             StartsWith("timing: 5 launches after the first, each launched and waited for: median "));
  CHECK(floats(tisa::npy::read_file(dir.file("timed/out0.npy"))) == std::vector<float>{-6, -15});
  for (const char* bad : {"0", "-3", "five", "2x"}) {
    r = run(fmt::format("{} --input {} --repeat {}", module, x, bad));
    CHECK(r.status == 1);
    CHECK_THAT(r.output, Contains(fmt::format("--repeat needs a count from 1 to 1000000, not '{}'", bad)));
  }
}

TEST_CASE_METHOD(Fixture, "tisa-run explains a wrong number, dtype or shape of inputs") {
  auto r = run(fmt::format("{} --driver reference", module));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK(r.output == fmt::format("tisa-run: error: {} takes 1 input f32[?, 3] but 0 were given\n", module));

  r = run(fmt::format("{} --input {} {}", module, x, x));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("takes 1 input f32[?, 3] but 2 were given"));

  Array ints{TISA_DTYPE_I32, {2, 3}, std::vector<uint8_t>(24)};
  tisa::npy::write_file(dir.file("i.npy"), ints);
  r = run(fmt::format("{} --input {}", module, dir.file("i.npy")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, Contains("i.npy: input 0 has dtype i32 but the module expects f32[?, 3]"));

  // Shape mistakes are libtisa's to find; its code and message are passed on.
  tisa::npy::write_file(dir.file("x24.npy"), f32({2, 4}, std::vector<float>(8)));
  r = run(fmt::format("{} --input {}", module, dir.file("x24.npy")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, StartsWith("tisa-run: error: binding the inputs' shapes: INVALID_ARGUMENT: "));
  CHECK_THAT(r.output, Contains("dim 1"));

  tisa::npy::write_file(dir.file("x5.npy"), f32({5, 3}, std::vector<float>(15)));  // N <= 4
  r = run(fmt::format("{} --input {}", module, dir.file("x5.npy")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, StartsWith("tisa-run: error: binding the inputs' shapes: INVALID_ARGUMENT: "));
  CHECK_THAT(r.output, Contains("upper bound"));

  tisa::test::write_text(dir.file("fortran.npy"),
                         std::string("\x93NUMPY\x01\x00\x46\x00", 10) +
                             "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }          \n" +
                             std::string(24, '\0'));
  r = run(fmt::format("{} --input {}", module, dir.file("fortran.npy")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("fortran.npy: Fortran-order .npy arrays are not supported"));

  r = run(fmt::format("{} --input {}", module, dir.file("nothere.npy")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("nothere.npy: cannot open"));
}

TEST_CASE_METHOD(Fixture, "tisa-run explains bad devices, modules, outputs and options") {
  auto r = run(fmt::format("{} --driver no_such_driver --input {}", module, x));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, StartsWith("tisa-run: error: picking device 'no_such_driver': NOT_FOUND: "));

  r = run(fmt::format("{} --input {}", dir.file("missing.tisa"), x));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, StartsWith("tisa-run: error: loading " + dir.file("missing.tisa") + ": "));

  tisa::test::write_text(dir.file("bad.tisa.txt"), "tisa 1.0\ninput %x : f32[3]\n%y = neg %q\noutput %y\n");
  r = run(fmt::format("{} --input {}", dir.file("bad.tisa.txt"), x));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("INVALID_ARGUMENT"));
  CHECK_THAT(r.output, Contains("line 3"));

  r = run(fmt::format("{} --input {} --output {}", module, x, dir.file("only_one.npy")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("has 2 outputs but 1 --output name was given"));

  r = run(fmt::format("{} --driver reference --device 0 --input {}", module, x));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("--driver and --device both pick the device"));
  r = run(fmt::format("{} --input", module));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("--input needs one or more .npy file names"));
  r = run(fmt::format("{} -O7", module));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("unknown option '-O7'"));
  r = run("");
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("no module given"));
  r = run("--help");
  CHECK(r.status == 0);
  CHECK_THAT(r.output, StartsWith("usage: tisa-run MODULE"));
}

TEST_CASE_METHOD(Fixture, "tisa-run runs f16, bf16 and f64 from .npy files, bf16 as <u2 bits") {
  const std::string m = dir.file("ext.tisa.txt");
  tisa::test::write_text(m,
                         "tisa 1.1 requires Xf16, Xbf16, Xf64\n"
                         "input %h : f16[3]\n"
                         "input %b : bf16[2]\n"
                         "input %d : f64[1]\n"
                         "%h2 = add %h, %h\n"
                         "%hb = cast %h {dtype = bf16}\n"
                         "%b2 = add %b, %b\n"
                         "%d2 = mul %d, %d\n"
                         "output %h2, %hb, %b2, %d2\n");
  const auto bits = [](std::initializer_list<uint16_t> v) {
    std::vector<uint8_t> out;
    for (uint16_t x : v) out.insert(out.end(), {static_cast<uint8_t>(x), static_cast<uint8_t>(x >> 8)});
    return out;
  };
  // f16 1, 65504 (max), 2^-24 (least subnormal); bf16 1 + 2^-7, -inf; f64 0.1.
  tisa::npy::write_file(dir.file("h.npy"), Array{TISA_DTYPE_F16, {3}, bits({0x3c00, 0x7bff, 0x0001})});
  tisa::npy::write_file(dir.file("b.npy"), Array{TISA_DTYPE_BF16, {2}, bits({0x3f81, 0xff80})});
  const double tenth = 0.1;
  Array d{TISA_DTYPE_F64, {1}, std::vector<uint8_t>(8)};
  std::memcpy(d.data.data(), &tenth, 8);
  tisa::npy::write_file(dir.file("d.npy"), d);
  // The reference claims the three extensions; another driver of the build might not.
  const std::string inputs = fmt::format("--driver reference --input {} {} {}", dir.file("h.npy"),
                                         dir.file("b.npy"), dir.file("d.npy"));

  const std::string out = dir.file("out");
  auto r = run(fmt::format("{} {} --output-dir {} --print", m, inputs, out));
  REQUIRE(r.status == 0);
  CHECK(r.output ==
        "out0: f16[3] = [2, inf, 1.1920928955078125e-07]\n"
        "out1: bf16[3] = [1, 65536, 5.960464477539063e-08]\n"
        "out2: bf16[2] = [2.015625, -inf]\n"
        "out3: f64[1] = [0.010000000000000002]\n");
  const Array h2 = tisa::npy::read_file(out + "/out0.npy");
  CHECK(h2.dtype == TISA_DTYPE_F16);
  CHECK(h2.data == bits({0x4000, 0x7c00, 0x0002}));  // 65504 + 65504 overflows to inf
  const Array hb = tisa::npy::read_file(out + "/out1.npy");
  CHECK(hb.dtype == TISA_DTYPE_BF16);
  CHECK(hb.data == bits({0x3f80, 0x4780, 0x3380}));  // 65504 rounds up to 2^16 in bf16
  CHECK(tisa::npy::read_file(out + "/out2.npy").data == bits({0x4001, 0xff80}));
  const Array d2 = tisa::npy::read_file(out + "/out3.npy");
  double squared = 0;
  std::memcpy(&squared, d2.data.data(), 8);
  CHECK(squared == tenth * tenth);

  // A <u2 file is bf16 bits: given for an f16 input, it is refused by name.
  r = run(fmt::format("{} --driver reference --input {} {} {}", m, dir.file("b.npy"), dir.file("b.npy"),
                      dir.file("d.npy")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("input 0 has dtype bf16 but the module expects f16[3]"));
}
