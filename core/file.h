// Reading a whole file, with the path in the error.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"

namespace beautyidx {

Result<std::string> read_file(const std::filesystem::path& path);

}  // namespace beautyidx
