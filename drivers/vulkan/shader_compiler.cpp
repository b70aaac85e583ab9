#include "drivers/vulkan/shader_compiler.hpp"

#include <shaderc/shaderc.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "drivers/support/errors.hpp"

namespace tisa::vk {
namespace {

struct GlslFile {
  std::string_view name;
  std::string_view text;
};
#define TISA_VK_GLSL(name, text) {name, text},
constexpr GlslFile kGlsl[] = {
#include "glsl_sources.inc"
};
#undef TISA_VK_GLSL

shaderc_include_result* resolve(void*, const char* requested, int, const char*, size_t) {
  auto* result = new shaderc_include_result{};
  static constexpr std::string_view kMissing = "no such embedded GLSL file";
  result->content = kMissing.data();
  result->content_length = kMissing.size();
  for (const GlslFile& f : kGlsl) {
    if (f.name != requested) continue;
    result->source_name = f.name.data();
    result->source_name_length = f.name.size();
    result->content = f.text.data();
    result->content_length = f.text.size();
  }
  if (!result->source_name) result->source_name = "";
  return result;
}

void release(void*, shaderc_include_result* result) {
  delete result;
}

std::vector<uint32_t> compile(const std::string& source, const std::string& name) {
  using Compiler = std::unique_ptr<shaderc_compiler, decltype(&shaderc_compiler_release)>;
  using Options = std::unique_ptr<shaderc_compile_options, decltype(&shaderc_compile_options_release)>;
  using Result = std::unique_ptr<shaderc_compilation_result, decltype(&shaderc_result_release)>;
  // One compiler for the process: glslang builds its built-in symbol tables once per compiler.
  static Compiler compiler(shaderc_compiler_initialize(), shaderc_compiler_release);
  Options options(shaderc_compile_options_initialize(), shaderc_compile_options_release);
  if (!compiler || !options) drv::fail(TISA_INTERNAL, "shaderc could not be initialised");
  shaderc_compile_options_set_target_env(options.get(), shaderc_target_env_vulkan,
                                         shaderc_env_version_vulkan_1_2);
  shaderc_compile_options_set_optimization_level(options.get(), shaderc_optimization_level_performance);
  shaderc_compile_options_set_include_callbacks(options.get(), resolve, release, nullptr);
  Result result(shaderc_compile_into_spv(compiler.get(), source.data(), source.size(), shaderc_compute_shader,
                                         name.c_str(), "main", options.get()),
                shaderc_result_release);
  if (!result || shaderc_result_get_compilation_status(result.get()) != shaderc_compilation_status_success) {
    drv::fail(TISA_INTERNAL, "compiling the generated kernel {} failed: {}", name,
              result ? shaderc_result_get_error_message(result.get()) : "no result");
  }
  std::vector<uint32_t> words(shaderc_result_get_length(result.get()) / 4);
  std::memcpy(words.data(), shaderc_result_get_bytes(result.get()), words.size() * 4);
  return words;
}

}  // namespace

std::vector<uint32_t> compile_glsl(const std::string& source, const std::string& name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::vector<uint32_t>> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(source); it != cache.end()) return it->second;
  }
  std::vector<uint32_t> words = compile(source, name);
  std::lock_guard lock(mutex);
  if (cache.size() >= 4096) cache.clear();  // a bound for processes that build endless programs
  return cache.emplace(source, std::move(words)).first->second;
}

}  // namespace tisa::vk
