// `beautyidx serve` settings: the config file, then the environment, then flags.
#include "server/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../test_util.h"

namespace beautyidx::server {
namespace {

EnvironmentLookup environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const char* name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

std::filesystem::path write_config(const test::TempDir& dir, const std::string& text) {
  std::filesystem::path file = dir.path() / "serve.json";
  std::ofstream(file) << text;
  return file;
}

TEST(ConfigTest, DefaultsNeedOnlyADatabase) {
  auto config = resolve_serve_config(std::nullopt, environment({}), ServeFlags{.db = "db"});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->db, "db");
  EXPECT_EQ(config->server.host, "127.0.0.1");
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_TRUE(config->server.api.admin_token.empty()) << "admin endpoints are off by default";
  EXPECT_TRUE(config->server.api.cors_origins.empty());
  EXPECT_EQ(config->shutdown_grace_seconds, 5);

  auto missing = resolve_serve_config(std::nullopt, environment({}), ServeFlags{});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("--db"), std::string::npos) << missing.error().message;
}

TEST(ConfigTest, FlagsWinOverEnvironmentAndEnvironmentOverTheFile) {
  test::TempDir dir;
  auto file = write_config(dir, R"({"host": "0.0.0.0", "port": 9000, "db": "/srv/file-db",
      "cors_origins": ["https://file.example"], "admin_token": "file-token-0123456789",
      "threads": 4, "max_body_bytes": 2048, "read_timeout_seconds": 7, "write_timeout_seconds": 8,
      "keep_alive_timeout_seconds": 2, "keep_alive_max_requests": 50, "refresh_seconds": 9,
      "shutdown_grace_seconds": 3})");

  auto from_file = resolve_serve_config(file, environment({}), {});
  ASSERT_TRUE(from_file) << from_file.error().message;
  EXPECT_EQ(from_file->server.host, "0.0.0.0");
  EXPECT_EQ(from_file->server.port, 9000);
  EXPECT_EQ(from_file->db, "/srv/file-db");
  EXPECT_EQ(from_file->server.api.cors_origins, std::vector<std::string>{"https://file.example"});
  EXPECT_EQ(from_file->server.api.admin_token, "file-token-0123456789");
  EXPECT_EQ(from_file->server.threads, 4u);
  EXPECT_EQ(from_file->server.max_body_bytes, 2048u);
  EXPECT_EQ(from_file->server.read_timeout_seconds, 7);
  EXPECT_EQ(from_file->server.write_timeout_seconds, 8);
  EXPECT_EQ(from_file->server.keep_alive_timeout_seconds, 2);
  EXPECT_EQ(from_file->server.keep_alive_max_requests, 50u);
  EXPECT_EQ(from_file->server.refresh_seconds, 9);
  EXPECT_EQ(from_file->shutdown_grace_seconds, 3);

  auto env =
      environment({{"BEAUTYIDX_HOST", "127.0.0.2"},
                   {"BEAUTYIDX_PORT", "9100"},
                   {"BEAUTYIDX_DB", "/srv/env-db"},
                   {"BEAUTYIDX_ADMIN_TOKEN", "env-token-0123456789"},
                   {"BEAUTYIDX_CORS_ORIGINS", " https://a.example, https://b.example:8443 ,"}});
  auto from_env = resolve_serve_config(file, env, {});
  ASSERT_TRUE(from_env) << from_env.error().message;
  EXPECT_EQ(from_env->server.host, "127.0.0.2");
  EXPECT_EQ(from_env->server.port, 9100);
  EXPECT_EQ(from_env->db, "/srv/env-db");
  EXPECT_EQ(from_env->server.api.admin_token, "env-token-0123456789");
  EXPECT_EQ(from_env->server.api.cors_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example:8443"}));
  EXPECT_EQ(from_env->server.threads, 4u) << "what the environment does not set stays the file's";

  ServeFlags flags{.db = "/srv/flag-db",
                   .host = "::1",
                   .port = 0,
                   .cors_origins = std::vector<std::string>{"*"},
                   .threads = 2};
  auto from_flags = resolve_serve_config(file, env, flags);
  ASSERT_TRUE(from_flags) << from_flags.error().message;
  EXPECT_EQ(from_flags->db, "/srv/flag-db");
  EXPECT_EQ(from_flags->server.host, "::1");
  EXPECT_EQ(from_flags->server.port, 0);
  EXPECT_EQ(from_flags->server.api.cors_origins, std::vector<std::string>{"*"});
  EXPECT_EQ(from_flags->server.threads, 2u);
  EXPECT_EQ(from_flags->server.api.admin_token, "env-token-0123456789") << "there is no token flag";
}

