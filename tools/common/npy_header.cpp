#include "tools/common/npy_header.hpp"

#include <fmt/format.h>

#include "hal/ir/error.hpp"
#include "tisa/isa.h"

namespace tisa::npy::detail {
namespace {

// A recursive-descent reader over the header text; never reads past its end.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  [[noreturn]] void error(std::string_view what) const { invalid("npy header offset {}: {}", pos_, what); }
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() {
    skip_space();
    return at_end() ? '\0' : text_[pos_];
  }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void expect(char c, std::string_view context) {
    if (!accept(c)) error(fmt::format("expected '{}' {}", c, context));
  }

  std::string string_literal(std::string_view context) {
    const char quote = peek();
    if (quote != '\'' && quote != '"') error(fmt::format("expected a quoted string {}", context));
    const size_t start = ++pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\') error("escapes in strings are not supported");
      ++pos_;
    }
    if (at_end()) error("unterminated string");
    return std::string(text_.substr(start, pos_++ - start));
  }

  bool boolean_literal() {
    skip_space();
    using namespace std::string_view_literals;
    if (text_.substr(pos_, 4) == "True"sv) {
      pos_ += 4;
      return true;
    }
    if (text_.substr(pos_, 5) == "False"sv) {
      pos_ += 5;
      return false;
    }
    error("'fortran_order' must be True or False");
  }

  int64_t dim() {
    skip_space();
    if (!at_end() && text_[pos_] == '-') error("a shape dimension is negative");
    if (at_end() || text_[pos_] < '0' || text_[pos_] > '9') error("expected a shape dimension");
    int64_t value = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      value = value * 10 + (text_[pos_++] - '0');
      if (value > TISA_MAX_DIM) error(fmt::format("a shape dimension exceeds {}", TISA_MAX_DIM));
    }
    return value;
  }

  std::vector<int64_t> shape_tuple() {
    expect('(', "to open 'shape'");
    std::vector<int64_t> shape;
    while (!accept(')')) {
      if (shape.size() == static_cast<size_t>(TISA_MAX_RANK))
        error(fmt::format("the shape has more than {} dimensions", TISA_MAX_RANK));
      shape.push_back(dim());
      if (!accept(',')) {
        expect(')', "to close 'shape'");
        break;
      }
    }
    return shape;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Header parse_header(std::string_view text) {
  Reader in(text);
  Header header;
  bool seen_descr = false, seen_order = false, seen_shape = false;
  auto mark = [&](bool& seen, std::string_view key) {
    if (seen) in.error(fmt::format("key '{}' appears twice", key));
    seen = true;
  };
  in.expect('{', "at the start of the header dict");
  while (!in.accept('}')) {
    const std::string key = in.string_literal("as a header key");
    in.expect(':', fmt::format("after key '{}'", key));
    if (key == "descr") {
      mark(seen_descr, key);
      if (in.peek() == '[') in.error("structured dtypes (a list descr) are not supported");
      header.descr = in.string_literal("as the value of 'descr'");
    } else if (key == "fortran_order") {
      mark(seen_order, key);
      header.fortran_order = in.boolean_literal();
    } else if (key == "shape") {
      mark(seen_shape, key);
      header.shape = in.shape_tuple();
    } else {
      in.error(fmt::format("unknown key '{}'", key));
    }
    if (!in.accept(',')) {
      in.expect('}', "to close the header dict");
      break;
    }
  }
  if (in.peek() != '\0') in.error("unexpected text after the header dict");
  if (!seen_descr) in.error("the header has no 'descr'");
  if (!seen_order) in.error("the header has no 'fortran_order'");
  if (!seen_shape) in.error("the header has no 'shape'");
  return header;
}

std::string format_header(const Header& header) {
  std::string shape;
  for (int64_t d : header.shape) shape += fmt::format("{}, ", d);
  if (header.shape.size() > 1)
    shape.resize(shape.size() - 2);  // (2, 3)
  else if (header.shape.size() == 1)
    shape.resize(shape.size() - 1);  // (3,)
  return fmt::format("{{'descr': '{}', 'fortran_order': {}, 'shape': ({}), }}", header.descr,
                     header.fortran_order ? "True" : "False", shape);
}

}  // namespace tisa::npy::detail
