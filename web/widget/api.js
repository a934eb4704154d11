// The page API, documented in osprey.js (which re-exports it): Osprey.open(),
// Osprey.warm() and the Searcher. <osprey-search> imports it from here, so the
// element and osprey.js (which loads the element) never import each other.
import { fetchBytes, OspreyError, stemmerFile } from './core.js';
import { loadMainThread } from './main-thread-loader.js';
import { loadMerge } from './merge-loader.js';
import { Searcher } from './searcher.js';

// The folder of osprey.js, one up from this file: the worker, osprey-core.js,
// engine/ and strings/ (widget/languages.js) are in it.
export const scriptBase = new URL('../', import.meta.url).href;

// A worker started by Osprey.warm() before open() is called, so that the
// engine downloads and compiles while the page works out which index to open
// (a manifest fetch); the next open() takes it. Errors it reports before then
// are kept: a worker that failed is replaced by a fresh one, whose failure
// open() sees.
let spare = null;

// The worker's name that tells it the page sends the wasm (osprey-worker.js).
const kPageSendsWasm = 'osprey-wasm-from-page';

/**
 * Starts the worker and fetches the engine's wasm here at the same time: both
 * downloads are one round, where a worker could only start the wasm's once its
 * own script had arrived. The bytes go to the worker as its first message (null
 * when the fetch failed: the worker then fetches it, within timeout, and says
 * why it fails; with the message when it stalled).
 */
function startWorker(timeout) {
  const worker = new Worker(new URL('osprey-worker.js', scriptBase), { name: kPageSendsWasm });
  const send = (wasm, stalled) => worker.postMessage({ type: 'engine', wasm, stalled, fetchTimeout: timeout }, wasm ? [wasm] : []);
  const wasm = typeof fetch === 'function' ? fetchBytes(new URL('engine/osprey-engine.wasm', scriptBase).href, { timeout }) : null;
  Promise.resolve(wasm).then((bytes) => send(bytes?.buffer ?? null), (e) => send(null, e?.stalled && e.message));
  return worker;
}

function takeWorker(timeout) {
  const taken = spare;
  spare = null;
  if (taken && !taken.failed) return taken.worker;
  taken?.worker.terminate();
  return startWorker(timeout);
}

/** {algorithm, bytes (a promise)}: the stemmer module's fetch, started; null if the engine holds it. */
function fetchStemmer(algorithm, timeout) {
  const file = typeof algorithm === 'string' && stemmerFile(algorithm);
  if (!file || typeof fetch !== 'function') return null;
  const bytes = fetchBytes(new URL(`engine/${file}`, scriptBase).href, { timeout }).then((b) => b.buffer);
  bytes.catch(() => {});  // the open reports it
  return { algorithm, bytes };
}

/** fetchTimeout if a positive number (ms), else undefined. */
function validTimeout(fetchTimeout) {
  return Number.isFinite(fetchTimeout) && fetchTimeout > 0 ? fetchTimeout : undefined;
}

function defaultBase() {
  if (typeof document !== 'undefined') return document.baseURI;
  return globalThis.location?.href;
}

export const Osprey = {
  /**
   * Starts the search worker now, once, so that the engine downloads and
   * compiles while the page finds out which index to open (<osprey-search>
   * calls it before it reads the bundle manifest); the next open() takes it.
   * Not where workers are not available. fetchTimeout: as for open().
   */
  warm({ fetchTimeout } = {}) {
    if (spare || typeof document === 'undefined' || typeof Worker !== 'function') return;
    try {
      const worker = startWorker(validTimeout(fetchTimeout));
      spare = { worker, failed: false };
      worker.onerror = (event) => {
        event.preventDefault?.();
        if (spare?.worker === worker) spare.failed = true;
      };
    } catch {
      spare = null;  // open() tries again, and falls back to the page
    }
  },

  /**
   * Fetches and loads the index at indexUrl; resolves to a searcher. Options:
   * baseUrl (for a relative indexUrl), worker (false runs the engine on the page),
   * fetchTimeout (ms without data after which a fetch of the index or of its
   * parts fails with code "network"; default 15000), stemmer (a manifest's
   * algorithm: its module is fetched beside the index, not after its load),
   * dictionary (the URL of a bundle's dictionary of display parts, fetched with the first parts).
   * When the worker cannot start (blocked by a CSP or a sandbox, or the script
   * is on another origin), a page falls back to running the engine itself.
   */
  async open(indexUrl, { baseUrl, worker = true, fetchTimeout, stemmer, dictionary } = {}) {
    const timeout = validTimeout(fetchTimeout);
    let url;
    try {
      url = new URL(indexUrl, baseUrl ?? defaultBase()).href;
    } catch {
      throw new OspreyError('invalid-argument', `not a valid index URL: ${indexUrl}`);
    }
    const canFallBack = typeof document !== 'undefined';
    if (worker !== false) {
      let started;
      try {
        if (typeof Worker !== 'function') throw new Error('Web Workers are not available');
        started = takeWorker(timeout);
      } catch (error) {
        if (!canFallBack) {
          throw new OspreyError('engine-failed', `cannot start the search worker: ${error?.message || error}`);
        }
      }
      if (started) {
        // The index downloads here while the worker loads its scripts and
        // compiles the engine (a worker can only fetch once its scripts ran).
        const early = typeof fetch === 'function' ? fetchBytes(url, { timeout }).then((bytes) => bytes.buffer) : null;
        try {
          return await Searcher.open(started, url, 'worker', early, timeout, searcherEnv, fetchStemmer(stemmer, timeout), dictionary);
        } catch (error) {
          // A worker that did not start (CSP violations arrive as an error
          // event) leaves the main thread; index errors are final.
          if (error.code !== 'engine-failed' || !canFallBack) throw error;
        }
      }
    } else if (!canFallBack) {
      throw new OspreyError('invalid-argument', 'worker: false needs a page (document)');
    }
    return Searcher.open(await mainThreadEngine(), url, 'main', null, timeout, searcherEnv, null, dictionary);
  },
};

/** The main-thread fallback's engine (widget/main-thread.js, imported by URL only then). */
async function mainThreadEngine() {
  let module;
  try {
    module = await loadMainThread(new URL('widget/main-thread.js', scriptBase).href);
  } catch (error) {
    throw new OspreyError('engine-failed', `the search engine did not load: ${error?.message || error}`);
  }
  return new module.MainThreadEngine(scriptBase);
}

// What a Searcher needs for mergeIndex: Osprey.open, and widget/merge.js
// (widget/merge-loader.js).
const searcherEnv = {
  open: (url, options) => Osprey.open(url, options),
  loadMerge: () => loadMerge(new URL('widget/merge.js', scriptBase).href),
};

export { OspreyError };
