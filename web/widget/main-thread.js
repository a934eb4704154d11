// The main-thread fallback of osprey.js: when a page cannot start Web Workers
// (a CSP without worker-src for this origin, a sandbox, a cross-origin script),
// the engine runs on the page itself. MainThreadEngine speaks the worker's
// message protocol (osprey-worker.js) so the Searcher does not know the
// difference: postMessage(request) -> onmessage({data: reply}), terminate().
// Requests are answered by the worker's own handler (osprey-core.js).
//
// The engine glue is loaded with a <script> tag from the folder of osprey.js
// (engine/osprey-engine.js), which a CSP of script-src 'self' allows; it is
// loaded once per page however many searchers start. Imported by URL only when
// a page needs it (widget/main-thread-loader.js), with the engine's side of
// osprey-core.js (widget/engine-core.js). In a bundle it is a file of its own
// with its own copy of widget/fetch.js: its errors reach the page only as
// reply values, which the Searcher turns into the page's OspreyError.
import { OspreyError } from './core.js';
import { create, handler } from './engine-core.js';

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
  #core;
  #respond;
  #terminated = false;

  /** base: the URL of the folder that holds engine/. */
  constructor(base) {
    const engineDir = new URL('engine/', base).href;
    this.#core = loadScript(new URL('engine/osprey-engine.js', base).href)
      .then(() => create({ locateFile: (path) => engineDir + path }));
    this.#core.catch(() => {});  // reported through the first request
    this.#respond = handler(this.#core, () => this.#terminated);
  }

  postMessage(request) {
    this.#respond(request).then((reply) => {
      // Structured-cloned like a worker's reply, so callers never share objects with the engine.
      if (reply && !this.#terminated) this.onmessage?.({ data: structuredClone(reply) });
    });
  }

  terminate() {
    if (this.#terminated) return;
    this.#terminated = true;
    this.#core.then((core) => core.close(), () => {});
  }
}
