// Fused elementwise kernels on the Vulkan device against the same programs unfused: random
// chains over every dtype (wrapping integers, saturating casts, compares, selects, f32 ops in
// double, fills inlined as literals, broadcast and transposed inputs), run at O2 (fused) and O0
// (one kernel per op). Float results are `precise` in the op library, so the two must agree
// bit for bit; the chain's last value and a middle one are outputs, so stored intermediates are
// checked too.
#include <catch2/catch.hpp>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "hal/ir/registry.hpp"
#include "tisa/tisa.hpp"

namespace {

const char* const kDtypes[] = {"bool", "i8", "u8", "i32", "i64", "f32"};

struct Program {
  std::string text;
  std::vector<std::string> input_dtypes;  // x0: [R, W]; b0: [1, W] broadcast; t0: [W, R] transposed
};

// A random program of `ops` elementwise instructions. Values of each dtype are tracked so every
// operand has the right dtype; missing ones are made by a cast or a fill.
Program random_program(const tisa::Device& device, std::mt19937_64& rng, int ops) {
  std::vector<std::vector<std::string>> values(6);  // by dtype index
  Program p;
  p.text = "tisa 1.1\nsymbol R\n";
  std::string body;
  int next = 0;
  auto fresh = [&] { return "%v" + std::to_string(next++); };
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  // An operand of dtype index d: mostly the newest value, so the ops form chains.
  auto operand = [&](size_t d) { return rng() % 4 ? values[d].back() : values[d][pick(values[d].size())]; };
  const std::string shape = "[R, 5]";
  // Inputs: one per dtype, plus a broadcast f32 row and a transposed i32.
  for (size_t d = 0; d < 6; ++d) {
    const std::string name = "%x" + std::to_string(d);
    p.text += "input " + name + " : " + kDtypes[d] + shape + "\n";
    p.input_dtypes.push_back(kDtypes[d]);
    values[d].push_back(name);
  }
  p.text += "input %row : f32[1, 5]\ninput %tr : i32[5, R]\n";
  body += "%brow = broadcast %row {shape = [R, 5]} : f32" + shape + "\n";
  body += "%ttr = transpose %tr {perm = [1, 0]} : i32" + shape + "\n";
  values[5].push_back("%brow");
  values[3].push_back("%ttr");
  std::vector<const tisa::ir::OpInfo*> candidates;
  for (const tisa::ir::OpInfo& op : tisa::ir::all_ops()) {
    if (op.group == TISA_GROUP_UNARY || op.group == TISA_GROUP_BINARY) candidates.push_back(&op);
  }
  std::string last, middle;
  size_t d = 5;
  for (int i = 0; i < ops; ++i) {
    if (rng() % 3 == 0) d = pick(6);  // mostly stay on one dtype, so the ops form chains
    const std::string dt = kDtypes[d];
    const std::string v = fresh();
    const int kind = static_cast<int>(pick(10));
    if (kind == 0) {  // a cast from another dtype
      const size_t s = pick(6);
      if (s == d) continue;
      body += v + " = cast " + operand(s) + " {dtype = " + dt + "} : " + dt + shape + "\n";
    } else if (kind == 1) {  // a select
      body += v + " = select " + operand(0) + ", " + operand(d) + ", " + values[d][pick(values[d].size())] +
              " : " + dt + shape + "\n";
    } else if (kind == 2) {  // a fill, read later as a literal
      const std::string value = dt == "f32" ? "-1.5" : dt == "bool" ? "true" : "3";
      body +=
          v + " = fill {shape = [R, 5], value = " + value + ", dtype = " + dt + "} : " + dt + shape + "\n";
    } else {
      const tisa::ir::OpInfo* op = candidates[pick(candidates.size())];
      const tisa_dtype_t code = tisa::ir::find_dtype(dt)->dtype;
      if (!device.supports(op->opcode, code)) continue;
      const bool compare = std::string(op->name) == "eq" || std::string(op->name) == "ne" ||
                           std::string(op->name) == "lt" || std::string(op->name) == "le";
      std::string operands = operand(d);
      if (op->group == TISA_GROUP_BINARY) operands += ", " + values[d][pick(values[d].size())];
      const std::string out = compare ? "bool" : dt;
      body += v + " = " + std::string(op->name) + " " + operands + " : " + out + shape + "\n";
      values[compare ? 0 : d].push_back(v);
      if (i == ops / 2) middle = v;
      last = v;
      continue;
    }
    values[d].push_back(v);
    if (i == ops / 2) middle = v;
    last = v;
  }
  if (last.empty()) last = "%brow";  // every op drawn was skipped
  if (middle.empty()) middle = last;
  p.text += body + "output " + last + ", " + middle + "\n";
  return p;
}

// Random bytes, with f32 values drawn from a small range plus specials, so chains stay finite
// often enough to mean something.
std::vector<uint8_t> random_bytes(const std::string& dtype, int64_t count, std::mt19937_64& rng) {
  const size_t size = tisa::ir::find_dtype(dtype)->bits / 8;
  std::vector<uint8_t> bytes(count * size);
  for (int64_t i = 0; i < count; ++i) {
    uint64_t bits = rng();
    if (dtype == "bool") bits &= 1;
    if (dtype == "f32") {
      const float specials[] = {0.0f, -0.0f, 1.0f / 0.0f, 0.5f, -2.0f};
      float f = i % 7 == 0 ? specials[bits % 5] : std::uniform_real_distribution<float>(-4, 4)(rng);
      std::memcpy(&bits, &f, 4);
    }
    std::memcpy(bytes.data() + i * size, &bits, size);
  }
  return bytes;
}

// Input `index` with the symbol R bound to rows (symbolic dims read as negative).
tisa_tensor_type_t input_type(const tisa::Module& m, uint32_t index, int64_t rows) {
  tisa_tensor_type_t t = m.input_type(index);
  for (uint32_t d = 0; d < t.rank; ++d) {
    if (t.dims[d] < 0) t.dims[d] = rows;
  }
  return t;
}

}  // namespace

