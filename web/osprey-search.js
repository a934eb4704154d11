// <osprey-search>: the search box with results, facets, sort and "load more",
// defined when this module loads (osprey.js imports it once the document holds
// an <osprey-search>; osprey-classic.js includes it). All of its DOM lives in an open
// shadow root styled by constructable stylesheets (widget/styles.js; the
// facets' own, widget/facet-styles.js, adopted when they come).
// The element composes controllers, one job each (widget/): the search box and
// suggestions (combobox.js), loading and state (loader.js), the results
// (results.js), facets (facets.js; its checkboxes, facet-list.js, fetched only
// when the index has facets to show), sort (sort.js) and the URL (url-state.js);
// it keeps the query and runs the searches.
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
//   images="off"   no page image in results        chips="off"  no metadata chips in results
//                  (a bundle's manifest names them: docs/site-indexing.md, "Results: image
//                  and chips"; sized by --osprey-image-width and --osprey-image-height)
//   url-prefix     prefix of the URL parameters (q, sort and one per facet field)
//   label, placeholder, strings (JSON, see widget/strings.js)   show-label
//   lang           the language: which index of a bundle (its primary subtag; else the
//                  bundle's default_language), the language of the widget's strings
//                  (web/strings/, widget/languages.js; English when none fits), the
//                  locale of numbers, dates and plurals, and for a right-to-left
//                  language the direction (default: the page's, as HTML inherits lang)
//   heading-level  level of the result titles (2)  theme="light"|"dark" (default: the system's)
//   excerpt-words  words per excerpt (30)
//   fetch-timeout  ms without data after which fetching the engine, the index or a part of it fails;
//                  the bundle manifest must arrive whole in that time (15000)
//   merge          more indexes searched with it as one ranked list (files or bundle folders,
//                  space-separated; Searcher.mergeIndex, docs/js-api.md)
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
import { elementLanguage, localeFormats, pageSetsDirection } from './widget/attributes.js';
import { Osprey, OspreyError } from './widget/api.js';
import { Combobox } from './widget/combobox.js';
import { Facets } from './widget/facets.js';
import { languageStrings, rightToLeft, uiLanguage } from './widget/languages.js';
import { Loader } from './widget/loader.js';
import { Results } from './widget/results.js';
import { buildShell, labelShell } from './widget/shell.js';
import { Searches } from './widget/searches.js';
import { SortMenu } from './widget/sort.js';
import { defaultStrings, elementStrings } from './widget/strings.js';
import { styleSheet } from './widget/styles.js';
import { UrlState } from './widget/url-state.js';

