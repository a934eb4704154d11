// <osprey-search>: the search box with results, facets, sort and "load more",
// defined when this module loads (osprey.js imports it once the document holds
// an <osprey-search>; osprey-classic.js includes it). All of its DOM lives in an open
// shadow root styled by one constructable stylesheet (widget/styles.js).
//
//   <script type="module" src="/osprey/osprey.js"></script>
//   <osprey-search index="/osprey/"></osprey-search>
//
// Attributes (all optional but index):
//   index          a folder ending in "/": a bundle (its osprey-manifest.json, written
//                  by `osprey index --site`), else its index.osp; or an index file
//   browse         list every document (filtered, sorted) while the query is empty
//   preload        load the index at once (else on first focus or pointer contact)
//   limit          results per page (10)            debounce     ms after typing (80)
//   facets         facet fields to show, in order ("type year"); empty for none
//   sorts          sort choices ("relevance date:desc date:asc"); fewer than 2: no menu
//   shortcuts="off"  no "/" and Ctrl/Cmd-K         url-state="off"  leave the URL alone
//   url-prefix     prefix of the URL parameters (q, sort and one per facet field)
//   label, placeholder, strings (JSON, see widget/strings.js)   show-label
//   lang           the language: which index of a bundle (its primary subtag; else the
//                  bundle's default_language), and the locale of numbers, dates and
//                  plurals (default: the page's, as HTML inherits lang)
//   heading-level  level of the result titles (2)  theme="light"|"dark" (default: the system's)
//   excerpt-words  words per excerpt (30)
// Reflects state="idle"|"loading"|"ready"|"error". Events (bubbling, composed):
// osprey-ready {docCount, thread}, osprey-results {query, total, shown},
// osprey-error {code, message}. Properties: searcher, query, strings, state,
// indexUrl, indexLanguage; methods load() and search(query).
//
// A bundle (docs/site-indexing.md, "The bundle"): the manifest names one index
// per language and where page URLs resolve (site_root); hits of the same page
// (its `page` field) are grouped, the page listed where its best hit ranks,
// its other hits ("page title › section" deep links) under it.
//
// Document text only ever becomes text nodes (widget/render.js); the only
// strings parsed as anything are the page author's (strings attribute, JSON).
import {
  bundleIndex, bundleRoles, bundleSiteRoot, fetchBundleManifest, kDefaultRoles, primaryLanguage,
} from './widget/bundle.js';
import { Osprey, OspreyError } from './widget/api.js';
import { renderFacets } from './widget/facets.js';
import { appendSubHit, el, isSectionHit, pageHeaderHit, renderHit } from './widget/render.js';
import { buildShell } from './widget/shell.js';
import { defaultStrings, format, lookup, mergeStrings, plural } from './widget/strings.js';
import { styleSheet } from './widget/styles.js';
import { readUrlState, writeUrlState } from './widget/url-state.js';

const kDefaultSorts = ['relevance', 'date:desc', 'date:asc'];
const kAnnounceDelay = 900;  // ms of quiet before the live region speaks
const kSuggestions = 6;

