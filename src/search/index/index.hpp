// The in-memory index, as built by builder.hpp and as read by codec.hpp. The
// serialized form is specified in docs/index-format.md.
//
// Invariants (the builder establishes them, the reader checks every one):
// - terms is sorted by bytes and unique; stems likewise; term_stem[t] < stems.size();
//   stem_terms lists every term once, grouped by stem (of a sharded index the
//   reader checks each dictionary block's links against the base's counts).
// - postings[t].docs is strictly ascending, every doc < doc_count, non-empty.
// - entry_begin has docs.size()+1 ascending offsets; each doc has >= 1 entry,
//   its entries' fields strictly ascending and searchable.
// - pos_begin has entries+1 ascending offsets; each entry has >= 1 position,
//   strictly ascending, each < field_length[field][doc].
#pragma once

#include <compare>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/schema.hpp"

namespace osprey {

/// Where one term occurs: per document, per field, the word positions.
struct PostingList {
  std::vector<uint32_t> docs;         // strictly ascending doc ids
  std::vector<uint32_t> entry_begin;  // docs.size()+1 offsets into entry_field / pos_begin
  std::vector<uint8_t> entry_field;   // schema field index of each entry
  std::vector<uint32_t> pos_begin;    // entries+1 offsets into positions
  std::vector<uint32_t> positions;    // word positions in the field

  std::size_t entry_count() const { return entry_field.size(); }
  /// Term frequency of entry e.
  uint32_t tf(std::size_t e) const { return pos_begin[e + 1] - pos_begin[e]; }
};

/// The posting lists of an index's terms. Only terms whose list has been set
/// hold one; every other term reads as an empty list, so a base read with
/// many terms costs nothing here until its postings parts load.
///
/// Invariant: slot_ is empty (no list set) or has size() entries; slot_[t] is
/// 0 (no list) or 1 + the index of term t's list in lists_. lists_ is a deque,
/// so references stay valid while further lists are set.
class TermPostings {
 public:
  std::size_t size() const { return size_; }
  /// Term t's list; empty while none has been set. Requires t < size().
  const PostingList& operator[](std::size_t t) const {
    const uint32_t s = slot_.empty() ? 0 : slot_[t];
    return s == 0 ? empty_ : lists_[s - 1];
  }
  /// Sets the term count; lists already set for terms below n are kept.
  void resize(std::size_t n) {
    size_ = n;
    if (!slot_.empty()) slot_.resize(n, 0);
  }
  void reserve(std::size_t n) { slot_.reserve(n); }
  /// Sets (or replaces) term t's list. Requires t < size().
  void set(std::size_t t, PostingList list);
  /// Appends a term with list.
  void push_back(PostingList list) {
    resize(size_ + 1);
    set(size_ - 1, std::move(list));
  }

