// The Searcher of the page API (widget/api.js opens it; docs/js-api.md): one
// engine, a worker or the page fallback (both speak osprey-worker.js's
// protocol), and what callers build on search(): options() defaults, preload,
// debouncedSearch, filters, mergeIndex (widget/merge.js, loaded when called).
import { OspreyError } from './core.js';

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export class Searcher {
  /** Number of documents in the index. */
  docCount = 0;
  /** The index's language (ISO 639 code, e.g. "en"). */
  language = '';
  /** The index's fields: [{name, searchable, stored, facet, sortable, boost, weight}]. */
  fields = [];
  /** The name of the field that identifies a document. */
  idField = '';
  /** Where the engine runs: "worker" or "main" (the fallback). */
  thread;
  /** The URL of the index (absolute); hits of a merged search name theirs (mergeIndex). */
  indexUrl = '';
  #worker;
  #defaults = {};        // options() of every later search: {ranking, ...search options}
  #merged = [];          // mergeIndex(): [{searcher, weight, filters}]
  #merge = null;         // widget/merge.js once mergeIndex() loaded it
  #env;                  // {open: Osprey.open, loadMerge() -> widget/merge.js} (widget/api.js)
  #debounce = { id: 0, controller: null };
  #pending = new Map();  // request id -> {resolve, reject}
  #nextId = 1;
  #failure = null;       // an OspreyError once the worker is unusable

  /**
   * Loads the index at url in worker; resolves to a Searcher or rejects.
   * early: a promise of the index's bytes (an ArrayBuffer) fetched by the page
   * while the worker started (a failed fetch is the open's error: it is not
   * tried again), or null: the worker fetches url itself. env: for mergeIndex.
   * stemmer: null or {algorithm, bytes (a promise)}, fetched beside it (as early);
   * dictionary: null or the URL of its display parts' dictionary (fetched with the first parts).
   */
  static async open(worker, url, thread, early, fetchTimeout, env, stemmer = null, dictionary = null) {
    const searcher = new Searcher(worker, thread);
    searcher.#env = env;
    try {
      const [bytes, stem] = await Promise.all([early, stemmer?.bytes]);
      const message = bytes ? { type: 'open', url, bytes, fetchTimeout } : { type: 'open', url, fetchTimeout };
      if (stem) message.stemmer = { algorithm: stemmer.algorithm, bytes: stem };
      if (dictionary) message.dictionary = dictionary;
      const opened = await searcher.#request(message, [bytes, stem].filter(Boolean));
      const { docCount, language, fields, idField, indexFormat } = opened;
      Object.assign(searcher, { docCount, language, fields, idField, indexFormat, indexUrl: url });
    } catch (error) {
      searcher.close();
      throw error;
    }
    return searcher;
  }

  constructor(worker, thread) {
    this.#worker = worker;
    this.thread = thread;
    worker.onmessage = (event) => {
      const { id, ok, result, error } = event.data || {};
      const request = this.#pending.get(id);
      if (!request) return;
      this.#pending.delete(id);
      if (ok) request.resolve(result);
      else request.reject(new OspreyError(error?.code || 'internal', error?.message || 'unknown error'));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      const detail = event.message ? `: ${event.message}` : ' (osprey-worker.js or the engine files did not load)';
      this.#fail(new OspreyError('engine-failed', `the search worker failed${detail}`));
    };
    worker.onmessageerror = () => {
      this.#fail(new OspreyError('engine-failed', 'the search worker sent an unreadable message'));
    };
  }

  /**
   * Resolves to {total, fullTotal, terms, didYouMean, hits, facets}; options as
   * in osprey-core.js: {offset, limit, filters, ranges, sort, prefix, typos, ...},
   * and signal: an AbortSignal that cancels the search (it rejects with code
   * "aborted" at once and loads no more parts; a superseded keystroke's search).
   */
  search(query, options = {}) {
    options = this.#withDefaults(options);
    if (this.#merged.length) return this.#merge.search(this.#own(), this.#merged, String(query ?? ''), options);
    return this.#searchOwn(query, options);
  }

  #searchOwn(query, options) {
    let signal, anticipate;  // not options of the engine: the rest go to it as they are
    if (options && typeof options === 'object' && !Array.isArray(options)) ({ signal, anticipate, ...options } = options);
    return this.#request({ type: 'search', query: String(query ?? ''), options, anticipate }, [], signal);
  }

  /** This index as a source of a merged search (widget/merge.js). */
  #own() {
    return { searcher: this, weight: 1, filters: [], search: (q, o) => this.#searchOwn(q, o) };
  }

  /** Resolves to up to n completions of the query's last word: [{query, term, docs}]; signal as for search. */
  complete(query, n = 5, options = {}) {
    const own = this.#request({ type: 'complete', query: String(query ?? ''), n }, [], options?.signal);
    return this.#merged.length ? this.#merge.complete(own, this.#merged, query, n, options) : own;
  }

  /**
   * Loads every part a search of query (with these options) needs, without
   * answering it: the same search later fetches nothing. Resolves to undefined.
   */
  async preload(query, options = {}) {
    let signal;
    options = this.#withDefaults(options);
    if (options && typeof options === 'object' && 'signal' in options) ({ signal, ...options } = options);
    await Promise.all([this.#request({ type: 'preload', query: String(query ?? ''), options }, [], signal),
                       ...this.#merged.map((m) => m.searcher.preload(query, { ...options, signal }))]);
  }

  /**
   * search() after ms of quiet: resolves to the result of the last call made
   * within the window; every call it superseded resolves to null (as does one
   * superseded while its search ran: that search is cancelled).
   */
  async debouncedSearch(query, options = {}, ms = 300) {
    const turn = { id: ++this.#debounce.id, controller: new AbortController() };
    this.#debounce.controller?.abort();
    this.#debounce = turn;
    this.prefetch(query, options);  // the first round's parts, while it waits
    await new Promise((resolve) => setTimeout(resolve, Number.isFinite(ms) && ms > 0 ? ms : 0));
    if (this.#debounce !== turn) return null;
    const signal = options?.signal ? AbortSignal.any([options.signal, turn.controller.signal]) : turn.controller.signal;
    try {
      const result = await this.search(query, { ...options, signal });
      return this.#debounce === turn ? result : null;
    } catch (error) {
      if (this.#debounce !== turn && error.code === 'aborted') return null;
      throw error;
    }
  }

  /**
   * Every facet field's values with their counts over the whole index (and
   * the merged ones), without a query: {field: {value: count}}.
   */
  async filters() {
    const { facets } = await this.search('', { browse: true, limit: 0, facetLimit: 0x7fffffff, suggest: false });
    const out = {};
    for (const [field, values] of Object.entries(facets)) {
      out[field] = Object.fromEntries(values.map((v) => [v.value, v.count]));
    }
    return out;
  }

  /**
   * Sets options every later search starts from: {ranking: {termSaturation,
   * pageLength, fieldWeights}} (docs/ranking.md), and any search option.
   * Merged into those set before; the engine checks them now (an
   * "invalid-argument" rejection keeps the ones before).
   */
  async options(options = {}) {
    if (!options || typeof options !== 'object' || Array.isArray(options)) {
      throw new OspreyError('invalid-argument', 'options() takes an object such as {ranking: {pageLength: 0.5}}');
    }
    const { signal, ...next } = { ...this.#defaults, ...options };
    if (isObject(options.ranking) && this.#defaults.ranking) next.ranking = { ...this.#defaults.ranking, ...options.ranking };
    // Every option as set (an empty query without browse matches nothing: no part is fetched).
    const check = { ...next, facets: false, suggest: false, browse: false };
    await Promise.all([this, ...this.#merged.map((m) => m.searcher)].map((s) => s.#searchOwn('', check)));
    this.#defaults = next;
  }

  /**
   * Searches the index at url too: search() answers one list ranked over
   * both (widget/merge.js; docs/js-api.md "mergeIndex"). weight multiplies
   * its scores (default 1); filters restrict its documents (as a search's).
   */
  async mergeIndex(url, { weight = 1, filters, ...openOptions } = {}) {
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new OspreyError('invalid-argument', `mergeIndex weight must be a number above 0 (got ${weight})`);
    }
    this.#merge ??= await this.#env.loadMerge();
    const list = this.#merge.filterList(filters);
    if (!list) throw new OspreyError('invalid-argument', 'mergeIndex filters must be an object or an array');
    const searcher = await this.#env.open(url, openOptions);
    try {
      // The engine checks the filters now (a field the index cannot filter by).
      await searcher.search('', { filters: list, limit: 0, facets: false, suggest: false });
    } catch (error) {
      searcher.close();
      throw error;
    }
    this.#merged.push({ searcher, weight, filters: list });
  }

  // options over the defaults; what is not an options object goes as it is (the engine names the error).
  #withDefaults(options) {
    if (options === undefined || options === null) return { ...this.#defaults };
    if (typeof options !== 'object' || Array.isArray(options)) return options;
    if (!this.#defaults.ranking || !isObject(options.ranking)) return { ...this.#defaults, ...options };
    return { ...this.#defaults, ...options, ranking: { ...this.#defaults.ranking, ...options.ranking } };
  }

  /**
   * Starts fetching the parts the search for query will need first (a search
   * box calls it as the visitor types, before its debounced search); resolves
   * to their names ([] when nothing is needed or the query is not valid).
   */
  prefetch(query, options = {}) {
    let o = this.#withDefaults(options);
    if (o && typeof o === 'object' && 'signal' in o) o = { ...o, signal: undefined };  // JSON drops it
    for (const m of this.#merged) m.searcher.prefetch(query, o);
    return this.#request({ type: 'prefetch', query: String(query ?? ''), options: o }).catch(() => []);
  }

  /** Stops the worker (and those of merged indexes); pending and later searches reject with code "closed". */
  close() {
    for (const m of this.#merged) m.searcher.close();
    this.#fail(new OspreyError('closed', 'the searcher is closed'));
  }

  #request(message, transfer = [], signal = undefined) {
    if (this.#failure) return Promise.reject(this.#failure);
    const aborted = () => new OspreyError('aborted', 'the search was cancelled');
    if (signal?.aborted) return Promise.reject(aborted());
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      // The worker stops the request at its next step; its late reply is ignored.
      const cancel = () => {
        if (!this.#pending.delete(id)) return;
        this.#worker.postMessage({ type: 'cancel', id });
        reject(aborted());
      };
      const off = () => signal?.removeEventListener('abort', cancel);
      this.#pending.set(id, {
        resolve: (value) => { off(); resolve(value); },
        reject: (error) => { off(); reject(error); },
      });
      signal?.addEventListener('abort', cancel, { once: true });
      this.#worker.postMessage({ id, ...message }, transfer);
    });
  }

  #fail(error) {
    if (this.#failure) return;
    this.#failure = error;
    this.#worker.terminate();
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
