// widget/stemmer.js: the Snowball stemmer of an index's language, when the
// engine does not hold it. The engine links Snowball English only
// (wasm/snowball_engine.cpp); every other algorithm is a wasm module of its
// own, engine/stem/ALGORITHM.wasm (wasm/stem_module.c, 3.5-25 KB gzip,
// docs/stemming.md), so a page fetches only its language's. The engine calls
// it synchronously as Module.ospreyStem(algorithm, word bytes) -> stem bytes,
// or null.
// A classic script (UMD), like parts.js: the global OspreyStemmer, or
// module.exports under CommonJS.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) module.exports = factory();
  else root.OspreyStemmer = factory();
})(typeof globalThis !== 'undefined' ? globalThis : self, function () {
  'use strict';

  // The algorithms the engine holds (wasm/snowball_engine.cpp).
  const kInEngine = ['english'];

  /** The module file of algorithm, relative to the engine's folder; null if none is needed. */
  function file(algorithm) {
    return algorithm && !kInEngine.includes(algorithm) ? `stem/${algorithm}.wasm` : null;
  }

  /** The stem function of a module's bytes, for the engine (see above). */
  async function instantiate(bytes, algorithm) {
    // The module's one import: a notice that its memory grew (nothing to do here).
    const { instance } = await WebAssembly.instantiate(bytes, { env: { emscripten_notify_memory_growth() {} } });
    const e = instance.exports;
    if (e._initialize) e._initialize();
    return function stem(name, word) {
      if (name !== algorithm) return null;
      const at = e.osprey_stem_buffer(word.length) >>> 0;
      if (!at) return null;
      new Uint8Array(e.memory.buffer, at, word.length).set(word);
      const length = e.osprey_stem(word.length);
      if (length < 0) return null;
      return new Uint8Array(e.memory.buffer, e.osprey_stem_result() >>> 0, length).slice();
    };
  }

  /**
   * The stemmer of one engine module: loaded(info) after each load records the
   * algorithm the index needs; fetch(fetcher[, early]) fetches and sets its
   * module if not set (found by factoryOptions.locateFile, as the engine's wasm
   * is; or early.bytes, fetched beside the index, if early.algorithm is it);
   * use(bytes) sets it; ready() throws "unsupported" while it is not set.
   */
  function stemmers(module, OspreyError, factoryOptions) {
    let needed = null;  // the algorithm of the loaded index, if a module of its own
    let set = null;     // the algorithm of the module set
    const locate = (f) => (factoryOptions && factoryOptions.locateFile ? factoryOptions.locateFile(f, '') : f);
    const self = {
      loaded(info) {
        needed = file(info.stemmer) ? info.stemmer : null;
      },
      async use(bytes, from) {
        if (!needed) return;
        try {
          module.ospreyStem = await instantiate(bytes, needed);
        } catch (error) {
          throw new OspreyError('invalid-input', `${from}: not a stemmer module: ${String(error.message || error)}`);
        }
        set = needed;
      },
      async fetch(fetcher, early = null) {
        if (!needed || needed === set) return;
        const url = locate(file(needed));
        const bytes = early && early.algorithm === needed && early.bytes ? early.bytes : fetcher(url);
        await self.use(await bytes, url);
      },
      ready() {
        if (needed && needed !== set) {
          throw new OspreyError('unsupported', `the index's stemmer is not loaded: engine/${file(needed)} ` +
                                '(open() fetches it; or pass its bytes to useStemmer())');
        }
      },
    };
    return self;
  }

  return { file, instantiate, stemmers };
});
