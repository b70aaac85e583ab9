#include "tools/tisa-dsa/inputs.hpp"

#include <cstring>

#include "hal/ir/bind.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::tools::dsa {
namespace {

template <class T>
void fill(std::vector<uint8_t>& data, size_t count, T (*value)(size_t)) {
  data.resize(count * sizeof(T));
  for (size_t i = 0; i < count; ++i) {
    const T v = value(i);
    std::memcpy(data.data() + i * sizeof(T), &v, sizeof(T));
  }
}

}  // namespace

std::vector<ref::HostTensor> make_inputs(const ir::Module& module,
                                         const std::map<std::string, int64_t>& dims) {
  std::vector<int64_t> symbols(module.symbols.size(), 0);
  for (size_t s = 0; s < module.symbols.size(); ++s) {
    const ir::Symbol& sym = module.symbols[s];
    auto it = dims.find(sym.name);
    if (it != dims.end())
      symbols[s] = it->second;
    else if (sym.upper_bound > 0)
      symbols[s] = sym.upper_bound;
    else
      invalid("symbol '{}' has no upper bound: give its value with --dim {}=VALUE", sym.name, sym.name);
  }
  for (const auto& [name, value] : dims) {
    bool known = false;
    for (const ir::Symbol& sym : module.symbols) known = known || sym.name == name;
    if (!known) invalid("--dim {}: the module has no symbol '{}'", name, name);
  }
  std::vector<ref::HostTensor> inputs;
  for (const ir::Input& in : module.inputs) {
    ref::HostTensor t;
    t.dtype = in.type.dtype;
    t.shape = ir::resolve(in.type, symbols);
    const size_t n = static_cast<size_t>(ir::element_count(t.shape));
    switch (t.dtype) {
      case TISA_DTYPE_F32:
        fill<float>(t.data, n, [](size_t i) { return static_cast<float>(i % 17) * 0.125f - 1.0f; });
        break;
      case TISA_DTYPE_I32:
        fill<int32_t>(t.data, n, [](size_t i) { return static_cast<int32_t>(i % 4); });
        break;
      case TISA_DTYPE_I64:
        fill<int64_t>(t.data, n, [](size_t i) { return static_cast<int64_t>(i % 4); });
        break;
      default:
        // bool, i8, u8: small values that are valid for each.
        t.data.resize(n * ir::dtype_size(t.dtype));
        for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<uint8_t>(i % 2);
        break;
    }
    inputs.push_back(std::move(t));
  }
  return inputs;
}

}  // namespace tisa::tools::dsa
