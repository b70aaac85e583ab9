// The name the support library puts on every message, as a driver defines it.
#include "drivers/support/errors.hpp"

const std::string_view tisa::drv::kDriverName = "test driver";
