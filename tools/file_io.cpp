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
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return invalid(path + ": " + std::strerror(errno));
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return invalid(path + ": read error");
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
