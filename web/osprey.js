// osprey.js: the page API. The engine runs in a Web Worker (osprey-worker.js,
// next to this file), so loading and searching never block the page.
//
//   import { Osprey, OspreyError } from './osprey.js';
//   const searcher = await Osprey.open('index/news.json');
//   const { total, terms, hits } = await searcher.search('torture', { limit: 20 });
//   // hits: [{doc, score, fields: {title, url, ...}}]
//   searcher.close();
//
// Relative index URLs resolve against options.baseUrl, by default the page's
// document.baseURI. Every rejection is an OspreyError with a code and a one-line
// message; codes are listed in osprey-core.js, plus "network" (the index could
// not be fetched) and "engine-failed" (the worker could not start or crashed).

export class OspreyError extends Error {
  constructor(code, message) {
    super(String(message).replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = 'OspreyError';
    this.code = code;
  }
}

class Searcher {
  /** Number of documents in the index. */
  docCount = 0;
  #worker;
  #pending = new Map();  // request id -> {resolve, reject}
  #nextId = 1;
  #failure = null;       // an OspreyError once the worker is unusable

  /** Loads the index at url in worker; resolves to a Searcher or rejects. */
  static async open(worker, url) {
    const searcher = new Searcher(worker);
    try {
      searcher.docCount = (await searcher.#request({ type: 'open', url })).docCount;
    } catch (error) {
      searcher.close();
      throw error;
    }
    return searcher;
  }

  constructor(worker) {
    this.#worker = worker;
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
   * in osprey-core.js: {offset, limit, filters, ranges, sort, prefix, typos, ...}.
   */
  search(query, options = {}) {
    return this.#request({ type: 'search', query: String(query ?? ''), options });
  }

  /** Resolves to up to n completions of the query's last word: [{query, term, docs}]. */
  complete(query, n = 5) {
    return this.#request({ type: 'complete', query: String(query ?? ''), n });
  }

  /** Stops the worker; pending and later searches reject with code "closed". */
  close() {
    this.#fail(new OspreyError('closed', 'the searcher is closed'));
  }

  #request(message) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message });
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

function defaultBase() {
  if (typeof document !== 'undefined') return document.baseURI;
  return globalThis.location?.href;
}

export const Osprey = {
  /** Fetches and loads the index at indexUrl; resolves to a searcher. */
  async open(indexUrl, { baseUrl } = {}) {
    let url;
    try {
      url = new URL(indexUrl, baseUrl ?? defaultBase()).href;
    } catch {
      throw new OspreyError('invalid-argument', `not a valid index URL: ${indexUrl}`);
    }
    let worker;
    try {
      worker = new Worker(new URL('./osprey-worker.js', import.meta.url));
    } catch (error) {
      throw new OspreyError('engine-failed', `cannot start the search worker: ${error?.message || error}`);
    }
    return Searcher.open(worker, url);
  },
};
