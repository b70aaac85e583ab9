// GLSL to SPIR-V at run time with shaderc, for the fused kernels: includes resolve to the GLSL
// embedded at build time (common.glsl, the op library), so no file is read. Results are cached
// for the process by source text, since many executables fuse the same chains.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tisa::vk {

// Throws INTERNAL with the compiler's message (the source is the driver's own, so a failure is
// a driver bug). Thread-safe.
std::vector<uint32_t> compile_glsl(const std::string& source, const std::string& name);

}  // namespace tisa::vk
