#include "frontends/onnx/attributes.hpp"

#include <fmt/format.h>

#include "hal/ir/error.hpp"

namespace tisa::onnx_import {

using AP = onnx::AttributeProto;

std::string describe(const onnx::NodeProto& node, size_t index) {
  if (!node.name().empty()) return fmt::format("node '{}' ({})", node.name(), node.op_type());
  return fmt::format("node #{} ({})", index, node.op_type());
}

const AP* Attributes::find(const std::string& name) const {
  for (const AP& a : node_.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

void Attributes::bad(const std::string& name, const std::string& message) const {
  fail(TISA_INVALID_ARGUMENT, "{}: attribute '{}': {}", where_, name, message);
}

void Attributes::unsupported(const std::string& name, const std::string& message) const {
  fail(TISA_UNIMPLEMENTED, "{}: attribute '{}': {}", where_, name, message);
}

const AP* Attributes::get(const std::string& name, AP::AttributeType type) {
  read_.insert(name);
  const AP* a = find(name);
  if (!a) return nullptr;
  if (a->type() != type && a->type() != AP::UNDEFINED)
    bad(name,
        fmt::format("expected {}, got {}", AP::AttributeType_Name(type), AP::AttributeType_Name(a->type())));
  if (!a->ref_attr_name().empty()) unsupported(name, "references to function attributes are not supported");
  return a;
}

std::optional<int64_t> Attributes::i(const std::string& name) {
  const AP* a = get(name, AP::INT);
  return a ? std::optional<int64_t>(a->i()) : std::nullopt;
}
int64_t Attributes::i(const std::string& name, int64_t fallback) {
  return i(name).value_or(fallback);
}
std::optional<double> Attributes::f(const std::string& name) {
  const AP* a = get(name, AP::FLOAT);
  return a ? std::optional<double>(a->f()) : std::nullopt;
}
double Attributes::f(const std::string& name, double fallback) {
  return f(name).value_or(fallback);
}
std::string Attributes::s(const std::string& name, const std::string& fallback) {
  const AP* a = get(name, AP::STRING);
  return a ? a->s() : fallback;
}
std::optional<std::vector<int64_t>> Attributes::ints(const std::string& name) {
  const AP* a = get(name, AP::INTS);
  if (!a) return std::nullopt;
  return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}
std::vector<int64_t> Attributes::ints(const std::string& name, std::vector<int64_t> fallback) {
  auto v = ints(name);
  return v ? *v : std::move(fallback);
}
std::optional<std::vector<double>> Attributes::floats(const std::string& name) {
  const AP* a = get(name, AP::FLOATS);
  if (!a) return std::nullopt;
  return std::vector<double>(a->floats().begin(), a->floats().end());
}
std::optional<std::vector<std::string>> Attributes::strings(const std::string& name) {
  const AP* a = get(name, AP::STRINGS);
  if (!a) return std::nullopt;
  return std::vector<std::string>(a->strings().begin(), a->strings().end());
}
const onnx::TensorProto* Attributes::t(const std::string& name) {
  const AP* a = get(name, AP::TENSOR);
  return a ? &a->t() : nullptr;
}

void Attributes::check_all_read() const {
  for (const AP& a : node_.attribute())
    if (!read_.count(a.name())) unsupported(a.name(), "not supported by the importer");
}

}  // namespace tisa::onnx_import
