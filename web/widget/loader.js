// Loading the index of <osprey-search> and its lifecycle: which index file the
// `index` attribute names (a file; a folder's bundle manifest and the index of
// the page's language; or the folder's index.osp), opening it, what it offers
// (fields.js), the `state` attribute (idle, loading, ready, error), the
// loading message, and errors shown with their code and a retry button.
import {
  bundleIndex, bundleRoles, bundleSiteRoot, fetchBundleManifest, kDefaultRoles, primaryLanguage,
} from './bundle.js';
import { intAttribute } from './attributes.js';
import { indexOffer } from './fields.js';
import { format } from './strings.js';

export class Loader {
  /** The Searcher (see api.js) once the index is loaded, else null. */
  searcher = null;
  /** The promise of load() (null until it is called, and after unload()). */
  loading = null;
  /** {manifest, url, language} when the index came from a bundle. */
  bundle = null;
  /** What hit URLs resolve against (null: the page's base URL). */
  siteRoot = null;
  /** Which field plays which part in a result. */
  roles = kDefaultRoles;
  /** Indexes of the merge attribute: index file URL -> what their hit URLs resolve against. */
  mergedRoots = new Map();
  #view;
  #api;                     // {Osprey, OspreyError} (api.js)
  #events;                  // {ready(searcher, offer), failed()}
  #indexFile = '';          // the URL of the index file opened (or being opened)
  #generation = 0;          // bumped when the index changes: late loads are dropped

  constructor(view, api, events) {
    this.#view = view;
    this.#api = api;
    this.#events = events;
  }

  get state() {
    return this.#view.host.getAttribute('state') || 'idle';
  }

  setState(state) {
    this.#view.host.setAttribute('state', state);
    this.#view.dom.results.setAttribute('aria-busy', String(state === 'loading'));
  }

  /** The URL of the index file: as the attribute names it, or the one opened from a folder ('' until known). */
  get indexUrl() {
    const target = this.#target();
    return target.folder ? this.#indexFile : target.url;
  }

  /**
   * Loads the index (once); resolves when ready, never rejects (errors are
   * shown). again: a load that failed is tried again (a new query: the file
   * may be fixed); focus and pointer contact leave the error shown.
   */
  load({ again = false } = {}) {
    const failed = !this.searcher && this.state === 'error';
    if (this.loading && !(again && failed)) return this.loading;
    const generation = this.#generation;
    this.setState('loading');
    this.showLoading();
    this.loading = this.#open(generation);
    return this.loading;
  }

  /** Closes the searcher and forgets the index; a load under way is dropped. */
  unload() {
    this.#generation++;
    this.searcher?.close();
    this.searcher = null;
    this.loading = null;
    this.#indexFile = '';
    this.bundle = null;
    this.siteRoot = null;
    this.roles = kDefaultRoles;
    this.mergedRoots = new Map();
  }

  /** Whether the bundle loaded has another index for the element's language now. */
  languageChanged() {
    try {
      return bundleIndex(this.bundle.manifest, this.bundle.url, this.#language).language !== this.bundle.language;
    } catch {
      return true;  // loading again shows what is wrong
    }
  }

  showLoading() {
    const { dom, host, query, strings } = this.#view;
    dom.error.hidden = true;
    const visible = query.trim() !== '' || host.hasAttribute('browse');
    dom.bar.hidden = !visible;
    dom.tools.hidden = true;
    dom.status.textContent = strings.loading;
  }

  /** A search succeeded: after a failed one, the state is ready again. */
  searched() {
    if (this.searcher && this.state === 'error') {
      this.#view.dom.error.hidden = true;
      this.setState('ready');
    }
  }

  /** Shows error (its message and code; a retry button when trying again may help). */
  showError(error) {
    const { dom, strings } = this.#view;
    const message = error instanceof Error ? error.message : String(error);
    const code = error?.code || 'internal';
    this.setState('error');
    this.#events.failed();
    for (const key of ['bar', 'suggest', 'empty', 'body']) dom[key].hidden = true;
    dom.errorText.textContent = format(strings.error, { message });
    dom.error.dataset.code = code;
    dom.retry.hidden = !['network', 'engine-failed', 'closed'].includes(code);
    dom.error.hidden = false;
    this.#view.emit('osprey-error', { code, message });
  }

  /** What the index attribute names: {url, folder} ({url: ''} when nothing usable). */
  #target(raw = (this.#view.host.getAttribute('index') || '').trim()) {
    if (!raw) return { url: '', folder: false };
    try {
      return { url: new URL(raw, document.baseURI).href, folder: raw.endsWith('/') };
    } catch {
      return { url: '', folder: false };
    }
  }

