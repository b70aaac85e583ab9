// The dsa_sim driver through libtisa: device info, a launch with exact values, the per-launch
// report and trace the environment asks for, and a bad accelerator description.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tisa/tisa.hpp"

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

const char* kMatmul = R"(tisa 1.0
input %a : f32[64, 64]
input %b : f32[64, 64]
%c = matmul %a, %b {acc = f32} : f32[64, 64]
output %c
)";

}  // namespace

TEST_CASE("the dsa_sim driver runs a GEMM exactly and reports its cycles", "[dsa][driver]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "tisa_dsa_driver_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ::setenv("TISA_DSA_REPORT", (dir / "report.jsonl").c_str(), 1);
  ::setenv("TISA_DSA_TRACE", (dir / "trace.json").c_str(), 1);
  ::unsetenv("TISA_DSA_ARCH");
  {
    auto instance = tisa::Instance::create(TISA_TEST_DSA_MANIFEST);
    REQUIRE(instance.device_count() == 1);
    const tisa::Device device = instance.find_device("dsa_sim");
    const tisa_device_info_t info = device.info();
    CHECK(info.kind == TISA_DEVICE_KIND_SIMULATOR);
    CHECK(std::string(info.name).find("scalesim-32x32") != std::string::npos);
    CHECK(info.extensions == 0);
    CHECK(device.supports(TISA_OP_MATMUL, TISA_DTYPE_F32));
    CHECK_FALSE(device.supports(TISA_OP_ADD, TISA_DTYPE_F16));

    auto module = tisa::Module::load(std::string(kMatmul));
    auto exe = tisa::Executable::create(device, module, TISA_OPT_O0);
    // a = 1 everywhere, b[k][j] = j: c[i][j] = 64 j.
    std::vector<float> a(64 * 64, 1.0f), b(64 * 64);
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<float>(i % 64);
    auto ab = tisa::Buffer::create(device, a.size() * 4);
    auto bb = tisa::Buffer::create(device, b.size() * 4);
    auto cb = tisa::Buffer::create(device, a.size() * 4, TISA_BUFFER_FLAG_HOST_VISIBLE);
    ab.write(a);
    bb.write(b);
    const tisa_tensor_type_t type = tisa::tensor_type(TISA_DTYPE_F32, {64, 64});
    exe.launch({tisa::tensor(ab, type), tisa::tensor(bb, type)}, {tisa::tensor(cb, type)});
    const std::vector<float> c = cb.read<float>(64 * 64);
    CHECK(c[0] == 0.0f);
    CHECK(c[64 * 5 + 7] == 64.0f * 7);
    exe.launch({tisa::tensor(ab, type), tisa::tensor(bb, type)}, {tisa::tensor(cb, type)});
  }
  ::unsetenv("TISA_DSA_REPORT");
  ::unsetenv("TISA_DSA_TRACE");
  // One report line per launch; the 64^3 tile takes SCALE-Sim's 503 array cycles.
  std::istringstream lines(slurp(dir / "report.jsonl"));
  std::string line;
  int launches = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json report = nlohmann::json::parse(line);
    CHECK(report["accelerator"] == "scalesim-32x32");
    CHECK(report["array"]["macs"] == 64 * 64 * 64);
    // Tiled to overlap loads with compute, the array takes more than the untiled 503 cycles;
    // the DMA of 48 KiB adds to that.
    CHECK(report["array"]["cycles"].get<uint64_t>() >= 503);
    CHECK(report["total_cycles"].get<uint64_t>() > report["array"]["cycles"].get<uint64_t>());
    ++launches;
  }
  CHECK(launches == 2);
  const nlohmann::json trace = nlohmann::json::parse(slurp(dir / "trace.json"));
  CHECK(trace["traceEvents"].size() > 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("TISA_DSA_SCALESIM=1 gives SCALE-Sim's cycles through the driver", "[dsa][driver]") {
  const std::filesystem::path report = std::filesystem::temp_directory_path() / "tisa_dsa_scalesim.jsonl";
  std::filesystem::remove(report);
  ::setenv("TISA_DSA_SCALESIM", "1", 1);
  ::setenv("TISA_DSA_REPORT", report.c_str(), 1);
  ::setenv("TISA_DSA_ARCH", "scalesim-32x32", 1);
  {
    auto instance = tisa::Instance::create(TISA_TEST_DSA_MANIFEST);
    const tisa::Device device = instance.find_device("dsa_sim");
    auto exe = tisa::Executable::create(device, tisa::Module::load(std::string(kMatmul)), TISA_OPT_O0);
    auto ab = tisa::Buffer::create(device, 64 * 64 * 4);
    auto cb = tisa::Buffer::create(device, 64 * 64 * 4);
    const tisa_tensor_type_t type = tisa::tensor_type(TISA_DTYPE_F32, {64, 64});
    exe.launch({tisa::tensor(ab, type), tisa::tensor(ab, type)}, {tisa::tensor(cb, type)});
  }
  ::unsetenv("TISA_DSA_SCALESIM");
  ::unsetenv("TISA_DSA_REPORT");
  ::unsetenv("TISA_DSA_ARCH");
  const nlohmann::json r = nlohmann::json::parse(slurp(report));
  CHECK(r["array"]["cycles"] == 503);  // ceil(64/32)^2 folds x (64 + 32 + 32 - 2) - 1
  CHECK(r["total_cycles"] == 503);
  std::filesystem::remove(report);
}

TEST_CASE("a bad accelerator description keeps the driver out, saying why", "[dsa][driver]") {
  ::setenv("TISA_DSA_ARCH", "no-such-accelerator", 1);
  auto instance = tisa::Instance::create(TISA_TEST_DSA_MANIFEST);
  ::unsetenv("TISA_DSA_ARCH");
  CHECK(instance.device_count() == 0);
  bool explained = false;
  for (const tisa_driver_report_t& r : instance.driver_reports()) {
    explained = explained || std::string(r.reason).find("no-such-accelerator") != std::string::npos;
  }
  CHECK(explained);
}
