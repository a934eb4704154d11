// Unit tests of tools/site/: the thread pool, globs and the walk over a site's
// files. Native only (files are tools/ matters). Fixtures: tests/fixtures/sites/.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "parallel.hpp"
#include "site/glob.hpp"
#include "site/walk.hpp"
#include "site_fixtures.hpp"

namespace fs = std::filesystem;
using namespace osprey;
using namespace osprey::site;
using namespace osprey::site::test;

TEST_CASE("parallel_for runs every job once, with a watching caller", "[site][parallel]") {
  // Whether the watching caller returns as soon as the last job ends (not at
  // its next 50 ms tick) is a speed property: bench/ measures it, not this test.
  std::vector<std::atomic<int>> runs(200);
  std::size_t last_seen = 0;
  osprey::cli::parallel_for(
      runs.size(), 2,
      [&](std::size_t i) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        ++runs[i];
      },
      [&](std::size_t done) {
        CHECK(done <= runs.size());
        CHECK(done >= last_seen);
        last_seen = done;
      });
  for (const std::atomic<int>& r : runs) CHECK(r == 1);

  CHECK_THROWS_WITH(osprey::cli::parallel_for(
                        100, 2,
                        [&](std::size_t i) {
                          if (i == 3) throw std::runtime_error("job 3");
                        },
                        [](std::size_t) {}),
                    "job 3");
}

TEST_CASE("globs match relative paths like gitignore patterns", "[site][glob]") {
  CHECK(glob_match("*.html", "a/b/c.html"));
  CHECK(glob_match("*.html", "c.html"));
  CHECK_FALSE(glob_match("*.html", "c.htm"));
  CHECK(glob_match("genindex*", "genindex-A.html"));
  CHECK_FALSE(glob_match("genindex*", "library/index.html"));
  CHECK(glob_match("**/*.html", "index.html"));
  CHECK(glob_match("**/*.html", "a/b/index.html"));
  CHECK(glob_match("docs/*.html", "docs/a.html"));
  CHECK_FALSE(glob_match("docs/*.html", "docs/x/a.html"));
  CHECK(glob_match("docs/**/*.html", "docs/x/y/a.html"));
  CHECK(glob_match("docs/**/*.html", "docs/a.html"));
  CHECK(glob_match("/docs/a.html", "docs/a.html"));
  CHECK(glob_match("drafts/", "drafts/a.html"));
  CHECK(glob_match("drafts/", "blog/drafts/a.html"));
  CHECK_FALSE(glob_match("drafts/", "drafts.html"));
  CHECK(glob_match("blog/drafts/", "blog/drafts/x/a.html"));
  CHECK_FALSE(glob_match("blog/drafts/", "drafts/a.html"));
  CHECK(glob_match("page-?.html", "page-1.html"));
  CHECK_FALSE(glob_match("page-?.html", "page-10.html"));
  CHECK(glob_match("page-[0-9].html", "page-7.html"));
  CHECK_FALSE(glob_match("page-[!0-9].html", "page-7.html"));
  CHECK(glob_match("page-[!0-9].html", "page-x.html"));
  CHECK_FALSE(glob_match("a*/b.html", "a/x/b.html"));  // '*' never crosses '/'
  CHECK(glob_match("a/**", "a/x/y"));
  CHECK_FALSE(glob_match("", "a"));
  CHECK(glob_any({"x", "*.html"}, "a.html"));
}

TEST_CASE("the walk finds matching files in order, skipping hidden ones and the bundle",
          "[site][walk]") {
  WalkOptions o;
  WalkResult r = walk_site(kSites / "basic", o);
  CHECK(r.files == std::vector<std::string>{"body-only.html", "drafts/wip.html", "fr/index.html",
                                            "guide/index.html", "index.html"});
  CHECK(r.warnings.empty());
  o.exclude = {"drafts/"};
  o.skip = kSites / "basic/guide";
  CHECK(walk_site(kSites / "basic", o).files ==
        std::vector<std::string>{"body-only.html", "fr/index.html", "index.html"});
  o = {};
  o.include = {"*.txt"};
  CHECK(walk_site(kSites / "basic", o).files ==
        std::vector<std::string>{"assets/README.txt", "notes.txt"});

  TempDir tmp("walk");
  write(tmp.path / "a/x.html", "x");
  fs::create_directory_symlink(tmp.path, tmp.path / "a/loop");
  WalkResult looped = walk_site(tmp.path, {});
  CHECK(looped.files == std::vector<std::string>{"a/x.html"});
  REQUIRE(looped.warnings.size() == 1);
  CHECK(looped.warnings[0].message == "symbolic link loop; not followed");
  CHECK(looped.warnings[0].path == "a/loop");
}

TEST_CASE("the walk stays inside the site and never opens special files", "[site][walk]") {
  TempDir tmp("walk-out");
  write(tmp.path / "site/in.html", "x");
  write(tmp.path / "private/secret.html", "x");
  fs::create_directory_symlink(tmp.path / "private", tmp.path / "site/private");
  fs::create_symlink(tmp.path / "private/secret.html", tmp.path / "site/leak.html");
  fs::create_symlink("in.html", tmp.path / "site/alias.html");
  REQUIRE(mkfifo((tmp.path / "site/fifo.html").c_str(), 0600) == 0);
  WalkResult r = walk_site(tmp.path / "site", {});
  CHECK(r.files == std::vector<std::string>{"alias.html", "in.html"});
  std::vector<std::string> got;
  for (const WalkWarning& w : r.warnings) got.push_back(w.path + " " + w.kind + ": " + w.message);
  const std::string out = fs::canonical(tmp.path).string();
  CHECK(got == std::vector<std::string>{
                   "fifo.html special: a FIFO, not a regular file; skipped",
                   "leak.html link: symbolic link to " + out +
                       "/private/secret.html, outside the site; skipped (--follow-symlinks "
                       "follows it)",
                   "private link: symbolic link to " + out +
                       "/private, outside the site; skipped (--follow-symlinks follows it)"});
  WalkOptions follow;
  follow.follow_symlinks = true;
  CHECK(walk_site(tmp.path / "site", follow).files ==
        std::vector<std::string>{"alias.html", "in.html", "leak.html", "private/secret.html"});
}
