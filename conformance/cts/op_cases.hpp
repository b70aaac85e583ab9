// Op cases, generated from the registry: every base op on every dtype of TISA-B and of the
// specified dtype extensions its constraints allow, with attribute variants, shape classes,
// views feeding the op and value classes.
// The families are chosen by the op's shape rule (and group), never by a list of op names.
#pragma once

#include <string>
#include <vector>

#include "conformance/cts/module_case.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {

std::vector<Case> op_cases();

// Families (one file each). Each appends the cases of one op on one dtype.
void add_elementwise_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_type_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_creation_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_reduce_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_matmul_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_movement_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_indexing_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);
void add_scan_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out);

// Helpers shared by the families.
std::string dtype_name(tisa_dtype_t dtype);
std::string op_case_name(const ir::OpInfo& op, tisa_dtype_t t, const std::string& rest);
// The random class that suits the op's numerics (dot sums stay meaningful, products in range).
Values random_values_for(const ir::OpInfo& op, tisa_dtype_t t);
// Value classes to run for a dtype: name and class.
struct ValueClass {
  std::string name;
  Values values;
};
std::vector<ValueClass> value_classes(tisa_dtype_t t);
// The base dtypes of the registry, in order.
std::vector<tisa_dtype_t> base_dtypes();
// The dtypes the suite has cases for, in registry order: the base ones and those of every dtype
// extension this version specifies (Xf16, Xbf16, Xf64).
std::vector<tisa_dtype_t> suite_dtypes();

}  // namespace tisa::cts
