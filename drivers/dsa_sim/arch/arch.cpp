// Parsing and validation of accelerator descriptions. Every field is required and unknown
// fields are rejected: a typo must not silently fall back to a default.
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "hal/ir/error.hpp"

namespace tisa::dsa {
namespace {

using nlohmann::json;

constexpr uint64_t kMaxSramBytes = 1ull << 34;  // 16 GiB: beyond any on-chip SRAM

struct Reader {
  std::string_view origin;

  [[noreturn]] void bad(const std::string& field, const std::string& what) const {
    invalid("{}: {}: {}", origin, field, what);
  }

  const json& member(const json& object, const std::string& prefix, const char* key) const {
    const std::string field = prefix.empty() ? key : prefix + "." + key;
    auto it = object.find(key);
    if (it == object.end()) bad(field, "missing");
    return *it;
  }

  void only(const json& object, const std::string& prefix, std::initializer_list<const char*> keys) const {
    if (!object.is_object()) bad(prefix.empty() ? "(top level)" : prefix, "must be a JSON object");
    std::set<std::string> known(keys.begin(), keys.end());
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!known.count(it.key())) bad(prefix.empty() ? it.key() : prefix + "." + it.key(), "unknown field");
    }
  }

  uint64_t integer(const json& object, const std::string& prefix, const char* key, uint64_t lo,
                   uint64_t hi) const {
    const json& v = member(object, prefix, key);
    const std::string field = prefix.empty() ? key : prefix + "." + key;
    const std::string range = fmt::format("must be an integer in [{}, {}]", lo, hi);
    if (!v.is_number_integer()) bad(field, fmt::format("{}, got {}", range, v.dump()));
    if (v.is_number_unsigned()) {
      const uint64_t u = v.get<uint64_t>();
      if (u < lo || u > hi) bad(field, fmt::format("{}, got {}", range, u));
      return u;
    }
    const int64_t s = v.get<int64_t>();
    if (s < 0 || static_cast<uint64_t>(s) < lo || static_cast<uint64_t>(s) > hi) {
      bad(field, fmt::format("{}, got {}", range, s));
    }
    return static_cast<uint64_t>(s);
  }

  double number(const json& object, const std::string& prefix, const char* key, double lo, double hi,
                bool lo_open) const {
    const json& v = member(object, prefix, key);
    const std::string field = prefix.empty() ? key : prefix + "." + key;
    const std::string range = fmt::format("must be a number in {}{}, {}]", lo_open ? "(" : "[", lo, hi);
    if (!v.is_number()) bad(field, fmt::format("{}, got {}", range, v.dump()));
    const double d = v.get<double>();
    if (!std::isfinite(d) || d > hi || d < lo || (lo_open && d == lo)) {
      bad(field, fmt::format("{}, got {}", range, v.dump()));
    }
    return d;
  }
};

Dataflow parse_dataflow(const Reader& r, const json& array) {
  const json& v = r.member(array, "array", "dataflow");
  const std::string got = v.is_string() ? v.get<std::string>() : v.dump();
  if (got == "os") return Dataflow::OutputStationary;
  if (got == "ws") return Dataflow::WeightStationary;
  if (got == "is") return Dataflow::InputStationary;
  r.bad("array.dataflow", fmt::format("must be \"os\", \"ws\" or \"is\", got {}", v.dump()));
}

}  // namespace

std::string_view dataflow_name(Dataflow dataflow) {
  switch (dataflow) {
    case Dataflow::OutputStationary: return "os";
    case Dataflow::WeightStationary: return "ws";
    case Dataflow::InputStationary: return "is";
  }
  return "?";
}

