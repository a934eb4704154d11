#include "build/bundle_files.hpp"

#include <algorithm>
#include <map>

#include "build/deflate_dictionary.hpp"
#include "index/bytes.hpp"
#include "index/limits.hpp"
#include "text/snowball_algorithms.hpp"

namespace osprey {

Result<std::vector<AssetFile>> select_assets(std::vector<std::string> folder_files) {
  std::sort(folder_files.begin(), folder_files.end());
  std::vector<AssetFile> out;
  for (const Asset& a : kAssets) {
    const std::string rel = a.path;
    std::size_t found = 0;
    if (rel.back() != '/') {
      if (std::binary_search(folder_files.begin(), folder_files.end(), rel)) {
        out.push_back({rel, rel});
        found = 1;
      }
    } else {
      const std::string into = a.into ? a.into : rel;
      // Sorted: the folder's files are one run starting at its first.
      for (auto it = std::lower_bound(folder_files.begin(), folder_files.end(), rel);
           it != folder_files.end() && it->starts_with(rel); ++it, ++found) {
        out.push_back({into + it->substr(rel.size()), *it});
      }
    }
    if (found == 0 && a.required) return invalid(rel + " is missing");
  }
  return out;
}

Result<BundleIndex> bundle_index(const Index& index, const std::string& language, std::size_t pages,
                                 const SplitOptions& split, std::string_view generator) {
  BundleIndex ix{language, {}, index.doc_count, pages};
  PartOptions options = split.parts;
  options.part_prefix = index_parts_prefix(language);
  Result<std::vector<WrittenPart>> parts = write_parts(index, generator, options);
  if (!parts.ok()) return parts.error();
  uint64_t total = 0;
  for (const WrittenPart& p : parts.value()) total += p.bytes.size();
  if (total > split.split_above) {
    ix.parts = std::move(parts.value());
    return ix;
  }
  Result<WrittenPart> file = write_index_file(index, generator);
  if (!file.ok()) return file.error();
  ix.parts.push_back(std::move(file.value()));
  return ix;
}

BundleShape records_shape(const Schema& schema, const std::string& base_path) {
  BundleShape shape;
  if (!base_path.empty()) shape.site_root = base_path;
  shape.fields["url"] = schema.id_field;
  nlohmann::ordered_json excerpt = nlohmann::ordered_json::array();
  for (const FieldSpec& f : schema.fields) {
    if (f.name == "title" || f.name == "url") shape.fields[f.name] = f.name;
    if (f.searchable() && f.stored && f.name != "title") excerpt.push_back(f.name);
    if (f.facet) shape.filters.push_back(f.name);
    if (f.sortable) shape.sorts.push_back(f.name);
    if (f.stored && !f.searchable()) shape.meta.push_back(f.name);
  }
  shape.fields["excerpt"] = std::move(excerpt);
  return shape;
}

Result<std::vector<BundleFile>> bundle_files(const BundleContent& content,
                                             const CompressAll& compress) {
  std::vector<BundleFile> out;
  // Assets: a later file of the same bundle path replaces the earlier one's
  // bytes, in its place (the manifest lists each path once).
  nlohmann::ordered_json files = nlohmann::ordered_json::object();
  std::map<std::string, std::size_t> asset_at;
  for (const auto& [rel, bytes] : content.assets) {
    files[rel] = content_hash(bytes);
    if (const auto at = asset_at.find(rel); at != asset_at.end()) {
      out[at->second].bytes = bytes;
    } else {
      asset_at.emplace(rel, out.size());
      out.push_back({rel, bytes});
    }
  }

  // Index files are stored compressed, which a static host serves as they
  // are: it compresses only the types it knows. A sharded index's display
  // parts are deflated against a dictionary trained on them.
  std::vector<std::string> dictionaries(content.indexes.size());
  std::vector<CompressJob> jobs;  // with a dictionary: a display part's
  for (std::size_t x = 0; x < content.indexes.size(); ++x) {
    const BundleIndex& ix = content.indexes[x];
    std::vector<std::string_view> display;
    uint64_t display_bytes = 0;
    for (const WrittenPart& part : ix.parts) {
      if (!is_display_part(part)) continue;
      display.push_back(part.bytes);
      display_bytes += part.bytes.size();
    }
    if (display_bytes >= kDictionaryMinBytes) {
      dictionaries[x] = train_deflate_dictionary(display, kDictionaryBytes);
    }
    for (std::size_t i = 0; i < ix.parts.size(); ++i) {
      const WrittenPart& part = ix.parts[i];
      if (part.bytes.size() > kMaxFileBytes) {
        return invalid("the " + ix.language +
                       " index: " + (i == 0 ? index_file_name(ix) : part.name) + " is " +
                       with_commas(part.bytes.size()) + " bytes; a bundle file holds at most " +
                       with_commas(kMaxFileBytes));
      }
      jobs.push_back({part.bytes, is_display_part(part) ? std::string_view(dictionaries[x]) : ""});
    }
    if (!dictionaries[x].empty()) jobs.push_back({dictionaries[x], {}});
  }
  std::vector<std::string> compressed = compress(jobs);
  if (compressed.size() != jobs.size())
    return invalid("compression gave the wrong number of files");
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    if (!jobs[k].dictionary.empty()) {
      compressed[k] = dictionary_deflated_file(jobs[k].bytes.size(), compressed[k]);
    }
  }

