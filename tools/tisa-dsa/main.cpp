// tisa-dsa: runs a module (text or binary) or a GEMM on simulated accelerators and prints each
// launch report; with several --arch it adds a side-by-side summary.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "drivers/dsa_sim/model/lower.hpp"
#include "drivers/dsa_sim/report/trace.hpp"
#include "drivers/dsa_sim/sim/launch_model.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "tools/common/file_io.hpp"
#include "tools/tisa-dsa/inputs.hpp"
#include "tools/tisa-dsa/options.hpp"

namespace tisa::tools::dsa {
namespace {

using namespace tisa::dsa;

ir::Module load_module(const std::string& path) {
  const std::vector<uint8_t> bytes = read_all(path);
  const bool binary =
      bytes.size() >= 4 && bytes[0] == 'T' && bytes[1] == 'I' && bytes[2] == 'S' && bytes[3] == 'A';
  ir::Module m = binary ? ir::decode_bytes(bytes) : ir::parse(std::string(bytes.begin(), bytes.end()));
  ir::verify(m);
  return m;
}

void write_text(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream file(path);
  if (!file) invalid("cannot write '{}'", path);
  file << text;
}

std::string summary(const std::vector<Report>& reports) {
  std::string out = fmt::format("{:<22}{:>14}{:>12}{:>10}{:>10}{:>14}{:>12}\n", "accelerator", "cycles",
                                "time us", "mapping", "util", "DRAM bytes", "energy uJ");
  for (const Report& r : reports) {
    out +=
        fmt::format("{:<22}{:>14}{:>12.2f}{:>9.1f}%{:>9.1f}%{:>14}{:>12.3f}\n", r.arch_name, r.total_cycles,
                    r.seconds() * 1e6, 100 * r.mapping_efficiency, 100 * r.overall_utilization,
                    r.dram_read_bytes + r.dram_write_bytes, r.energy_total_pj() * 1e-6);
  }
  return out;
}

int run(const Options& o) {
  if (o.help) {
    std::fputs(usage(), stdout);
    return 0;
  }
  if (o.list_presets) {
    nlohmann::json all = nlohmann::json::array();
    for (const std::string& name : preset_names())
      all.push_back(nlohmann::json::parse(arch_to_json(preset(name))));
    std::printf("%s\n", all.dump(2).c_str());
    return 0;
  }
  ir::Module module;
  std::vector<ref::HostTensor> inputs;
  if (o.gemm_m == 0) {
    module = load_module(o.module_path);
    inputs = make_inputs(module, o.dims);
  }
  const TimingOptions timing{.unlimited_bandwidth = o.unlimited_bandwidth};
  std::vector<Report> reports;
  for (size_t a = 0; a < o.arches.size(); ++a) {
    const Arch arch = load_arch(o.arches[a]);
    LaunchResult result;
    if (o.gemm_m) {
      result.program = lower_gemm(arch, 1, o.gemm_m, o.gemm_n, o.gemm_k, 4, 4,
                                  LowerOptions{.whole_gemms = o.unlimited_bandwidth});
      result.timeline = simulate(arch, result.program, timing);
    } else {
      result = run_launch(arch, module, inputs, timing);
    }
    if (a == 0 && !o.trace_path.empty())
      write_text(o.trace_path, chrome_trace(arch, result.program, result.timeline));
    if (a == 0 && !o.commands_path.empty()) write_text(o.commands_path, dump_program(result.program));
    std::printf("%s%s", a ? "\n" : "", report_table(result.timeline.report).c_str());
    reports.push_back(result.timeline.report);
  }
  if (reports.size() > 1) std::printf("\n%s", summary(reports).c_str());
  if (!o.json_path.empty()) {
    nlohmann::json doc = nlohmann::json::array();
    for (const Report& r : reports) doc.push_back(nlohmann::json::parse(report_json(r)));
    write_text(o.json_path, (reports.size() == 1 ? doc[0] : doc).dump(2) + "\n");
  }
  return 0;
}

}  // namespace
}  // namespace tisa::tools::dsa

int main(int argc, char** argv) {
  try {
    return tisa::tools::dsa::run(tisa::tools::dsa::parse_options(argc, argv));
  } catch (const tisa::Error& e) {
    std::fprintf(stderr, "tisa-dsa: %s\n", e.message().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tisa-dsa: %s\n", e.what());
    return 1;
  }
}
