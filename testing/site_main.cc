// beautyidx-site: serves a folder (the sample blog) over HTTP on loopback until interrupted.
// Used by the README's main command and by the benches; tests use StaticSite directly.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "testing/static_site.h"

namespace {
volatile std::sig_atomic_t stop_requested = 0;
void on_signal(int) { stop_requested = 1; }
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: beautyidx-site DIR [PORT]\n");
    return 2;
  }
  int port = argc > 2 ? std::atoi(argv[2]) : 0;
  beautyidx::testing::StaticSite site(argv[1]);
  auto started = site.start("127.0.0.1", port);
  if (!started) {
    std::fprintf(stderr, "beautyidx-site: %s\n", started.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", site.origin().c_str());
  std::fflush(stdout);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  site.stop();
  return 0;
}
