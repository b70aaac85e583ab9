#include "hal/ir/codec.hpp"

#include <cstring>

#include "hal/ir/error.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ir {
namespace {

// ---------------------------------------------------------------- encoding

class Writer {
 public:
  void u32(uint32_t v) { words_.push_back(v); }
  void i64(int64_t v) {
    auto u = static_cast<uint64_t>(v);
    words_.push_back(static_cast<uint32_t>(u));
    words_.push_back(static_cast<uint32_t>(u >> 32));
  }
  void string(const std::string& s) {
    size_t n = s.size() / 4 + 1;  // always room for the NUL
    size_t at = words_.size();
    words_.resize(at + n, 0);
    std::memcpy(words_.data() + at, s.data(), s.size());
  }
  void expr(const Expr& e) {
    size_t at = words_.size();
    words_.push_back(0);
    e.append_tokens(words_);
    words_[at] = static_cast<uint32_t>(words_.size() - at - 1);
  }
  void bytes_aligned(const std::vector<uint8_t>& data) {
    while ((words_.size() * 4) % TISA_CONSTANT_ALIGNMENT != 0) words_.push_back(0);
    size_t at = words_.size();
    words_.resize(at + (data.size() + 3) / 4, 0);
    if (!data.empty()) std::memcpy(words_.data() + at, data.data(), data.size());
  }
  size_t begin_section(uint32_t id) {
    words_.push_back(id);
    words_.push_back(0);
    return words_.size();
  }
  void end_section(size_t start) { words_[start - 1] = static_cast<uint32_t>(words_.size() - start); }
  size_t size() const { return words_.size(); }
  uint32_t& at(size_t i) { return words_[i]; }
  std::vector<uint32_t> take() { return std::move(words_); }

 private:
  std::vector<uint32_t> words_;
};

void write_attr(Writer& w, const Attr& a) {
  switch (a.kind) {
    case TISA_ATTR_DTYPE:
    case TISA_ATTR_BOOL:
    case TISA_ATTR_ENUM:
    case TISA_ATTR_DATA: w.u32(static_cast<uint32_t>(a.i)); break;
    case TISA_ATTR_INT: w.i64(a.i); break;
    case TISA_ATTR_INTS:
      w.u32(static_cast<uint32_t>(a.ints.size()));
      for (int64_t v : a.ints) w.i64(v);
      break;
    case TISA_ATTR_SHAPE:
      w.u32(static_cast<uint32_t>(a.exprs.size()));
      for (const auto& e : a.exprs) w.expr(e);
      break;
    case TISA_ATTR_SCALAR: w.i64(static_cast<int64_t>(a.bits)); break;
  }
}

// ---------------------------------------------------------------- decoding

class Reader {
 public:
  Reader(std::span<const uint32_t> words, size_t pos, size_t end) : w_(words), pos_(pos), end_(end) {}

  size_t pos() const { return pos_; }
  size_t remaining() const { return end_ - pos_; }
  bool done() const { return pos_ == end_; }

  template <typename... Args>
  [[noreturn]] void error(fmt::format_string<Args...> format, Args&&... args) const {
    invalid("module word {}: {}", pos_, fmt::format(format, std::forward<Args>(args)...));
  }

