// Files compiled into the binary by a build step (server/embed_file.cmake), so `beautyidx serve`
// needs no data folder to serve them. Private to the server folder.
#pragma once

#include <string_view>

namespace beautyidx::server {

// server/openapi.json: the OpenAPI 3.0 description of every endpoint (/api/v1/openapi.json).
std::string_view openapi_document();

// server/demo/index.html: the demo page served at "/".
std::string_view demo_page();

}  // namespace beautyidx::server
