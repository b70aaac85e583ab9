// tisa-as and tisa-dis as executables: round trips for a sample of every registry op, pipes,
// and one-line errors with locations.
#include <catch2/catch.hpp>

#include "hal/ir/codec.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "tests/ir/samples.hpp"
#include "tests/tools/cli_util.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using tisa::test::run_command;

namespace {

const std::string kAs = TISA_AS_PATH;
const std::string kDis = TISA_DIS_PATH;

const char* const kModule =
    "tisa 1.0\n"
    "symbol N <= 64\n"
    "input %x : f32[N, 3]\n"
    "%y = neg %x\n"
    "%z = reduce_sum %y {axes = [1], keepdims = false}\n"
    "output %z, %y\n";

std::string canonical(const char* text) {
  tisa::ir::Module m = tisa::ir::parse(text);
  tisa::ir::verify(m);
  return tisa::ir::print(m);
}

}  // namespace

TEST_CASE("tisa-as then tisa-dis round-trips a sample of every op") {
  tisa::test::TempDir dir("asm");
  int ops = 0;
  for (const auto& op : tisa::ir::all_ops()) {
    if (op.extension != TISA_EXT_BASE) continue;
    const tisa::ir::Module module = tisa::test::sample_module(op, tisa::test::first_dtype(op));
    const std::string text = tisa::ir::print(module);
    const std::string src = dir.file(std::string(op.name) + ".tisa.txt");
    tisa::test::write_text(src, text);
    INFO(op.name);
    const auto as = run_command(fmt::format("{} {}", kAs, src));
    REQUIRE(as.status == 0);
    CHECK(as.output.empty());
    // Default output name: .tisa.txt -> .tisa; the bytes are the codec's.
    const std::string bin = tisa::test::read_text(dir.file(std::string(op.name) + ".tisa"));
    const std::vector<uint32_t> words = tisa::ir::encode(module);
    CHECK(bin == std::string(reinterpret_cast<const char*>(words.data()), words.size() * 4));
    const auto dis = run_command(fmt::format("{} {}", kDis, dir.file(std::string(op.name) + ".tisa")));
    CHECK(dis.status == 0);
    CHECK(dis.output == text);
    ++ops;
  }
  CHECK(ops >= 50);
}

TEST_CASE("tisa-as and tisa-dis work as a pipe and with -o") {
  tisa::test::TempDir dir("pipe");
  tisa::test::write_text(dir.file("m.txt"), kModule);
  const auto piped = run_command(fmt::format("{} < {} | {} -", kAs, dir.file("m.txt"), kDis));
  CHECK(piped.status == 0);
  CHECK(piped.output == canonical(kModule));

  const auto as = run_command(fmt::format("{} {} -o {}", kAs, dir.file("m.txt"), dir.file("out.bin")));
  REQUIRE(as.status == 0);
  const auto dis = run_command(fmt::format("{} {} -o {}", kDis, dir.file("out.bin"), dir.file("out.txt")));
  REQUIRE(dis.status == 0);
  CHECK(tisa::test::read_text(dir.file("out.txt")) == canonical(kModule));
}

TEST_CASE("tisa-as reports parse and verification errors as FILE:LINE:COLUMN on one line") {
  tisa::test::TempDir dir("asm_err");
  tisa::test::write_text(dir.file("undef.tisa.txt"), "tisa 1.0\ninput %x : f32[3]\n%y = neg %q\noutput %y\n");
  auto r = run_command(fmt::format("{} {}", kAs, dir.file("undef.tisa.txt")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, StartsWith("tisa-as: error: " + dir.file("undef.tisa.txt") + ":3:10: "));
  CHECK_THAT(r.output, Contains("%q"));
  CHECK_FALSE(std::filesystem::exists(dir.file("undef.tisa")));

  tisa::test::write_text(dir.file("bad.tisa.txt"),
                         "tisa 1.0\ninput %x : f32[3]\n%y = reshape %x {shape = [4]}\noutput %y\n");
  r = run_command(fmt::format("{} {}", kAs, dir.file("bad.tisa.txt")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, Contains("bad.tisa.txt:3:"));
  CHECK_THAT(r.output, Contains("reshape"));

  const std::vector<uint32_t> words = tisa::ir::encode(tisa::ir::parse(kModule));
  tisa::test::write_text(dir.file("already.tisa"),
                         std::string(reinterpret_cast<const char*>(words.data()), words.size() * 4));
  r = run_command(fmt::format("{} {}", kAs, dir.file("already.tisa")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("already.tisa: is already a binary module"));

  r = run_command(fmt::format("{} {} extra.txt", kAs, dir.file("bad.tisa.txt")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("more than one input file"));
  r = run_command(fmt::format("{} --frobnicate", kAs));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("unknown option '--frobnicate'"));
  r = run_command(fmt::format("{} {}", kAs, dir.file("missing.tisa.txt")));
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("missing.tisa.txt: cannot open"));
}

TEST_CASE("tisa-dis rejects text and broken binaries, and --no-verify prints an invalid module") {
  tisa::test::TempDir dir("dis_err");
  tisa::test::write_text(dir.file("m.tisa.txt"), kModule);
  auto r = run_command(fmt::format("{} {}", kDis, dir.file("m.tisa.txt")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, Contains("not a binary TISA module"));

  // A module that decodes but fails verification: reshape of 3 elements to 4.
  // (Built by hand: the parser and the builder already refuse it.)
  tisa::ir::Module invalid;
  invalid.inputs.push_back({"x", {TISA_DTYPE_F32, {tisa::ir::Expr::lit(3)}}});
  tisa::ir::Inst reshape;
  reshape.op = TISA_OP_RESHAPE;
  reshape.operands = {0};
  reshape.attrs = {tisa::ir::Attr::shape({tisa::ir::Expr::lit(4)})};
  invalid.insts.push_back(reshape);
  invalid.outputs = {1};
  const std::vector<uint32_t> words = tisa::ir::encode(invalid);
  tisa::test::write_text(dir.file("invalid.tisa"),
                         std::string(reinterpret_cast<const char*>(words.data()), words.size() * 4));
  r = run_command(fmt::format("{} {}", kDis, dir.file("invalid.tisa")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, Contains("reshape"));
  CHECK_THAT(r.output, Contains("--no-verify"));
  r = run_command(fmt::format("{} --no-verify {}", kDis, dir.file("invalid.tisa")));
  CHECK(r.status == 0);
  CHECK(r.output == tisa::ir::print(invalid));

  // Truncated: the codec names the word offset.
  tisa::test::write_text(dir.file("cut.tisa"), std::string(reinterpret_cast<const char*>(words.data()), 28));
  r = run_command(fmt::format("{} {}", kDis, dir.file("cut.tisa")));
  CHECK(r.status == 1);
  CHECK(tisa::test::one_line(r.output));
  CHECK_THAT(r.output, StartsWith("tisa-dis: error: " + dir.file("cut.tisa") + ": "));
  CHECK_THAT(r.output, Contains("word"));
}