export function defineOspreySearch(Osprey, OspreyError, name = 'osprey-search') {
  const existing = customElements.get(name);
  if (existing) return existing;

  class OspreySearchElement extends HTMLElement {
    static observedAttributes = ['index', 'merge', 'label', 'placeholder', 'strings', 'lang', 'shortcuts',
                                 'show-label', 'facets', 'sorts', 'browse', 'limit', 'images', 'chips'];

    // What the controllers share: {host, dom (named nodes of the shadow tree),
    // strings, locale, numbers, dates, query (as typed), emit(type, detail)}.
    #view;
    #connected = false;       // connected at least once
    #stringsProperty = null;  // set through the strings property
    #awaited = '';            // the language whose strings are being fetched, to apply once they come
    #url;
    #loader;
    #combobox;
    #results;
    #facets;
    #sort;
    #searches;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open', delegatesFocus: false });
      root.adoptedStyleSheets = [styleSheet()];
      const dom = buildShell();
      root.append(dom.root);
      this.#view = {
        host: this, dom, strings: defaultStrings, ...localeFormats('en'), query: '',
        emit: (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
      };
      const run = () => this.#searches.run();
      this.#url = new UrlState(this);
      this.#sort = new SortMenu(this.#view, run);
      this.#facets = new Facets(this.#view, run, () => {
        if (this.#results.result) this.#searches.showFacets(this.#results.result);
      });
      this.#loader = new Loader(this.#view, { Osprey, OspreyError }, {
        ready: (searcher, offer) => this.#ready(searcher, offer),
        failed: () => this.#combobox.close(),
      });
      this.#results = new Results(this.#view, this.#loader, {
        link: (query) => this.#url.link(query, this.#sort.value),
        search: (query) => this.search(query),
      });
      this.#combobox = new Combobox(this.#view, {
        run, search: (query) => this.search(query), load: () => this.load(), searcher: () => this.#loader.searcher,
        prefetch: () => this.#searches.prefetch(),
      });
      this.#searches = new Searches(this.#view, {
        loader: this.#loader, combobox: this.#combobox, results: this.#results, facets: this.#facets, sort: this.#sort,
        url: this.#url,
      });
      dom.retry.addEventListener('click', () => {
        this.#unload();
        this.load();
      });
      dom.more.addEventListener('click', () => this.#searches.more());
      this.addEventListener('pointerenter', () => this.load());
    }

    // ---- public API -------------------------------------------------------

    /** The Searcher (see osprey.js) once the index is loaded, else null. */
    get searcher() {
      return this.#loader.searcher;
    }

    get state() {
      return this.#loader.state;
    }

    get query() {
      return this.#view.query;
    }

    set query(value) {
      this.search(value);
    }

    /** Replacement UI strings (see widget/strings.js); merged over the attribute's. */
    get strings() {
      return this.#view.strings;
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
      return this.#loader.indexUrl;
    }

    /** The bundle language whose index was chosen ('' when the index is not from a bundle). */
    get indexLanguage() {
      return this.#loader.bundle?.language ?? '';
    }

    /** Searches for query now (no debounce), as if typed. */
    search(query) {
      const input = this.#view.dom.input;
      input.value = String(query ?? '');
      this.#view.query = input.value;
      this.#combobox.close();
      this.#searches.run();
    }

    /** Loads the index (once); resolves when ready, never rejects (errors are shown). */
    load() {
      return this.#loader.load();
    }

    // ---- lifecycle ----------------------------------------------------------

    connectedCallback() {
      this.#connected = true;
      this.#applyStrings();
      if (!this.#url.filtersRead && this.#url.enabled) {
        const { query, sort } = this.#url.read([]);
        this.#view.query = query;
        this.#view.dom.input.value = query;
        if (sort) this.#sort.value = sort;
      }
      if (!this.hasAttribute('state')) this.#loader.setState('idle');
      this.#combobox.connect();
      if (this.#wantsIndex) this.load();
    }

    disconnectedCallback() {
      this.#combobox.disconnect();
      this.#results.stopAnnouncing();
      // Moving the element reconnects it at once; only a real removal frees the engine.
      queueMicrotask(() => {
        if (!this.isConnected) this.#unload();
      });
    }

    attributeChangedCallback(attribute, before, after) {
      // Before the first connection there is nothing to update: connectedCallback reads them all.
      if (before === after || !this.#connected) return;
      if (attribute === 'index' || attribute === 'merge') {
        this.#unload();
        if (this.isConnected && this.#wantsIndex) this.load();
        return;
      }
      if (attribute === 'browse' && after !== null && this.isConnected) this.load();
      const loader = this.#loader;
      if (attribute === 'lang' && loader.bundle && loader.loading && loader.languageChanged()) {
        this.#unload();  // another language of the bundle: its index instead
        this.load();
      }
      this.#applyStrings();
      if (loader.searcher && ['facets', 'sorts', 'browse', 'limit', 'images', 'chips'].includes(attribute)) {
        this.#searches.run();
      }
    }

    /** Whether the index is needed at once: preload, browse, or a query (from the URL). */
    get #wantsIndex() {
      return this.hasAttribute('preload') || this.hasAttribute('browse') || this.#view.query.trim() !== '';
    }

    /**
     * Applies the strings of the element's language (English, with no
     * placeholder, until a fetched language's file has come; then again), its
     * overrides, its locale, and its direction: a right-to-left language
     * mirrors the widget unless the page sets dir itself.
     */
    #applyStrings() {
      const view = this.#view;
      const tag = elementLanguage(this);
      const code = uiLanguage(tag);
      const language = languageStrings(code, () => {
        if (this.#awaited !== code) return;
        this.#awaited = '';
        this.#applyStrings();
      });
      if (language === undefined) this.#awaited = code;
      view.strings = elementStrings(this, this.#stringsProperty, language ?? null);
      Object.assign(view, localeFormats(tag));
      if (!pageSetsDirection(this) && rightToLeft(tag)) view.dom.root.setAttribute('dir', 'rtl');
      else view.dom.root.removeAttribute('dir');
      // While its words load (tens of ms), the box shows no English placeholder (unless it is the page's own).
      const english = language === undefined && view.strings.placeholder === defaultStrings.placeholder;
      const shown = english ? { ...view.strings, placeholder: '' } : view.strings;
      labelShell(view.dom, shown,
                 { showLabel: this.hasAttribute('show-label'), shortcuts: this.getAttribute('shortcuts') !== 'off' });
      this.#sort.render();
      if (this.#results.result) this.#searches.show(this.#results.query, this.#results.result, { keepHits: true });
      else if (this.state === 'loading') this.#loader.showLoading();
    }

    // ---- loading ------------------------------------------------------------

    /** The index is open: what it offers, the URL's filters, then the first search. */
    #ready(searcher, { facetFields, sortable }) {
      this.#facets.fields = facetFields;
      this.#facets.prepare();
      this.#sort.offer(sortable);
      if (this.#url.enabled && !this.#url.filtersRead) this.#facets.restore(this.#url.read(this.#facets.shown).filters);
      this.#url.filtersRead = true;
      this.#sort.render();
      this.#loader.setState('ready');
      this.#view.emit('osprey-ready', { docCount: searcher.docCount, thread: searcher.thread });
      this.#searches.run({ announce: false });
    }

    #unload() {
      this.#searches.drop();
      this.#loader.unload();
      this.#results.clear();
      this.#combobox.close();
      const dom = this.#view.dom;
      for (const key of ['error', 'bar', 'suggest', 'empty', 'body']) dom[key].hidden = true;
      dom.root.classList.remove('busy');
      this.#loader.setState('idle');
    }
  }

  customElements.define(name, OspreySearchElement);
  return OspreySearchElement;
}

if (typeof customElements !== 'undefined') defineOspreySearch(Osprey, OspreyError);
