// The main-thread fallback of osprey.js: when a page cannot start Web Workers
// (a CSP without worker-src for this origin, a sandbox, a cross-origin script),
// the engine runs on the page itself. MainThreadEngine speaks the worker's
// message protocol (osprey-worker.js) so the Searcher does not know the
// difference: postMessage(request) -> onmessage({data: reply}), terminate().
//
// The engine files are loaded with <script> tags from the folder of osprey.js
// (osprey-core.js, engine/osprey-engine.js), which a CSP of script-src 'self'
// allows; each file is loaded once per page however many searchers start.
import { OspreyError } from './error.js';

const loadedScripts = new Map();  // url -> Promise

function loadScript(url) {
  if (!loadedScripts.has(url)) {
    loadedScripts.set(url, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = false;
      script.onload = () => resolve();
      script.onerror = () => {
        loadedScripts.delete(url);
        script.remove();
        reject(new OspreyError('engine-failed', `the search engine did not load: cannot load ${url}`));
      };
      document.head.append(script);
    }));
  }
  return loadedScripts.get(url);
}

export class MainThreadEngine {
  onmessage = null;
  #scripts;
  #core;
  #queue = Promise.resolve();  // requests run one at a time, as in the worker
  #terminated = false;

  /** base: the URL of the folder that holds osprey-core.js and engine/. */
  constructor(base) {
    const engineDir = new URL('engine/', base).href;
    this.#scripts = Promise.all([
      loadScript(new URL('engine/osprey-engine.js', base).href),
      loadScript(new URL('osprey-core.js', base).href),
    ]);
    this.#core = this.#scripts.then(() => globalThis.OspreyCore.create({ locateFile: (path) => engineDir + path }));
    this.#core.catch(() => {});  // reported through the first request
  }

  postMessage(request) {
    this.#queue = this.#queue
      .then(() => this.#handle(request))
      .then((result) => ({ ok: true, result }),
            (error) => ({ ok: false, error: { code: error?.code || 'internal', message: String(error?.message || error) } }))
      .then((outcome) => {
        // Structured-cloned like a worker's reply, so callers never share objects with the engine.
        if (!this.#terminated) this.onmessage?.({ data: structuredClone({ id: request.id, ...outcome }) });
      });
  }

  terminate() {
    if (this.#terminated) return;
    this.#terminated = true;
    this.#core.then((core) => core.close(), () => {});
  }

  async #handle(request) {
    // The index downloads while the engine compiles.
    const download = request.type === 'open'
      ? this.#scripts.then(() => globalThis.OspreyCore.fetchBytes(request.url))
      : null;
    download?.catch(() => {});
    const core = await this.#core;
    if (this.#terminated) throw new OspreyError('closed', 'the searcher is closed');
    switch (request.type) {
      case 'open':
        return core.open(request.url, globalThis.OspreyCore.fetchBytes, download);
      case 'search':
        return core.searchLoading(request.query, request.options);
      case 'complete':
        return core.completeLoading(request.query, request.n);
      default:
        throw new OspreyError('invalid-argument', `unknown request type ${JSON.stringify(request.type)}`);
    }
  }
}