 private:
  std::size_t size_ = 0;
  std::vector<uint32_t> slot_;
  std::deque<PostingList> lists_;
  PostingList empty_;
};

/// Facet values of one field: values[value_ids[doc_begin[d] .. doc_begin[d+1])].
struct FacetColumn {
  std::vector<std::string> values;  // sorted, unique
  std::vector<uint32_t> doc_begin;  // doc_count+1 offsets into value_ids
  std::vector<uint32_t> value_ids;  // ascending within a document
};

/// Where a piece of a text field's value starts (docs/index-format.md
/// "Text part payload"): text parts hold the pieces in this key's order.
struct TextKey {
  uint32_t doc = 0;
  uint32_t field = 0;     // schema field number
  uint32_t position = 0;  // the word position (tokenizer) of the piece's first token
  auto operator<=>(const TextKey&) const = default;
};

/// A piece of a text field's value: the value's bytes from offset on, cut
/// before a token that no other token spans, so the piece tokenizes alone,
/// from key.position, as it does within the value.
struct TextPiece {
  TextKey key;
  uint32_t offset = 0;    // byte offset of text in the value
  uint32_t offset16 = 0;  // the same offset in UTF-16 code units (the page API's)
  // Where the shared section value (TextShare) the piece lies in starts in
  // the value, in bytes and UTF-16 units: the last section value starting
  // at or before the piece; 0 when none does.
  uint32_t section = 0;
  uint32_t section16 = 0;
  // When the piece holds the end of the shared section value it lies in:
  // that end's byte offset in the piece (1 ... text size); else 0.
  uint32_t section_end = 0;
  bool ends = false;  // the value's last piece
  std::string text;   // emptied once the whole value is in Index::stored
};

/// A section record's text-field value that is a slice of its page's value
/// (docs/index-format.md, base item 12b): its page's pieces hold it, one of
/// them starting at the key (page_of[doc], field, position), the first of
/// its section's pieces with a section_end ending it. Such a value has no
/// pieces of its own.
struct TextShare {
  uint32_t doc = 0;
  uint32_t field = 0;     // schema field number
  uint32_t position = 0;  // word position of the value's first token in the page's value
};

/// Consecutive pieces of one value: text starts at word position position
/// and at byte offset (offset16 UTF-16 units) of the value; starts / ends
/// say whether it reaches the value's beginning / end.
struct TextSlice {
  std::string text;
  uint32_t position = 0;
  uint32_t offset = 0;
  uint32_t offset16 = 0;
  bool starts = false;
  bool ends = false;
};

/// How an index is split into parts that load separately (docs/index-format.md,
/// version 6). An index built in memory or read whole has one part of each
/// kind, all loaded.
///
/// Invariants: postings_begin holds parts+1 ascending term ids from 0 to
/// terms.size(); stored_begin and lengths_begin parts+1 ascending doc ids
/// from 0 to doc_count; *_loaded has one flag per part. While a postings part
/// is not loaded its terms' PostingLists are empty; while a stored part is not
/// loaded its documents' values of stored-only fields (not in_base, not text
/// fields) are nullopt; a text field's value is nullopt until every text part
/// holding a piece of it is loaded (its loaded pieces are in text_pieces);
/// while a lengths part is not loaded its documents' field lengths
/// are kUnknownLength, and implied_length[f * doc_count + d] (allocated only
/// once a postings part loads before the lengths of its documents) holds the
/// least length the loaded postings allow: their last position + 1.
///
/// Dictionary blocks: block k holds the terms [dict_begin[k], dict_begin[k+1])
/// (the first is dict_first[k]), their document frequencies, and the stems
/// [stem_begin[k], stem_begin[k+1]) whose text sorts before dict_first[k+1]
/// (and from dict_first[k], except in block 0) with their links to terms,
/// stem_terms[link_begin[k], link_begin[k+1]). Reverse blocks: block k holds
/// the positions [rev_begin[k], rev_begin[k+1]) of the reverse order (terms
/// sorted by their code points reversed; the first is rev_first[k]), each
/// with its term id and document frequency. An index without terms has no
/// blocks of either kind.
struct Layout {
  uint64_t build_id = 0;    // shared by the parts of one written index
  std::string part_prefix;  // parts are files named part_prefix + "p3" / "s17" / "d2" / "r5"
  std::vector<uint32_t> postings_begin;
  std::vector<uint32_t> stored_begin;
  std::vector<uint8_t> postings_loaded;
  std::vector<uint8_t> stored_loaded;
  std::vector<uint32_t> lengths_begin;
  std::vector<uint8_t> lengths_loaded;
  std::vector<uint32_t> implied_length;  // per schema field, per doc; may be empty
  std::vector<std::string> dict_first;
  std::vector<uint32_t> dict_begin;
  std::vector<uint32_t> stem_begin;
  std::vector<uint32_t> link_begin;
  std::vector<uint8_t> dict_loaded;
  std::vector<std::string> rev_first;
  std::vector<uint32_t> rev_begin;
  std::vector<uint8_t> rev_loaded;
  // Text parts: part k holds the pieces of text-field values from the key
  // text_first[k] (strictly ascending) to before text_first[k + 1].
  std::vector<TextKey> text_first;
  std::vector<uint8_t> text_loaded;
};

/// Field-length value of a (field, doc) whose lengths part is not loaded yet.
inline constexpr uint32_t kUnknownLength = 0xffffffffu;

/// Whether a kept field's values live in the always-loaded base part (sort
/// and boost fields, needed for every matching document) rather than in the
/// per-document stored parts.
inline bool in_base(const FieldSpec& f) {
  return f.sortable || f.boost;
}

/// A boost field's value: 0 or a number in [kMinBoost, kMaxBoost] (limits.hpp),
/// else nullopt (NaN, infinities, negatives, denormals, text).
std::optional<float> parse_boost(const std::optional<std::string>& value);

/// A range of term ids (or of positions in the reverse order).
struct TermRange {
  uint32_t first = 0, last = 0;
  bool over = false;  // more terms than asked for: the range is left empty
};

/// The kinds of part after the base (docs/index-format.md; in a file, lengths
/// parts come between reverse and postings parts, text parts last).
enum class PartKind : uint8_t { kDictionary, kReverse, kPostings, kStored, kLengths, kText };

/// Part k of a kind of a sharded index. The core names parts by these values;
/// file names are made only where files are fetched or read (part_file_name).
struct PartRef {
  PartKind kind;
  uint32_t k;
  bool operator==(const PartRef&) const = default;
};

/// The file name of a part of the base whose part prefix is prefix: prefix,
/// then the kind's letter ('d' dictionary, 'r' reverse, 'p' postings, 's'
/// stored, 'l' lengths, 't' text), then k; e.g. prefix + "p3".
std::string part_file_name(std::string_view prefix, PartRef part);

/// Parts a query needs that are not loaded yet, each once.
using Needs = std::vector<PartRef>;
void add_need(Needs& needs, PartRef part);

/// The code points of s in reverse order (an ill-formed byte counts as one):
/// the key of the reverse order. Its own inverse on well-formed UTF-8.
std::string reverse_code_points(std::string_view s);

/// A word being typed that is a short prefix, expanded without the
/// dictionary blocks of its range (docs/index-format.md base item 14;
/// query/expand.hpp completion_hints): `forms` are its exact and stem forms
/// (the word typed as the prefix itself), `kept` the completions the
/// expansion keeps when its forms among the prefix's terms are those of
/// `forms`. The base gives the text and df of both.
struct PrefixHint {
  std::string prefix;           // 1 ... kMaxHintCodePoints code points
  std::vector<uint32_t> forms;  // distinct term ids, in the expansion's order
  std::vector<uint32_t> kept;   // distinct term ids, none of forms, in the expansion's order
};

struct Index {
  Schema schema;
  uint32_t doc_count = 0;
  // A sharded index fills the dictionary as its blocks load: a term's text is
  // empty and its df 0 until a dictionary or reverse block holding it loads;
  // a stem's text and links, its term_stem entries, until its dictionary block does.
  std::vector<std::string> terms;   // sorted, unique, non-empty folded surface forms
  std::vector<uint32_t> term_stem;  // per term: index into stems
  std::vector<std::string> stems;   // sorted, unique
  TermPostings postings;            // per term

