// Minimal decoder: header, the five required sections, and instructions of the supported ops.
#include "module.hpp"

#include <string>

#include <tisa/isa.h>

#include "kernels.hpp"
#include "status.hpp"

namespace vendor {
namespace {

// Bounds-checked reading of one section's payload.
class Reader {
 public:
  Reader(const uint32_t* words, size_t begin, size_t end) : words_(words), pos_(begin), end_(end) {}

  uint32_t word(const char* what) {
    if (pos_ >= end_) malformed(text("the module ends inside %s", what));
    return words_[pos_++];
  }
  void skip(uint64_t count, const char* what) {
    if (count > end_ - pos_) malformed(text("the module ends inside %s", what));
    pos_ += static_cast<size_t>(count);
  }
  // A NUL-terminated string padded to whole words: skipped, names do not matter here.
  void skip_string(const char* what) {
    for (;;) {
      const uint32_t w = word(what);
      if ((w & 0xffu) == 0 || (w & 0xff00u) == 0 || (w & 0xff0000u) == 0 || (w & 0xff000000u) == 0) return;
    }
  }
  // A shape expression: the token-word count, then the tokens (not needed: shapes come from the
  // launch arguments).
  void skip_expression(const char* what) { skip(word(what), what); }
  bool at_end() const { return pos_ == end_; }
  size_t position() const { return pos_; }

  [[noreturn]] void malformed(const std::string& message) const {
    invalid(text("word %zu: %s", pos_, message.c_str()));
  }

 private:
  const uint32_t* words_;
  size_t pos_;
  size_t end_;
};

void read_symbols(Reader& r, Program& program) {
  program.symbol_count = r.word("SYMBOLS");
  for (uint32_t i = 0; i < program.symbol_count; ++i) {
    r.skip_string("a symbol name");
    r.skip(2, "a symbol bound");
  }
}

void read_inputs(Reader& r, Program& program) {
  const uint32_t count = r.word("INPUTS");
  for (uint32_t i = 0; i < count; ++i) {
    r.skip_string("an input name");
    const uint32_t dtype = r.word("an input dtype");
    const uint32_t rank = r.word("an input shape");
    for (uint32_t d = 0; d < rank; ++d) r.skip_expression("an input dimension");
    if (dtype != TISA_DTYPE_F32) {
      fail(TISA_UNIMPLEMENTED, text("input %u has dtype code %u; this device runs f32 only", i, dtype));
    }
    program.input_dtypes.push_back(dtype);
    program.input_ranks.push_back(rank);
    program.value_dtypes.push_back(dtype);
  }
}

void read_constants(Reader& r) {
  if (r.word("CONSTANTS") != 0) {
    fail(TISA_UNIMPLEMENTED, "the module has constant data; this device does not run the constant op");
  }
}

uint32_t operand(Reader& r, const Program& program, uint32_t value_id) {
  const uint32_t id = r.word("an operand");
  if (id >= value_id) r.malformed(text("operand %%%u is not defined before %%%u", id, value_id));
  if (program.value_dtypes[id] != TISA_DTYPE_F32) {
    fail(TISA_UNIMPLEMENTED,
         text("operand %%%u of %%%u is not f32; this device runs f32 only", id, value_id));
  }
  return id;
}

void read_code(Reader& r, Program& program) {
  const uint32_t count = r.word("CODE");
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t value_id = static_cast<uint32_t>(program.value_dtypes.size());
    const size_t start = r.position();
    const uint32_t head = r.word("an instruction");
    const uint32_t opcode = head & 0xffffu;
    const uint32_t word_count = head >> 16;
    const Kernel* kernel = find_kernel(opcode);
    if (!kernel) {
      fail(TISA_UNIMPLEMENTED, text("%%%u uses opcode %#x, which this device does not run (it runs the "
                                    "elementwise f32 ops)",
                                    value_id, opcode));
    }
    const uint32_t expected_operands = kernel->arity == Arity::Unary ? 1 : 2;
    const uint32_t operand_count = r.word("an operand count");
    if (operand_count != expected_operands || word_count != 2 + operand_count) {
      r.malformed(text("instruction %%%u has %u operands in %u words", value_id, operand_count, word_count));
    }
    Instruction inst;
    inst.opcode = opcode;
    inst.lhs = operand(r, program, value_id);
    inst.rhs = expected_operands == 2 ? operand(r, program, value_id) : inst.lhs;
    if (r.position() - start != word_count) r.malformed("instruction length mismatch");
    program.code.push_back(inst);
    program.value_dtypes.push_back(kernel->bool_result ? TISA_DTYPE_BOOL : TISA_DTYPE_F32);
  }
}

void read_outputs(Reader& r, Program& program) {
  const uint32_t count = r.word("OUTPUTS");
  if (count == 0) r.malformed("the module has no outputs");
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t id = r.word("an output");
    if (id >= program.value_dtypes.size()) r.malformed(text("output %%%u is not a value", id));
    program.outputs.push_back(id);
  }
}

}  // namespace

Program decode_program(const uint32_t* words, size_t word_count) {
  if (!words || word_count < TISA_MODULE_HEADER_WORDS) invalid("the module is shorter than its header");
  if (words[0] != TISA_MODULE_MAGIC) invalid("word 0: not a TISA module (bad magic)");
  const uint32_t version = words[1];
  if (TISA_VERSION_MAJOR(version) != TISA_ISA_VERSION_MAJOR ||
      TISA_VERSION_MINOR(version) > TISA_ISA_VERSION_MINOR) {
    fail(TISA_INCOMPATIBLE, text("the module needs TISA %u.%u; this device implements 1.0",
                                 TISA_VERSION_MAJOR(version), TISA_VERSION_MINOR(version)));
  }
  if (words[3] != 0 || words[4] != 0)
    fail(TISA_UNIMPLEMENTED, "the module requires extensions; this device claims none");

  Program program;
  const uint32_t section_count = words[5];
  size_t pos = TISA_MODULE_HEADER_WORDS;
  uint32_t next_required = TISA_SECTION_SYMBOLS;
  for (uint32_t s = 0; s < section_count; ++s) {
    if (word_count - pos < 2) invalid(text("word %zu: the module ends inside a section header", pos));
    const uint32_t id = words[pos];
    const uint32_t size = words[pos + 1];
    if (size > word_count - pos - 2) invalid(text("word %zu: section %u runs past the module", pos, id));
    Reader r(words, pos + 2, pos + 2 + size);
    pos += 2 + static_cast<size_t>(size);
    if (id >= TISA_SECTION_OPTIONAL_BASE) continue;  // debug names and future optional sections
    if (id != next_required) invalid(text("section %u is out of order or unknown", id));
    switch (id) {
      case TISA_SECTION_SYMBOLS: read_symbols(r, program); break;
      case TISA_SECTION_INPUTS: read_inputs(r, program); break;
      case TISA_SECTION_CONSTANTS: read_constants(r); break;
      case TISA_SECTION_CODE: read_code(r, program); break;
      case TISA_SECTION_OUTPUTS: read_outputs(r, program); break;
    }
    if (!r.at_end()) r.malformed(text("section %u has words left over", id));
    ++next_required;
  }
  if (next_required != TISA_SECTION_OUTPUTS + 1) invalid("a required section is missing");
  if (pos != word_count) invalid(text("word %zu: words remain after the last section", pos));
  return program;
}

}  // namespace vendor
