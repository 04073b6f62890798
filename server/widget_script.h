// server/widget/widget.js, compiled into the binary by a build step (server/embed_file.cmake), so
// `beautyidx serve` needs no data folder to serve it. Private to the server folder.
#pragma once

#include <string_view>

namespace beautyidx::server {

// The script's bytes, exactly as in the source tree. Valid for the life of the program.
std::string_view widget_script();

}  // namespace beautyidx::server
