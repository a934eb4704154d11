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
//   await core.open(url[, fetcher, download])
//                                         -> as load: loads the index at url (fetched
//                                            by fetcher, default OspreyCore.fetchBytes, or the
//                                            promise download), later parts relative to url
//   await core.searchLoading(query, options), await core.completeLoading(query, n)
//                                         -> as search / complete, fetching the parts
//                                            they need first (after open)
//   core.close()                          -> frees the engine (calls Engine.delete())
//
// factoryOptions go to the Emscripten factory unchanged (locateFile, wasmBinary,
// ...); factory defaults to the global OspreyEngine from osprey-engine.js.
// Options go to the engine as JSON text, unchecked: the engine reads and
// validates them (src/query/options_json.hpp). The engine returns errors as
// values; here they become thrown OspreyErrors with a code and a one-line
// message. Codes from the engine: corrupt-index, unsupported, invalid-input,
// limit, invalid-argument, not-loaded, out-of-memory, internal; from this file:
// invalid-argument (a query that is not a string, options JSON cannot hold),
// engine-failed (the engine could not start or trapped; it is unusable
// afterwards), closed.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) module.exports = factory(root);
  else root.OspreyCore = factory(root);
})(typeof globalThis !== 'undefined' ? globalThis : self, function (root) {
  'use strict';

  function oneLine(text) {
    return String(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  }

  class OspreyError extends Error {
    constructor(code, message) {
      super(oneLine(message));
      this.name = 'OspreyError';
      this.code = code;
    }
  }

  function describe(error) {
    return oneLine((error && error.message) || error || 'unknown error');
  }

  // Strings go to the engine as UTF-8 bytes from TextEncoder: it is native
  // (Embind's own encoder is a JS loop, ~20x slower on a big index) and sends a
  // lone surrogate as U+FFFD (Embind's pairs it with the next character).
  const encoder = new TextEncoder();

  // An index as the engine takes it: the raw bytes of the file.
  function indexInput(input) {
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) {
      return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    throw new OspreyError('invalid-argument', 'load() takes the index file as bytes (Uint8Array or ArrayBuffer)');
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

    let partBase = null;   // the URL parts are relative to (open)
    let fetchBytes = null;
    const kMaxRounds = 8;  // a query needs postings, then stored values, then a suggestion's

    // Runs ask() until the engine needs no more parts, fetching those it names.
    async function loading(ask) {
      for (let round = 0; round < kMaxRounds; ++round) {
        const value = ask();
        if (!value.needs) return value;
        if (!fetchBytes) {
          throw new OspreyError('not-loaded', 'the index is sharded: open it by URL to load its parts');
        }
        const parts = await Promise.all(value.needs.map((name) => fetchBytes(new URL(name, partBase).href)));
        for (const bytes of parts) call((e) => e.addParts(bytes));
      }
      throw new OspreyError('corrupt-index', 'the index kept asking for more parts');
    }

    const api = {
      /** Loads an index; a failed load keeps the index loaded before (if any). */
      load(input) {
        const bytes = indexInput(input);
        const { ok, ...loaded } = call((e) => e.load(bytes));
        partBase = null;
        fetchBytes = null;
        return loaded;
      },

      /**
       * Loads the index at url; parts of a sharded one come later, as needed,
       * through fetcher(url) -> Promise<bytes>. download: the index's bytes if
       * their fetch was started earlier (while the engine compiled).
       */
      async open(url, fetcher = fetchBytes, download = fetcher(url)) {
        const loaded = api.load(await download);
        partBase = url;
        fetchBytes = fetcher;
        return loaded;
      },

      /** Adds parts of a sharded index (files a search's needs named). */
      addParts(input) {
        const bytes = indexInput(input);
        call((e) => e.addParts(bytes));
      },

      /**
       * options: {offset, limit, prefix, typos, partial, browse, facets, suggest,
       * excerptWords, facetLimit, filters, ranges, sort}. filters is {field:
       * [values]} (any of the values) or [{field, values, mode: 'any'|'all'|'none'}];
       * ranges is [{field, from, to}]; sort is 'relevance', 'FIELD', 'FIELD:asc',
       * 'FIELD:desc' or {field, descending}. The engine checks them
       * (src/query/options_json.hpp).
       */
      search(query, options) {
        if (typeof query !== 'string') {
          throw new OspreyError('invalid-argument', 'search() takes the query as a string');
        }
        const json = optionsJson(options);
        const value = call((e) => e.search(encoder.encode(query), json));
        const { ok, ...result } = value;
        return result;
      },

      searchLoading(query, options) {
        return loading(() => api.search(query, options));
      },

      completeLoading(query, n) {
        return loading(() => {
          const value = api.complete(query, n);
          return Array.isArray(value) ? { completions: value } : value;
        }).then((value) => value.completions);
      },

      /** Up to n completions of the query's last word: [{query, term, docs}]. */
      complete(query, n = 5) {
        if (typeof query !== 'string') {
          throw new OspreyError('invalid-argument', 'complete() takes the query as a string');
        }
        const json = optionsJson({ n });
        const value = call((e) => e.complete(encoder.encode(query), json));
        return value.needs ? { needs: value.needs } : value.completions;
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

  /** The bytes at url; failures are OspreyErrors with code "network". */
  async function fetchBytes(url) {
    const fail = (what, error) => new OspreyError('network', `${what} ${url}: ${describe(error)}`);
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw fail('cannot fetch', error);
    }
    if (!response.ok) {
      throw fail('cannot fetch', `HTTP ${response.status} ${response.statusText || ''}`.trim());
    }
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw fail('cannot read', error);
    }
  }

  return { create, fetchBytes, OspreyError };
});