TEST(ConfigTest, EmptyVariablesCountAsUnset) {
  auto config = resolve_serve_config(
      std::nullopt,
      environment({{"BEAUTYIDX_DB", "db"}, {"BEAUTYIDX_PORT", ""}, {"BEAUTYIDX_ADMIN_TOKEN", " "}}),
      {});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_TRUE(config->server.api.admin_token.empty());
}

TEST(ConfigTest, ARelativeDbInAFileIsRelativeToTheFile) {
  test::TempDir dir;
  auto file = write_config(dir, R"({"db": "my-db"})");
  auto config = resolve_serve_config(file, environment({}), {});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->db, dir.path() / "my-db");
}

struct BadConfig {
  const char* file;  // nullptr: no file
  std::map<std::string, std::string> environment;
  const char* message;  // a part of the error message
};

TEST(ConfigTest, BadSettingsAreErrorsThatNameThem) {
  const BadConfig cases[] = {
      {"not json", {}, "not a JSON object"},
      {"[1, 2]", {}, "not a JSON object"},
      {R"({"db": "x", "prot": 80})", {}, "prot is not a setting"},
      {R"({"db": "x", "port": "80"})", {}, "port must be a whole number"},
      {R"({"db": "x", "port": 70000})", {}, "port must be a whole number from 0 to 65535"},
      {R"({"db": "x", "threads": 0})", {}, "threads must be"},
      {R"({"db": "x", "max_body_bytes": 10})", {}, "max_body_bytes must be"},
      {R"({"db": "x", "read_timeout_seconds": 2.5})", {}, "read_timeout_seconds must be"},
      {R"({"db": "x", "host": 5})", {}, "host must be a string"},
      {R"({"db": "x", "cors_origins": "https://a.example"})", {}, "cors_origins must be an array"},
      {R"({"db": "x", "cors_origins": ["https://a.example/path"]})", {}, "has a path"},
      {R"({"db": "x", "admin_token": "short"})", {}, "at least 16 characters"},
      {R"({"db": "x", "admin_token": "has a space in it 0123"})", {}, "spaces"},
      {nullptr, {{"BEAUTYIDX_DB", "x"}, {"BEAUTYIDX_PORT", "80a"}}, "BEAUTYIDX_PORT"},
      {nullptr, {{"BEAUTYIDX_DB", "x"}, {"BEAUTYIDX_PORT", "-1"}}, "BEAUTYIDX_PORT"},
      {nullptr,
       {{"BEAUTYIDX_DB", "x"}, {"BEAUTYIDX_CORS_ORIGINS", "ftp://a.example"}},
       "is not http(s)"},
      {nullptr, {{"BEAUTYIDX_DB", "x"}, {"BEAUTYIDX_ADMIN_TOKEN", "too-short"}}, "at least 16"},
  };
  for (const auto& c : cases) {
    test::TempDir dir;
    std::optional<std::filesystem::path> file;
    if (c.file) file = write_config(dir, c.file);
    auto config = resolve_serve_config(file, environment(c.environment), {});
    ASSERT_FALSE(config) << (c.file ? c.file : "(environment)");
    EXPECT_EQ(config.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(config.error().message.find(c.message), std::string::npos)
        << "wanted \"" << c.message << "\" in: " << config.error().message;
  }
  auto unreadable =
      resolve_serve_config(std::filesystem::path("/nonexistent/serve.json"), environment({}), {});
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().kind, ErrorKind::kIo);
}

}  // namespace
}  // namespace beautyidx::server
