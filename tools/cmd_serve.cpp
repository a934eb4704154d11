// osprey serve DIR: a static file server on 127.0.0.1 to preview a site or a
// bundle (cpp-httplib, Debian's libcpp-httplib-dev). Not a production server:
// loopback only, GET and HEAD, no caching (every response says no-cache).
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"

namespace osprey::cli {
namespace {

// MIME types that matter to a search bundle: wasm must be application/wasm for
// streaming compilation, scripts must be JavaScript for module loading.
const std::pair<const char*, const char*> kTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"wasm", "application/wasm"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"txt", "text/plain; charset=utf-8"},
    {"xml", "application/xml"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"map", "application/json; charset=utf-8"},
    {"ts", "text/plain; charset=utf-8"},
};

}  // namespace

int cmd_serve(const std::vector<std::string>& args) {
  std::string dir;
  unsigned port = 8080;
  bool quiet = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      print_usage(stdout);
      return kExitOk;
    } else if (a == "--port" || a == "-p") {
      if (i + 1 >= args.size() || !parse_count(args[++i], port) || port > 65535) {
        return fail("--port takes a number from 0 to 65535 (0: any free port)", kExitUsage);
      }
    } else if (a == "--quiet" || a == "-q") {
      quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      return fail("serve: unknown option " + a + " (see osprey serve --help)", kExitUsage);
    } else if (dir.empty()) {
      dir = a;
    } else {
      return fail("serve: one DIR only (got \"" + a + "\" too)", kExitUsage);
    }
  }
  if (dir.empty()) return fail("usage: osprey serve DIR [--port N]", kExitUsage);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return fail(dir + ": not a folder");

  httplib::Server server;
  for (const auto& [ext, type] : kTypes) server.set_file_extension_and_mimetype_mapping(ext, type);
  if (!server.set_mount_point("/", dir, {{"Cache-Control", "no-cache"}})) {
    return fail(dir + ": cannot serve this folder");
  }
  // A folder without its trailing slash: redirect, as static hosts do, so that
  // relative links inside its index.html resolve.
  server.set_error_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 404 && !req.path.empty() && req.path.back() != '/') {
      const std::filesystem::path p = std::filesystem::path(dir) / req.path.substr(1);
      std::error_code e;
      if (std::filesystem::is_regular_file(p / "index.html", e)) {
        res.status = 301;
        res.set_header("Location", req.path + "/");
        return;
      }
    }
    res.set_content(std::to_string(res.status) + (res.status == 404 ? " not found\n" : "\n"),
                    "text/plain; charset=utf-8");
  });
  if (!quiet) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%d %s %s\n", res.status, req.method.c_str(), req.path.c_str());
    });
  }

  // SIGINT / SIGTERM stop the server from a thread of its own (the handler of
  // a signal may not call stop()).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  int bound = static_cast<int>(port);
  if (port == 0) {
    bound = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", bound)) {
    bound = -1;
  }
  if (bound < 0) return fail("cannot listen on 127.0.0.1:" + std::to_string(port) + " (in use?)");
  std::printf("osprey: serving %s at http://127.0.0.1:%d/ (Ctrl-C stops)\n", dir.c_str(), bound);
  std::fflush(stdout);
  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    server.stop();
  });
  server.listen_after_bind();
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter
  waiter.join();
  return kExitOk;
}

}  // namespace osprey::cli
