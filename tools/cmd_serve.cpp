// osprey serve DIR: a static file server on 127.0.0.1 to preview a site or a
// bundle (cpp-httplib, Debian's libcpp-httplib-dev). Not a production server:
// loopback only, GET and HEAD, no caching (every response says no-cache).
// What a visitor's browser (or a page it runs) can reach is DIR's own files:
// no dotfiles, nothing through a symbolic link out of DIR, nothing for a Host
// other than the loopback names (serve_server.hpp bounds slow clients).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"
#include "edge_text.hpp"
#include "file_io.hpp"
#include "serve_server.hpp"

namespace osprey::cli {
namespace {

namespace fs = std::filesystem;

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

// The file a request path names under root (a real path), or "" when there
// is none to serve: a path with NUL, a segment starting with '.' (dotfiles,
// "..") or a real path outside root (a symbolic link out) names nothing. A
// folder names its index.html; *folder is set when the path names a folder
// without its trailing slash (a redirect).
std::string resolve(const fs::path& root, const std::string& path, bool* folder) {
  *folder = false;
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos) return "";
  std::string_view rest(path);
  rest.remove_prefix(1);
  while (!rest.empty()) {
    const std::size_t cut = rest.find('/');
    const std::string_view seg = rest.substr(0, cut);
    if (!seg.empty() && seg[0] == '.') return "";
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
  std::error_code ec;
  fs::path real = fs::canonical(root / path.substr(1), ec);
  if (ec || !within(real, root)) return "";
  if (fs::is_directory(real, ec)) {
    real = fs::canonical(real / "index.html", ec);
    if (ec || !within(real, root) || !fs::is_regular_file(real, ec)) return "";
    if (path.back() != '/') {
      *folder = true;
      return "";
    }
    return real.string();
  }
  // Not a folder: read_file refuses anything but a regular file.
  return path.back() != '/' ? real.string() : "";
}

// Whether a Host header names this server: 127.0.0.1, localhost or [::1],
// alone or with the port. Any other name may be a DNS rebinding (a page of
// evil.example whose name now resolves to 127.0.0.1) and is refused.
bool loopback_host(const std::string& host, int port) {
  std::string name = host;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string with_port(1, ':');
  with_port += std::to_string(port);
  if (name.ends_with(with_port)) name.resize(name.size() - with_port.size());
  return name == "127.0.0.1" || name == "localhost" || name == "[::1]";
}

const char* mime_type(const std::string& file) {
  const std::size_t dot = file.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

// Why binding 127.0.0.1:port fails, asked of the system (cpp-httplib does not say).
std::string bind_error(unsigned port) {
  const int sock = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0) return std::strerror(errno);
  int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int rc = ::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (rc == 0) rc = ::listen(sock, 1);
  const std::string what = rc == 0 ? "cannot bind" : std::strerror(errno);
  ::close(sock);
  return what;
}

void plain(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(std::to_string(status) + " " + text + "\n", "text/plain; charset=utf-8");
}

}  // namespace

int cmd_serve(const std::vector<std::string>& args) {
  std::string dir;
  unsigned port = 8080;
  bool quiet = false, options_end = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_end || a.empty() || a[0] != '-') {
      if (!dir.empty()) return fail("serve: one DIR only (got \"" + a + "\" too)", kExitUsage);
      dir = a;
    } else if (a == "--") {
      options_end = true;  // what follows is DIR, even if it starts with '-'
    } else if (a == "-h" || a == "--help") {
      print_usage(stdout);
      return kExitOk;
    } else if (a == "--port" || a == "-p") {
      if (i + 1 >= args.size() || !parse_number(args[++i], port) || port > 65535) {
        return fail("--port takes a number from 0 to 65535 (0: any free port)", kExitUsage);
      }
    } else if (a == "--quiet" || a == "-q") {
      quiet = true;
    } else {
      return fail("serve: unknown option " + a + " (see osprey serve --help)", kExitUsage);
    }
  }
  if (dir.empty()) return fail("usage: osprey serve DIR [--port N]", kExitUsage);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return fail(dir + ": not a folder");

  const fs::path root = fs::canonical(dir, ec);
  if (ec) return fail(dir + ": " + ec.message());

  PreviewServer server;
  int bound = -1;
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (!loopback_host(req.get_header_value("Host"), bound)) {
      plain(res, 421, "misdirected request: this server answers to 127.0.0.1, localhost and [::1]");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.path.find('\0') != std::string::npos) {
      plain(res, 400, "bad request: NUL in the path");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    bool folder = false;
    const std::string file = resolve(root, req.path, &folder);
    if (folder) {
      // A folder without its trailing slash: redirect, as static hosts do, so
      // that relative links inside its index.html resolve.
      res.status = 301;
      res.set_header("Location", req.path + "/");
      return;
    }
    if (file.empty()) return plain(res, 404, "not found");
    Result<std::string> bytes = read_file(file);
    if (!bytes.ok()) return plain(res, 404, "not found");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::move(bytes.value()), mime_type(file));
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) plain(res, res.status, res.status == 404 ? "not found" : "error");
  });
  server.set_logger([quiet](const httplib::Request& req, const httplib::Response& res) {
    if (!quiet)
      std::fprintf(stderr, "%d %s %s\n", res.status, printable(req.method).c_str(),
                   printable(req.path).c_str());
  });

  // SIGINT / SIGTERM stop the server from a thread of its own (the handler of
  // a signal may not call stop()).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  bound = static_cast<int>(port);
  if (port == 0) {
    bound = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", bound)) {
    bound = -1;
  }
  if (bound < 0) {
    return fail("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + bind_error(port) +
                " (is another server running there? choose another --port)");
  }
  server.raise_backlog();
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
