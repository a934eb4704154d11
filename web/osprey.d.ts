// Type declarations for osprey.js (the page API and <osprey-search>) and, as
// globals, for osprey-classic.js. Results are plain, structured-cloned objects.

/**
 * Error codes: from the engine, from the JS layer, "network" (a fetch failed or
 * stalled) and "aborted" (a search cancelled by its signal).
 */
export type OspreyErrorCode =
  | 'corrupt-index' | 'unsupported' | 'invalid-input' | 'limit' | 'not-loaded'
  | 'out-of-memory' | 'internal' | 'invalid-argument' | 'engine-failed' | 'closed'
  | 'network' | 'aborted';

/** Every rejection of the API: a code and a one-line message. */
export declare class OspreyError extends Error {
  constructor(code: OspreyErrorCode, message: string);
  readonly name: 'OspreyError';
  readonly code: OspreyErrorCode;
}

export type FilterMode = 'any' | 'all' | 'none';

export interface Filter {
  field: string;
  values: string | string[];
  /** Default "any". */
  mode?: FilterMode;
}

export interface Range {
  field: string;
  from?: string;
  to?: string;
}

/** "relevance", "FIELD" (descending), "FIELD:asc", "FIELD:desc", or {field, descending}. */
export type Sort = string | { field: string; descending?: boolean };

export interface SearchOptions {
  /** Default 0. */
  offset?: number;
  /** Default 10, at most 1000. */
  limit?: number;
  /** Facet field -> values (any of them), or filters with a mode. */
  filters?: Record<string, string | string[]> | Filter[];
  ranges?: Range[];
  sort?: Sort;
  /** The last word also matches the words it begins (default true). */
  prefix?: boolean;
  /** Words 1–2 edits away also match (default true), when the words as typed fill less than offset + limit. */
  typos?: boolean;
  /** Add documents that match most of the terms when few match all (default true). */
  partial?: boolean;
  /** An empty query lists every document that passes the filters. */
  browse?: boolean;
  /** Count facet values (default true). */
  facets?: boolean;
  /** Compute didYouMean (default true). */
  suggest?: boolean;
  /** Words per excerpt (default 30). */
  excerptWords?: number;
  /** Values listed per facet field (default 100; selected ones are always kept). */
  facetLimit?: number;
  /**
   * Stored fields a hit carries whole besides its display fields (see
   * Hit.fields), e.g. ["body"]; a name that is no stored field is an
   * "invalid-argument" error.
   */
  fields?: string[];
  /** With an index of pages (a group field): matching sections listed per hit (default 3, at most 100). */
  sections?: number;
  /** BM25F parameters of this search, over those Searcher.options() set (docs/ranking.md "Ranking options"). */
  ranking?: RankingOptions;
}

/**
 * Ranking parameters (docs/ranking.md "Ranking options"); an out-of-range
 * value or an unknown key is an "invalid-argument" error.
 */
export interface RankingOptions {
  /** BM25's k1, term-frequency saturation: 0 to 100 (default 1.2; 0: a word counts once however often). */
  termSaturation?: number;
  /** BM25's b, length normalization: 0 to 1 (default 0.75; 0: long fields are not penalised). */
  pageLength?: number;
  /** Searchable field -> weight (1e-6 to 1000) in place of the index's; replaces the map set before. */
  fieldWeights?: { [field: string]: number };
}

/** Options every later search starts from (Searcher.options). */
export type DefaultOptions = SearchOptions;

/** Searcher.mergeIndex's options: how the index is opened, and what it adds to the list. */
export interface MergeIndexOptions extends OpenOptions {
  /** Multiplies its hits' scores in the merged order (above 0; default 1). */
  weight?: number;
  /** Restricts its documents, as a search's filters (added to every search's own). */
  filters?: Record<string, string | string[]> | Filter[];
}

/** filters(): facet field -> value -> documents (pages, with an index of pages). */
export type FilterCounts = { [field: string]: { [value: string]: number } };

/** Control of one request (not sent to the engine). */
export interface RequestOptions {
  /**
   * Cancels the request: its promise rejects at once with code "aborted", and
   * the engine loads no more parts for it (parts already on their way are kept).
   */
  signal?: AbortSignal;
}

/** Control of one search (not sent to the engine). */
export interface SearchRequestOptions extends RequestOptions {
  /**
   * Search as you type: also fetch, beside this search's last parts, the
   * stored values the searches of the words as the visitor will likely go on
   * typing them need (along the query's n top completions, 1 to 6), so their
   * keystrokes fetch nothing (docs/js-api.md "anticipate"). Default 0 (off);
   * <osprey-search> asks for 2.
   */
  anticipate?: number;
}

export interface Segment {
  text: string;
  match: boolean;
}

/** The best window of a stored searchable field; text only, never HTML. */
export interface Excerpt {
  segments: Segment[];
  cutStart: boolean;
  cutEnd: boolean;
  /** Where the first segment starts in the field's value, in UTF-16 code units (a string index). */
  offset: number;
}

