// tisa_npy: round trips for every dtype numpy and TISA share, byte equality with numpy.save,
// and hostile files that must give a clear error (never a crash or a huge allocation).
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "tools/common/npy.hpp"

using tisa::npy::Array;
using namespace std::string_view_literals;

namespace {

std::vector<uint8_t> bytes_of(std::string_view s) {
  return {s.begin(), s.end()};
}

// A .npy file with the given version and header text (padded like numpy), then data bytes.
std::vector<uint8_t> npy_file(std::string header, std::vector<uint8_t> data = {}, int major = 1) {
  const size_t preamble = major == 1 ? 10 : 12;
  header += ' ';
  while ((preamble + header.size()) % 64 != 0) header += ' ';
  header.back() = '\n';
  std::vector<uint8_t> out = bytes_of("\x93NUMPY"sv);
  out.push_back(static_cast<uint8_t>(major));
  out.push_back(0);
  for (size_t i = 0; i < preamble - 8; ++i) out.push_back(static_cast<uint8_t>(header.size() >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::string dict(std::string_view descr, std::string_view shape, std::string_view order = "False") {
  return fmt::format("{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}", descr, order, shape);
}

std::string parse_error(const std::vector<uint8_t>& bytes) {
  try {
    tisa::npy::parse(bytes);
  } catch (const tisa::Error& e) {
    CHECK(e.code() == TISA_INVALID_ARGUMENT);
    return e.message();
  }
  FAIL("parse accepted a bad file");
  return "";
}

}  // namespace

TEST_CASE("npy descr names map through the registry") {
  CHECK(tisa::npy::descr_of(TISA_DTYPE_F32) == "<f4");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_F64) == "<f8");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_F16) == "<f2");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_I32) == "<i4");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_I64) == "<i8");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_I8) == "|i1");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_U8) == "|u1");
  CHECK(tisa::npy::descr_of(TISA_DTYPE_BOOL) == "|b1");
  // numpy has no bf16 and TISA no u16: "<u2" carries bf16 bits, both ways.
  CHECK(tisa::npy::descr_of(TISA_DTYPE_BF16) == "<u2");
  CHECK(tisa::npy::dtype_of("<u2") == TISA_DTYPE_BF16);
  CHECK(tisa::npy::dtype_of("<f2") == TISA_DTYPE_F16);
  CHECK(tisa::npy::dtype_of("<f8") == TISA_DTYPE_F64);
  CHECK_FALSE(tisa::npy::dtype_of(">u2").has_value());
  CHECK_FALSE(tisa::npy::dtype_of("<i2").has_value());
  CHECK(tisa::npy::dtype_of("=f4") == TISA_DTYPE_F32);
  CHECK(tisa::npy::dtype_of(">u1") == TISA_DTYPE_U8);  // byte order is moot for one byte
  CHECK_FALSE(tisa::npy::dtype_of(">f4").has_value());
  CHECK_FALSE(tisa::npy::dtype_of("<u4").has_value());
  CHECK_FALSE(tisa::npy::dtype_of("<c8").has_value());
  CHECK_FALSE(tisa::npy::dtype_of("<f16").has_value());
  CHECK_FALSE(tisa::npy::dtype_of("<b2").has_value());
}

TEST_CASE("npy round trip of every shared dtype, rank 0 to 8 and empty") {
  int tested = 0;
  for (const auto& info : tisa::ir::all_dtypes()) {
    if (!tisa::npy::descr_of(info.dtype)) continue;
    for (std::vector<int64_t> shape :
         std::vector<std::vector<int64_t>>{{}, {3}, {2, 3}, {0}, {4, 0, 2}, {1, 2, 1, 2, 1, 2, 1, 2}}) {
      Array a;
      a.dtype = info.dtype;
      a.shape = shape;
      a.data.resize(a.element_count() * tisa::ir::dtype_size(info.dtype));
      for (size_t i = 0; i < a.data.size(); ++i)
        a.data[i] = info.dtype == TISA_DTYPE_BOOL ? i % 2 : static_cast<uint8_t>(i * 37 + 11);
      const std::vector<uint8_t> file = tisa::npy::serialize(a);
      CHECK(file[6] == 1);                                // format 1.0
      CHECK((file[8] + 10u + file[9] * 256u) % 64 == 0);  // data aligned like numpy's
      const Array b = tisa::npy::parse(file);
      CHECK(b.dtype == a.dtype);
      CHECK(b.shape == a.shape);
      CHECK(b.data == a.data);
      ++tested;
    }
  }
  CHECK(tested == 9 * 6);  // every registry dtype, bf16 as its bits
}