  /** The element's language, as HTML inherits it (its own lang, else an ancestor's). */
  get #language() {
    return primaryLanguage(this.#view.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
  }

  /**
   * Which index to open: a file as named; in a folder, the index of the
   * page's language that the bundle manifest names, or index.osp when the
   * folder holds no manifest. Sets the URL base and field roles of results.
   */
  async #locate(generation, fetchTimeout) {
    const target = this.#target();
    if (!target.url) throw new this.#api.OspreyError('invalid-argument', 'the index attribute names no index file');
    if (!target.folder) return target.url;
    // The manifest is requested first, then the worker and the wasm: on a link
    // that sends bodies in turn the small manifest comes before the engine's
    // bytes, and the base's request (which needs it) overlaps their transfer.
    const finding = this.#find(target, fetchTimeout);
    this.#api.Osprey.warm({ fetchTimeout });  // the engine compiles while the manifest and base download
    const { found, language, indexUrl } = await finding;
    if (generation !== this.#generation) return '';
    if (!found) return indexUrl;
    this.bundle = { ...found, language };
    this.siteRoot = bundleSiteRoot(found.manifest, found.url, null);
    this.roles = bundleRoles(found.manifest);
    return indexUrl;
  }

  /** A folder's index: {found (its manifest, or null), language, indexUrl}. */
  async #find(target, fetchTimeout) {
    const found = await fetchBundleManifest(target.url, { timeout: fetchTimeout });
    if (!found) return { found, indexUrl: new URL('index.osp', target.url).href };
    return { found, ...bundleIndex(found.manifest, found.url, this.#language) };
  }

  /** Merges the indexes the merge attribute names (files or bundle folders) into searcher. */
  async #merge(searcher, fetchTimeout) {
    for (const raw of (this.#view.host.getAttribute('merge') || '').split(/\s+/).filter(Boolean)) {
      const target = this.#target(raw);
      if (!target.url) throw new this.#api.OspreyError('invalid-argument', `the merge attribute names no index: ${raw}`);
      const { found, indexUrl } = target.folder ? await this.#find(target, fetchTimeout) : { found: null, indexUrl: target.url };
      await searcher.mergeIndex(indexUrl, { fetchTimeout });
      if (found) this.mergedRoots.set(indexUrl, bundleSiteRoot(found.manifest, found.url, null));
    }
  }

  async #open(generation) {
    let searcher = null;
    try {
      const fetchTimeout = intAttribute(this.#view.host, 'fetch-timeout', 15000, 1, 3600000);
      const url = await this.#locate(generation, fetchTimeout);
      if (generation !== this.#generation) return;
      this.#indexFile = url;
      // A bundle names the stemmer of the index's language (its module comes
      // with the base) and the dictionary of its display parts (with the first parts).
      const entry = this.bundle?.manifest.languages[this.bundle.language];
      const dictionary = typeof entry?.dictionary === 'string' ? new URL(entry.dictionary, url).href : null;
      searcher = await this.#api.Osprey.open(url, { fetchTimeout, stemmer: entry?.stemmer, dictionary });
      await this.#merge(searcher, fetchTimeout);
      const offer = indexOffer(searcher);
      if (generation !== this.#generation) {
        searcher.close();
        return;
      }
      this.searcher = searcher;
      this.#events.ready(searcher, offer);
    } catch (error) {
      if (generation !== this.#generation) return;
      searcher?.close();
      this.showError(error);
    }
  }
}
