// The HTTP server of `osprey serve`: cpp-httplib's request handling, with the
// connection handling replaced so that no client can hold the server.
//   - One request per connection, and all of its reading (request line and
//     headers) must end within kRequestSeconds of a worker taking it: a
//     client that sends headers slowly is cut off, whatever its pace.
//   - kWorkers connections are handled at once; more wait for a worker, each
//     worker being busy with a slow client for kRequestSeconds at most.
//   - The listening socket has SO_REUSEADDR only (cpp-httplib's default also
//     sets SO_REUSEPORT, which lets a second server share a busy port).
#pragma once

#include <httplib.h>

namespace osprey::cli {

inline constexpr int kRequestSeconds = 3;
inline constexpr int kWorkers = 64;

class PreviewServer : public httplib::Server {
 public:
  PreviewServer();
  /// After a bind: lets SOMAXCONN connections wait to be accepted instead of
  /// cpp-httplib's 5 (a burst of clients would otherwise see SYNs dropped
  /// and retried a second or more later).
  void raise_backlog();

 private:
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace osprey::cli
