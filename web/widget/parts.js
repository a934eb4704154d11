// parts.js: the parts of a sharded index, fetched as queries name them, for
// osprey-core.js. A classic script (UMD) like it: importScripts() in the worker
// or an import for side effects on the page define the global OspreyParts;
// under CommonJS it is module.exports. It sits in widget/ so that a bundle
// (tools/site/bundle.hpp copies the folder) carries it with the page's modules.
//
//   const { fetchBytes, partStore, loading } = OspreyParts(OspreyError);
//   await fetchBytes(url[, {timeout}])   -> Uint8Array; "network" when it fails, or when no
//                                           byte arrives for timeout ms (a stall)
//   await unpack(bytes, url)             -> bytes, or if gzip (a bundle's files) decompressed
//   partStore(baseUrl, fetcher, partCount, add)
//                                        -> the parts of one open index: those held (added
//                                           by add(bytes, name)) and those in flight, by name
//   await loading(ask, store, signal)    -> ask()'s value once it needs no more parts
//
// Invariants: a part is fetched at most once while in flight (queries that need
// it share the fetch) and added at most once; a failed fetch or add is forgotten
// (a later query tries again). Every round of loading() adds at least one part
// not held before, so a query takes at most partCount rounds; an index that asks
// again for a part it was given is corrupt. A cancelled query (signal) stops at
// its next await and issues no more rounds; its fetches in flight finish and
// their parts are kept.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) module.exports = factory();
  else root.OspreyParts = factory();
})(typeof globalThis !== 'undefined' ? globalThis : self, function () {
  'use strict';

  const kStallMs = 15000;
  // kMaxFileBytes of src/search/index/limits.hpp (tests/node/gzip.test.mjs checks they agree).
  const kMaxFileBytes = 2 ** 28;

  return function parts(OspreyError) {
    const describe = (error) => String((error && error.message) || error || 'unknown error');
    const aborted = () => new OspreyError('aborted', 'the search was cancelled');

    /** The body of response; progress() is called as each chunk arrives. */
    async function readBody(response, progress) {
      if (!response.body || typeof response.body.getReader !== 'function') {
        return new Uint8Array(await response.arrayBuffer());
      }
      const reader = response.body.getReader();
      const chunks = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        progress();
        chunks.push(value);
        size += value.length;
      }
      const bytes = new Uint8Array(size);  // its own buffer, which can be transferred
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      return bytes;
    }

    /**
     * The bytes at url; failures are OspreyErrors with code "network". The
     * fetch is abandoned when no byte (nor the headers) arrives for timeout ms.
     */
    async function fetchBytes(url, { timeout = kStallMs } = {}) {
      const fail = (what, error) => new OspreyError('network', `${what} ${url}: ${describe(error)}`);
      const controller = typeof AbortController === 'function' ? new AbortController() : null;
      let timer = 0;
      let stalled = false;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stalled = true;
          if (controller) controller.abort();
        }, timeout);
      };
      const stall = () => new OspreyError('network', `timed out fetching ${url}: no data for ${timeout / 1000} s`);
      arm();
      try {
        let response;
        try {
          response = await fetch(url, controller ? { signal: controller.signal } : undefined);
        } catch (error) {
          throw stalled ? stall() : fail('cannot fetch', error);
        }
        if (!response.ok) {
          throw fail('cannot fetch', `HTTP ${response.status} ${response.statusText || ''}`.trim());
        }
        try {
          return await readBody(response, arm);
        } catch (error) {
          throw stalled ? stall() : fail('cannot read', error);
        }
      } finally {
        clearTimeout(timer);
      }
    }

    /**
     * bytes fetched from url as the engine takes them: a gzip member (1f 8b, a
     * bundle's files) decompressed, within the length its trailer states and
     * kMaxFileBytes; errors are corrupt-index naming url. Every fetched index
     * file passes here (the base in core.open, parts in partStore).
     */
    async function unpack(bytes, url) {
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      const corrupt = (what = 'gzip data is truncated or corrupt') => new OspreyError('corrupt-index', `${url}: ${what}`);
      if (typeof DecompressionStream !== 'function') throw new OspreyError('unsupported', `${url}: gzip needs DecompressionStream`);
      const n = bytes.length;
      const stated = n < 18 ? 0 : (bytes[n - 4] | bytes[n - 3] << 8 | bytes[n - 2] << 16) + bytes[n - 1] * 0x1000000;
      const out = new Uint8Array(Math.min(stated, kMaxFileBytes));
      const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
      let size = 0;
      try {
        for (let chunk; !(chunk = await reader.read()).done; size += chunk.value.length) {
          const end = size + chunk.value.length;
          // Past the stated length: truncated (no trailer there) or corrupt.
          if (end > out.length) throw corrupt(end > kMaxFileBytes ? `decompresses past ${kMaxFileBytes.toLocaleString('en')} bytes` : undefined);
          out.set(chunk.value, size);
        }
      } catch (error) {
        reader.cancel().catch(() => {});
        throw error instanceof OspreyError ? error : corrupt();
      }
      if (size !== stated) throw corrupt();
      return out;
    }

    /** promise, or a rejection with code "aborted" as soon as signal aborts. */
    function untilAborted(promise, signal) {
      if (!signal) return promise;
      return new Promise((resolve, reject) => {
        const stop = () => reject(aborted());
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop, { once: true });
        const off = () => signal.removeEventListener('abort', stop);
        promise.then((value) => { off(); resolve(value); }, (error) => { off(); reject(error); });
      });
    }

    function partStore(baseUrl, fetcher, partCount, add) {
      const held = new Set();      // names added to the engine
      const inFlight = new Map();  // name -> promise of its fetch and add
      let retired = false;         // another index was loaded: late parts are dropped

      function get(name) {
        if (held.has(name)) {
          throw new OspreyError('corrupt-index', `the index asked again for part ${name}, which it was given`);
        }
        let pending = inFlight.get(name);
        if (pending) return pending;
        pending = (async () => {
          try {
            // A microtask later: inFlight holds the promise before fetcher runs.
            const url = new URL(name, baseUrl).href;
            const bytes = await Promise.resolve().then(() => fetcher(url)).then((raw) => unpack(raw, url));
            if (retired) return;
            // The file must hold the part it was fetched as; errors name the file.
            try {
              add(bytes, name);
            } catch (error) {
              if (error.code !== 'corrupt-index') throw error;
              throw new OspreyError(error.code, `${url}: ${error.message}`);
            }
            held.add(name);
          } finally {
            inFlight.delete(name);
          }
        })();
        pending.catch(() => {});  // reported to the queries that wait for it
        inFlight.set(name, pending);
        return pending;
      }

      return {
        partCount,
        /** Fetches and adds the parts named (those in flight: once). */
        need(names) {
          return Promise.all(names.map(get));
        },
        retire() {
          retired = true;
        },
      };
    }

    /**
     * Runs ask() until its value needs no parts, fetching those it names into
     * store() (the store of the index open at each round; null: not opened by URL).
     */
    async function loading(ask, store, signal) {
      for (let round = 0; ; ++round) {
        if (signal && signal.aborted) throw aborted();
        const value = ask();
        if (!value.needs) return value;
        const parts = store();
        if (!parts) throw new OspreyError('not-loaded', 'the index is sharded: open it by URL to load its parts');
        if (round > parts.partCount) {
          throw new OspreyError('corrupt-index', `the index asked for parts in more rounds than it has parts (${parts.partCount})`);
        }
        await untilAborted(parts.need(value.needs), signal);
      }
    }

    return { fetchBytes, unpack, partStore, loading, aborted, kMaxFileBytes };
  };
});