  // Per schema field; empty vectors for fields of the wrong kind.
  std::vector<std::vector<uint32_t>> field_length;              // searchable: words per doc
  std::vector<std::vector<std::optional<std::string>>> stored;  // FieldSpec::kept()
  std::vector<FacetColumn> facets;                              // facet
  std::vector<uint32_t> df;                                     // per term: documents holding it
  std::vector<uint64_t> field_total;  // per schema field: sum of its lengths
  Layout layout;

  // The reverse order: per position, a term's code points reversed and its id,
  // sorted by the reversed text (typo lookups find words by their ending).
  std::vector<std::string> rev_terms;
  std::vector<uint32_t> rev_term;
  std::vector<uint32_t> stem_term_begin;  // stems.size()+1 offsets into stem_terms
  std::vector<uint32_t> stem_terms;       // term ids grouped by stem, ascending

  // Pages: with a group field (Schema::group_field), records with the same
  // value of it are one page. A record whose id equals its group value is
  // its page's own record; the others are its sections. Without a group
  // field these are empty and every record is a page of its own.
  // Invariants: page_of[d] < doc_count and page_of[page_of[d]] == page_of[d]
  // (the record standing for its page: the page's own record, else the
  // page's first record); section[d] is 1 for a section record, and
  // section_count is their number; section_total per schema field is the sum
  // of its lengths over section records (<= field_total).
  std::vector<uint32_t> page_of;
  std::vector<uint8_t> section;
  uint32_t section_count = 0;
  std::vector<uint64_t> section_total;

  // The stop words of the index's language (docs/languages.md): folded terms,
  // sorted by bytes, unique, each 1 ... kMaxStopWordBytes bytes, at most
  // kMaxStopWords (limits.hpp). The builder sets them; a query's lone word
  // that is one of them is optional in an AND query (query/expand.hpp). Empty
  // for a language without a list and for an index written before the list.
  std::vector<std::string> stop_words;

  // Completion hints, sorted by prefix, unique (PrefixHint): the builder
  // sets them (and the JSON format's reader, as the builder would).
  std::vector<PrefixHint> prefix_hints;

  // Text fields (docs/index-format.md "Text parts"): per schema field, 1
  // when the field's values are kept in text parts, cut in pieces, rather
  // than in stored parts; empty when no field is. Per text part, its pieces
  // once loaded (key order).
  std::vector<uint8_t> text_field;
  std::vector<std::vector<TextPiece>> text_pieces;
  // Section values held in their page's pieces (TextShare), ascending both
  // by (doc, field) and by their key (page_of[doc], field, position).
  std::vector<TextShare> text_share;

  // Derived on load by finalize(); not serialized.
  // Average field lengths per kind of record (docs/ranking.md "Pages"): of
  // page records (every record without a group field), of section records.
  std::vector<double> avg_field_length;    // per schema field
  std::vector<double> avg_section_length;  // per schema field; empty without a group field
  std::vector<float> boost;                // per doc: product of boost fields (1 if none)

