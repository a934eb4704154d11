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

namespace osprey::cli {
namespace {

// Whether the file at path holds exactly bytes.
bool holds(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
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

}  // namespace

Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return invalid(path + ": is a directory");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return invalid(path + ": " + std::strerror(errno));
  // One read into a buffer of the file's size, then on to the end in case
  // it grew; a file that shrank is cut to what was read.
  struct stat st;
  std::string out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t size = 0;
  bool failed = false;
  char more[1 << 16];
  while (true) {
    const bool room = size < out.size();
    const ssize_t n =
        room ? ::read(fd, out.data() + size, out.size() - size) : ::read(fd, more, sizeof more);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed = n < 0;
      break;
    }
    if (!room) out.append(more, static_cast<std::size_t>(n));
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (failed) return invalid(path + ": read error");
  out.resize(size);
  return out;
}

Result<bool> write_file(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return invalid(path + ": " + std::strerror(errno));
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    return invalid(path + ": write error");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return invalid(path + ": " + ec.message());
  return true;
}

Result<bool> write_file_if_changed(const std::string& path, std::string_view bytes) {
  if (holds(path, bytes)) return false;
  return write_file(path, bytes);
}

}  // namespace osprey::cli