  uint32_t u32(const char* what) {
    if (pos_ >= end_) error("truncated: expected {}", what);
    return w_[pos_++];
  }
  int64_t i64(const char* what) {
    uint64_t lo = u32(what);
    uint64_t hi = u32(what);
    return static_cast<int64_t>(lo | (hi << 32));
  }
  // A count whose elements take at least min_words each: never more than what remains.
  uint32_t count(const char* what, uint64_t limit, uint32_t min_words = 1) {
    uint32_t n = u32(what);
    if (n > limit) error("{} count {} exceeds the limit {}", what, n, limit);
    if (static_cast<uint64_t>(n) * min_words > remaining())
      error("{} count {} exceeds the {} words that remain", what, n, remaining());
    return n;
  }
  std::string string(const char* what) {
    const auto* bytes = reinterpret_cast<const char*>(w_.data() + pos_);
    size_t max_len = remaining() * 4;
    size_t len = strnlen(bytes, max_len);
    if (len == max_len) error("{}: string is not NUL-terminated", what);
    pos_ += len / 4 + 1;
    return std::string(bytes, len);
  }
  Expr expr(const char* what, size_t symbol_count) {
    uint32_t n = count(what, TISA_MAX_EXPR_TOKENS * 3);
    size_t stop = pos_ + n;
    std::vector<Expr> stack;
    size_t tokens = 0;
    while (pos_ < stop) {
      if (++tokens > TISA_MAX_EXPR_TOKENS) error("{}: more than {} tokens", what, TISA_MAX_EXPR_TOKENS);
      uint32_t tok = w_[pos_++];
      if (tok == TISA_EXPR_LIT) {
        if (stop - pos_ < 2) error("{}: truncated literal", what);
        uint64_t lo = w_[pos_], hi = w_[pos_ + 1];
        pos_ += 2;
        stack.push_back(Expr::lit(static_cast<int64_t>(lo | (hi << 32))));
      } else if (tok == TISA_EXPR_SYM) {
        if (stop - pos_ < 1) error("{}: truncated symbol", what);
        uint32_t s = w_[pos_++];
        if (s >= symbol_count)
          error("{}: symbol index {} but the module has {} symbols", what, s, symbol_count);
        stack.push_back(Expr::sym(s));
      } else if (tok >= TISA_EXPR_ADD && tok <= TISA_EXPR_MIN) {
        if (stack.size() < 2) error("{}: operator token {} lacks operands", what, tok);
        Expr rhs = stack.back();
        stack.pop_back();
        Expr lhs = stack.back();
        stack.pop_back();
        auto kind = static_cast<Expr::Kind>(static_cast<uint32_t>(Expr::Kind::Add) + tok - TISA_EXPR_ADD);
        stack.push_back(Expr::make(kind, lhs, rhs));
      } else {
        error("{}: unknown expression token {}", what, tok);
      }
    }
    if (stack.size() != 1) error("{}: expression leaves {} values instead of 1", what, stack.size());
    return stack.back();
  }
  void skip_to(size_t p) { pos_ = p; }

