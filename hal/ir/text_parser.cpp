#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cfenv>
#include <cstring>
#include <map>
#include <optional>

#include "hal/ir/error.hpp"
#include "hal/ir/narrow_float.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/text_format.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::ir {
namespace {

// A non-negative decimal rounded once to a 16-bit float. strtod rounded down and up brackets it
// between adjacent doubles; every rounding boundary of F is a double, so when the decimal is not
// a double itself it rounds like the point halfway between them, which is not a boundary.
template <class F>
uint16_t narrow_from_decimal(const std::string& s) {
  const int mode = std::fegetround();
  std::fesetround(FE_DOWNWARD);
  const double lo = std::strtod(s.c_str(), nullptr);
  std::fesetround(FE_UPWARD);
  const double hi = std::strtod(s.c_str(), nullptr);
  std::fesetround(mode);
  if (lo == hi) return narrow_from_double<F>(lo);
  const auto b = std::bit_cast<uint64_t>(lo);
  const auto exponent = static_cast<int>(b >> 52);  // lo >= 0: no sign bit
  const uint64_t fraction = b & ((uint64_t{1} << 52) - 1);
  // lo = mant * 2^e and hi = (mant + 1) * 2^e, so the midpoint is (2 mant + 1) * 2^(e - 1).
  const uint64_t mant = exponent == 0 ? fraction : fraction | (uint64_t{1} << 52);
  const int e = exponent == 0 ? -1074 : exponent - 1075;
  return detail::round_scaled<F>(false, 2 * mant + 1, e - 1);
}

struct Token {
  enum Kind { End, Ident, Number, Value, Punct, Hex } kind = End;
  std::string text;  // identifier, number spelling, value name (without %), punctuation, hex digits
  int line = 0, col = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view src) : s_(src) {}

