// osprey-core.js: the JS face of the wasm engine, shared by the worker and Node.
// A classic script (UMD): importScripts() in a worker or a <script> tag defines
// the global OspreyCore; under CommonJS it is module.exports.
//
//   const core = await OspreyCore.create(factoryOptions, factory);
//   core.load(bytes)                      -> {docCount, parts, language, idField,
//                                             fields: [{name, searchable, stored, facet,
//                                                       sortable, boost, weight}]}
//   core.search(query, options)           -> {total, fullTotal, terms, didYouMean, hits, facets}
//                                            or {needs: [names]} (a sharded index)
//   core.complete(query, n)               -> [{query, term, docs}] or {needs: [names]}
//   core.addParts(bytes)                  -> adds parts of a sharded index
//   await core.useStemmer(bytes)          -> sets the stemmer module the loaded index's
//                                            language needs (widget/stemmer.js; open() does)
//   await core.open(url[, fetcher, download, stemmer, dictionary])
//                                         -> as load, and indexFormat: loads the index at url (fetched
//                                            by fetcher, default OspreyCore.fetchBytes, or the
//                                            promise download), later parts relative to url; its
//                                            stemmer module fetched too, unless given (stemmer.js);
//                                            a bundle's files unpacked (parts.js unpack); a
//                                            damaged file's error names its URL
//   await core.searchLoading(query, options[, signal, anticipate]), await core.completeLoading(query, n[, signal])
//                                         -> as search / complete, fetching the parts
//                                            they need first (after open; widget/parts.js);
//                                            an AbortSignal cancels: code "aborted";
//                                            anticipate n: anticipate(query, options, n) beside
//                                            the search's display parts
//   core.prefetch(query, options)         -> names of the parts search(query, options)'s first
//                                            round needs, their fetches started (widget/parts.js)
//   core.nextQueries(query, n)            -> the queries likely typed next: the prefixes of its
//                                            n top completions 1 and 2 letters longer
//   core.anticipate(query, options[, n])  -> names of the display, dictionary and reverse parts the
//                                            searches of nextQueries(query, n) need, when that
//                                            is all they need, their fetches started, kept (parts.js)
//   await core.preload(query, options[, signal])
//                                         -> null once every part search(query, options) needs
//                                            is loaded (its rounds run; the result is dropped)
//   core.close()                          -> frees the engine (calls Engine.delete())
//   OspreyCore.handler(enginePromise)     -> respond(request) -> reply, the worker protocol
//                                            (osprey-worker.js), for the worker and the page
// The page imports this file only for its main-thread fallback (widget/engine-core.js).
// factoryOptions go to the Emscripten factory unchanged (locateFile, which also
// finds stemmer modules, wasmBinary, ...); factory defaults to the global
// OspreyEngine. Options go to the engine as JSON text, unchecked: the engine
// validates them (src/search/query/options_json.hpp). Its error values become
// thrown OspreyErrors with a code and a one-line message. Codes from the engine:
// corrupt-index, unsupported, invalid-input, limit, invalid-argument,
// not-loaded, out-of-memory, internal; from this file: invalid-argument (a query
// that is not a string, options JSON cannot hold), engine-failed (the engine
// could not start or trapped; it is unusable afterwards), closed, aborted,
// unsupported (a stemmer not loaded); network (widget/fetch.js). OspreyError
// and fetchBytes are widget/fetch.js's, loaded first (the global OspreyFetch,
// or required under CommonJS), and so are widget/parts.js and widget/stemmer.js.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) {
    module.exports = factory(root, require('./widget/fetch.js'), require('./widget/parts.js'), require('./widget/stemmer.js'));
  } else root.OspreyCore = factory(root, root.OspreyFetch, root.OspreyParts, root.OspreyStemmer);
})(typeof globalThis !== 'undefined' ? globalThis : self, function (root, OspreyFetch, OspreyParts, OspreyStemmer) {
  'use strict';

  const { OspreyError, oneLine, fetchBytes } = OspreyFetch;

  function describe(error) {
    return oneLine((error && error.message) || error || 'unknown error');
  }

  // Fetching parts (absent where only whole indexes load: the single-file page).
  const parts = OspreyParts ? OspreyParts(OspreyFetch) : null;

  // Strings go to the engine as UTF-8 bytes from TextEncoder: it is native
  // (Embind's own encoder is a JS loop, ~20x slower on a big index) and sends a
  // lone surrogate as U+FFFD (Embind's pairs it with the next character).
  const encoder = new TextEncoder();

  // An index as the engine takes it: the raw bytes of the file, uncompressed.
  function indexInput(input) {
    let bytes;
    if (input instanceof Uint8Array) bytes = input;
    else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
    else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    else throw new OspreyError('invalid-argument', 'load() takes the index file as bytes (Uint8Array or ArrayBuffer)');
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new OspreyError('invalid-argument', 'load() takes an index uncompressed, not gzip');
    return bytes;
  }

  // Options as the engine reads them: JSON text in UTF-8. Numbers JSON cannot
  // hold (NaN, Infinity) and BigInts go as their String(), so that the
  // engine's message names them as the caller wrote them.
  function optionsJson(options) {
    let text;
    try {
      text = JSON.stringify(options || {}, (key, value) => (
        typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value)) ? String(value) : value));
    } catch (error) {
      throw new OspreyError('invalid-argument', `options must be an object: ${describe(error)}`);
    }
    return encoder.encode(text ?? '');
  }

  const withoutOk = ({ ok, ...value }) => value;

  // The completions nextQueries follows: n from 1 to 6.
  const completionCount = (n) => Math.min(Math.max(Math.trunc(n) || 1, 1), 6);

  // Letters past the query nextQueries reaches: a keystroke that fetches nothing
  // is followed at once by the next, so the letters after it come from the last that fetched.
  const kLettersAhead = 3;

  // nextQueries of complete()'s value ({needs}: none yet).
  function queriesAfter(query, completions) {
    if (!Array.isArray(completions)) return [];
    const out = new Set();
    for (const { query: next } of completions) {
      if (!next.startsWith(query)) continue;
      for (let end = query.length + 1; end <= Math.min(next.length, query.length + kLettersAhead); end++) {
        const unit = next.charCodeAt(end - 1);
        if (unit < 0xd800 || unit > 0xdbff) out.add(next.slice(0, end));  // not inside a surrogate pair
      }
    }
    return [...out].sort((a, b) => a.length - b.length);
  }

  async function create(factoryOptions, factory) {
    const makeEngine = factory || root.OspreyEngine;
    if (typeof makeEngine !== 'function') {
      throw new OspreyError('engine-failed',
                            'the OspreyEngine factory is missing (load osprey-engine.js first)');
    }
    let module;
    try {
      module = await makeEngine(Object.assign({}, factoryOptions));
    } catch (error) {
      throw new OspreyError('engine-failed', `the search engine did not start: ${describe(error)}`);
    }
    // Owned here: close() calls .delete(), exactly once.
    let engine = new module.Engine();
    // Absent in the single-file page (English only): other languages' query words unstemmed.
    const stemmer = OspreyStemmer ? OspreyStemmer.stemmers(module, OspreyError, factoryOptions) : null;
    let failure = null;

    // Runs fn(engine) and turns an error value into a thrown OspreyError. A JS
    // exception here is a trap (the engine never throws by design): the module's
    // state is unknown afterwards, so the engine is dropped.
    function call(fn) {
      if (failure) throw new OspreyError('engine-failed', failure);
      if (!engine) throw new OspreyError('closed', 'the search engine is closed');
      let value;
      try {
        value = fn(engine);
      } catch (error) {
        failure = `the search engine failed and must be restarted: ${describe(error)}`;
        engine = null;
        throw new OspreyError('engine-failed', failure);
      }
      if (!value.ok) throw new OspreyError(value.code, value.message);
      return value;
    }

    // e.search or e.complete of query and options, encoded once for every loading round.
    function asker(method, query, options) {
      if (typeof query !== 'string') {
        throw new OspreyError('invalid-argument', `${method}() takes the query as a string`);
      }
      if (stemmer) stemmer.ready();
      const text = encoder.encode(query);
      const json = optionsJson(options);
      return () => call((e) => e[method](text, json));
    }

    let store = null;  // the parts of the index opened by URL (widget/parts.js)
    const currentStore = () => store;

    const api = {
      /** Loads an index; a failed load keeps the index loaded before (if any). */
      load(input) {
        const bytes = indexInput(input);
        const loaded = withoutOk(call((e) => e.load(bytes)));
        if (stemmer) stemmer.loaded(loaded);
        if (store) store.retire();
        store = null;
        return loaded;
      },

      /**
       * Loads the index at url; parts of a sharded one come later, as needed,
       * through fetcher(url[, {signal}]) -> Promise<bytes> (signal: a part's
       * fetch that no query waits for any more is abandoned, widget/parts.js). download: the index's bytes if
       * their fetch was started earlier (while the engine compiled); earlyStemmer: see stemmer.js fetch;
       * dictionary: the display parts' dictionary's URL (a manifest's; parts.js partStore).
       */
      async open(url, fetcher = fetchBytes, download = fetcher(url), earlyStemmer = null, dictionary = null) {
        let bytes = await parts.unpack(await download, url);  // its errors name url
        let loaded;
        // JSON (docs/index-format.md): widget/convert.js, imported only then, makes it binary.
        const indexFormat = bytes.find((b) => ![9, 10, 13, 32].includes(b)) === 123 ? 'json' : 'binary';
        try {
          const locate = (file) => factoryOptions?.locateFile?.(file, '') ?? file;
          if (indexFormat === 'json') bytes = await (await import(locate('../widget/convert.js'))).toBinary(bytes, locate, fetcher, OspreyError);
          loaded = { ...api.load(bytes), indexFormat };
        } catch (error) {
          // As for a part (widget/parts.js): the error names the file.
          if (error.code !== 'corrupt-index' && error.code !== 'unsupported') throw error;
          throw new OspreyError(error.code, `${url}: ${error.message}`);
        }
        store = parts.partStore(url, fetcher, loaded.parts, (bytes, name) => api.addParts(bytes, name), dictionary);
        if (stemmer) await stemmer.fetch(fetcher, earlyStemmer);
        return loaded;
      },

      useStemmer: (bytes) => stemmer.use(bytes, 'useStemmer()'),

      /**
       * Adds parts of a sharded index (files a search's needs named); name, the
       * part the file was fetched as, is checked against what it holds.
       */
      addParts(input, name = '') {
        const bytes = indexInput(input);
        call((e) => e.addParts(bytes, String(name)));
      },

      /**
       * options: {offset, limit, prefix, typos, partial, browse, facets, suggest,
       * excerptWords, facetLimit, filters, ranges, sort}. filters is {field:
       * [values]} (any of the values) or [{field, values, mode: 'any'|'all'|'none'}];
       * ranges is [{field, from, to}]; sort is 'relevance', 'FIELD', 'FIELD:asc',
       * 'FIELD:desc' or {field, descending}. The engine checks them
       * (src/search/query/options_json.hpp).
       */
      search(query, options) {
        return withoutOk(asker('search', query, options)());
      },

      /**
       * anticipate n > 0: anticipateLoading(query, options, n) once this search
       * needs nothing but display parts, beside its last round (after its own
       * fetches) or after its answer; its failures are not this search's.
       */
      async searchLoading(query, options, signal, anticipate = 0) {
        let pending = anticipate > 0;
        const onRound = ({ needs }) => {
          if (!pending || (needs && !needs.every(parts.isDisplay))) return;
          pending = false;
          const run = () => api.anticipateLoading(query, options, anticipate).catch(() => {});
          if (needs) run();
          else setTimeout(run, 0);
        };
        return withoutOk(await parts.loading(asker('search', query, options), currentStore, signal, onRound));
      },

      prefetch(query, options) {
        return parts.prefetch(asker('search', query, options), currentStore);
      },

      /**
       * The queries likely typed next: the prefixes of the query's n top
       * completions (n from 1 to 6) one to kLettersAhead letters longer, the shorter
       * first ([] while the completions need parts).
       */
      nextQueries(query, n = 2) {
        return queriesAfter(query, api.complete(query, completionCount(n)));
      },

      /** The display, dictionary and reverse parts the searches of nextQueries(query, n) need, fetched (parts.js anticipate). */
      anticipate(query, options, n = 2, completions = api.complete(query, completionCount(n))) {
        if (!store) return [];
        return parts.anticipate(queriesAfter(query, completions).map((next) => asker('search', next, options)), currentStore);
      },

      /** anticipate, once the completions it follows are loaded. */
      async anticipateLoading(query, options, n = 2) {
        if (!store) return [];
        const { completions } = await parts.loading(asker('complete', query, { n: completionCount(n) }), currentStore);
        return api.anticipate(query, options, n, completions);
      },

      async preload(query, options, signal) {
        await parts.loading(asker('search', query, options), currentStore, signal);
        return null;
      },

      /** Up to n completions of the query's last word: [{query, term, docs}]. */
      complete(query, n = 5) {
        const value = asker('complete', query, { n })();
        return value.needs ? { needs: value.needs } : value.completions;
      },

      async completeLoading(query, n = 5, signal = undefined) {
        return (await parts.loading(asker('complete', query, { n }), currentStore, signal)).completions;
      },

      /** Bytes of wasm memory (it grows, never shrinks). */
      memoryBytes() {
        return module.heapSize();
      },

      close() {
        if (engine) engine.delete();
        engine = null;
      },
    };
    return api;
  }


  /**
   * The request handler of the worker and of the page fallback (the protocol is
   * in osprey-worker.js). engine: a promise of create()'s engine; closed():
   * whether requests now fail with "closed". respond(request) resolves to the
   * reply (null for a cancel), never rejects. An open waits for every request
   * before it; searches wait only for the last open, and load their parts side
   * by side. {type: "cancel", id} cancels request id: it replies "aborted".
   */
  function handler(engine, closed = () => false) {
    let opened = Promise.resolve();  // the last open
    const running = new Map();       // id -> {controller, reply} of requests not answered yet
    let fetcher = fetchBytes;        // with the last open's timeout

    async function handle(request, signal) {
      let download = null;
      if (request.type === 'open') {
        if (typeof request.url !== 'string') throw new OspreyError('invalid-argument', 'open needs a url');
        const timeout = request.fetchTimeout;
        fetcher = Number.isFinite(timeout) && timeout > 0 ? (url, options) => fetchBytes(url, { ...options, timeout }) : fetchBytes;
        // The index downloads while the engine compiles (or came with the request).
        download = request.bytes instanceof ArrayBuffer
          ? Promise.resolve(new Uint8Array(request.bytes))
          : fetcher(request.url);
        download.catch(() => {});
      }
      const core = await engine;
      if (closed()) throw new OspreyError('closed', 'the searcher is closed');
      if (signal.aborted) throw OspreyFetch.aborted();
      switch (request.type) {
        case 'open':
          return core.open(request.url, fetcher, download, request.stemmer, typeof request.dictionary === 'string' ? request.dictionary : null);
        case 'search':
          return core.searchLoading(request.query, request.options, signal, request.anticipate);
        case 'complete':
          return core.completeLoading(request.query, request.n, signal);
        case 'prefetch':
          return core.prefetch(request.query, request.options);
        case 'preload':
          return core.preload(request.query, request.options, signal);
        default:
          throw new OspreyError('invalid-argument', `unknown request type ${JSON.stringify(request.type)}`);
      }
    }

    return function respond(request) {
      if (request.type === 'cancel') {
        const target = running.get(request.id);
        if (target) target.controller.abort();
        return Promise.resolve(null);
      }
      const controller = new AbortController();
      const run = request.type === 'open'
        ? Promise.all([...running.values()].map((r) => r.reply)).then(() => handle(request, controller.signal))
        : opened.then(() => handle(request, controller.signal));
      if (request.type === 'open') opened = run.catch(() => {});
      const reply = run.then(
        (result) => ({ id: request.id, ok: true, result }),
        (error) => ({
          id: request.id, ok: false, error: { code: (error && error.code) || 'internal', message: describe(error) },
        }));
      running.set(request.id, { controller, reply });
      reply.then(() => running.delete(request.id));
      return reply;
    };
  }

  return { create, fetchBytes, handler, OspreyError };
});
