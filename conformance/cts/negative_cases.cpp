#include "conformance/cts/negative_cases.hpp"

#include <cstring>

#include <fmt/format.h>

#include "conformance/cts/support.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"

namespace tisa::cts {
namespace {

using ir::Expr;

std::vector<uint8_t> bytes_of(const std::vector<uint32_t>& words) {
  std::vector<uint8_t> out(words.size() * 4);
  std::memcpy(out.data(), words.data(), out.size());
  return out;
}

// A small valid module: out = add(x, y) on f32[N, 4], N <= 16.
ir::Module add_module() {
  ir::Builder b;
  const Expr n = b.symbol("N", 16);
  const ir::Value x = b.input(TISA_DTYPE_F32, {n, Expr::lit(4)}, "x");
  const ir::Value y = b.input(TISA_DTYPE_F32, {n, Expr::lit(4)}, "y");
  b.output(b.add(x, y));
  return b.finish();
}

// Expects tisa_module_load to reject data with `expected` and a message.
Outcome expect_rejected(const std::vector<uint8_t>& data, tisa_module_format_t format,
                        tisa_status_code_t expected) {
  tisa_module_t module = nullptr;
  tisa_status_t s = tisa_module_load(data.data(), data.size(), format, &module);
  if (s == nullptr) {
    tisa_module_release(module);
    return {Status::Fail, "tisa_module_load accepted an invalid module"};
  }
  const tisa_status_code_t code = tisa_status_code(s);
  const std::string message = tisa_status_message(s);
  tisa_status_free(s);
  if (code != expected) {
    return {Status::Fail, fmt::format("rejected with {} instead of {}: {}", tisa_status_code_name(code),
                                      tisa_status_code_name(expected), message)};
  }
  if (message.empty()) return {Status::Fail, "rejected without a message"};
  return {Status::Pass, ""};
}

std::vector<uint8_t> text(std::string_view s) {
  return {s.begin(), s.end()};
}

// Module corruptions: name, data.
std::vector<std::pair<std::string, std::function<std::vector<uint8_t>()>>> module_corruptions() {
  const auto valid = [] { return bytes_of(ir::encode(add_module())); };
  const auto word_patch = [valid](size_t word, uint32_t value) {
    return [valid, word, value] {
      std::vector<uint8_t> b = valid();
      std::memcpy(b.data() + word * 4, &value, 4);
      return b;
    };
  };
  const auto invalid_module = [](auto mutate) {
    return [mutate] {
      ir::Module m = add_module();
      mutate(m);
      return bytes_of(ir::encode(m));
    };
  };
  return {
      {"empty", [] { return std::vector<uint8_t>{}; }},
      {"truncated.header",
       [valid] {
         auto b = valid();
         b.resize(12);
         return b;
       }},
      {"truncated.section",
       [valid] {
         auto b = valid();
         b.resize(b.size() - 8);
         return b;
       }},
      {"not_whole_words",
       [valid] {
         auto b = valid();
         b.push_back(0);
         return b;
       }},
      {"bad_magic", word_patch(0, 0xdeadbeefu)},
      {"future_major_version", word_patch(1, TISA_MAKE_VERSION(9, 0))},
      {"huge_section_count", word_patch(5, 0x7fffffffu)},
      {"garbage",
       [] {
         std::vector<uint8_t> b(4096);
         uint64_t x = 12345;
         for (uint8_t& c : b)
           c = static_cast<uint8_t>((x = x * 6364136223846793005ull + 1442695040888963407ull) >> 56);
         std::memcpy(b.data(), "TISA", 4);
         return b;
       }},
      {"text.syntax", [] { return text("tisa 1.0\ninput %x : f32[4]\n%1 = add %x, : f32[4]\noutput %1\n"); }},
      {"text.undefined_value",
       [] { return text("tisa 1.0\ninput %x : f32[4]\n%1 = add %x, %7 : f32[4]\noutput %1\n"); }},
      {"text.unknown_op",
       [] { return text("tisa 1.0\ninput %x : f32[4]\n%1 = frobnicate %x : f32[4]\noutput %1\n"); }},
      {"text.wrong_result_type",
       [] { return text("tisa 1.0\ninput %x : f32[4]\n%1 = neg %x : i32[4]\noutput %1\n"); }},
      {"type_mismatch", invalid_module([](ir::Module& m) { m.inputs[1].type.dtype = TISA_DTYPE_I32; })},
      {"unknown_opcode",
       invalid_module([](ir::Module& m) { m.insts[0].op = static_cast<tisa_opcode_t>(0x3f); })},
      {"reserved_extension_opcode",
       invalid_module([](ir::Module& m) { m.insts[0].op = static_cast<tisa_opcode_t>(0x100); })},
      {"operand_out_of_range", invalid_module([](ir::Module& m) { m.insts[0].operands[1] = 99; })},
      {"output_out_of_range", invalid_module([](ir::Module& m) { m.outputs[0] = 42; })},
      {"rank_above_max",
       invalid_module([](ir::Module& m) { m.inputs[0].type.dims.assign(9, Expr::lit(1)); })},
      {"bad_reduce_axis", invalid_module([](ir::Module& m) {
         m.insts.push_back({TISA_OP_REDUCE_SUM, {2}, {ir::Attr::list({5}), ir::Attr::boolean(false)}, {}});
         m.outputs = {3};
       })},
      {"reshape_count", invalid_module([](ir::Module& m) {
         m.insts.push_back(
             {TISA_OP_RESHAPE, {2}, {ir::Attr::shape(ir::lits(std::vector<int64_t>{3, 5}))}, {}});
         m.outputs = {3};
         m.inputs[0].type.dims[0] = Expr::lit(2);
         m.inputs[1].type.dims[0] = Expr::lit(2);
         m.symbols.clear();
       })},
      {"missing_attribute", invalid_module([](ir::Module& m) {
         m.insts.push_back({TISA_OP_TRANSPOSE, {2}, {}, {}});
         m.outputs = {3};
       })},
      {"bool_constant_payload", invalid_module([](ir::Module& m) {
         m.constants.push_back({0, 1, 2, 1});
         m.insts.push_back({TISA_OP_CONSTANT,
                            {},
                            {ir::Attr::dtype(TISA_DTYPE_BOOL), ir::Attr::list({4}), ir::Attr::data(0)},
                            {}});
         m.outputs = {3};
       })},
      {"requires_unknown_extension", invalid_module([](ir::Module& m) { m.extensions = TISA_EXT_MASK(40); })},
  };
}

// Modules declaring TISA 1.0 that use what 1.1 added (an op, an enum value): invalid, as the
// declared version does not define them (spec 9.2). Cases of 1.1.
std::vector<std::pair<std::string, std::function<std::vector<uint8_t>()>>> version_corruptions() {
  return {
      {"text.op_above_version",
       [] {
         return text(
             "tisa 1.0\ninput %x : f32[4]\n"
             "%1 = cumsum %x {axis = 0, exclusive = false, reverse = false} : f32[4]\noutput %1\n");
       }},
      {"text.enum_value_above_version",
       [] {
         return text(
             "tisa 1.0\ninput %d : f32[4]\ninput %i : i32[2]\ninput %u : f32[2]\n"
             "%3 = scatter %d, %i, %u {axis = 0, mode = mul} : f32[4]\noutput %3\n");
       }},
  };
}

// A launch of add_module with one argument broken; expects INVALID_ARGUMENT and a message.
struct LaunchArgs {
  std::vector<tisa_tensor_t> inputs, outputs;
};

Outcome launch_case(const Target& t,
                    const std::function<void(LaunchArgs&, std::vector<tisa_buffer_t>&)>& breaker) {
  if (!tisa_device_supports(t.device, TISA_OP_ADD, TISA_DTYPE_F32)) {
    return {Status::NotSupported, "the device does not support add on f32"};
  }
  const std::vector<uint8_t> data = bytes_of(ir::encode(add_module()));
  tisa_module_t module = nullptr;
  tisa_executable_t exe = nullptr;
  std::vector<tisa_buffer_t> buffers;
  Outcome result{Status::Pass, ""};
  const auto cleanup = [&] {
    for (tisa_buffer_t b : buffers) tisa_buffer_release(b);
    if (exe) tisa_executable_release(exe);
    if (module) tisa_module_release(module);
  };
  std::string setup;
  if (tisa_status_t s = tisa_module_load(data.data(), data.size(), TISA_FORMAT_BINARY, &module)) {
    setup = "tisa_module_load: " + take_status(s);
  } else if (tisa_status_t s2 = tisa_executable_create(t.device, module, TISA_OPT_O0, &exe)) {
    setup = "tisa_executable_create: " + take_status(s2);
  }
  if (setup.empty()) {
    for (int i = 0; i < 3; ++i) {
      tisa_buffer_t b = nullptr;
      if (tisa_status_t s = tisa_buffer_create(t.device, 4 * 4 * 4, 0, &b)) {
        setup = "tisa_buffer_create: " + take_status(s);
        break;
      }
      buffers.push_back(b);
    }
  }
  if (!setup.empty()) {
    cleanup();
    return {Status::Fail, setup};
  }
  LaunchArgs args;
  tisa_tensor_type_t type{};
  type.dtype = TISA_DTYPE_F32;
  type.rank = 2;
  type.dims[0] = 4;
  type.dims[1] = 4;
  args.inputs = {{buffers[0], 0, type}, {buffers[1], 0, type}};
  args.outputs = {{buffers[2], 0, type}};
  breaker(args, buffers);
  tisa_status_t s =
      tisa_executable_launch(exe, static_cast<uint32_t>(args.inputs.size()), args.inputs.data(),
                             static_cast<uint32_t>(args.outputs.size()), args.outputs.data(), nullptr);
  if (s == nullptr) {
    result = {Status::Fail, "the launch was accepted"};
  } else {
    const tisa_status_code_t code = tisa_status_code(s);
    const std::string message = tisa_status_message(s);
    tisa_status_free(s);
    if (code != TISA_INVALID_ARGUMENT) {
      result = {Status::Fail, fmt::format("rejected with {} instead of INVALID_ARGUMENT: {}",
                                          tisa_status_code_name(code), message)};
    } else if (message.empty()) {
      result = {Status::Fail, "rejected without a message"};
    }
  }
  cleanup();
  return result;
}

std::vector<std::pair<std::string, std::function<void(LaunchArgs&, std::vector<tisa_buffer_t>&)>>>
launch_breakers() {
  return {
      {"input_count", [](LaunchArgs& a, auto&) { a.inputs.pop_back(); }},
      {"output_count", [](LaunchArgs& a, auto&) { a.outputs.push_back(a.outputs[0]); }},
      {"input_dtype", [](LaunchArgs& a, auto&) { a.inputs[1].type.dtype = TISA_DTYPE_I32; }},
      {"output_dtype", [](LaunchArgs& a, auto&) { a.outputs[0].type.dtype = TISA_DTYPE_I32; }},
      {"input_rank",
       [](LaunchArgs& a, auto&) {
         a.inputs[0].type.rank = 1;
         a.inputs[0].type.dims[0] = 16;
       }},
      {"literal_dim",
       [](LaunchArgs& a, auto&) {
         a.inputs[0].type.dims[1] = 2;
         a.inputs[0].type.dims[0] = 8;
       }},
      {"symbol_mismatch", [](LaunchArgs& a, auto&) { a.inputs[1].type.dims[0] = 3; }},
      {"symbol_above_bound",
       [](LaunchArgs& a, auto&) {
         for (auto* t : {&a.inputs[0], &a.inputs[1], &a.outputs[0]}) t->type.dims[0] = 17;
       }},
      {"output_shape", [](LaunchArgs& a, auto&) { a.outputs[0].type.dims[0] = 3; }},
      {"buffer_too_small",
       [](LaunchArgs& a, auto&) {
         for (auto* t : {&a.inputs[0], &a.inputs[1], &a.outputs[0]}) t->type.dims[0] = 8;
       }},
      {"offset_past_end", [](LaunchArgs& a, auto&) { a.outputs[0].offset = 16; }},
      {"null_buffer", [](LaunchArgs& a, auto&) { a.inputs[0].buffer = nullptr; }},
      {"negative_dim", [](LaunchArgs& a, auto&) { a.inputs[0].type.dims[0] = -4; }},
  };
}

}  // namespace

std::vector<Case> negative_cases() {
  std::vector<Case> out;
  for (auto& [name, make] : module_corruptions()) {
    Case c;
    c.name = "negative.module." + name;
    const bool is_text = name.rfind("text.", 0) == 0;
    // Another ISA major is a version mismatch (INCOMPATIBLE); everything else is invalid.
    const tisa_status_code_t expected =
        name == "future_major_version" ? TISA_INCOMPATIBLE : TISA_INVALID_ARGUMENT;
    c.run = [make = make, is_text, expected](const Target&) {
      return expect_rejected(make(), is_text ? TISA_FORMAT_TEXT : TISA_FORMAT_AUTO, expected);
    };
    out.push_back(std::move(c));
  }
  for (auto& [name, make] : version_corruptions()) {
    Case c;
    c.name = "negative.module." + name;
    c.isa_version = TISA_MAKE_VERSION(1, 1);
    c.run = [make = make](const Target&) {
      return expect_rejected(make(), TISA_FORMAT_TEXT, TISA_INVALID_ARGUMENT);
    };
    out.push_back(std::move(c));
  }
  for (auto& [name, breaker] : launch_breakers()) {
    Case c;
    c.name = "negative.launch." + name;
    c.run = [breaker = breaker](const Target& t) { return launch_case(t, breaker); };
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tisa::cts