  Token next() {
    skip_space();
    Token t;
    t.line = line_;
    t.col = col_;
    if (i_ >= s_.size()) return t;
    char c = s_[i_];
    if (c == '%') {
      advance();
      t.kind = Token::Value;
      t.text = take_while(
          [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.'; });
      if (t.text.empty()) error(t, "expected a value name after '%'");
      return t;
    }
    if (c == 'h' && s_.substr(i_, 4) == "hex\"") {
      advance(4);
      t.kind = Token::Hex;
      t.text = take_while([](char ch) { return ch != '"' && ch != '\n'; });
      if (i_ >= s_.size() || s_[i_] != '"') error(t, "unterminated hex string");
      advance();
      return t;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      t.kind = Token::Ident;
      t.text = take_while([](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
      return t;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      t.kind = Token::Number;
      t.text = take_while([](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.'; });
      // Exponent signs: 1e-05, 0x1p+3.
      while (i_ < s_.size() && (s_[i_] == '-' || s_[i_] == '+') && !t.text.empty() &&
             (t.text.back() == 'e' || t.text.back() == 'E' || t.text.back() == 'p' || t.text.back() == 'P') &&
             !t.text.starts_with("0x")) {
        t.text += s_[i_];
        advance();
        t.text += take_while([](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
      }
      return t;
    }
    t.kind = Token::Punct;
    if (c == '<' && s_.substr(i_, 2) == "<=") {
      advance(2);
      t.text = "<=";
      return t;
    }
    if (std::strchr("=,:[]{}()+-*", c) == nullptr) error(t, fmt::format("unexpected character '{}'", c));
    advance();
    t.text = std::string(1, c);
    return t;
  }

  [[noreturn]] static void error(const Token& t, const std::string& msg) {
    invalid("line {}, column {}: {}", t.line, t.col, msg);
  }

 private:
  void advance(size_t n = 1) {
    for (size_t k = 0; k < n && i_ < s_.size(); ++k, ++i_) {
      if (s_[i_] == '\n') {
        ++line_;
        col_ = 1;
      } else {
        ++col_;
      }
    }
  }
  template <typename F>
  std::string take_while(F pred) {
    size_t start = i_;
    while (i_ < s_.size() && pred(s_[i_])) advance();
    return std::string(s_.substr(start, i_ - start));
  }
  void skip_space() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        advance();
      } else if (c == '#' || (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/')) {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
      } else {
        break;
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  int line_ = 1, col_ = 1;
};

// A scalar literal kept as written until the dtype it belongs to is known.
struct RawScalar {
  Token tok;
  bool negative = false;
};

class Parser {
 public:
  explicit Parser(std::string_view src) : lex_(src) {
    cur_ = lex_.next();
    peek_ = lex_.next();
  }

  Module run() {
    header();
    while (cur_.kind != Token::End) {
      if (is_ident("symbol"))
        symbol();
      else if (is_ident("input"))
        input();
      else if (is_ident("output"))
        output();
      else if (cur_.kind == Token::Value)
        instruction();
      else
        error(cur_, fmt::format("expected a statement (symbol, input, %value = op, output), found '{}'",
                                cur_.text));
    }
    if (m_.outputs.empty()) error(cur_, "module has no output statement");
    return std::move(m_);
  }

 private:
  // ------------------------------------------------------------ tokens
  [[noreturn]] void error(const Token& t, const std::string& msg) const { Lexer::error(t, msg); }
  Token take() {
    Token t = cur_;
    cur_ = peek_;
    peek_ = lex_.next();
    return t;
  }
  bool is_ident(const char* word) const { return cur_.kind == Token::Ident && cur_.text == word; }
  bool is_punct(const char* p) const { return cur_.kind == Token::Punct && cur_.text == p; }
  Token expect_punct(const char* p) {
    if (!is_punct(p)) error(cur_, fmt::format("expected '{}', found '{}'", p, describe_token(cur_)));
    return take();
  }
  Token expect(Token::Kind kind, const char* what) {
    if (cur_.kind != kind) error(cur_, fmt::format("expected {}, found '{}'", what, describe_token(cur_)));
    return take();
  }
  static std::string describe_token(const Token& t) { return t.kind == Token::End ? "end of input" : t.text; }

  int64_t integer(const Token& t, bool negative) {
    errno = 0;
    char* end = nullptr;
    unsigned long long u = std::strtoull(t.text.c_str(), &end, 0);
    if (errno || *end || t.text.empty()) error(t, fmt::format("'{}' is not an integer", t.text));
    if (negative ? u > 9223372036854775808ull : u > 9223372036854775807ull)
      error(t, fmt::format("integer {}{} does not fit in 64 bits", negative ? "-" : "", t.text));
    return negative ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
  }
  int64_t signed_integer() {
    bool neg = false;
    if (is_punct("-")) {
      take();
      neg = true;
    }
    Token t = expect(Token::Number, "an integer");
    return integer(t, neg);
  }

  // ------------------------------------------------------------ statements
  void header() {
    if (!is_ident("tisa")) error(cur_, "a module starts with 'tisa <major>.<minor>'");
    take();
    Token v = expect(Token::Number, "a version like 1.0");
    auto dot = v.text.find('.');
    if (dot == std::string::npos) error(v, "version must be <major>.<minor>");
    Token major = v, minor = v;
    major.text = v.text.substr(0, dot);
    minor.text = v.text.substr(dot + 1);
    m_.version = TISA_MAKE_VERSION(integer(major, false), integer(minor, false));
    if (is_ident("requires")) {
      take();
      do {
        Token e = expect(Token::Ident, "an extension name");
        auto ext = find_extension(e.text);
        if (!ext) error(e, fmt::format("unknown extension '{}'", e.text));
        m_.extensions |= TISA_EXT_MASK(*ext);
      } while (is_punct(",") && (take(), true));
    }
  }

  void symbol() {
    Token kw = take();
    if (!m_.inputs.empty()) error(kw, "symbols must be declared before the inputs");
    Token name = expect(Token::Ident, "a symbol name");
    for (const auto& s : m_.symbols)
      if (s.name == name.text) error(name, fmt::format("symbol {} is declared twice", name.text));
    Symbol s{name.text, 0};
    if (is_punct("<=")) {
      take();
      Token b = expect(Token::Number, "an upper bound");
      s.upper_bound = integer(b, false);
    }
    m_.symbols.push_back(std::move(s));
  }

  void input() {
    Token kw = take();
    if (!m_.insts.empty()) error(kw, "inputs must come before the first instruction");
    Token v = expect(Token::Value, "an input name like %x");
    expect_punct(":");
    TensorType t = type();
    auto id = static_cast<ValueId>(m_.inputs.size());
    define(v, id);
    m_.inputs.push_back({is_number(v.text, id) ? "" : v.text, std::move(t)});
  }

  void output() {
    take();
    do {
      Token v = expect(Token::Value, "an output value");
      m_.outputs.push_back(lookup(v));
    } while (is_punct(",") && (take(), true));
  }

  void instruction() {
    Token result = take();
    expect_punct("=");
    Token name = expect(Token::Ident, "an op name");
    const OpInfo* op = find_op(name.text);
    if (!op) error(name, fmt::format("unknown op '{}'", name.text));
    Inst inst;
    inst.op = op->opcode;
    // Operands: a value not followed by '=' (that would start the next statement).
    if (cur_.kind == Token::Value && !(peek_.kind == Token::Punct && peek_.text == "=")) {
      inst.operands.push_back(lookup(take()));
      while (is_punct(",")) {
        take();
        inst.operands.push_back(lookup(expect(Token::Value, "an operand")));
      }
    }
    auto id = m_.value_count();
    attributes(*op, inst, name, id);
    if (!is_number(result.text, id)) {
      m_.value_names.resize(id + 1);
      m_.value_names[id] = result.text;
    }
    try {
      inst.type = infer_type(m_, inst, id, m_.assertions);
    } catch (const Error& e) {
      error(name, e.message());
    }
    if (is_punct(":")) {
      Token colon = take();
      TensorType want = type();
      bool same = want.dtype == inst.type.dtype && want.rank() == inst.type.rank();
      for (size_t d = 0; same && d < want.rank(); ++d) same = want.dims[d].equals(inst.type.dims[d]);
      if (!same) error(colon, fmt::format("declared type differs from the inferred type of {}", name.text));
    }
    define(result, id);
    m_.insts.push_back(std::move(inst));
  }

  // ------------------------------------------------------------ attributes
  void attributes(const OpInfo& op, Inst& inst, const Token& at, ValueId id) {
    std::vector<std::optional<Attr>> attrs(op.attrs.size());
    std::vector<std::optional<RawScalar>> raw(op.attrs.size());
    std::vector<std::optional<Token>> raw_data(op.attrs.size());
    std::vector<std::vector<RawScalar>> raw_list(op.attrs.size());
    if (is_punct("{")) {
      take();
      while (!is_punct("}")) {
        Token key = expect(Token::Ident, "an attribute name");
        int idx = attr_index(op, key.text);
        if (idx < 0) error(key, fmt::format("{} has no attribute '{}'", op.name, key.text));
        if (attrs[idx]) error(key, fmt::format("attribute {} is given twice", key.text));
        expect_punct("=");
        Attr a;
        a.kind = op.attrs[idx].kind;
        switch (a.kind) {
          case TISA_ATTR_DTYPE: {
            Token t = expect(Token::Ident, "a dtype");
            const DtypeInfo* d = find_dtype(t.text);
            if (!d) error(t, fmt::format("unknown dtype '{}'", t.text));
            a.i = d->dtype;
            break;
          }
          case TISA_ATTR_INT: a.i = signed_integer(); break;
          case TISA_ATTR_BOOL: {
            Token t = expect(Token::Ident, "true or false");
            if (t.text != "true" && t.text != "false") error(t, "expected true or false");
            a.i = t.text == "true";
            break;
          }
          case TISA_ATTR_ENUM: {
            Token t = expect(Token::Ident, "an enum value");
            auto it = std::find(op.enum_values.begin(), op.enum_values.end(), std::string_view(t.text));
            if (it == op.enum_values.end())
              error(t, fmt::format("'{}' is not a value of {}", t.text, key.text));
            a.i = it - op.enum_values.begin();
            break;
          }
          case TISA_ATTR_INTS:
            expect_punct("[");
            while (!is_punct("]")) {
              a.ints.push_back(signed_integer());
              if (!is_punct("]")) expect_punct(",");
            }
            take();
            break;
          case TISA_ATTR_SHAPE: a.exprs = expr_list(); break;
          case TISA_ATTR_SCALAR: raw[idx] = raw_scalar(); break;
          case TISA_ATTR_DATA:
            if (cur_.kind == Token::Hex) {
              raw_data[idx] = take();
            } else {
              expect_punct("[");
              while (!is_punct("]")) {
                raw_list[idx].push_back(raw_scalar());
                if (!is_punct("]")) expect_punct(",");
              }
              take();
            }
            break;
        }
        attrs[idx] = std::move(a);
        if (!is_punct("}")) expect_punct(",");
      }
      take();
    }
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (!attrs[i]) {
        if (op.attrs[i].kind != TISA_ATTR_BOOL)
          error(at, fmt::format("{} needs attribute {}", op.name, op.attrs[i].name));
        attrs[i] = Attr::boolean(false);  // bools default to false
      }
    }
    // Scalars and data are in the result dtype: the dtype attribute, else the first operand's.
    int di = attr_index(op, "dtype");
    tisa_dtype_t dtype = di >= 0                  ? static_cast<tisa_dtype_t>(attrs[di]->i)
                         : !inst.operands.empty() ? m_.value_type(inst.operands[0]).dtype
                                                  : TISA_DTYPE_INVALID;
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (raw[i]) attrs[i]->bits = scalar(*raw[i], dtype);
      if (attrs[i]->kind == TISA_ATTR_DATA) attrs[i]->i = constant(raw_data[i], raw_list[i], dtype, at);
      inst.attrs.push_back(std::move(*attrs[i]));
    }
    (void)id;
  }

  RawScalar raw_scalar() {
    RawScalar r;
    if (is_punct("-")) {
      take();
      r.negative = true;
    }
    if (is_ident("bits")) {
      r.tok = take();
      expect_punct("(");
      Token n = expect(Token::Number, "raw bits");
      r.tok.text = "bits:" + n.text;
      expect_punct(")");
      return r;
    }
    if (cur_.kind != Token::Number && cur_.kind != Token::Ident) error(cur_, "expected a number");
    r.tok = take();
    return r;
  }

  uint64_t scalar(const RawScalar& r, tisa_dtype_t dtype) {
    const std::string& s = r.tok.text;
    const DtypeInfo* info = find_dtype(dtype);
    if (!info) error(r.tok, "the value's dtype is not known here");
    if (s.starts_with("bits:")) {
      Token t = r.tok;
      t.text = s.substr(5);
      return static_cast<uint64_t>(integer(t, false));
    }
    if (dtype == TISA_DTYPE_BOOL) {
      if (s == "true" || s == "1") return 1;
      if (s == "false" || s == "0") return 0;
      error(r.tok, fmt::format("'{}' is not a bool", s));
    }
    if (info->cls == DtypeClass::Float) {
      double v;
      if (s == "nan")
        return r.negative ? text::canonical_nan(dtype) | (1ull << (info->bits - 1))
                          : text::canonical_nan(dtype);
      if (s == "inf")
        v = INFINITY;
      else {
        char* end = nullptr;
        v = std::strtod(s.c_str(), &end);
        if (*end) error(r.tok, fmt::format("'{}' is not a number", s));
      }
      if (r.negative) v = -v;
      if (dtype == TISA_DTYPE_F32) {
        // Round the decimal directly to float: rounding through double could round twice.
        float f = s == "inf" ? static_cast<float>(v) : std::strtof(s.c_str(), nullptr);
        if (r.negative && s != "inf") f = -f;
        uint32_t u;
        std::memcpy(&u, &f, 4);
        return u;
      }
      if (dtype == TISA_DTYPE_F64) {
        uint64_t u;
        std::memcpy(&u, &v, 8);
        return u;
      }
      uint16_t h = 0;
      if (dtype == TISA_DTYPE_F16)
        h = s == "inf" ? F16Format::inf_bits : narrow_from_decimal<F16Format>(s);
      else if (dtype == TISA_DTYPE_BF16)
        h = s == "inf" ? BF16Format::inf_bits : narrow_from_decimal<BF16Format>(s);
      else
        error(r.tok, fmt::format("write {} values as bits(0x...)", info->name));
      return r.negative ? h | F16Format::sign_bit : h;
    }
    int64_t v = integer(r.tok, r.negative);
    int64_t lo = info->cls == DtypeClass::Uint ? 0
                 : info->bits >= 64            ? INT64_MIN
                                               : -(int64_t{1} << (info->bits - 1));
    int64_t hi = info->bits >= 64                ? INT64_MAX
                 : info->cls == DtypeClass::Uint ? (int64_t{1} << info->bits) - 1
                                                 : (int64_t{1} << (info->bits - 1)) - 1;
    if (v < lo || v > hi) error(r.tok, fmt::format("{} does not fit in {}", v, info->name));
    uint64_t mask = info->bits >= 64 ? ~0ull : (1ull << info->bits) - 1;
    return static_cast<uint64_t>(v) & mask;
  }

  int64_t constant(const std::optional<Token>& hex, const std::vector<RawScalar>& list, tisa_dtype_t dtype,
                   const Token& at) {
    std::vector<uint8_t> bytes;
    if (hex) {
      const std::string& h = hex->text;
      if (h.size() % 2) error(*hex, "hex data needs an even number of digits");
      for (size_t i = 0; i < h.size(); i += 2) {
        if (!std::isxdigit(static_cast<unsigned char>(h[i])) ||
            !std::isxdigit(static_cast<unsigned char>(h[i + 1])))
          error(*hex, "hex data holds a non-hex digit");
        bytes.push_back(static_cast<uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
      }
    } else {
      size_t size = dtype_size(dtype);
      if (size == 0) error(at, "constant data needs a known dtype");
      for (const auto& r : list) {
        uint64_t bits = scalar(r, dtype);
        size_t at_byte = bytes.size();
        bytes.resize(at_byte + size);
        std::memcpy(bytes.data() + at_byte, &bits, size);
      }
    }
    m_.constants.push_back(std::move(bytes));
    return static_cast<int64_t>(m_.constants.size() - 1);
  }

  // ------------------------------------------------------------ types and expressions
  TensorType type() {
    Token d = expect(Token::Ident, "a dtype");
    const DtypeInfo* info = find_dtype(d.text);
    if (!info) error(d, fmt::format("unknown dtype '{}'", d.text));
    return {info->dtype, expr_list()};
  }

  std::vector<Expr> expr_list() {
    expect_punct("[");
    std::vector<Expr> out;
    while (!is_punct("]")) {
      out.push_back(expr());
      if (!is_punct("]")) expect_punct(",");
    }
    take();
    return out;
  }

  Expr expr() {
    Expr e = term();
    while (is_punct("+") || is_punct("-")) {
      bool add = take().text == "+";
      Expr r = term();
      e = add ? e + r : e - r;
    }
    return e;
  }
  Expr term() {
    Expr e = factor();
    while (is_punct("*")) {
      take();
      e = e * factor();
    }
    return e;
  }
  Expr factor() {
    if (is_punct("(")) {
      take();
      Expr e = expr();
      expect_punct(")");
      return e;
    }
    if (is_punct("-")) {
      take();
      return Expr::lit(0) - factor();
    }
    if (cur_.kind == Token::Number) {
      Token t = take();
      return Expr::lit(integer(t, false));
    }
    Token id = expect(Token::Ident, "a dim (number, symbol or function)");
    static const std::map<std::string, Expr::Kind> fns = {{"floordiv", Expr::Kind::FloorDiv},
                                                          {"ceildiv", Expr::Kind::CeilDiv},
                                                          {"mod", Expr::Kind::Mod},
                                                          {"max", Expr::Kind::Max},
                                                          {"min", Expr::Kind::Min}};
    if (auto it = fns.find(id.text); it != fns.end() && is_punct("(")) {
      take();
      Expr a = expr();
      expect_punct(",");
      Expr b = expr();
      expect_punct(")");
      return Expr::make(it->second, a, b);
    }
    for (size_t s = 0; s < m_.symbols.size(); ++s)
      if (m_.symbols[s].name == id.text) return Expr::sym(static_cast<uint32_t>(s));
    error(id, fmt::format("'{}' is not a declared symbol", id.text));
  }

  // ------------------------------------------------------------ names
  static bool is_number(const std::string& name, ValueId id) { return name == std::to_string(id); }
  void define(const Token& t, ValueId id) {
    if (!names_.emplace(t.text, id).second) error(t, fmt::format("%{} is defined twice", t.text));
  }
  ValueId lookup(const Token& t) {
    auto it = names_.find(t.text);
    if (it == names_.end()) error(t, fmt::format("%{} is not defined", t.text));
    return it->second;
  }

  Lexer lex_;
  Token cur_, peek_;
  Module m_;
  std::map<std::string, ValueId> names_;
};

}  // namespace

Module parse(std::string_view text) {
  return Parser(text).run();
}

}  // namespace tisa::ir