constexpr int kTrials = 150;

TEST_CASE("fused chains give the unfused results bit for bit", "[vulkan][fusion]") {
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  const tisa::Device device = instance.find_device("vulkan");
  std::mt19937_64 rng(20261205);
  int fused_programs = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const Program p = random_program(device, rng, 4 + trial % 13);
    CAPTURE(trial, p.text);
    const tisa::Module module = tisa::Module::load(p.text);
    const tisa::Executable o0 = tisa::Executable::create(device, module, TISA_OPT_O0);
    const tisa::Executable o2 = tisa::Executable::create(device, module, TISA_OPT_O2);
    const int64_t rows = 33 + trial;
    std::vector<tisa::Buffer> buffers;
    std::vector<tisa_tensor_t> inputs;
    std::vector<tisa_tensor_type_t> input_types;
    for (uint32_t i = 0; i < module.input_count(); ++i) {
      const tisa_tensor_type_t t = input_type(module, i, rows);
      input_types.push_back(t);
      const std::string dtype(tisa::ir::find_dtype(t.dtype)->name);
      buffers.push_back(tisa::Buffer::create(device, tisa::byte_size(t)));
      buffers.back().write(random_bytes(dtype, static_cast<int64_t>(tisa::element_count(t)), rng));
      inputs.push_back(tisa::tensor(buffers.back(), t));
    }
    const std::vector<tisa_tensor_type_t> output_types = module.infer_outputs(input_types);
    std::vector<std::vector<uint8_t>> results[2];
    for (int level = 0; level < 2; ++level) {
      std::vector<tisa::Buffer> outs;
      std::vector<tisa_tensor_t> tensors;
      for (uint32_t k = 0; k < module.output_count(); ++k) {
        const tisa_tensor_type_t& t = output_types[k];
        outs.push_back(tisa::Buffer::create(device, tisa::byte_size(t)));
        tensors.push_back(tisa::tensor(outs.back(), t));
      }
      (level ? o2 : o0).launch(inputs, tensors);
      for (uint32_t k = 0; k < module.output_count(); ++k) {
        results[level].push_back(outs[k].read<uint8_t>(tisa::byte_size(tensors[k].type)));
      }
    }
    for (uint32_t k = 0; k < module.output_count(); ++k) {
      const tisa_tensor_type_t& t = output_types[k];
      if (t.dtype != TISA_DTYPE_F32) {
        CHECK(results[0][k] == results[1][k]);
        continue;
      }
      // f32: the same bits, any NaN matching any NaN.
      const auto& a = results[0][k];
      const auto& b = results[1][k];
      size_t wrong = 0;
      for (size_t i = 0; i + 4 <= a.size(); i += 4) {
        float x, y;
        std::memcpy(&x, a.data() + i, 4);
        std::memcpy(&y, b.data() + i, 4);
        if (!(std::memcmp(&x, &y, 4) == 0 || (x != x && y != y))) ++wrong;
      }
      CHECK(wrong == 0);
    }
    fused_programs += 1;
  }
  CHECK(fused_programs == kTrials);
}
