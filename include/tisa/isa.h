/* TISA instruction set: versions, dtypes, opcodes, extensions, limits and the binary module
 * encoding. C11 and C++; the op tables come from spec/tisa.yaml through isa_ops.h. */
#ifndef TISA_ISA_H_
#define TISA_ISA_H_

#include <stdint.h>

#include "tisa/isa_ops.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Versions are packed as (major << 16) | minor everywhere: modules, devices and the ABI. */
#define TISA_MAKE_VERSION(major, minor) ((uint32_t)(((uint32_t)(major) << 16) | (uint32_t)(minor)))
#define TISA_VERSION_MAJOR(v) ((uint32_t)(v) >> 16)
#define TISA_VERSION_MINOR(v) ((uint32_t)(v)&0xffffu)
#define TISA_ISA_VERSION TISA_MAKE_VERSION(TISA_ISA_VERSION_MAJOR, TISA_ISA_VERSION_MINOR)

/* Extension masks: bit (1 << tisa_extension_t). */
typedef uint64_t tisa_extension_mask_t;
#define TISA_EXT_MASK(ext) ((tisa_extension_mask_t)1 << (ext))

/* ---- binary module encoding (little-endian 32-bit words, see spec/tisa-spec.md) ----
 * header: magic, version, generator, extensions (2 words, low then high), section count;
 * then sections, each [id, payload word count, payload...], in increasing id order. */
#define TISA_MODULE_MAGIC 0x41534954u /* "TISA" in little-endian bytes */
#define TISA_MODULE_HEADER_WORDS 6u
#define TISA_CONSTANT_ALIGNMENT 64u /* bytes, from the start of the module */

typedef enum tisa_section_id_e {
  TISA_SECTION_SYMBOLS = 1,
  TISA_SECTION_INPUTS = 2,
  TISA_SECTION_CONSTANTS = 3,
  TISA_SECTION_CODE = 4,
  TISA_SECTION_OUTPUTS = 5,
  /* Ids at or above this may be skipped by readers that do not know them. */
  TISA_SECTION_OPTIONAL_BASE = 0x8000,
  TISA_SECTION_NAMES = 0x8001 /* debug names of values */
} tisa_section_id_t;

/* Shape-expression tokens (postfix). LIT is followed by two words (int64, low first); SYM by
 * one word (symbol index). Operators pop two operands, push one. */
typedef enum tisa_expr_token_e {
  TISA_EXPR_LIT = 1,
  TISA_EXPR_SYM = 2,
  TISA_EXPR_ADD = 3,
  TISA_EXPR_SUB = 4,
  TISA_EXPR_MUL = 5,
  TISA_EXPR_FLOORDIV = 6,
  TISA_EXPR_CEILDIV = 7,
  TISA_EXPR_MOD = 8,
  TISA_EXPR_MAX = 9,
  TISA_EXPR_MIN = 10
} tisa_expr_token_t;

/* Optimization levels (spec: "Optimization levels"). */
typedef enum tisa_opt_level_e {
  TISA_OPT_O0 = 0, /* nothing */
  TISA_OPT_O1 = 1, /* always-safe rewrites: DCE, CSE, constant folding, canonicalization */
  TISA_OPT_O2 = 2, /* O1 + fusion and memory planning */
  TISA_OPT_O3 = 3  /* O2 + device-specific tuning */
} tisa_opt_level_t;

#ifdef __cplusplus
}
#endif

#endif /* TISA_ISA_H_ */
