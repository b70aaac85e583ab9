// Cases that run a module: a verified module, its input data, the optimization levels to run it
// at, and how its outputs are judged. Draft is the scratchpad a generator builds one with.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/cts/case.hpp"
#include "conformance/cts/values.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/builder.hpp"

namespace tisa::cts {

enum class Judge {
  PerOp,    // each output by the numerics of the op that produced it (op cases)
  Program,  // float outputs by the program bound (section 5 of the spec), others exactly
};

struct ModuleCase {
  ir::Module module;
  std::vector<ref::HostTensor> inputs;
  std::vector<tisa_opt_level_t> levels{TISA_OPT_O0};
  Judge judge = Judge::PerOp;
};

// Views that can feed an op: its operand is made from a differently shaped input.
enum class View { None, Transposed, Broadcast, Sliced, Windowed, Symbolic };

class Draft {
 public:
  explicit Draft(std::string_view name, tisa_extension_mask_t extensions = 0);

  Rng rng;
  ir::Builder b;
  std::vector<ref::HostTensor> inputs;

  // The module's symbol N (declared on first use).
  ir::Expr symbol(const std::string& name, int64_t upper_bound = 4096);
  // Declares an input with the given data; dims default to the data's literal shape.
  ir::Value input(ref::HostTensor data, std::vector<ir::Expr> dims = {});
  ir::Value input(tisa_dtype_t dtype, const ir::Shape& shape, const Fill& fill,
                  std::vector<ir::Expr> dims = {});

  // An operand of shape `target` fed through a view: declare() adds the input (inputs come
  // before any instruction), apply() adds the view ops.
  struct Pending {
    ir::Value input;
    View view;
    ir::Shape target;
    int operand;
  };
  Pending declare(tisa_dtype_t dtype, const ir::Shape& target, View view, const Fill& fill);
  ir::Value apply(const Pending& pending);

  ModuleCase finish(std::vector<tisa_opt_level_t> levels = {TISA_OPT_O0}, Judge judge = Judge::PerOp);

 private:
  std::vector<std::pair<std::string, ir::Expr>> symbols_;
};

// A module case named name whose body builds the module on a Draft seeded from the name. The
// case needs the extension of dtype and those of `extensions` (a cast target, an accumulator):
// its module requires them, and they decide its profile.
Case module_case(std::string name, std::function<ModuleCase(Draft&)> body, tisa_opcode_t op = TISA_OP_INVALID,
                 tisa_dtype_t dtype = TISA_DTYPE_INVALID, tisa_extension_mask_t extensions = 0);

// The extension mask a dtype needs (0 for a base dtype).
tisa_extension_mask_t extensions_of(tisa_dtype_t dtype);
// The profile a case needing extensions is listed under: TISA-B, or its lowest extension.
std::string profile_of(tisa_extension_mask_t extensions);

// Runs a built module case on a device (execute.cpp).
Outcome run_module_case(const Target& target, const ModuleCase& mc);

}  // namespace tisa::cts