export interface Hit {
  /** Document number in the index. */
  doc: number;
  score: number;
  /** Matches every term of the query. */
  full: boolean;
  /** Indexes into SearchResult.terms. */
  matched: number[];
  /**
   * The stored fields the hit carries whole: every stored field that is not
   * searchable or is a facet, and each searchable one whose excerpt holds all
   * of it (a title); a longer one (a page's body) only as its excerpt, unless
   * SearchOptions.fields names it. Built-in schema: title, summary, type,
   * date, url (summary when it fits its excerpt).
   */
  fields: { title?: string; summary?: string; type?: string; date?: string; url?: string; [field: string]: string | undefined };
  excerpts: { [field: string]: Excerpt | undefined };
  /**
   * With an index of pages (a field with `group`, e.g. a site's `page`): the
   * page's section records whose own text matched, best first, at most
   * SearchOptions.sections. Absent for an index without pages.
   */
  sections?: SectionHit[];
  /** With merged indexes (Searcher.mergeIndex): the URL of the index the hit is from (Searcher.indexUrl). */
  indexUrl?: string;
}

/** A section listed under its page's hit (docs/ranking.md "Pages"). */
export interface SectionHit {
  doc: number;
  score: number;
  /** Indexes into SearchResult.terms. */
  matched: number[];
  /** The section record's stored fields (for a site: url PAGE#ANCHOR, page, section). */
  fields: { [field: string]: string | undefined };
  excerpts: { [field: string]: Excerpt | undefined };
}

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export interface SearchResult {
  /** Documents listed, full and partial matches (with an index of pages: pages). */
  total: number;
  /** Documents matching every term (with an index of pages: pages). */
  fullTotal: number;
  /** The query's terms as typed. */
  terms: string[];
  /** A corrected query, or "". */
  didYouMean: string;
  hits: Hit[];
  /** Facet field -> values with counts over the whole matching set (of pages, with pages). */
  facets: { [field: string]: FacetValue[] };
}

export interface Completion {
  /** The query with its last word completed. */
  query: string;
  term: string;
  docs: number;
}

/** A field of the index, as its schema describes it. */
export interface FieldDescriptor {
  name: string;
  /** Matched by queries (weight > 0). */
  searchable: boolean;
  /** Returned in Hit.fields. */
  stored: boolean;
  /** Counted in SearchResult.facets and usable in filters. */
  facet: boolean;
  /** Usable as a sort key. */
  sortable: boolean;
  /** A number that multiplies the document's relevance score. */
  boost: boolean;
  /** BM25F weight of a searchable field; 0 when not searchable. */
  weight: number;
}

export interface Searcher {
  /** Number of documents in the index. */
  readonly docCount: number;
  /** The language of the index's text: an ISO 639 code such as "en". */
  readonly language: string;
  /**
   * The Snowball algorithm that stems the language ("english", "german", ...);
   * absent for a language without one. Every one but English is a module of
   * its own (engine/stem/ALGORITHM.wasm), which open() fetches.
   */
  readonly stemmer?: string;
  /** The index's fields, in schema order. */
  readonly fields: readonly FieldDescriptor[];
  /** The name of the field that identifies a document (stored). */
  readonly idField: string;
  /** Where the engine runs: a Web Worker, or the page (the fallback). */
  readonly thread: 'worker' | 'main';
  /** The absolute URL of the index file. */
  readonly indexUrl: string;
  /**
   * The format of that file: "binary" (what `osprey index` writes by default)
   * or "json" (the interchange format, docs/index-format.md "JSON format"),
   * which open() converted to binary with engine/osprey-convert.wasm, fetched
   * only for a JSON index.
   */
  readonly indexFormat: 'binary' | 'json';
  /** With merged indexes: one list over all of them (mergeIndex). */
  search(query: string, options?: SearchOptions & SearchRequestOptions): Promise<SearchResult>;
  /**
   * Fetches every part the search for query (with these options) will need,
   * without answering it: that search then fetches nothing.
   */
  preload(query: string, options?: SearchOptions & RequestOptions): Promise<void>;
  /**
   * search() once ms (default 300) pass without another call: resolves to the
   * last call's result; a call superseded by a later one resolves to null
   * (its search, if running, is cancelled).
   */
  debouncedSearch(query: string, options?: SearchOptions & SearchRequestOptions, ms?: number): Promise<SearchResult | null>;
  /** Every facet field's values with their counts over the whole index (and merged ones), without a query. */
  filters(): Promise<FilterCounts>;
  /**
   * Sets options every later search starts from, e.g. {ranking: {pageLength: 0.5}},
   * merged into those set before; rejects ("invalid-argument") and changes
   * nothing when the engine refuses them.
   */
  options(options: DefaultOptions): Promise<void>;
  /**
   * Searches the index at url too, in its own engine: search() and complete()
   * then answer one list over all (docs/js-api.md "mergeIndex").
   */
  mergeIndex(url: string | URL, options?: MergeIndexOptions): Promise<void>;
  complete(query: string, n?: number, options?: RequestOptions): Promise<Completion[]>;
  /**
   * Starts fetching the parts the search for query will need first (as the
   * visitor types, before a debounced search); resolves to their names.
   */
  prefetch(query: string, options?: SearchOptions): Promise<string[]>;
  /** Stops the engine; later calls reject with code "closed". */
  close(): void;
}

