#include "file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "edge_text.hpp"

namespace osprey::cli {

bool file_holds(const std::string& path, std::string_view bytes) {
  // O_NONBLOCK: a FIFO in the way is not waited on (it is no regular file).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st;
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
              static_cast<uint64_t>(st.st_size) == bytes.size();
  constexpr std::size_t kChunk = 1 << 16;
  std::unique_ptr<char[]> buf;
  if (same && !bytes.empty()) buf = std::make_unique<char[]>(std::min(kChunk, bytes.size()));
  for (std::size_t at = 0; same && at < bytes.size();) {
    const ssize_t n = ::read(fd, buf.get(), std::min(kChunk, bytes.size() - at));
    if (n < 0 && errno == EINTR) continue;
    same = n > 0 && std::memcmp(buf.get(), bytes.data() + at, static_cast<std::size_t>(n)) == 0;
    at += n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  ::close(fd);
  return same;
}

const char* file_kind(unsigned mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Result<std::string> read_file(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused
  // below), and a file that would block on read (/proc/kmsg) fails instead.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return invalid(path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return invalid(path + ": " + std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    if (S_ISDIR(st.st_mode)) return invalid(path + ": is a directory");
    return invalid(path + ": " + file_kind(st.st_mode) + ", not a regular file; not read");
  }
  auto too_big = [&](uint64_t size) {
    return Error{ErrorCode::kLimit, path + ": " + std::to_string(size) +
                                        " bytes, over the limit of " + std::to_string(max_bytes) +
                                        " bytes for an input file"};
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return too_big(static_cast<uint64_t>(st.st_size));
  }
  // One read into a buffer of the file's size, then on to the end in case
  // it grew (never past max_bytes); a file that shrank is cut to what was read.
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t size = 0;
  int read_errno = 0;
  char more[1 << 16];
  while (true) {
    const bool room = size < out.size();
    const ssize_t n =
        room ? ::read(fd, out.data() + size, out.size() - size) : ::read(fd, more, sizeof more);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      read_errno = n < 0 ? errno : 0;
      break;
    }
    if (!room) out.append(more, static_cast<std::size_t>(n));
    size += static_cast<std::size_t>(n);
    if (size > max_bytes) {
      ::close(fd);
      return too_big(size);
    }
  }
  ::close(fd);
  if (read_errno == EAGAIN || read_errno == EWOULDBLOCK)
    return invalid(path + ": read would block (not an ordinary file); not read");
  if (read_errno != 0) return invalid(path + ": read error: " + std::strerror(read_errno));
  out.resize(size);
  return out;
}

bool within(const std::filesystem::path& real, const std::filesystem::path& root) {
  auto p = real.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) break;  // root's trailing '/'
    if (p == real.end() || *p != *r) return false;
  }
  return true;
}

Result<std::string> read_json_file(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text.ok()) return text;
  if (std::string_view wide = wide_encoding(text.value()); !wide.empty())
    return invalid(path + ": " + std::string(wide) + " text; osprey reads UTF-8");
  return text;
}

Result<bool> write_file(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  if (const std::filesystem::path parent = std::filesystem::path(path).parent_path();
      !parent.empty()) {
    std::filesystem::create_directories(parent, ec);  // if it fails, so does fopen
  }
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return invalid(path + ": " + std::strerror(errno));
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    return invalid(path + ": write error");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return invalid(path + ": " + ec.message());
  return true;
}

Result<bool> write_file_if_changed(const std::string& path, std::string_view bytes) {
  if (file_holds(path, bytes)) return false;
  return write_file(path, bytes);
}

}  // namespace osprey::cli