  /// The hint whose prefix is word, or nullptr.
  const PrefixHint* prefix_hint(std::string_view word) const;
  /// True if the folded term is one of the index's stop words.
  bool is_stop_word(std::string_view folded_term) const;
  /// Whether the index has a group field: search results are pages.
  bool grouped() const { return !page_of.empty(); }
  /// Records of the page kind (all without a group field).
  uint32_t page_record_count() const { return doc_count - section_count; }

  /// Computes the derived members (and field_total, section_total when
  /// empty). Requires the invariants above.
  void finalize();
  /// For an index made whole in memory (built, or read from version 1) with
  /// no layout: df (when empty), the pages (from the stored id and group
  /// values), the stem links, the reverse order and a layout of one loaded
  /// part of each kind; then finalize().
  void finalize_whole();
  /// The part holding term's postings / doc's stored values, and whether it is loaded.
  uint32_t postings_part(uint32_t term) const;
  uint32_t stored_part(uint32_t doc) const;
  uint32_t lengths_part(uint32_t doc) const;
  bool postings_ready(uint32_t term) const {
    return layout.postings_loaded[postings_part(term)] != 0;
  }
  bool stored_ready(uint32_t doc) const { return layout.stored_loaded[stored_part(doc)] != 0; }
  bool is_text_field(std::size_t f) const { return f < text_field.size() && text_field[f]; }
  /// doc's field value when its page's pieces hold it, else nullptr.
  const TextShare* shared_text(uint32_t doc, uint32_t field) const;
  /// The text parts [first, last) that may hold pieces of doc's field value
  /// at word positions from..to (to inclusive); empty when none can. Of a
  /// shared section value (TextShare), its page's parts from the value's
  /// first position to `to`: the piece it starts in gives its offsets.
  std::pair<uint32_t, uint32_t> text_parts(uint32_t doc, uint32_t field, uint32_t from,
                                           uint32_t to) const;
  /// Whether those parts are loaded; adds the missing ones to needs.
  bool text_ready(uint32_t doc, uint32_t field, uint32_t from, uint32_t to, Needs* needs) const;
  /// The loaded pieces of doc's field value covering positions from..to,
  /// joined (the whole value when it is in stored); nullopt when no loaded
  /// piece holds them (no value, or its parts not loaded).
  std::optional<TextSlice> text_slice(uint32_t doc, uint32_t field, uint32_t from,
                                      uint32_t to) const;
  /// Adds the lengths parts not loaded yet to needs: scoring reads the
  /// field lengths of any document a posting list names. Returns whether
  /// all are loaded.
  bool need_lengths(Needs* needs) const;
  /// The file name of a part, as the base names it (part_file_name).
  std::string part_name(PartRef part) const;
  /// The file names of parts (part_name of each, in order): what a host fetches.
  std::vector<std::string> part_names(const Needs& parts) const;

  /// The parts not loaded yet: all a reader of the whole index adds.
  Needs missing_parts() const;
  /// Parts of every kind, loaded or not.
  std::size_t part_count() const;

  /// Whether term's text and df are loaded.
  bool term_known(uint32_t term) const { return !terms[term].empty(); }
  /// Adds the dictionary block of term to needs unless the term is known;
  /// returns whether it is.
  bool need_term(uint32_t term, Needs* needs) const;
  /// Index of term in terms, or -1. With its dictionary block not loaded:
  /// -1, and the block is added to needs.
  int64_t find_term(std::string_view term, Needs* needs = nullptr) const;
  /// Index of stem in stems, or -1; the same for its block.
  int64_t find_stem(std::string_view stem, Needs* needs = nullptr) const;
  /// Term ids whose bytes start with prefix: [first, last), when there are
  /// at most max_terms of them; more: an empty range with over set. A
  /// sharded index bounds the count by its block starts first: surely over
  /// the cap, it answers over with no block; surely within it, or likely
  /// within it (its middle blocks and half its end blocks), it names every
  /// block of the range at once; else it answers once the blocks at both
  /// ends are loaded (they give the count) and, within the cap, those
  /// between. Until then the range is empty and the missing blocks are added
  /// to needs.
  TermRange prefix_range(std::string_view prefix, std::size_t max_terms,
                         Needs* needs = nullptr) const;
  /// Positions of the reverse order whose reversed text starts with
  /// reversed_suffix; the same for reverse blocks.
  TermRange rev_prefix_range(std::string_view reversed_suffix, std::size_t max_terms,
                             Needs* needs = nullptr) const;
};

}  // namespace osprey