export interface OpenOptions {
  /** Base of a relative index URL (default: document.baseURI). */
  baseUrl?: string | URL;
  /** false runs the engine on the page instead of a Web Worker. */
  worker?: boolean;
  /**
   * Milliseconds without data after which a fetch of the index or of one of
   * its parts fails with code "network" (default 15000). A failed part is
   * fetched again by a later query.
   */
  fetchTimeout?: number;
  /**
   * The Snowball algorithm of the index's language, as a bundle manifest names
   * it ("french"): its stemmer module is fetched beside the index, not after it.
   */
  stemmer?: string;
}

export declare const Osprey: {
  /**
   * Fetches and loads the index, binary or JSON (known by its content: a JSON
   * index's first byte past whitespace is "{"); rejects with an OspreyError
   * (a malformed JSON index: "corrupt-index", "unsupported" or "limit", as a
   * binary one).
   */
  open(indexUrl: string | URL, options?: OpenOptions): Promise<Searcher>;
  /**
   * Starts the search worker now, so the engine compiles while the page finds
   * out which index to open; the next open() takes it. fetchTimeout: ms
   * without data after which its download of the engine gives up (then the
   * worker fetches the engine itself and reports why it fails).
   */
  warm(options?: { fetchTimeout?: number }): void;
};

/** Plural forms by Intl.PluralRules category ("one", "other", ...), or one string. */
export type PluralString = string | { [category: string]: string };

/**
 * UI strings of <osprey-search>; {placeholders} are filled in. The element
 * shows those of its language (lang; web/strings/CODE.json, English built in),
 * each replaceable through the strings attribute or property.
 */
export interface OspreyStrings {
  label: string;
  placeholder: string;
  loading: string;
  /** {message} */
  error: string;
  retry: string;
  /** {count}, {query} */
  results: PluralString;
  /** {count} */
  browse: PluralString;
  /** {query} */
  noResults: string;
  noResultsHint: string;
  /** {suggestion} becomes the link */
  didYouMean: string;
  suggestions: string;
  resultsLabel: string;
  filters: string;
  /** {count} */
  filtersActive: string;
  clearFilters: string;
  /** Facet field -> its heading. */
  facetLabels: { [field: string]: string };
  sortLabel: string;
  /** Sort key ("relevance", "date:desc", ...) -> its label. */
  sortLabels: { [sort: string]: string };
  partial: string;
  more: string;
  /** {shown}, {total} */
  shown: string;
}

export interface OspreyReadyDetail {
  docCount: number;
  thread: 'worker' | 'main';
}

export interface OspreyResultsDetail {
  query: string;
  total: number;
  shown: number;
}

export interface OspreyErrorDetail {
  code: OspreyErrorCode;
  message: string;
}

/** <osprey-search>: see the attribute list at the top of osprey-search.js. */
export interface OspreySearchElement extends HTMLElement {
  /** The searcher once the index is loaded, else null. */
  readonly searcher: Searcher | null;
  readonly state: 'idle' | 'loading' | 'ready' | 'error';
  /**
   * The URL of the index file: the one the index attribute names, or for a
   * folder the one opened from it ('' until the folder's manifest is read).
   */
  readonly indexUrl: string;
  /**
   * The language of the bundle index chosen (from osprey-manifest.json: the
   * element's lang if the bundle has it, else its default_language); '' when
   * the index does not come from a bundle.
   */
  readonly indexLanguage: string;
  /** The query; setting it searches at once. */
  query: string;
  /**
   * Get: the strings shown (English, the element's language's, then the
   * replacements). Set: replacement strings, merged over the language's and the
   * strings attribute's.
   */
  strings: Partial<OspreyStrings> | OspreyStrings;
  /** Loads the index (once); resolves when ready or when the error is shown. */
  load(): Promise<void>;
  /** Searches for query now, as if typed. */
  search(query: string): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'osprey-search': OspreySearchElement;
  }
  interface HTMLElementEventMap {
    'osprey-ready': CustomEvent<OspreyReadyDetail>;
    'osprey-results': CustomEvent<OspreyResultsDetail>;
    'osprey-error': CustomEvent<OspreyErrorDetail>;
  }
  /** Defined by osprey-classic.js. */
  interface Window {
    Osprey?: typeof Osprey;
    OspreyError?: typeof OspreyError;
  }
}
