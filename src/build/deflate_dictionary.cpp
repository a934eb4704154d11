#include "build/deflate_dictionary.hpp"

#include <algorithm>
#include <queue>
#include <utility>

#include "index/limits.hpp"

namespace osprey {
namespace {

// The trainer's shapes: strings of kGram bytes are what it counts, runs of
// kRun bytes what it picks; it reads at most kSampleBytes of samples (every
// k-th sample past that), in a table of 2^kTableBits counters (collisions only
// blur the counts).
constexpr std::size_t kGram = 8;
constexpr std::size_t kRun = 48;
constexpr uint64_t kSampleBytes = uint64_t{8} << 20;
constexpr unsigned kTableBits = 21;

uint32_t gram_hash(const char* p) {
  uint32_t h = 0x811c9dc5u;  // FNV-1a
  for (std::size_t i = 0; i < kGram; ++i) {
    h ^= static_cast<unsigned char>(p[i]);
    h *= 0x01000193u;
  }
  return h & ((1u << kTableBits) - 1);
}

// The distinct gram hashes of the run at p.
std::vector<uint32_t> run_grams(const char* p) {
  std::vector<uint32_t> grams;
  for (std::size_t i = 0; i + kGram <= kRun; ++i) grams.push_back(gram_hash(p + i));
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

}  // namespace

std::string train_deflate_dictionary(const std::vector<std::string_view>& samples,
                                     std::size_t max_bytes) {
  max_bytes = std::min(max_bytes, kMaxDeflateDictionaryBytes);
  uint64_t total = 0;
  for (std::string_view s : samples) total += s.size();
  const std::size_t step =
      static_cast<std::size_t>(std::max<uint64_t>(1, (total + kSampleBytes - 1) / kSampleBytes));
  std::vector<std::string_view> sample;
  for (std::size_t i = 0; i < samples.size(); i += step) sample.push_back(samples[i]);

  // counts[h]: the samples holding a gram of hash h (each counted once).
  std::vector<uint32_t> counts(std::size_t{1} << kTableBits, 0);
  std::vector<uint32_t> last(counts.size(), UINT32_MAX);
  for (uint32_t k = 0; k < sample.size(); ++k) {
    const std::string_view s = sample[k];
    for (std::size_t i = 0; i + kGram <= s.size(); ++i) {
      const uint32_t h = gram_hash(s.data() + i);
      if (last[h] != k) {
        last[h] = k;
        ++counts[h];
      }
    }
  }
  // A run's worth: its grams' counts, those found in one sample only left out.
  std::vector<const char*> runs;
  for (std::string_view s : sample) {
    for (std::size_t i = 0; i + kRun <= s.size(); i += kRun) runs.push_back(s.data() + i);
  }
  auto worth = [&](const char* p) {
    uint64_t w = 0;
    for (uint32_t h : run_grams(p)) w += counts[h] > 1 ? counts[h] : 0;
    return w;
  };
  // Greedy, lazily: the best run is taken once its worth, counted again
  // without the grams already taken, still beats the next run's (stale) worth.
  std::priority_queue<std::pair<uint64_t, uint32_t>> best;  // (worth, run), ties: later run first
  for (uint32_t r = 0; r < runs.size(); ++r) best.emplace(worth(runs[r]), r);
  std::vector<uint32_t> taken;
  while (!best.empty() && (taken.size() + 1) * kRun <= max_bytes) {
    const auto [stale, r] = best.top();
    best.pop();
    const uint64_t w = worth(runs[r]);
    if (w == 0) continue;
    if (!best.empty() && w < best.top().first) {
      best.emplace(w, r);
      continue;
    }
    taken.push_back(r);
    for (uint32_t h : run_grams(runs[r])) counts[h] = 0;
  }
  std::string dictionary;
  for (auto it = taken.rbegin(); it != taken.rend(); ++it) dictionary.append(runs[*it], kRun);
  return dictionary;
}

std::string dictionary_deflated_file(uint64_t size, std::string_view deflated) {
  std::string out(kDictionaryDeflatedMagic);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((size >> (8 * i)) & 0xff);
  out.append(deflated);
  return out;
}

bool is_dictionary_deflated(std::string_view bytes) {
  return bytes.starts_with(kDictionaryDeflatedMagic) && bytes.size() >= kDictionaryDeflatedHeader;
}

}  // namespace osprey
