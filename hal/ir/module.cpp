#include "hal/ir/module.hpp"

namespace tisa::ir {

std::vector<std::string> Module::symbol_names() const {
  std::vector<std::string> names;
  names.reserve(symbols.size());
  for (const auto& s : symbols) names.push_back(s.name);
  return names;
}

}  // namespace tisa::ir