TEST_CASE("npy serialize is byte-identical to numpy.save") {
  // numpy.save(f, numpy.arange(3, dtype='<i4')) with numpy 1.24.
  std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }";
  header += std::string(117 - header.size(), ' ') + "\n";
  std::vector<uint8_t> expected = bytes_of("\x93NUMPY\x01\x00"sv);
  expected.push_back(118);
  expected.push_back(0);
  expected.insert(expected.end(), header.begin(), header.end());
  for (uint8_t v : {0, 1, 2}) expected.insert(expected.end(), {v, 0, 0, 0});

  Array a{TISA_DTYPE_I32, {3}, {0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0}};
  CHECK(tisa::npy::serialize(a) == expected);

  Array scalar{TISA_DTYPE_F32, {}, {0, 0, 0xc0, 0x3f}};
  const std::vector<uint8_t> s = tisa::npy::serialize(scalar);
  CHECK(s.size() == 132);
  const std::string_view dict0 = "{'descr': '<f4', 'fortran_order': False, 'shape': (), } ";
  CHECK(std::string(s.begin() + 10, s.begin() + 10 + static_cast<long>(dict0.size())) == dict0);
}

TEST_CASE("npy f16, f64 and bf16 files are numpy's, element for element") {
  // numpy 1.24: numpy.save(f, numpy.array([1.0, 65504.0, -numpy.inf], dtype='<f2')) ends in
  // 003cff7b00fc, numpy.array([0.1], dtype='<f8') in 9a9999999999b93f, and the bf16 bits of
  // [1.0, -inf] saved as numpy.array([0x3f80, 0xff80], dtype='<u2') in 803f80ff.
  const auto numpy_file = [](std::string_view descr, std::string_view shape,
                             const std::vector<uint8_t>& data) {
    std::string header = dict(descr, shape);
    header += std::string(117 - header.size(), ' ') + "\n";
    const std::string file = std::string("\x93NUMPY\x01\x00v\x00", 10) + header +
                             std::string(reinterpret_cast<const char*>(data.data()), data.size());
    return bytes_of(file);
  };
  const Array half{TISA_DTYPE_F16, {3}, {0x00, 0x3c, 0xff, 0x7b, 0x00, 0xfc}};
  const Array wide{TISA_DTYPE_F64, {1}, {0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f}};
  const Array brain{TISA_DTYPE_BF16, {2}, {0x80, 0x3f, 0x80, 0xff}};
  for (const auto& [array, descr] : {std::pair{half, "<f2"sv}, {wide, "<f8"sv}, {brain, "<u2"sv}}) {
    INFO(descr);
    const std::string shape = fmt::format("({},)", array.shape[0]);
    CHECK(tisa::npy::serialize(array) == numpy_file(descr, shape, array.data));
    const Array back = tisa::npy::parse(numpy_file(descr, shape, array.data));
    CHECK(back.dtype == array.dtype);
    CHECK(back.data == array.data);
  }
}

TEST_CASE("npy reads format 2.0 and 3.0, double quotes and no trailing comma") {
  const std::vector<uint8_t> data{1, 0, 2, 0, 3, 0, 4, 0};
  for (int major : {2, 3}) {
    const Array a = tisa::npy::parse(
        npy_file("{\"shape\": (2, 2), \"fortran_order\": False, \"descr\": \"|i1\"}", {1, 0, 2, 0}, major));
    CHECK(a.dtype == TISA_DTYPE_I8);
    CHECK(a.shape == std::vector<int64_t>{2, 2});
    CHECK(a.data == std::vector<uint8_t>{1, 0, 2, 0});
  }
  const Array b = tisa::npy::parse(npy_file(dict("<i8", "(1,)"), {7, 0, 0, 0, 0, 0, 0, 0}));
  CHECK(b.dtype == TISA_DTYPE_I64);
  CHECK(b.data.size() == 8);
  (void)data;
}

