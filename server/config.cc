#include "server/config.h"

#include <charconv>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

Status invalid(const std::string& source, const std::string& key, const std::string& why) {
  return make_error(ErrorKind::kInvalidArgument, source + ": " + key + " " + why);
}

// Reads one whole number in [min, max] from a JSON value.
template <typename T>
Status read_number(const json& value, const std::string& source, const std::string& key,
                   long long min, long long max, T& out) {
  if (!value.is_number_integer() || value.get<long long>() < min || value.get<long long>() > max) {
    return invalid(
        source, key,
        "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  out = static_cast<T>(value.get<long long>());
  return {};
}

Status read_string(const json& value, const std::string& source, const std::string& key,
                   std::string& out) {
  if (!value.is_string()) return invalid(source, key, "must be a string");
  out = value.get<std::string>();
  return {};
}

// One key of the file: how to read it into the config.
struct Key {
  const char* name;
  std::function<Status(const json&, const std::string& source, ServeConfig&)> read;
};

template <typename T>
Key number_key(const char* name, long long min, long long max, T ServerOptions::*field) {
  return {name, [=](const json& v, const std::string& source, ServeConfig& c) {
            return read_number(v, source, name, min, max, c.server.*field);
          }};
}

const std::vector<Key>& keys() {
  static const std::vector<Key> table = {
      {"host", [](const json& v, const std::string& s,
                  ServeConfig& c) { return read_string(v, s, "host", c.server.host); }},
      number_key("port", 0, 65535, &ServerOptions::port),
      {"db",
       [](const json& v, const std::string& s, ServeConfig& c) -> Status {
         std::string db;
         if (auto r = read_string(v, s, "db", db); !r) return r;
         c.db = db;
         return {};
       }},
      {"cors_origins",
       [](const json& v, const std::string& s, ServeConfig& c) -> Status {
         if (!v.is_array()) return invalid(s, "cors_origins", "must be an array of origins");
         c.server.api.cors_origins.clear();
         for (const json& origin : v) {
           if (!origin.is_string())
             return invalid(s, "cors_origins", "must be an array of strings");
           c.server.api.cors_origins.push_back(origin.get<std::string>());
         }
         return {};
       }},
      {"admin_token",
       [](const json& v, const std::string& s, ServeConfig& c) {
         return read_string(v, s, "admin_token", c.server.api.admin_token);
       }},
      number_key("threads", 1, 1024, &ServerOptions::threads),
      number_key("max_body_bytes", 1024, 64LL * 1024 * 1024, &ServerOptions::max_body_bytes),
      number_key("read_timeout_seconds", 1, 300, &ServerOptions::read_timeout_seconds),
      number_key("write_timeout_seconds", 1, 300, &ServerOptions::write_timeout_seconds),
      number_key("keep_alive_timeout_seconds", 1, 300, &ServerOptions::keep_alive_timeout_seconds),
      number_key("keep_alive_max_requests", 1, 100000, &ServerOptions::keep_alive_max_requests),
      number_key("refresh_seconds", 1, 3600, &ServerOptions::refresh_seconds),
      {"shutdown_grace_seconds",
       [](const json& v, const std::string& s, ServeConfig& c) {
         return read_number(v, s, "shutdown_grace_seconds", 0, 300, c.shutdown_grace_seconds);
       }},
  };
  return table;
}

std::vector<std::string> split_origins(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view origin = trim(list.substr(start, comma - start));
    if (!origin.empty()) out.emplace_back(origin);
    start = comma + 1;
  }
  return out;
}

Status check(const ServeConfig& config) {
  if (config.db.empty()) {
    return make_error(ErrorKind::kInvalidArgument,
                      "no database: give --db DIR, BEAUTYIDX_DB or \"db\" in the config file");
  }
  for (const std::string& origin : config.server.api.cors_origins) {
    if (auto valid = check_cors_origin(origin); !valid) return valid;
  }
  const std::string& token = config.server.api.admin_token;
  if (!token.empty() && token.size() < kMinAdminTokenLength) {
    return make_error(ErrorKind::kInvalidArgument, "the admin token must be at least " +
                                                       std::to_string(kMinAdminTokenLength) +
                                                       " characters (try: openssl rand -hex 24)");
  }
  for (char c : token) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return make_error(ErrorKind::kInvalidArgument,
                        "the admin token must not contain spaces or control characters");
    }
  }
  return {};
}

}  // namespace

Status apply_config_json(std::string_view text, const std::string& source, ServeConfig& config) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return make_error(ErrorKind::kInvalidArgument, source + ": not a JSON object");
  }
  for (const auto& [name, value] : parsed.items()) {
    const Key* key = nullptr;
    for (const Key& k : keys()) {
      if (name == k.name) key = &k;
    }
    if (key == nullptr) return invalid(source, name, "is not a setting (see docs/config.md)");
    if (auto s = key->read(value, source, config); !s) return s;
  }
  return {};
}

Status apply_environment(const EnvironmentLookup& environment, ServeConfig& config) {
  auto get = [&](const char* name) -> std::optional<std::string> {
    auto value = environment(name);
    if (!value || trim(*value).empty()) return std::nullopt;
    return std::string(trim(*value));
  };
  if (auto host = get("BEAUTYIDX_HOST")) config.server.host = *host;
  if (auto port = get("BEAUTYIDX_PORT")) {
    int value = -1;
    auto [end, error] = std::from_chars(port->data(), port->data() + port->size(), value);
    if (error != std::errc() || end != port->data() + port->size() || value < 0 || value > 65535) {
      return make_error(ErrorKind::kInvalidArgument,
                        "BEAUTYIDX_PORT must be a port number from 0 to 65535");
    }
    config.server.port = value;
  }
  if (auto db = get("BEAUTYIDX_DB")) config.db = *db;
  if (auto token = get("BEAUTYIDX_ADMIN_TOKEN")) config.server.api.admin_token = *token;
  if (auto origins = get("BEAUTYIDX_CORS_ORIGINS"))
    config.server.api.cors_origins = split_origins(*origins);
  return {};
}

Result<ServeConfig> resolve_serve_config(const std::optional<std::filesystem::path>& config_file,
                                         const EnvironmentLookup& environment,
                                         const ServeFlags& flags) {
  ServeConfig config;
  if (config_file) {
    std::ifstream in(*config_file, std::ios::binary);
    if (!in)
      return make_error(ErrorKind::kIo, "read config " + config_file->string() + ": cannot open");
    std::stringstream text;
    text << in.rdbuf();
    if (auto s = apply_config_json(text.str(), config_file->string(), config); !s)
      return std::unexpected(s.error());
    // A relative db in a file means relative to that file, wherever serve is started from.
    if (!config.db.empty() && config.db.is_relative())
      config.db = config_file->parent_path() / config.db;
  }
  if (auto s = apply_environment(environment, config); !s) return std::unexpected(s.error());
  if (flags.db) config.db = *flags.db;
  if (flags.host) config.server.host = *flags.host;
  if (flags.port) config.server.port = *flags.port;
  if (flags.cors_origins) config.server.api.cors_origins = *flags.cors_origins;
  if (flags.threads) config.server.threads = *flags.threads;
  if (auto s = check(config); !s) return std::unexpected(s.error());
  return config;
}

}  // namespace beautyidx::server
