#include "pipeline/crawl_requests.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include "core/file.h"
#include "pipeline/indexing_sink.h"

namespace beautyidx::pipeline {
namespace {

namespace fs = std::filesystem;

fs::path waiting_file(const fs::path& db) { return db / "crawl-requests.txt"; }
fs::path taken_file(const fs::path& db) { return db / "crawl-requests.taken"; }

// One write(2) per call on an O_APPEND descriptor: lines from concurrent writers never mix.
Status append_lines(const fs::path& file, const std::string& lines) {
  if (lines.empty()) return {};
  int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return make_error(ErrorKind::kIo, "open " + file.string() + ": " + std::strerror(errno));
  ssize_t written = ::write(fd, lines.data(), lines.size());
  int saved = errno;
  ::close(fd);
  if (written != static_cast<ssize_t>(lines.size())) {
    return make_error(ErrorKind::kIo, "append to " + file.string() + ": " + std::strerror(saved));
  }
  return {};
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace

Status append_crawl_request(const fs::path& db_dir, const std::string& url) {
  if (url.empty() || url.find_first_of("\r\n") != std::string::npos) {
    return make_error(ErrorKind::kInvalidArgument, "a crawl request is one URL on one line");
  }
  return append_lines(waiting_file(db_dir), url + "\n");
}

Result<std::vector<std::string>> take_crawl_requests(const fs::path& db_dir) {
  std::error_code ec;
  if (fs::exists(waiting_file(db_dir), ec)) {
    if (!fs::exists(taken_file(db_dir), ec)) {
      // Atomic: a server appending right now writes to the renamed file or to a new one.
      fs::rename(waiting_file(db_dir), taken_file(db_dir), ec);
      if (ec) return make_error(ErrorKind::kIo, "take " + waiting_file(db_dir).string() + ": " + ec.message());
    } else {
      // An earlier crawl took requests and did not finish: add the new ones to its, as they are
      // (whole lines: each request was written with one append).
      auto lines = read_file(waiting_file(db_dir));
      if (!lines) return std::unexpected(lines.error());
      if (auto s = append_lines(taken_file(db_dir), *lines); !s) return std::unexpected(s.error());
      fs::remove(waiting_file(db_dir), ec);
    }
  }
  std::vector<std::string> urls;
  std::set<std::string> seen;
  for (auto& line : read_lines(taken_file(db_dir))) {
    if (seen.insert(line).second) urls.push_back(std::move(line));
  }
  return urls;
}

Result<crawler::CrawlReport> crawl_serving_requests(const fs::path& db_dir, storage::Store& store,
                                                    indexer::Indexer& indexer, const extract::Extractor& extractor,
                                                    crawler::CrawlOptions options, const std::atomic<bool>* stop,
                                                    const crawler::ProgressCallback& progress) {
  auto requested = take_crawl_requests(db_dir);
  if (!requested) return std::unexpected(requested.error());
  options.requested = std::move(*requested);
  IndexingSink sink(indexer);
  crawler::Crawler crawler(store, extractor, options, sink);
  auto report = crawler.run(stop, progress);
  if (!report) return report;
  if (stop == nullptr || !*stop) {
    if (auto s = release_crawl_requests(db_dir, report->requests_not_taken); !s) return std::unexpected(s.error());
  }
  return report;
}

Status release_crawl_requests(const fs::path& db_dir, const std::vector<std::string>& unserved) {
  std::string lines;
  for (const auto& url : unserved) lines += url + "\n";
  if (auto s = append_lines(waiting_file(db_dir), lines); !s) return s;
  std::error_code ec;
  fs::remove(taken_file(db_dir), ec);
  if (ec) return make_error(ErrorKind::kIo, "remove " + taken_file(db_dir).string() + ": " + ec.message());
  return {};
}

}  // namespace beautyidx::pipeline
