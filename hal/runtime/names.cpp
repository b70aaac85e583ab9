// Names of dtypes and opcodes (from the registry's X-macros), dtype sizes, and tisa_free.
#include <cstdlib>

#include "hal/runtime/c_enum.hpp"
#include "tisa/tisa.h"

extern "C" {

TISA_API const char* tisa_dtype_name(tisa_dtype_t dtype) {
  switch (tisa::rt::raw_enum(dtype)) {
#define TISA_X(ENUM, name, code, bits, cls, ext, c_type) \
  case TISA_DTYPE_##ENUM: return #name;
    TISA_DTYPE_LIST(TISA_X)
#undef TISA_X
    default: return "invalid";
  }
}

TISA_API size_t tisa_dtype_size(tisa_dtype_t dtype) {
  switch (tisa::rt::raw_enum(dtype)) {
#define TISA_X(ENUM, name, code, bits, cls, ext, c_type) \
  case TISA_DTYPE_##ENUM: return (bits) / 8;
    TISA_DTYPE_LIST(TISA_X)
#undef TISA_X
    default: return 0;
  }
}

TISA_API const char* tisa_opcode_name(tisa_opcode_t opcode) {
  switch (tisa::rt::raw_enum(opcode)) {
#define TISA_X(ENUM, name, ...) \
  case TISA_OP_##ENUM: return #name;
    TISA_OP_LIST(TISA_X)
#undef TISA_X
    default: return "invalid";
  }
}

TISA_API void tisa_free(void* ptr) {
  std::free(ptr);
}

}  // extern "C"
