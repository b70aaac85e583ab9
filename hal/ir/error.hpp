// Errors inside the C++ side of TISA: thrown as tisa::Error, turned into status codes at every
// C or driver-ABI boundary.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "tisa/types.h"

namespace tisa {

class Error : public std::exception {
 public:
  Error(tisa_status_code_t code, std::string message) : code_(code), message_(std::move(message)) {}
  tisa_status_code_t code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  tisa_status_code_t code_;
  std::string message_;
};

template <typename... Args>
[[noreturn]] void fail(tisa_status_code_t code, fmt::format_string<Args...> format, Args&&... args) {
  throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

// An invalid program or argument: the spec's ERROR_IF.
template <typename... Args>
[[noreturn]] void invalid(fmt::format_string<Args...> format, Args&&... args) {
  throw Error(TISA_INVALID_ARGUMENT, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace tisa