 private:
  std::span<const uint32_t> w_;
  size_t pos_, end_;
};

Attr read_attr(Reader& r, const AttrInfo& info, size_t symbol_count) {
  Attr a;
  a.kind = info.kind;
  const char* what = info.name.data();
  switch (info.kind) {
    case TISA_ATTR_DTYPE:
    case TISA_ATTR_ENUM:
    case TISA_ATTR_DATA: a.i = r.u32(what); break;
    case TISA_ATTR_BOOL:
      a.i = r.u32(what);
      if (a.i > 1) r.error("attribute {} must be 0 or 1, not {}", info.name, a.i);
      break;
    case TISA_ATTR_INT: a.i = r.i64(what); break;
    case TISA_ATTR_INTS: {
      uint32_t n = r.count(what, TISA_MAX_RANK * 2, 2);
      a.ints.reserve(n);
      for (uint32_t i = 0; i < n; ++i) a.ints.push_back(r.i64(what));
      break;
    }
    case TISA_ATTR_SHAPE: {
      uint32_t n = r.count(what, TISA_MAX_RANK * 2);
      a.exprs.reserve(n);
      for (uint32_t i = 0; i < n; ++i) a.exprs.push_back(r.expr(what, symbol_count));
      break;
    }
    case TISA_ATTR_SCALAR: a.bits = static_cast<uint64_t>(r.i64(what)); break;
  }
  return a;
}

TensorType read_type(Reader& r, size_t symbol_count) {
  TensorType t;
  uint32_t dtype = r.u32("dtype");
  // Checked before it is stored: an enum must never hold a value outside its enumerators.
  if (!find_dtype(dtype)) r.error("unknown dtype code {}", dtype);
  t.dtype = static_cast<tisa_dtype_t>(dtype);
  uint32_t rank = r.count("rank", TISA_MAX_RANK);
  for (uint32_t i = 0; i < rank; ++i) t.dims.push_back(r.expr("dim", symbol_count));
  return t;
}

void decode_section(Module& m, uint32_t id, Reader& r) {
  switch (id) {
    case TISA_SECTION_SYMBOLS: {
      uint32_t n = r.count("symbol", TISA_MAX_SYMBOLS, 3);
      for (uint32_t i = 0; i < n; ++i) {
        Symbol s;
        s.name = r.string("symbol name");
        s.upper_bound = r.i64("symbol upper bound");
        m.symbols.push_back(std::move(s));
      }
      break;
    }
    case TISA_SECTION_INPUTS: {
      uint32_t n = r.count("input", TISA_MAX_INPUTS, 3);
      for (uint32_t i = 0; i < n; ++i) {
        Input in;
        in.name = r.string("input name");
        in.type = read_type(r, m.symbols.size());
        m.inputs.push_back(std::move(in));
      }
      break;
    }
    case TISA_SECTION_CONSTANTS: {
      uint32_t n = r.count("constant", TISA_MAX_INSTRUCTIONS, 2);
      for (uint32_t i = 0; i < n; ++i) {
        int64_t size = r.i64("constant size");
        while ((r.pos() * 4) % TISA_CONSTANT_ALIGNMENT != 0)
          if (r.u32("constant padding") != 0) r.error("constant padding must be zero");
        if (size < 0 || static_cast<uint64_t>(size) > r.remaining() * 4)
          r.error("constant {} claims {} bytes but {} remain", i, size, r.remaining() * 4);
        std::vector<uint8_t> data(static_cast<size_t>(size));
        size_t start = r.pos();
        for (size_t b = 0; b < data.size(); b += 4) {
          uint32_t word = r.u32("constant data");
          size_t n = std::min<size_t>(4, data.size() - b);
          std::memcpy(data.data() + b, &word, n);
          if (n < 4 && (word >> (8 * n)) != 0)
            r.error("constant {}: tail bytes after the data must be zero", i);
        }
        r.skip_to(start + (data.size() + 3) / 4);
        m.constants.push_back(std::move(data));
      }
      break;
    }
    case TISA_SECTION_CODE: {
      uint32_t n = r.count("instruction", TISA_MAX_INSTRUCTIONS, 2);
      m.insts.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        size_t start = r.pos();
        uint32_t head = r.u32("instruction");
        uint32_t opcode = head & 0xffffu, wc = head >> 16;
        if (wc < 2 || wc - 1 > r.remaining())
          r.error("instruction {} has word count {} ({} words remain)", i, wc, r.remaining() + 1);
        const OpInfo* op = find_op(opcode);
        if (!op) r.error("instruction {}: unknown opcode {:#x}", i, opcode);
        Inst inst;
        inst.op = op->opcode;
        uint32_t nops = r.count("operand", TISA_MAX_OPERANDS);
        if (nops > wc) r.error("instruction {} ({}): {} operands exceed its {} words", i, op->name, nops, wc);
        for (uint32_t k = 0; k < nops; ++k) inst.operands.push_back(r.u32("operand"));
        for (const auto& info : op->attrs) inst.attrs.push_back(read_attr(r, info, m.symbols.size()));
        if (r.pos() != start + wc)
          r.error("instruction {} ({}): word count {} but its operands and attributes take {}", i, op->name,
                  wc, r.pos() - start);
        m.insts.push_back(std::move(inst));
      }
      break;
    }
    case TISA_SECTION_OUTPUTS: {
      uint32_t n = r.count("output", TISA_MAX_OUTPUTS);
      for (uint32_t i = 0; i < n; ++i) m.outputs.push_back(r.u32("output"));
      break;
    }
    case TISA_SECTION_NAMES: {
      uint32_t n = r.count("name", TISA_MAX_INSTRUCTIONS + TISA_MAX_INPUTS, 2);
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t v = r.u32("named value");
        std::string name = r.string("value name");
        if (v >= TISA_MAX_INSTRUCTIONS + TISA_MAX_INPUTS) r.error("named value {} out of range", v);
        if (m.value_names.size() <= v) m.value_names.resize(v + 1);
        m.value_names[v] = std::move(name);
      }
      break;
    }
    default: r.skip_to(r.pos() + r.remaining());  // an optional section this reader does not know
  }
  if (!r.done()) r.error("section {} has {} unused words", id, r.remaining());
}

}  // namespace

