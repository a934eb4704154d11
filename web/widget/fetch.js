// fetch.js: OspreyError, the one error class of Osprey's JS, and fetchBytes,
// the fetch of a file with a stall timeout. A classic script (UMD), like
// parts.js and osprey-core.js, which take both from it: importScripts() in the
// worker or a <script> define the global OspreyFetch; under CommonJS it is
// module.exports. The page imports it alone (widget/core.js): what it fetches
// itself (the engine's wasm, an index's base, a stemmer module) needs this and
// none of the engine's side, which loads only for the main-thread fallback.
//
//   new OspreyError(code, message)       -> an Error with .code; message on one line
//   await fetchBytes(url[, {timeout, signal}])
//                                        -> Uint8Array; "network" when it fails (asked twice
//                                           when no answer came), or when no byte (nor the
//                                           headers) arrives for timeout ms
//                                           (default 15000; a stall: .stalled); "aborted"
//                                           when signal aborts
//   aborted()                            -> the OspreyError of a cancelled search
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) module.exports = factory();
  else root.OspreyFetch = factory();
})(typeof globalThis !== 'undefined' ? globalThis : self, function () {
  'use strict';

  const kStallMs = 15000;
  // A fetch rejected with no answer is made kAttempts times, kRetryMs apart.
  const kAttempts = 2;
  const kRetryMs = 250;

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
  async function fetchBytes(url, { timeout = kStallMs, signal = undefined } = {}) {
    const fail = (what, error) => new OspreyError('network', `${what} ${url}: ${describe(error)}`);
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    let timer = 0;
    let stalled = false;
    if (signal && signal.aborted) throw aborted();
    const cancel = () => controller && controller.abort();
    if (signal) signal.addEventListener('abort', cancel, { once: true });
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        if (controller) controller.abort();
      }, timeout);
    };
    const stall = () => Object.assign(new OspreyError('network', `timed out fetching ${url}: no data for ${timeout / 1000} s`),
                                      { stalled: true });
    const failed = (what, error) => (stalled ? stall() : signal && signal.aborted ? aborted() : fail(what, error));
    arm();
    try {
      let response;
      for (let attempt = 1; ; ++attempt) {
        try {
          response = await fetch(url, controller ? { signal: controller.signal } : undefined);
          break;
        } catch (error) {
          if (stalled || (signal && signal.aborted) || attempt >= kAttempts) throw failed('cannot fetch', error);
          await new Promise((resolve) => setTimeout(resolve, kRetryMs));
        }
      }
      if (!response.ok) {
        throw fail('cannot fetch', `HTTP ${response.status} ${response.statusText || ''}`.trim());
      }
      arm();  // the headers came: the body has timeout ms for its first byte
      try {
        return await readBody(response, arm);
      } catch (error) {
        throw failed('cannot read', error);
      }
    } finally {
      clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', cancel);
    }
  }

  return { OspreyError, oneLine, fetchBytes, aborted };
});
