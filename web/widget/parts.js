// parts.js: the parts of a sharded index, fetched as queries name them, for
// osprey-core.js. A classic script (UMD) like it: importScripts() in the worker
// or an import for side effects on the page define the global OspreyParts;
// under CommonJS it is module.exports. It sits in widget/ so that a bundle
// (tools/site/bundle.hpp copies the folder) carries it with the page's modules.
//
//   const { unpack, partStore, loading } = OspreyParts(OspreyFetch);   (widget/fetch.js)
//   await unpack(bytes, url[, dictionary]) -> bytes, or if gzip (a bundle's files) decompressed,
//                                           if deflated against await dictionary(url), inflated
//   partStore(baseUrl, fetcher, partCount, add[, dictionaryUrl])
//                                        -> the parts of one open index: those held (added
//                                           by add(bytes, name)) and those in flight, by name;
//                                           fetcher(url, {signal}) -> bytes; their dictionary
//                                           fetched once (dictionaryUrl: with the first parts)
//   await loading(ask, store, signal[, onRound])
//                                        -> ask()'s value once it needs no more parts;
//                                           onRound(value) after each round's fetches start
//   prefetch(ask, store)                 -> the parts ask()'s first round names, whose
//                                           fetches it starts (a query about to run)
//   anticipate(asks, store)              -> the display, dictionary and reverse parts each ask() names
//                                           when they are all it needs, up to kAnticipatedParts (over
//                                           HTTP/1.x: kAnticipatedHttp1), their
//                                           fetches started, kept (likely next queries)
//
// Invariants: a part is fetched at most once while in flight (queries that need
// it share the fetch) and added at most once; a failed fetch or add is forgotten
// (a later query tries again). Every round of loading() adds at least one part
// not held before, so a query takes at most partCount rounds; an index that asks
// again for a part it was given is corrupt. A cancelled query (signal) stops at
// its next await and issues no more rounds. A fetch in flight that no query
// waits for any more (every query that asked for it was cancelled) is an orphan:
// the next loading round of any query adopts it when it names the part (a
// keystroke's query often needs what the one before it was fetching), and
// abandons it otherwise (its fetch aborted, the part not held: a later query
// fetches it again). A part held is never fetched again. A kept fetch
// (anticipate) is never abandoned: it was started for a query not typed yet.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) module.exports = factory();
  else root.OspreyParts = factory();
})(typeof globalThis !== 'undefined' ? globalThis : self, function () {
  'use strict';

  // kMaxFileBytes of src/search/index/limits.hpp (tests/node/gzip.test.mjs checks they agree).
  const kMaxFileBytes = 2 ** 28;
  // kMaxDeflateDictionaryBytes of limits.hpp (tests/node/gzip.test.mjs checks they agree).
  const kMaxDictionaryBytes = 32768;
  // The display parts one anticipation fetches at most: a few pages of hits of
  // the words typed next, a few KiB each (bench/keystroke-rounds.mjs --anticipate
  // measures what they spare).
  const kAnticipatedParts = 16;
  // Over HTTP/1.x (6 requests at a time per host): one wave (bench/keystroke-clock.mjs).
  const kAnticipatedHttp1 = 6;
  // Of which text pieces (~16 KiB each, a site's excerpts): the Python docs' 12 typed
  // queries, mobile, HTTP/1.1, keystrokes under 60 ms 72 / 76 of 159 with 4 / 6 of
  // them, p50 115.5 / 72.7 ms, for +7.5 KiB per typed query (bench/run).
  const kAnticipatedText = 6;

  return function parts({ OspreyError, aborted }) {

    const u32 = (b, at) => (b[at] | b[at + 1] << 8 | b[at + 2] << 16) + b[at + 3] * 0x1000000;

    /**
     * bytes fetched from url as the engine takes them: a gzip member (1f 8b, a
     * bundle's files) decompressed, within the length its trailer states and
     * kMaxFileBytes; a display part deflated against dictionary() ("OZD" 1,
     * size, raw DEFLATE: build/deflate_dictionary.hpp) inflated after a stored
     * block of the dictionary; errors are corrupt-index naming url. Every
     * fetched index file passes here (the base in core.open, parts in partStore).
     */
    async function unpack(bytes, url, dictionary = null) {
      const deflated = bytes[0] === 0x4f && bytes[1] === 0x5a && bytes[2] === 0x44 && bytes[3] === 1 && bytes.length >= 8;
      if (!deflated && (bytes[0] !== 0x1f || bytes[1] !== 0x8b)) return bytes;
      const corrupt = (what = `${deflated ? 'dictionary-deflated' : 'gzip'} data is truncated or corrupt`) =>
        new OspreyError('corrupt-index', `${url}: ${what}`);
      if (typeof DecompressionStream !== 'function') throw new OspreyError('unsupported', `${url}: gzip needs DecompressionStream`);
      const past = `decompresses past ${kMaxFileBytes.toLocaleString('en')} bytes`;
      const n = bytes.length;
      let stated = n < 18 ? 0 : u32(bytes, n - 4);
      let input = [bytes];
      let skip = 0;  // the dictionary's bytes, first out
      if (deflated) {
        if (!dictionary) throw corrupt('deflated against a dictionary, and no dictionary is known');
        const d = await dictionary(url);
        skip = d.length;
        stated = u32(bytes, 4);
        if (stated > kMaxFileBytes) throw corrupt(past);
        input = [Uint8Array.of(0, skip & 255, skip >> 8, ~skip & 255, ~skip >> 8 & 255), d, bytes.subarray(8)];
      }
      const out = new Uint8Array(skip + Math.min(stated, kMaxFileBytes));
      // Written to the stream, not read from a Blob: Blob.stream() costs ~1 ms a file in
      // Chromium, 10x the inflating of a 4 KiB part (a round of 10 parts: 8.6 -> 0.8 ms).
      const stream = new DecompressionStream(deflated ? 'deflate-raw' : 'gzip');
      const writer = stream.writable.getWriter();
      for (const chunk of input) writer.write(chunk).catch(() => {});  // errors reach the reader
      writer.close().catch(() => {});
      const reader = stream.readable.getReader();
      let size = 0;
      try {
        for (let chunk; !(chunk = await reader.read()).done; size += chunk.value.length) {
          const end = size + chunk.value.length;
          // Past the stated length: truncated (no trailer there) or corrupt.
          if (end > out.length) throw corrupt(end > skip + kMaxFileBytes ? past : undefined);
          out.set(chunk.value, size);
        }
      } catch (error) {
        reader.cancel().catch(() => {});
        throw error instanceof OspreyError ? error : corrupt();
      }
      if (size !== skip + stated) throw corrupt();
      return out.subarray(skip);
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

    // url came over HTTP/1.x: true, false, null (not known).
    function overHttp1(url) {
      const entry = typeof performance === 'object' && performance.getEntriesByName ? performance.getEntriesByName(url)[0] : null;
      const protocol = entry && entry.nextHopProtocol;
      return protocol ? /^http\/1/i.test(protocol) : null;
    }

    function partStore(baseUrl, fetcher, partCount, add, dictionaryUrl = null) {
      const held = new Set();      // names added to the engine
      let http1 = null;            // overHttp1 of the first part that tells
      // The display parts' dictionary: the file "dictionary" beside them, or
      // dictionaryUrl, asked for after the first parts (ahead, it would delay them).
      let dictionaryLoad = null;
      function dictionary(partUrl) {
        if (!dictionaryLoad) {
          const url = dictionaryUrl || new URL('dictionary', partUrl).href;
          dictionaryLoad = Promise.resolve().then(() => fetcher(url)).then((raw) => unpack(raw, url)).then((d) => {
            if (d.length > kMaxDictionaryBytes) throw new OspreyError('corrupt-index', `${url}: a dictionary holds at most ${kMaxDictionaryBytes} bytes`);
            return d;
          });
          dictionaryLoad.catch(() => { dictionaryLoad = null; });  // a later part tries again
        }
        return dictionaryLoad;
      }
      // name -> {promise, waiters (queries waiting for it), controller (aborts its fetch), abandoned}
      const inFlight = new Map();
      let retired = false;         // another index was loaded: late parts are dropped

      function get(name, keep = false) {
        if (held.has(name)) {
          throw new OspreyError('corrupt-index', `the index asked again for part ${name}, which it was given`);
        }
        let entry = inFlight.get(name);
        if (entry) {
          entry.keep ||= keep;
          return entry;
        }
        const controller = typeof AbortController === 'function' ? new AbortController() : null;
        entry = { waiters: 0, controller, keep };
        entry.promise = (async () => {
          try {
            // A microtask later: inFlight holds the entry before fetcher runs.
            const url = new URL(name, baseUrl).href;
            const options = controller ? { signal: controller.signal } : {};
            const bytes = await Promise.resolve().then(() => {
              if (dictionaryUrl) dictionary();  // its fetch a microtask later: after this round's parts
              return fetcher(url, options);
            }).then((raw) => unpack(raw, url, dictionary));
            // Abandoned: a fetcher that ignores its signal still delivers; the part may be fetched anew.
            if (retired || entry.abandoned) return;
            // The file must hold the part it was fetched as; errors name the file.
            try {
              add(bytes, name);
            } catch (error) {
              if (error.code !== 'corrupt-index') throw error;
              throw new OspreyError(error.code, `${url}: ${error.message}`);
            }
            held.add(name);
            if (http1 === null) http1 = overHttp1(url);
          } catch (error) {
            // Damaged, or a wrong dictionary: the next part fetches it anew.
            if (error.code === 'corrupt-index') dictionaryLoad = null;
            throw error;
          } finally {
            if (inFlight.get(name) === entry) inFlight.delete(name);  // not one fetched anew since
          }
        })();
        entry.promise.catch(() => {});  // reported to the queries that wait for it
        inFlight.set(name, entry);
        return entry;
      }

      return {
        partCount,
        /**
         * Fetches and adds the parts named (those in flight: once); signal: the
         * query's, whose abort stops its waiting for them (see adopt).
         */
        need(names, signal) {
          const entries = names.map(get);
          for (const entry of entries) entry.waiters++;
          const done = Promise.all(entries.map((entry) => entry.promise));
          // The query stops waiting when it is cancelled, or when the round ends
          // (a failed part ends it with others still in flight).
          let waiting = true;
          const leave = () => {
            if (!waiting) return;
            waiting = false;
            for (const entry of entries) entry.waiters--;
            if (signal) signal.removeEventListener('abort', leave);
          };
          if (signal) signal.addEventListener('abort', leave, { once: true });
          done.then(leave, leave);
          return done;
        },
        /**
         * Starts fetching the parts named, which no query waits for yet (orphans,
         * see adopt); keep: never abandoned (anticipate).
         */
        start(names, keep = false) {
          for (const name of names) get(name, keep);
        },
        http1: () => http1,
        /** Whether the part is held or its fetch is under way. */
        has(name) {
          return held.has(name) || inFlight.has(name);
        },
        /**
         * A loading round named names (none: its query is answered): orphans
         * among them are adopted by need(); the other orphans are abandoned.
         */
        adopt(names) {
          for (const [name, entry] of inFlight) {
            if (entry.waiters === 0 && !entry.keep && entry.controller && !names.includes(name)) {
              inFlight.delete(name);
              entry.abandoned = true;
              entry.controller.abort();
            }
          }
        },
        retire() {
          retired = true;
        },
      };
    }

    /**
     * Runs ask() until its value needs no parts, fetching those it names into
     * store() (the store of the index open at each round; null: not opened by URL).
     * onRound(value): called with each value once its parts' fetches are started
     * (what else a round starts is requested after them), and with the last.
     */
    async function loading(ask, store, signal, onRound = null) {
      for (let round = 0; ; ++round) {
        if (signal && signal.aborted) throw aborted();
        const value = ask();
        const parts = store();
        if (parts) parts.adopt(value.needs || []);
        if (!value.needs) {
          onRound?.(value);
          return value;
        }
        if (!parts) throw new OspreyError('not-loaded', 'the index is sharded: open it by URL to load its parts');
        if (round > parts.partCount) {
          throw new OspreyError('corrupt-index', `the index asked for parts in more rounds than it has parts (${parts.partCount})`);
        }
        const fetched = parts.need(value.needs, signal);
        onRound?.(value);
        await untilAborted(fetched, signal);
      }
    }

    /**
     * Starts fetching the parts of ask()'s first round, and returns their names:
     * a keystroke's query before it runs (a debounce). Nothing waits for them: a
     * later round that does not name them abandons them, as a cancelled query's.
     */
    function prefetch(ask, store) {
      const parts = store();
      if (!parts) return [];
      const needs = ask().needs || [];
      parts.adopt(needs);
      parts.start(needs);  // a query that needs them reports a failure
      return needs;
    }

    // A part's kind letter: its file name ends in it and the part's number
    // (part_file_name, src/search/index/index.hpp). Display parts: stored ('s') and text ('t').
    const kindOf = (name) => /([a-z])[0-9]+$/.exec(name)?.[1];
    const isDisplay = (name) => kindOf(name) === 's' || kindOf(name) === 't';
    const kAnticipatedKinds = new Set('stdr');  // display, dictionary and reverse parts

    /**
     * Starts fetching, kept, what each ask() (most likely first) names when it
     * needs nothing but display parts (a page of hits' fields and excerpts),
     * dictionary blocks (a word's next letters) and reverse blocks (a rare
     * word's typo lookup, at each letter); one that needs postings is skipped;
     * at most kAnticipatedParts in all (kAnticipatedHttp1 over HTTP/1.x),
     * kAnticipatedText of them text pieces. Returns the names started.
     * (bench/keystroke-clock.mjs, mobile, HTTP/1.1: with reverse blocks, p50 of
     * the Python docs' 12 typed queries 190.6 -> 168.5 ms, +2.0 KiB per query.)
     */
    function anticipate(asks, store) {
      const parts = store();
      if (!parts) return [];
      const started = [];
      const cap = parts.http1 && parts.http1() ? kAnticipatedHttp1 : kAnticipatedParts;
      let texts = 0;
      for (const ask of asks) {
        const needs = ask().needs || [];
        if (!needs.every((name) => kAnticipatedKinds.has(kindOf(name)))) continue;
        const fresh = needs.filter((name) => !parts.has(name) && !started.includes(name));
        const freshTexts = fresh.filter((name) => kindOf(name) === 't').length;
        if (started.length + fresh.length > cap || texts + freshTexts > kAnticipatedText) break;
        started.push(...fresh);
        texts += freshTexts;
      }
      parts.start(started, true);
      return started;
    }

    return {
      unpack, partStore, loading, prefetch, anticipate, kindOf, isDisplay, kMaxFileBytes, kMaxDictionaryBytes, kAnticipatedParts, kAnticipatedHttp1,
      kAnticipatedText,
    };
  };
});