std::vector<uint32_t> encode(const Module& m) {
  Writer w;
  w.u32(TISA_MODULE_MAGIC);
  w.u32(encoding_version(m));
  w.u32(m.generator);
  w.u32(static_cast<uint32_t>(m.extensions));
  w.u32(static_cast<uint32_t>(m.extensions >> 32));
  w.u32(0);  // section count, patched below
  uint32_t sections = 0;

  size_t s = w.begin_section(TISA_SECTION_SYMBOLS);
  w.u32(static_cast<uint32_t>(m.symbols.size()));
  for (const auto& sym : m.symbols) {
    w.string(sym.name);
    w.i64(sym.upper_bound);
  }
  w.end_section(s), ++sections;

  s = w.begin_section(TISA_SECTION_INPUTS);
  w.u32(static_cast<uint32_t>(m.inputs.size()));
  for (const auto& in : m.inputs) {
    w.string(in.name);
    w.u32(in.type.dtype);
    w.u32(static_cast<uint32_t>(in.type.dims.size()));
    for (const auto& d : in.type.dims) w.expr(d);
  }
  w.end_section(s), ++sections;

  s = w.begin_section(TISA_SECTION_CONSTANTS);
  w.u32(static_cast<uint32_t>(m.constants.size()));
  for (const auto& c : m.constants) {
    w.i64(static_cast<int64_t>(c.size()));
    w.bytes_aligned(c);
  }
  w.end_section(s), ++sections;

  s = w.begin_section(TISA_SECTION_CODE);
  w.u32(static_cast<uint32_t>(m.insts.size()));
  for (const auto& inst : m.insts) {
    size_t head = w.size();
    w.u32(0);
    w.u32(static_cast<uint32_t>(inst.operands.size()));
    for (ValueId v : inst.operands) w.u32(v);
    for (const auto& a : inst.attrs) write_attr(w, a);
    size_t wc = w.size() - head;
    if (wc > 0xffff) {
      const OpInfo* op = find_op(inst.op);
      invalid("instruction {} is {} words, over the 65535 the encoding allows", op ? op->name : "?", wc);
    }
    w.at(head) = static_cast<uint32_t>(wc << 16) | inst.op;
  }
  w.end_section(s), ++sections;

  s = w.begin_section(TISA_SECTION_OUTPUTS);
  w.u32(static_cast<uint32_t>(m.outputs.size()));
  for (ValueId v : m.outputs) w.u32(v);
  w.end_section(s), ++sections;

  size_t named = 0;
  for (const auto& n : m.value_names) named += n.empty() ? 0 : 1;
  if (named) {
    s = w.begin_section(TISA_SECTION_NAMES);
    w.u32(static_cast<uint32_t>(named));
    for (size_t v = 0; v < m.value_names.size(); ++v) {
      if (m.value_names[v].empty()) continue;
      w.u32(static_cast<uint32_t>(v));
      w.string(m.value_names[v]);
    }
    w.end_section(s), ++sections;
  }
  w.at(5) = sections;
  return w.take();
}

Module decode(std::span<const uint32_t> words) {
  Reader r(words, 0, words.size());
  if (words.size() < TISA_MODULE_HEADER_WORDS)
    invalid("module is {} words, shorter than the {}-word header", words.size(), TISA_MODULE_HEADER_WORDS);
  if (words[0] != TISA_MODULE_MAGIC)
    invalid("not a TISA module: magic {:#010x}, expected {:#010x}", words[0], TISA_MODULE_MAGIC);
  Module m;
  r.u32("magic");
  m.version = r.u32("version");
  m.generator = r.u32("generator");
  uint64_t lo = r.u32("extensions"), hi = r.u32("extensions");
  m.extensions = lo | (hi << 32);
  uint32_t nsections = r.count("section", 0xffff, 2);
  uint32_t last_id = 0;
  bool seen_required[TISA_SECTION_OUTPUTS + 1] = {};
  for (uint32_t i = 0; i < nsections; ++i) {
    uint32_t id = r.u32("section id");
    uint32_t len = r.u32("section length");
    if (id <= last_id)
      r.error("section {} follows section {}: sections must be in increasing id order", id, last_id);
    if (len > r.remaining()) r.error("section {} claims {} words but {} remain", id, len, r.remaining());
    if (id > TISA_SECTION_OUTPUTS && id < TISA_SECTION_OPTIONAL_BASE)
      r.error("unknown required section id {}", id);
    last_id = id;
    if (id <= TISA_SECTION_OUTPUTS) seen_required[id] = true;
    Reader sr(words, r.pos(), r.pos() + len);
    decode_section(m, id, sr);
    r.skip_to(r.pos() + len);
  }
  if (!r.done()) r.error("{} words after the last section", r.remaining());
  for (uint32_t id = TISA_SECTION_SYMBOLS; id <= TISA_SECTION_OUTPUTS; ++id)
    if (!seen_required[id]) invalid("module lacks required section {}", id);
  return m;
}

Module decode_bytes(std::span<const uint8_t> bytes) {
  if (bytes.size() % 4 != 0) invalid("module is {} bytes, not a whole number of 32-bit words", bytes.size());
  std::vector<uint32_t> words(bytes.size() / 4);
  if (!bytes.empty()) std::memcpy(words.data(), bytes.data(), bytes.size());
  return decode(words);
}

bool looks_binary(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4) return false;
  uint32_t magic;
  std::memcpy(&magic, bytes.data(), 4);
  return magic == TISA_MODULE_MAGIC;
}

}  // namespace tisa::ir
