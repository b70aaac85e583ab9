// Accelerator descriptions: presets round-trip, and every kind of bad field is rejected with a
// message naming it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "hal/ir/error.hpp"

using namespace tisa;
using Catch::Matchers::Contains;

namespace {

nlohmann::json valid_description() {
  return nlohmann::json::parse(dsa::arch_to_json(dsa::preset("edge-16x16")));
}

// The message of the error parsing `doc`, or "" when it parses.
std::string rejection(const nlohmann::json& doc) {
  try {
    dsa::parse_arch(doc.dump(), "test.json");
  } catch (const Error& e) {
    CHECK(e.code() == TISA_INVALID_ARGUMENT);
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("presets are valid and round-trip through JSON", "[dsa][arch]") {
  REQUIRE(dsa::preset_names().size() == 3);
  for (const std::string& name : dsa::preset_names()) {
    const dsa::Arch a = dsa::preset(name);
    CHECK(a.name == name);
    CHECK_NOTHROW(dsa::validate_arch(a));
    const dsa::Arch again = dsa::parse_arch(dsa::arch_to_json(a));
    CHECK(dsa::arch_to_json(again) == dsa::arch_to_json(a));
  }
  const dsa::Arch s = dsa::preset("scalesim-32x32");
  CHECK(s.rows == 32);
  CHECK(s.cols == 32);
  CHECK(s.dataflow == dsa::Dataflow::OutputStationary);
  CHECK(dsa::preset("datacenter-128x128").cores == 4);
}

TEST_CASE("an unknown preset lists the presets", "[dsa][arch]") {
  CHECK_THROWS_WITH(dsa::preset("tpu"),
                    Contains("unknown accelerator preset 'tpu'") && Contains("scalesim-32x32"));
  CHECK_THROWS_WITH(dsa::load_arch("/nonexistent/arch.json"), Contains("/nonexistent/arch.json"));
}

TEST_CASE("a missing field is named", "[dsa][arch]") {
  nlohmann::json doc = valid_description();
  doc["array"].erase("cols");
  CHECK_THAT(rejection(doc), Contains("test.json: array.cols: missing"));
  doc = valid_description();
  doc.erase("energy_pj");
  CHECK_THAT(rejection(doc), Contains("energy_pj: missing"));
}

TEST_CASE("an unknown field is named, not ignored", "[dsa][arch]") {
  nlohmann::json doc = valid_description();
  doc["dma"]["bandwidth"] = 5;
  CHECK_THAT(rejection(doc), Contains("dma.bandwidth: unknown field"));
  doc = valid_description();
  doc["frequency"] = 1;
  CHECK_THAT(rejection(doc), Contains("frequency: unknown field"));
}

TEST_CASE("out-of-range and mistyped values are named with the value", "[dsa][arch]") {
  struct Case {
    const char* section;
    const char* key;
    nlohmann::json value;
    const char* expected;
  };
  const Case cases[] = {
      {"array", "rows", 0, "array.rows: must be an integer in [1, 4096], got 0"},
      {"array", "cols", -3, "array.cols: must be an integer in [1, 4096], got -3"},
      {"array", "rows", 2.5, "array.rows: must be an integer in [1, 4096], got 2.5"},
      {"array", "dataflow", "rs", "array.dataflow: must be \"os\", \"ws\" or \"is\", got \"rs\""},
      {"scratchpad", "bytes", 10, "scratchpad.bytes: must be an integer in [1024,"},
      {"scratchpad", "banks", 0, "scratchpad.banks: must be an integer in [1, 64], got 0"},
      {"accumulator", "bytes", "big", "accumulator.bytes: must be an integer"},
      {"vector", "lanes", 0, "vector.lanes: must be an integer in [1, 65536], got 0"},
      {"dma", "bytes_per_cycle", 0, "dma.bytes_per_cycle: must be a number in (0,"},
      {"dma", "dram_latency", -1, "dma.dram_latency: must be an integer"},
      {"energy_pj", "dram_byte", -2.0, "energy_pj.dram_byte: must be a number in [0,"},
  };
  for (const Case& c : cases) {
    nlohmann::json doc = valid_description();
    doc[c.section][c.key] = c.value;
    INFO(c.section << "." << c.key);
    CHECK_THAT(rejection(doc), Contains(c.expected));
  }
  nlohmann::json doc = valid_description();
  doc["cores"] = 0;
  CHECK_THAT(rejection(doc), Contains("cores: must be an integer in [1, 64], got 0"));
  doc = valid_description();
  doc["clock_ghz"] = "fast";
  CHECK_THAT(rejection(doc), Contains("clock_ghz: must be a number"));
  doc = valid_description();
  doc["name"] = "";
  CHECK_THAT(rejection(doc), Contains("name: must be a non-empty string"));
  doc = valid_description();
  doc["array"] = 7;
  CHECK_THAT(rejection(doc), Contains("array: must be a JSON object"));
}

TEST_CASE("text that is not JSON is rejected", "[dsa][arch]") {
  CHECK_THROWS_WITH(dsa::parse_arch("{\"name\": ", "broken.json"), Contains("broken.json: not valid JSON"));
}