function intAttribute(element, name, fallback, min, max) {
  const n = Number.parseInt(element.getAttribute(name) ?? '', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : fallback;
}

function words(value) {
  return String(value ?? '').split(/\s+/).filter(Boolean);
}

/** Whether a key press lands in something that takes text ("/" is a character there). */
function isEditable(node) {
  if (!node || node.nodeType !== 1) return false;
  if (node.isContentEditable) return true;
  const tag = node.localName;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image']
    .includes((node.type || '').toLowerCase());
}

function safeLocale(tag) {
  try {
    return Intl.getCanonicalLocales(tag || 'en')[0] || 'en';
  } catch {
    return 'en';
  }
}

export function defineOspreySearch(Osprey, OspreyError, name = 'osprey-search') {
  const existing = customElements.get(name);
  if (existing) return existing;

  class OspreySearchElement extends HTMLElement {
    static observedAttributes = ['index', 'label', 'placeholder', 'strings', 'lang', 'shortcuts',
                                 'show-label', 'facets', 'sorts', 'browse', 'limit'];

    #dom;                     // named nodes of the shadow tree
    #connected = false;       // connected at least once
    #strings = defaultStrings;
    #stringsProperty = null;  // set through the strings property
    #locale = 'en';
    #numbers = new Intl.NumberFormat('en');
    #dates = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

    #searcher = null;
    #loading = null;          // the promise of load()
    #indexFile = '';          // the URL of the index file opened (or being opened)
    #bundle = null;           // {manifest, url, language} when it came from a bundle
    #siteRoot = null;         // what hit URLs resolve against (null: the page's base URL)
    #roles = kDefaultRoles;   // which field plays which part in a result
    #generation = 0;          // bumped when the index changes: late loads are dropped
    #facetFields = [];        // facet fields of the index
    #sortable = new Set(['relevance']);

    #query = '';
    #filters = new Map();     // field -> Set of values
    #sort = 'relevance';
    #urlRead = false;

    #ticket = 0;              // the latest search; older replies are dropped
    #suggestTicket = 0;
    #result = null;           // the latest result (first page) and its query
    #resultQuery = '';
    #hits = [];
    #groups = new Map();      // page -> {item, complete (its own record is shown)}
    #partialNoted = false;    // the "matching some of the words" note is shown
    #options = [];            // suggestions: [{query, term, docs}]
    #active = -1;             // index of the active suggestion
    #timer = 0;
    #announceTimer = 0;
    #sortSignature = '';         // the sort menu as last rendered

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open', delegatesFocus: false });
      root.adoptedStyleSheets = [styleSheet()];
      this.#dom = this.#build(root);
    }

    // ---- public API -------------------------------------------------------

    /** The Searcher (see osprey.js) once the index is loaded, else null. */
    get searcher() {
      return this.#searcher;
    }

    get state() {
      return this.getAttribute('state') || 'idle';
    }

    get query() {
      return this.#query;
    }

    set query(value) {
      this.search(value);
    }

    /** Replacement UI strings (see widget/strings.js); merged over the attribute's. */
    get strings() {
      return this.#strings;
    }

    set strings(value) {
      this.#stringsProperty = value && typeof value === 'object' ? value : null;
      this.#applyStrings();
    }

    /**
     * The URL of the index file: the one the index attribute names, or for a
     * folder the one opened from it ('' until its manifest has been read).
     */
    get indexUrl() {
      const target = this.#target();
      return target.folder ? this.#indexFile : target.url;
    }

    /** The bundle language whose index was chosen ('' when the index is not from a bundle). */
    get indexLanguage() {
      return this.#bundle?.language ?? '';
    }

    /** Searches for query now (no debounce), as if typed. */
    search(query) {
      this.#dom.input.value = String(query ?? '');
      this.#query = this.#dom.input.value;
      this.#closeListbox();
      this.#run();
    }

    /** Loads the index (once); resolves when ready, never rejects (errors are shown). */
    load() {
      if (this.#loading) return this.#loading;
      const generation = this.#generation;
      this.#setState('loading');
      this.#renderLoading();
      this.#loading = this.#open(generation);
      return this.#loading;
    }

    // ---- lifecycle ----------------------------------------------------------

    connectedCallback() {
      this.#connected = true;
      this.#applyStrings();
      if (!this.#urlRead && this.#urlState) {
        const { query, sort } = readUrlState(location.href, this.#urlPrefix, []);
        this.#query = query;
        this.#dom.input.value = query;
        if (sort) this.#sort = sort;
      }
      if (!this.hasAttribute('state')) this.#setState('idle');
      document.addEventListener('keydown', this.#onShortcut);
      if (this.hasAttribute('preload') || this.hasAttribute('browse') || this.#query.trim()) this.load();
    }

    disconnectedCallback() {
      document.removeEventListener('keydown', this.#onShortcut);
      clearTimeout(this.#timer);
      clearTimeout(this.#announceTimer);
      // Moving the element reconnects it at once; only a real removal frees the engine.
      queueMicrotask(() => {
        if (!this.isConnected) this.#unload();
      });
    }

    attributeChangedCallback(attribute, before, after) {
      // Before the first connection there is nothing to update: connectedCallback reads them all.
      if (before === after || !this.#connected) return;
      if (attribute === 'index') {
        this.#unload();
        if (this.isConnected && (this.hasAttribute('preload') || this.hasAttribute('browse') || this.#query.trim())) {
          this.load();
        }
        return;
      }
      if (attribute === 'browse' && after !== null && this.isConnected) this.load();
      if (attribute === 'lang' && this.#bundle && this.#loading && this.#languageChanged()) {
        this.#unload();  // another language of the bundle: its index instead
        this.load();
      }
      this.#applyStrings();
      if (this.#searcher && ['facets', 'sorts', 'browse', 'limit'].includes(attribute)) this.#run();
    }

    // ---- the shadow tree ----------------------------------------------------

    #build(root) {
      const dom = buildShell();
      root.append(dom.root);

      dom.form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.#closeListbox();
        this.#run();
      });
      dom.input.addEventListener('input', () => this.#onInput());
      dom.input.addEventListener('keydown', (e) => this.#onKeydown(e));
      dom.input.addEventListener('focus', () => this.load());
      dom.input.addEventListener('blur', () => this.#closeListbox());
      dom.listbox.addEventListener('pointerdown', (e) => e.preventDefault());  // keep the input focused
      dom.listbox.addEventListener('click', (e) => {
        const option = e.target.closest?.('[role="option"]');
        if (option) this.#accept(Number(option.dataset.index));
      });
      dom.retry.addEventListener('click', () => {
        this.#unload();
        this.load();
      });
      dom.sortSelect.addEventListener('change', () => {
        this.#sort = dom.sortSelect.value;
        this.#run();
      });
      dom.filtersToggle.addEventListener('click', () => {
        const open = dom.filtersToggle.getAttribute('aria-expanded') !== 'true';
        dom.filtersToggle.setAttribute('aria-expanded', String(open));
        dom.filters.classList.toggle('open', open);
      });
      const clear = () => {
        this.#filters.clear();
        this.#run();
      };
      dom.emptyClear.addEventListener('click', clear);
      dom.more.addEventListener('click', () => this.#loadMore());
      this.addEventListener('pointerenter', () => this.load());
      return dom;
    }

    // ---- attributes and strings ---------------------------------------------

    get #urlState() {
      return this.getAttribute('url-state') !== 'off';
    }

    get #urlPrefix() {
      return this.getAttribute('url-prefix') || '';
    }

    get #pageSize() {
      return intAttribute(this, 'limit', 10, 1, 100);
    }

    get #headingLevel() {
      return intAttribute(this, 'heading-level', 2, 2, 6);
    }

    /** Facet fields to show and to keep in the URL, in the page's order. */
    get #shownFacets() {
      if (!this.hasAttribute('facets')) return this.#facetFields;
      return words(this.getAttribute('facets')).filter((f) => this.#facetFields.includes(f));
    }

    get #sorts() {
      const asked = this.hasAttribute('sorts') ? words(this.getAttribute('sorts')) : kDefaultSorts;
      return asked.filter((s) => this.#sortable.has(s));
    }

    #applyStrings() {
      let fromAttribute = null;
      const json = this.getAttribute('strings');
      if (json) {
        try {
          fromAttribute = JSON.parse(json);
        } catch (error) {
          console.warn(`<osprey-search>: the strings attribute is not JSON (${error.message})`);
        }
      }
      let strings = mergeStrings(mergeStrings(defaultStrings, fromAttribute), this.#stringsProperty);
      const own = {};
      if (this.hasAttribute('label')) own.label = this.getAttribute('label');
      if (this.hasAttribute('placeholder')) own.placeholder = this.getAttribute('placeholder');
      strings = mergeStrings(strings, own);
      this.#strings = strings;

      const lang = this.closest('[lang]')?.getAttribute('lang') || navigator.language;
      this.#locale = safeLocale(lang);
      this.#numbers = new Intl.NumberFormat(this.#locale);
      this.#dates = new Intl.DateTimeFormat(this.#locale, { dateStyle: 'long', timeZone: 'UTC' });

      const dom = this.#dom;
      dom.label.textContent = strings.label;
      dom.label.classList.toggle('hidden-label', !this.hasAttribute('show-label'));
      dom.input.placeholder = strings.placeholder;
      const shortcuts = this.getAttribute('shortcuts') !== 'off';
      dom.hint.hidden = !shortcuts;
      if (shortcuts) dom.input.setAttribute('aria-keyshortcuts', '/ Control+K Meta+K');
      else dom.input.removeAttribute('aria-keyshortcuts');
      dom.listbox.setAttribute('aria-label', strings.suggestions);
      dom.retry.textContent = strings.retry;
      dom.sortText.textContent = strings.sortLabel;
      dom.filters.setAttribute('aria-label', strings.filters);
      dom.results.setAttribute('aria-label', strings.resultsLabel);
      dom.more.textContent = strings.more;
      dom.emptyClear.textContent = strings.clearFilters;
      this.#renderSortMenu();
      if (this.#result) this.#renderResult(this.#resultQuery, this.#result, { keepHits: true });
      else if (this.state === 'loading') this.#renderLoading();
    }

    #setState(state) {
      this.setAttribute('state', state);
      this.#dom.results.setAttribute('aria-busy', String(state === 'loading'));
    }

    #emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }

    // ---- loading ------------------------------------------------------------

    /** What the index attribute names: {url, folder} ({url: ''} when nothing usable). */
    #target() {
      const raw = (this.getAttribute('index') || '').trim();
      if (!raw) return { url: '', folder: false };
      try {
        return { url: new URL(raw, document.baseURI).href, folder: raw.endsWith('/') };
      } catch {
        return { url: '', folder: false };
      }
    }

    /** The element's language, as HTML inherits it (its own lang, else an ancestor's). */
    get #language() {
      return primaryLanguage(this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
    }

    /** Whether the bundle loaded has another index for the element's language now. */
    #languageChanged() {
      try {
        return bundleIndex(this.#bundle.manifest, this.#bundle.url, this.#language).language !== this.#bundle.language;
      } catch {
        return true;  // loading again shows what is wrong
      }
    }

    /**
     * Which index to open: a file as named; in a folder, the index of the
     * page's language that the bundle manifest names, or index.osp when the
     * folder holds no manifest. Sets the URL base and field roles of results.
     */
    async #locate(generation) {
      const target = this.#target();
      if (!target.url) throw new OspreyError('invalid-argument', 'the index attribute names no index file');
      if (!target.folder) return target.url;
      Osprey.warm();  // the engine compiles while the manifest downloads
      const found = await fetchBundleManifest(target.url);
      if (generation !== this.#generation) return '';
      if (!found) return new URL('index.osp', target.url).href;
      const { language, indexUrl } = bundleIndex(found.manifest, found.url, this.#language);
      this.#bundle = { ...found, language };
      this.#siteRoot = bundleSiteRoot(found.manifest, found.url, null);
      this.#roles = bundleRoles(found.manifest);
      return indexUrl;
    }

    async #open(generation) {
      let searcher = null;
      try {
        const url = await this.#locate(generation);
        if (generation !== this.#generation) return;
        this.#indexFile = url;
        searcher = await Osprey.open(url);
        // What the index offers: its facet fields, and which sorts it can do.
        const probe = await searcher.search('', { browse: true, limit: 0, facets: true });
        const facetFields = Object.keys(probe.facets || {});
        const sortable = new Set(['relevance']);
        const fields = new Set(kDefaultSorts.concat(words(this.getAttribute('sorts')))
          .filter((s) => s !== 'relevance').map((s) => s.split(':')[0]));
        for (const field of fields) {
          try {
            await searcher.search('', { browse: true, limit: 0, facets: false, sort: `${field}:desc` });
            sortable.add(`${field}:desc`).add(`${field}:asc`).add(field);
          } catch (error) {
            if (error.code !== 'invalid-argument') throw error;
          }
        }
        if (generation !== this.#generation) {
          searcher.close();
          return;
        }
        this.#searcher = searcher;
        this.#facetFields = facetFields;
        this.#sortable = sortable;
        if (!this.#sortable.has(this.#sort)) this.#sort = 'relevance';
        if (this.#urlState && !this.#urlRead) {
          const { filters } = readUrlState(location.href, this.#urlPrefix, this.#shownFacets);
          for (const [field, values] of filters) this.#filters.set(field, new Set(values));
        }
        this.#urlRead = true;
        this.#renderSortMenu();
        this.#setState('ready');
        this.#emit('osprey-ready', { docCount: searcher.docCount, thread: searcher.thread });
        this.#run({ announce: false });
      } catch (error) {
        if (generation !== this.#generation) return;
        searcher?.close();
        this.#showError(error);
      }
    }

    #unload() {
      this.#generation++;
      this.#ticket++;
      this.#searcher?.close();
      this.#searcher = null;
      this.#loading = null;
      this.#indexFile = '';
      this.#bundle = null;
      this.#siteRoot = null;
      this.#roles = kDefaultRoles;
      this.#result = null;
      this.#hits = [];
      this.#groups.clear();
      this.#closeListbox();
      for (const key of ['error', 'bar', 'suggest', 'empty', 'body']) this.#dom[key].hidden = true;
      this.#dom.root.classList.remove('busy');
      this.#setState('idle');
    }

    #renderLoading() {
      const dom = this.#dom;
      dom.error.hidden = true;
      const visible = this.#query.trim() !== '' || this.hasAttribute('browse');
      dom.bar.hidden = !visible;
      dom.tools.hidden = true;
      dom.status.textContent = this.#strings.loading;
    }

    #showError(error) {
      const dom = this.#dom;
      const message = error instanceof Error ? error.message : String(error);
      const code = error?.code || 'internal';
      this.#setState('error');
      this.#closeListbox();
      for (const key of ['bar', 'suggest', 'empty', 'body']) dom[key].hidden = true;
      dom.errorText.textContent = format(this.#strings.error, { message });
      dom.error.dataset.code = code;
      dom.retry.hidden = !['network', 'engine-failed', 'closed'].includes(code);
      dom.error.hidden = false;
      this.#emit('osprey-error', { code, message });
    }

    // ---- typing, keys, suggestions -------------------------------------------

    #onInput() {
      this.#query = this.#dom.input.value;
      clearTimeout(this.#timer);
      const delay = intAttribute(this, 'debounce', 80, 0, 2000);
      this.#timer = setTimeout(() => {
        this.#run();
        this.#suggest();
      }, delay);
      if (!this.#loading) this.load();
    }

    #onKeydown(e) {
      if (e.isComposing) return;
      const open = !this.#dom.listbox.hidden;
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          if (!this.#options.length) return;
          e.preventDefault();
          if (!open) this.#openListbox();
          if (e.altKey && e.key === 'ArrowDown') return;
          const n = this.#options.length;
          const step = e.key === 'ArrowDown' ? 1 : -1;
          const next = this.#active < 0 ? (step > 0 ? 0 : n - 1) : (this.#active + step + n) % n;
          this.#activate(next);
          return;
        }
        case 'Enter':
          e.preventDefault();
          if (open && this.#active >= 0) this.#accept(this.#active);
          else {
            this.#closeListbox();
            this.#run();
          }
          return;
        case 'Escape':
          if (open) {
            e.preventDefault();
            this.#closeListbox();
          } else if (this.#dom.input.value !== '') {
            e.preventDefault();
            this.search('');
          }
          return;
        case 'Tab':
          this.#closeListbox();
          return;
        default:
      }
    }

    #onShortcut = (e) => {
      if (e.defaultPrevented || this.getAttribute('shortcuts') === 'off' || e.isComposing) return;
      const k = e.key;
      const modK = (k === 'k' || k === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      const slash = k === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.composedPath()[0]);
      if (!modK && !slash) return;
      e.preventDefault();
      this.#dom.input.focus();
      this.#dom.input.select();
    };

    async #suggest() {
      const ticket = ++this.#suggestTicket;
      const query = this.#query;
      const input = this.#dom.input;
      if (!this.#searcher || !query.trim() || /\s$/.test(query) || this.shadowRoot.activeElement !== input) {
        this.#setOptions([]);
        return;
      }
      let list = [];
      try {
        list = await this.#searcher.complete(query, kSuggestions);
      } catch {
        list = [];  // suggestions are a nicety: a failure shows none
      }
      if (ticket !== this.#suggestTicket || query !== this.#query) return;
      const typed = query.trim().toLowerCase();
      this.#setOptions(list.filter((c) => typeof c.query === 'string' && c.query.toLowerCase() !== typed));
    }

    #setOptions(list) {
      const dom = this.#dom;
      this.#options = list;
      this.#active = -1;
      dom.input.removeAttribute('aria-activedescendant');
      const typed = this.#query.trim().toLowerCase();
      dom.listbox.replaceChildren(...list.map((c, i) => {
        const option = el('li', 'option');
        option.id = `option-${i}`;
        option.dataset.index = String(i);
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.setAttribute('part', 'option');
        const text = el('span', 'text');
        let common = 0;
        const lower = c.query.toLowerCase();
        while (common < typed.length && common < lower.length && typed[common] === lower[common]) common++;
        text.append(c.query.slice(0, common));
        if (common < c.query.length) text.append(el('span', 'completed', c.query.slice(common)));
        const docs = el('span', 'docs', this.#numbers.format(c.docs));
        docs.setAttribute('aria-hidden', 'true');
        option.append(text, docs);
        return option;
      }));
      if (list.length && this.shadowRoot.activeElement === dom.input) this.#openListbox();
      else this.#closeListbox();
    }

    #openListbox() {
      if (!this.#options.length) return;
      this.#dom.listbox.hidden = false;
      this.#dom.input.setAttribute('aria-expanded', 'true');
    }

    #closeListbox() {
      const dom = this.#dom;
      dom.listbox.hidden = true;
      dom.input.setAttribute('aria-expanded', 'false');
      dom.input.removeAttribute('aria-activedescendant');
      if (this.#active >= 0) dom.listbox.children[this.#active]?.setAttribute('aria-selected', 'false');
      this.#active = -1;
    }

    #activate(index) {
      const options = this.#dom.listbox.children;
      if (this.#active >= 0) options[this.#active]?.setAttribute('aria-selected', 'false');
      this.#active = index;
      const option = options[index];
      option.setAttribute('aria-selected', 'true');
      this.#dom.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }

    #accept(index) {
      const choice = this.#options[index];
      if (!choice) return;
      this.search(choice.query);
      this.#setOptions([]);
    }

    // ---- searching and rendering ----------------------------------------------

    #searchOptions(offset) {
      const fields = this.#shownFacets;
      const filters = [];
      for (const [field, values] of this.#filters) {
        if (values.size && fields.includes(field)) filters.push({ field, values: [...values], mode: 'any' });
      }
      const options = {
        offset, limit: this.#pageSize, facets: fields.length > 0, filters,
        browse: this.hasAttribute('browse'), sort: this.#sort,
      };
      if (this.hasAttribute('excerpt-words')) options.excerptWords = intAttribute(this, 'excerpt-words', 30, 4, 200);
      return options;
    }

    #writeUrl() {
      if (!this.#urlState) return;
      const fields = this.#urlRead ? this.#shownFacets : [];
      const filters = new Map([...this.#filters].filter(([f, v]) => v.size && fields.includes(f))
        .map(([f, v]) => [f, [...v]]));
      const next = writeUrlState(location.href, this.#urlPrefix, fields,
                                 { query: this.#query.trim() ? this.#query : '', sort: this.#sort, filters });
      if (next !== location.href) history.replaceState(history.state, '', next);
    }

    async #run({ announce = true } = {}) {
      clearTimeout(this.#timer);
      this.#writeUrl();
      if (!this.#searcher) {
        if (this.state !== 'error') {
          this.load();
          this.#renderLoading();
        }
        return;
      }
      const ticket = ++this.#ticket;
      const query = this.#query;
      if (!query.trim() && !this.hasAttribute('browse')) {
        this.#result = null;
        this.#hits = [];
        this.#groups.clear();
        for (const key of ['bar', 'suggest', 'empty', 'body']) this.#dom[key].hidden = true;
        this.#dom.hits.replaceChildren();
        this.#dom.live.textContent = '';
        this.#dom.root.classList.remove('busy');
        return;
      }
      this.#dom.root.classList.add('busy');
      try {
        const result = await this.#searcher.search(query, this.#searchOptions(0));
        if (ticket !== this.#ticket) return;
        this.#renderResult(query, result);
        if (announce) this.#announce();
        this.#emit('osprey-results', { query, total: result.total, shown: this.#hits.length });
      } catch (error) {
        if (ticket === this.#ticket) this.#showError(error);
      } finally {
        if (ticket === this.#ticket) this.#dom.root.classList.remove('busy');
      }
    }

    async #loadMore() {
      const ticket = this.#ticket;
      const first = this.#hits.length;
      this.#dom.more.disabled = true;
      try {
        const result = await this.#searcher.search(this.#resultQuery, this.#searchOptions(first));
        if (ticket !== this.#ticket) return;
        const items = this.#appendHits(result.hits);
        this.#renderMore(result.total);
        // Keyboard users land on the first new result, not back at the top.
        items[0]?.querySelector('.link')?.focus?.();
        this.#emit('osprey-results', { query: this.#resultQuery, total: result.total, shown: this.#hits.length });
      } catch (error) {
        if (ticket === this.#ticket) this.#showError(error);
      } finally {
        this.#dom.more.disabled = false;
      }
    }

    #hitContext() {
      return {
        base: this.#siteRoot ?? document.baseURI, dateFormat: this.#dates, headingLevel: this.#headingLevel,
        roles: this.#roles,
      };
    }

    #statusText(query, result) {
      const s = this.#strings;
      const count = this.#numbers.format(result.total);
      const q = query.trim();
      if (!q) return format(plural(s.browse, result.total, this.#locale), { count });
      if (result.total === 0) return format(s.noResults, { query: q });
      return format(plural(s.results, result.total, this.#locale), { count, query: q });
    }

    #renderResult(query, result, { keepHits = false } = {}) {
      const dom = this.#dom;
      const s = this.#strings;
      this.#result = result;
      this.#resultQuery = query;
      dom.error.hidden = true;
      dom.bar.hidden = false;
      dom.tools.hidden = false;
      dom.status.textContent = this.#statusText(query, result);

      // "Did you mean": a link that searches the corrected query.
      const fix = typeof result.didYouMean === 'string' ? result.didYouMean : '';
      dom.suggest.hidden = !fix;
      if (fix) {
        const link = el('a', 'did-you-mean', fix);
        link.href = writeUrlState(location.href, this.#urlPrefix, [], { query: fix, sort: this.#sort, filters: new Map() });
        link.addEventListener('click', (e) => {
          e.preventDefault();
          this.search(fix);
          this.#dom.input.focus();
        });
        const [before, after = ''] = String(s.didYouMean).split('{suggestion}');
        dom.suggest.replaceChildren(before, link, after);
      }

      const filtering = [...this.#filters.values()].some((v) => v.size);
      dom.empty.hidden = result.total !== 0;
      dom.emptyHint.textContent = s.noResultsHint;
      dom.emptyClear.hidden = !filtering;

      const facetsShown = this.#renderFacets(result.facets || {});
      dom.body.classList.toggle('with-filters', facetsShown);
      dom.body.hidden = result.total === 0 && !facetsShown;
      dom.filtersToggle.hidden = !facetsShown;
      const active = [...this.#filters.values()].reduce((n, v) => n + v.size, 0);
      dom.filtersToggle.textContent = active
        ? format(s.filtersActive, { count: this.#numbers.format(active) }) : s.filters;
      this.#renderSortMenu();

      // Strings changed (keepHits): the pages already shown, again in the new words and dates.
      const hits = keepHits ? this.#hits : result.hits;
      this.#hits = [];
      this.#groups.clear();
      this.#partialNoted = false;
      dom.hits.replaceChildren();
      this.#appendHits(hits);
      this.#renderMore(result.total);
    }

    /**
     * Renders hits after those shown. In a bundle whose records name their
     * page, a page is listed once, where its best hit ranks: its own record
     * (or, until that comes, its title from a section), with its sections'
     * hits under it. The first result that matches only some of the words
     * gets a separator before it. Returns the new items (results and
     * sub-results).
     */
    #appendHits(hits) {
      const items = [];
      const ctx = this.#hitContext();
      for (const hit of hits) {
        this.#hits.push(hit);
        const page = ctx.roles.page ? hit.fields?.[ctx.roles.page] : undefined;
        const key = typeof page === 'string' && page !== '' ? page : null;
        const section = isSectionHit(hit, ctx.roles);
        const group = key === null ? undefined : this.#groups.get(key);
        if (group && (section || group.complete)) {
          items.push(appendSubHit(group.item, hit, ctx));
          continue;
        }
        if (group) {
          // The page's own record, after some of its sections: it takes the
          // place of the title that stood for it, the sections stay under it.
          const item = renderHit(hit, ctx);
          const subs = group.item.querySelector(':scope > .subs');
          if (subs) item.append(subs);
          group.item.replaceWith(item);
          Object.assign(group, { item, complete: true });
          items.push(item);
          continue;
        }
        if (hit.full === false && !this.#partialNoted && this.#resultQuery.trim()) {
          this.#partialNoted = true;
          this.#dom.hits.append(el('li', 'partial-note', this.#strings.partial));
        }
        const header = key !== null && section ? pageHeaderHit(hit, ctx.roles) : null;
        const item = renderHit(header ?? hit, ctx);
        this.#dom.hits.append(item);
        items.push(item);
        if (header) appendSubHit(item, hit, ctx);
        if (key !== null) this.#groups.set(key, { item, complete: !header });
      }
      return items;
    }

    #renderMore(total) {
      const dom = this.#dom;
      const shown = this.#hits.length;
      dom.moreRow.hidden = shown >= total;
      dom.shown.textContent = format(this.#strings.shown, {
        shown: this.#numbers.format(shown), total: this.#numbers.format(total),
      });
    }

    #renderSortMenu() {
      const dom = this.#dom;
      const sorts = this.#sorts;
      const labels = this.#strings.sortLabels;
      const signature = JSON.stringify(sorts.map((key) => [key, lookup(labels, key) ?? key]));
      if (signature === this.#sortSignature) {
        dom.sortSelect.value = sorts.includes(this.#sort) ? this.#sort : 'relevance';
        return;
      }
      this.#sortSignature = signature;
      dom.sortLabel.hidden = sorts.length < 2;
      dom.sortSelect.replaceChildren(...sorts.map((key) => {
        const option = el('option', null, lookup(labels, key) ?? key);
        option.value = key;
        return option;
      }));
      dom.sortSelect.value = sorts.includes(this.#sort) ? this.#sort : 'relevance';
    }

    /** Renders the facet checkboxes; returns whether any facet is shown. */
    #renderFacets(facets) {
      return renderFacets(this.#dom.filters, {
        fields: this.#shownFacets, facets, filters: this.#filters, strings: this.#strings, numbers: this.#numbers,
        onToggle: (field, value, on) => this.#toggleFilter(field, value, on),
        onClear: () => {
          this.#filters.clear();
          this.#run();
          this.#dom.input.focus();
        },
      });
    }

    #toggleFilter(field, value, on) {
      if (!this.#filters.has(field)) this.#filters.set(field, new Set());
      const values = this.#filters.get(field);
      if (on) values.add(value);
      else values.delete(value);
      this.#run();
    }

    /** Says the status after the results have been quiet for a moment. */
    #announce() {
      clearTimeout(this.#announceTimer);
      this.#announceTimer = setTimeout(() => {
        const dom = this.#dom;
        const parts = [dom.status.textContent];
        if (!dom.suggest.hidden) parts.push(dom.suggest.textContent);
        dom.live.textContent = parts.join(' ');
      }, kAnnounceDelay);
    }
  }

  customElements.define(name, OspreySearchElement);
  return OspreySearchElement;
}

if (typeof customElements !== 'undefined') defineOspreySearch(Osprey, OspreyError);