  nlohmann::ordered_json languages = nlohmann::ordered_json::object();
  std::size_t next = 0;
  for (std::size_t x = 0; x < content.indexes.size(); ++x) {
    const BundleIndex& ix = content.indexes[x];
    // The base is named for its build id; a sharded index's parts are in the
    // folder of the same name (their names, from the base, say so).
    uint64_t bytes = 0, gzip_bytes = 0;
    for (std::size_t i = 0; i < ix.parts.size(); ++i, ++next) {
      bytes += ix.parts[i].bytes.size();
      gzip_bytes += compressed[next].size();
      out.push_back({i == 0 ? index_file_name(ix) : ix.parts[i].name, std::move(compressed[next])});
    }
    if (!dictionaries[x].empty()) {
      gzip_bytes += compressed[next].size();
      out.push_back({dictionary_file_name(ix), std::move(compressed[next++])});
    }
    nlohmann::ordered_json entry = {{"index", index_file_name(ix)},
                                    {"bytes", bytes},
                                    {"gzip_bytes", gzip_bytes},
                                    {"documents", ix.documents}};
    if (ix.parts.size() > 1) entry["parts"] = ix.parts.size() - 1;
    // Named, so that a page fetches it with the first parts, before the first hits' display parts.
    if (!dictionaries[x].empty()) entry["dictionary"] = dictionary_file_name(ix);
    if (ix.pages > 0) entry["pages"] = ix.pages;
    // The stemmer the engine will ask for once the base is loaded: named here,
    // a page fetches its module beside the base instead of a round after it.
    if (const text::SnowballAlgorithm* stemmer = text::stemmer_for_language(ix.language)) {
      entry["stemmer"] = stemmer->name;
    }
    languages[ix.language] = std::move(entry);
  }

  const BundleShape& shape = content.shape;
  nlohmann::ordered_json manifest;
  manifest["format"] = "osprey-bundle";
  manifest["version"] = 1;
  manifest["generator"] = content.generator;
  manifest["default_language"] = content.default_language;
  manifest["site_root"] = shape.site_root ? nlohmann::ordered_json(*shape.site_root) : nullptr;
  manifest["languages"] = std::move(languages);
  manifest["fields"] = shape.fields;
  manifest["filters"] = shape.filters;
  manifest["sorts"] = shape.sorts;
  manifest["meta"] = shape.meta;
  manifest["files"] = std::move(files);
  out.push_back({kManifest, manifest.dump(2) + "\n"});
  return out;
}

namespace {
// index.LANG.BUILDID: the base's name and its parts folder's.
std::string index_stem(const BundleIndex& ix) {
  return "index." + ix.language + "." + ix.parts.front().name;
}
}  // namespace

std::string index_file_name(const BundleIndex& ix) {
  return index_stem(ix) + ".osp";
}

std::string dictionary_file_name(const BundleIndex& ix) {
  return index_stem(ix) + "/" + std::string(kDeflateDictionaryFile);
}

std::string index_parts_prefix(const std::string& language) {
  return "index." + language + ".{id}/";
}

std::string content_hash(std::string_view bytes) {
  return hex64(fnv1a(bytes));
}

}  // namespace osprey
