// How `beautyidx serve` is configured: a JSON file (--config), then environment variables, then
// flags, each overriding the one before. The binary reads the environment and the flags and hands
// them here, so this code never calls getenv. docs/config.md describes every key.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "server/api.h"

namespace beautyidx::server {

// The HTTP side of the server, with the defaults it runs with.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;          // 0 = any free port
  int refresh_seconds = 5;  // how often new index commits are picked up
  ApiOptions api;           // CORS allow-list (default: any origin), admin token (default: off)
  // Limits that keep slow or greedy clients from holding the server.
  // Connections served at once: cpp-httplib gives each connection a thread while it is read,
  // answered and kept alive; more wait in the queue until one closes.
  size_t threads = 64;
  size_t max_body_bytes = 64 * 1024;     // larger request bodies get 413
  int read_timeout_seconds = 5;          // a request that stalls this long is dropped
  int write_timeout_seconds = 5;         // a client that stops reading this long is dropped
  int keep_alive_timeout_seconds = 3;    // an idle kept-alive connection is closed after this
  size_t keep_alive_max_requests = 100;  // requests per connection before it is closed
};

struct ServeConfig {
  std::filesystem::path db;  // required, from one of the three sources
  ServerOptions server;
  int shutdown_grace_seconds = 5;  // on SIGTERM/SIGINT: how long requests in flight may finish
};

// The flags given on the command line; unset ones leave the file's and environment's values.
struct ServeFlags {
  std::optional<std::filesystem::path> db;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::vector<std::string>> cors_origins;
  std::optional<size_t> threads;
};

// Returns the environment variable `name`, or nullopt when it is unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const char* name)>;

// Applies a config file's JSON text onto `config`. Unknown keys and values of the wrong type or
// out of range are kInvalidArgument errors naming `source` and the key.
Status apply_config_json(std::string_view text, const std::string& source, ServeConfig& config);

// Applies BEAUTYIDX_HOST, BEAUTYIDX_PORT, BEAUTYIDX_DB, BEAUTYIDX_ADMIN_TOKEN and
// BEAUTYIDX_CORS_ORIGINS (comma-separated). Empty variables count as unset.
Status apply_environment(const EnvironmentLookup& environment, ServeConfig& config);

// Defaults, then `config_file` (when given), then the environment, then `flags`; then checks the
// result: a db is given, CORS origins are well-formed, an admin token is at least 16 characters.
// Errors are kInvalidArgument (kIo when the file cannot be read), with a message for the user.
Result<ServeConfig> resolve_serve_config(const std::optional<std::filesystem::path>& config_file,
                                         const EnvironmentLookup& environment,
                                         const ServeFlags& flags);

// The shortest admin token accepted: long enough that guessing it over the network is hopeless.
inline constexpr size_t kMinAdminTokenLength = 16;

}  // namespace beautyidx::server