TEST_CASE("npy rejects hostile and unsupported files with a clear message") {
  using Catch::Matchers::Contains;
  const std::vector<uint8_t> four(4, 0);
  CHECK_THAT(parse_error({}), Contains("magic"));
  CHECK_THAT(parse_error(bytes_of("\x93NUMPX\x01\x00\x10\x00"sv)), Contains("magic"));
  CHECK_THAT(parse_error(bytes_of("\x93NUMPY\x04\x00\x10\x00"sv)), Contains("version 4.0"));
  CHECK_THAT(parse_error(bytes_of("\x93NUMPY\x01\x00\x10"sv)), Contains("header length"));
  CHECK_THAT(parse_error(bytes_of("\x93NUMPY\x02\x00\xff\xff\xff\xff{"sv)), Contains("runs past the end"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(2, 3)", "True"), std::vector<uint8_t>(24))),
             Contains("Fortran-order"));
  CHECK_THAT(parse_error(npy_file(dict(">f4", "(1,)"), four)), Contains("unsupported .npy dtype '>f4'"));
  CHECK_THAT(parse_error(npy_file(dict("<u4", "(1,)"), four)), Contains("supported: "));
  CHECK_THAT(
      parse_error(npy_file("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", four)),
      Contains("structured"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(-1,)"))), Contains("negative"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(99999999999,)"))), Contains("exceeds"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(1, 1, 1, 1, 1, 1, 1, 1, 1)"))),
             Contains("more than 8 dimensions"));
  // 2^31-1 cubed would need exabytes: rejected from the header alone.
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(2147483647, 2147483647, 2147483647)"))),
             Contains("more than"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(2, 3)"), std::vector<uint8_t>(23))),
             Contains("data is 23 bytes but shape (2, 3) of <f4 needs 24"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(2, 3)"), std::vector<uint8_t>(25))),
             Contains("data is 25 bytes"));
  CHECK_THAT(parse_error(npy_file("{'descr': '<f4', 'shape': (1,)}", four)), Contains("no 'fortran_order'"));
  CHECK_THAT(parse_error(npy_file("{'descr': '<f4', 'descr': '<f4'}", four)), Contains("appears twice"));
  CHECK_THAT(parse_error(npy_file("{'descr': '<f4', 'colour': 1}", four)), Contains("unknown key 'colour'"));
  CHECK_THAT(parse_error(npy_file("{'descr': '<f4", four)), Contains("unterminated"));
  CHECK_THAT(parse_error(npy_file(dict("<f4", "(1,)") + " x", four)), Contains("after the header dict"));
  CHECK_THAT(parse_error(npy_file("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,)}", four)),
             Contains("True or False"));
  CHECK_THAT(parse_error(npy_file("{'descr': '<f4', 'fortran_order': False, 'shape': (1 2)}", four)),
             Contains("expected ')'"));
  CHECK_THAT(parse_error(npy_file("[]", four)), Contains("expected '{'"));
}

TEST_CASE("npy survives random corruption of a valid file") {
  Array a{TISA_DTYPE_F32, {2, 3}, std::vector<uint8_t>(24, 0x3f)};
  const std::vector<uint8_t> good = tisa::npy::serialize(a);
  std::mt19937 rng(1234);
  int rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bad = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) bad[rng() % 128] = static_cast<uint8_t>(rng());
    if (rng() % 4 == 0) bad.resize(rng() % bad.size());
    try {
      const Array b = tisa::npy::parse(bad);
      CHECK(b.data.size() == b.element_count() * tisa::ir::dtype_size(b.dtype));
    } catch (const tisa::Error& e) {
      CHECK(e.code() == TISA_INVALID_ARGUMENT);
      CHECK_FALSE(e.message().empty());
      ++rejected;
    }
  }
  CHECK(rejected > 1000);
}

TEST_CASE("npy files: errors name the path; bf16 cannot be written") {
  using Catch::Matchers::Contains;
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("tisa_npy_test_{}", ::getpid());
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "a.npy").string();

  Array a{TISA_DTYPE_U8, {2, 2}, {1, 2, 3, 4}};
  tisa::npy::write_file(path, a);
  const Array b = tisa::npy::read_file(path);
  CHECK(b.shape == a.shape);
  CHECK(b.data == a.data);

  try {
    tisa::npy::read_file((dir / "missing.npy").string());
    FAIL("read a missing file");
  } catch (const tisa::Error& e) {
    CHECK(e.code() == TISA_NOT_FOUND);
    CHECK_THAT(e.message(), Contains("missing.npy: cannot open"));
  }
  try {
    tisa::npy::write_file(path, Array{TISA_DTYPE_INVALID, {1}, {0, 0}});
    FAIL("wrote an invalid dtype");
  } catch (const tisa::Error& e) {
    CHECK_THAT(e.message(), Contains("has no .npy equivalent"));
  }
  try {
    tisa::npy::write_file(path, Array{TISA_DTYPE_F32, {2}, {0, 0, 0}});
    FAIL("wrote inconsistent data");
  } catch (const tisa::Error& e) {
    CHECK_THAT(e.message(), Contains("3 bytes but its shape needs 8"));
  }
  CHECK_THROWS_WITH(tisa::npy::read_file(dir.string()), Contains("is a directory"));
  std::filesystem::remove_all(dir);
}