Arch parse_arch(std::string_view json_text, std::string_view origin) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    invalid("{}: not valid JSON: {}", origin, e.what());
  }
  const Reader r{origin};
  r.only(doc, "",
         {"name", "cores", "array", "scratchpad", "accumulator", "vector", "dma", "clock_ghz", "energy_pj"});
  Arch a;
  const json& name = r.member(doc, "", "name");
  if (!name.is_string() || name.get<std::string>().empty()) r.bad("name", "must be a non-empty string");
  a.name = name.get<std::string>();
  a.cores = static_cast<uint32_t>(r.integer(doc, "", "cores", 1, 64));

  const json& array = r.member(doc, "", "array");
  r.only(array, "array", {"rows", "cols", "dataflow"});
  a.rows = static_cast<uint32_t>(r.integer(array, "array", "rows", 1, 4096));
  a.cols = static_cast<uint32_t>(r.integer(array, "array", "cols", 1, 4096));
  a.dataflow = parse_dataflow(r, array);

  const json& spad = r.member(doc, "", "scratchpad");
  r.only(spad, "scratchpad", {"bytes", "banks"});
  a.scratchpad_bytes = r.integer(spad, "scratchpad", "bytes", 1024, kMaxSramBytes);
  a.scratchpad_banks = static_cast<uint32_t>(r.integer(spad, "scratchpad", "banks", 1, 64));

  const json& acc = r.member(doc, "", "accumulator");
  r.only(acc, "accumulator", {"bytes", "banks"});
  a.accumulator_bytes = r.integer(acc, "accumulator", "bytes", 256, kMaxSramBytes);
  a.accumulator_banks = static_cast<uint32_t>(r.integer(acc, "accumulator", "banks", 1, 64));

  const json& vec = r.member(doc, "", "vector");
  r.only(vec, "vector", {"lanes", "latency"});
  a.vector_lanes = static_cast<uint32_t>(r.integer(vec, "vector", "lanes", 1, 65536));
  a.vector_latency = static_cast<uint32_t>(r.integer(vec, "vector", "latency", 0, 1000000));

  const json& dma = r.member(doc, "", "dma");
  r.only(dma, "dma", {"bytes_per_cycle", "dram_latency"});
  a.dma_bytes_per_cycle = r.number(dma, "dma", "bytes_per_cycle", 0, 1e9, true);
  a.dram_latency = static_cast<uint32_t>(r.integer(dma, "dma", "dram_latency", 0, 10000000));

  a.clock_ghz = r.number(doc, "", "clock_ghz", 0, 100, true);

  const json& e = r.member(doc, "", "energy_pj");
  r.only(e, "energy_pj", {"mac", "sram_read_byte", "sram_write_byte", "dram_byte", "vector_op"});
  a.energy.mac_pj = r.number(e, "energy_pj", "mac", 0, 1e6, false);
  a.energy.sram_read_byte_pj = r.number(e, "energy_pj", "sram_read_byte", 0, 1e6, false);
  a.energy.sram_write_byte_pj = r.number(e, "energy_pj", "sram_write_byte", 0, 1e6, false);
  a.energy.dram_byte_pj = r.number(e, "energy_pj", "dram_byte", 0, 1e6, false);
  a.energy.vector_op_pj = r.number(e, "energy_pj", "vector_op", 0, 1e6, false);
  return a;
}

void validate_arch(const Arch& a) {
  // The same checks as parsing, through the JSON form: one set of rules for files and presets.
  parse_arch(arch_to_json(a), a.name.empty() ? std::string_view("accelerator") : std::string_view(a.name));
}

std::string arch_to_json(const Arch& a) {
  json doc = {
      {"name", a.name},
      {"cores", a.cores},
      {"array", {{"rows", a.rows}, {"cols", a.cols}, {"dataflow", std::string(dataflow_name(a.dataflow))}}},
      {"scratchpad", {{"bytes", a.scratchpad_bytes}, {"banks", a.scratchpad_banks}}},
      {"accumulator", {{"bytes", a.accumulator_bytes}, {"banks", a.accumulator_banks}}},
      {"vector", {{"lanes", a.vector_lanes}, {"latency", a.vector_latency}}},
      {"dma", {{"bytes_per_cycle", a.dma_bytes_per_cycle}, {"dram_latency", a.dram_latency}}},
      {"clock_ghz", a.clock_ghz},
      {"energy_pj",
       {{"mac", a.energy.mac_pj},
        {"sram_read_byte", a.energy.sram_read_byte_pj},
        {"sram_write_byte", a.energy.sram_write_byte_pj},
        {"dram_byte", a.energy.dram_byte_pj},
        {"vector_op", a.energy.vector_op_pj}}},
  };
  return doc.dump(2);
}

Arch load_arch(const std::string& name_or_path) {
  if (is_preset(name_or_path)) return preset(name_or_path);
  std::ifstream file(name_or_path);
  if (!file) {
    invalid("'{}' is neither an accelerator preset ({}) nor a readable description file", name_or_path,
            "edge-16x16, scalesim-32x32, datacenter-128x128");
  }
  std::stringstream text;
  text << file.rdbuf();
  return parse_arch(text.str(), name_or_path);
}

}  // namespace tisa::dsa
