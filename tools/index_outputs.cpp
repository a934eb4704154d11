#include "index_outputs.hpp"

#include <optional>
#include <system_error>

#include "build/codec.hpp"
#include "cli.hpp"
#include "file_io.hpp"
#include "index/binary_codec.hpp"
#include "index/limits.hpp"
#include "site/bundle.hpp"
#include "site/single_file.hpp"

namespace osprey::cli {
namespace fs = std::filesystem;

std::string relative_url(const fs::path& target, const fs::path& from_folder) {
  std::error_code ec;
  const fs::path a = fs::weakly_canonical(fs::absolute(target, ec), ec);
  const fs::path b = fs::weakly_canonical(fs::absolute(from_folder, ec), ec);
  std::string rel = a.lexically_relative(b).generic_string();
  if (rel.empty() || rel == ".") return "./";
  return rel.back() == '/' ? rel : rel + "/";
}

int write_outputs(const site::Config& c, const std::vector<Output>& outputs, const Shape& shape,
                  uint64_t& written, std::vector<std::string>& where) {
  // One file per index for -o and the single-file page; in the bundle, an
  // index bigger than split_above is sharded (src/search/index/binary_codec.hpp).
  std::vector<site::BundleIndex> whole, bundled;
  const bool want_whole = !c.output.empty() || !c.single_file.empty();
  // Every index is encoded before anything is written: an index beyond the
  // format's limits (check_limits) fails the run with nothing written.
  for (const Output& o : outputs) {
    const std::string what = "the " + o.language + " index: ";
    auto one_file = [&]() -> Result<site::BundleIndex> {
      Result<WrittenPart> file = write_index_file(*o.index, kGenerator);
      if (!file.ok()) return file.error();
      site::BundleIndex ix{o.language, {}, o.documents, o.pages};
      ix.parts.push_back(std::move(file.value()));
      return ix;
    };
    std::optional<site::BundleIndex> single;
    if (want_whole) {
      Result<site::BundleIndex> file = one_file();
      if (!file.ok()) return fail(what + file.error().message);
      single = std::move(file.value());
    }
    if (!c.bundle.empty()) {
      Result<site::BundleIndex> ix =
          bundle_index(*o.index, o.language, o.pages, c.split, kGenerator);
      if (!ix.ok()) return fail(what + ix.error().message);
      bundled.push_back(std::move(ix.value()));
    }
    if (single) whole.push_back(std::move(*single));
  }
  if (!c.output.empty()) {
    if (outputs.size() != 1) {
      std::string langs;
      for (const Output& o : outputs) langs += (langs.empty() ? "" : ", ") + o.language;
      return fail("the site has " + std::to_string(outputs.size()) + " languages (" + langs +
                  "); -o writes one index: use --bundle DIR");
    }
    // The JSON format holds the same index (build/codec.hpp); the binary
    // writer checked the format's limits above, and a JSON file over
    // kMaxFileBytes is refused as every reader would refuse it.
    const std::string json = c.output_json ? write_index(*outputs[0].index, kGenerator) : "";
    if (json.size() > kMaxFileBytes) {
      return fail("the JSON index would be " + with_commas(json.size()) +
                  " bytes; an index file holds at most " + with_commas(kMaxFileBytes));
    }
    const std::string& bytes = c.output_json ? json : whole[0].parts.front().bytes;
    Result<bool> ok = write_file(c.output, bytes);
    if (!ok.ok()) return fail(ok.error().message);
    written += bytes.size();
    where.push_back(c.output);
  }
  const std::string default_language =
      outputs.empty() ? c.language : outputs.front().language;  // set by the caller's order
  if (!c.bundle.empty() || !c.single_file.empty()) {
    Result<fs::path> assets = site::find_assets(c.assets);
    if (!assets.ok()) return fail(assets.error().message);
    if (!c.bundle.empty()) {
      site::BundleSpec spec{c.bundle,          assets.value(), bundled,       default_language,
                            shape.bundle_root, shape.fields,   shape.filters, shape.sorts,
                            shape.meta,        kGenerator};
      Result<site::BundleReport> report = site::write_bundle(spec);
      if (!report.ok()) return fail(report.error().message);
      written += report.value().bytes;
      where.push_back(c.bundle + "/ (" + std::to_string(report.value().written.size()) + " files)");
    }
    if (!c.single_file.empty()) {
      std::optional<std::string> root = shape.page_root;
      if (!c.site.empty() && c.base_path.empty()) {
        root = relative_url(c.site, fs::path(c.single_file).parent_path());
      }
      site::SingleFileSpec spec{
          assets.value(), whole,       default_language, c.title.empty() ? "Search" : c.title,
          root,           shape.fields};
      Result<std::string> html = site::single_file_html(spec);
      if (!html.ok()) return fail(html.error().message);
      Result<bool> ok = write_file(c.single_file, html.value());
      if (!ok.ok()) return fail(ok.error().message);
      written += html.value().size();
      where.push_back(c.single_file);
    }
  }
  return kExitOk;
}

std::optional<std::string> output_overwrites_input(const site::Config& c,
                                                   const std::vector<std::string>& pages) {
  // Same file: the same device and inode, or (for a path through folders
  // that do not exist yet, which writing would create) the same normal path;
  // so links, "./" and "x/../" do not hide it.
  auto same = [](const std::string& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::equivalent(a, b, ec) && !ec) return true;
    auto normal = [&](const fs::path& p) {
      return fs::weakly_canonical(fs::absolute(p, ec).lexically_normal(), ec);
    };
    return normal(a) == normal(b);
  };
  const std::pair<const char*, const std::string*> outputs[] = {{"-o", &c.output},
                                                                {"--single-file", &c.single_file}};
  for (const auto& [flag, file] : outputs) {
    if (file->empty()) continue;
    if (!c.input.empty() && same(*file, c.input)) {
      return *file + ": is the input being indexed; " + flag + " would overwrite it";
    }
    for (const std::string& page : pages) {
      if (same(*file, fs::path(c.site) / page)) {
        return *file + ": is one of the pages being indexed; " + flag +
               " would overwrite it (write it outside the site, or --exclude it)";
      }
    }
  }
  return std::nullopt;
}

}  // namespace osprey::cli
