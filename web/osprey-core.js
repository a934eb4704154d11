// osprey-core.js: the JS face of the wasm engine, shared by the worker and Node.
// A classic script (UMD): importScripts() in a worker or a <script> tag defines
// the global OspreyCore; under CommonJS it is module.exports.
//
//   const core = await OspreyCore.create(factoryOptions, factory);
//   core.load(textOrBytes)                -> {docCount}
//   core.search(query, {offset, limit})   -> {total, terms, hits: [{doc, score, fields}]}
//   core.close()                          -> frees the engine (calls Engine.delete())
//
// factoryOptions go to the Emscripten factory unchanged (locateFile, wasmBinary,
// ...); factory defaults to the global OspreyEngine from osprey-engine.js.
// The engine returns errors as values; here they become thrown OspreyErrors with
// a code and a one-line message. Codes from the engine: corrupt-index,
// unsupported, invalid-input, limit, not-loaded, out-of-memory, internal; from
// this file: invalid-argument, engine-failed (the engine could not start or
// trapped; it is unusable afterwards), closed.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) module.exports = factory(root);
  else root.OspreyCore = factory(root);
})(typeof globalThis !== 'undefined' ? globalThis : self, function (root) {
  'use strict';

  const kMaxInt = 0x7fffffff;

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

  // Index text as the engine takes it: a string (sent as UTF-8) or the raw bytes
  // (copied as they are, like the CLI reads a file).
  function indexInput(input) {
    if (typeof input === 'string') return encoder.encode(input);
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) {
      return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    throw new OspreyError('invalid-argument', 'load() takes the index as a string or bytes');
  }

  function count(name, value, fallback) {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 0) {
      throw new OspreyError('invalid-argument',
                            `${name} must be a non-negative integer (got ${String(value)})`);
    }
    return Math.min(value, kMaxInt);
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

    return {
      /** Loads an index; a failed load keeps the index loaded before (if any). */
      load(input) {
        const bytes = indexInput(input);
        const value = call((e) => e.load(bytes));
        return { docCount: value.docCount };
      },

      search(query, options) {
        if (typeof query !== 'string') {
          throw new OspreyError('invalid-argument', 'search() takes the query as a string');
        }
        const { offset, limit } = options || {};
        const from = count('offset', offset, 0);
        const size = count('limit', limit, 10);
        const bytes = encoder.encode(query);
        const value = call((e) => e.search(bytes, from, size));
        return { total: value.total, terms: value.terms, hits: value.hits };
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
  }

  return { create, OspreyError };
});
