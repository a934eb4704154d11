// The facet filters of <osprey-search>: which facet fields are shown (the
// `facets` attribute, among those of the index), the values selected (a Map
// field -> Set, never object keys: a value may be "__proto__"), the filters
// button, and the checkboxes, which widget/facet-list.js renders: that module
// is fetched only once the index offers a field to show (prepare(), when the
// index is open, so it comes with the first search's parts); until it has
// come, a result is shown without its facets, and with them once it has.
import { scriptBase } from './api.js';
import { words } from './attributes.js';
import { loadFacetList } from './facet-list-loader.js';
import { format } from './strings.js';

const kListWait = 2000;  // ms a result waits for widget/facet-list.js at most

export class Facets {
  /** The facet fields of the index, in its order. */
  fields = [];
  /** The selected values: field -> Set of values. */
  filters = new Map();
  #view;
  #onChange;
  #onList;
  #list = null;     // widget/facet-list.js once it has come
  #loading = null;  // its import under way

  /**
   * onChange(): the selection changed (a box toggled, the filters cleared);
   * onList(): widget/facet-list.js has come (the result shown can show its facets).
   */
  constructor(view, onChange, onList) {
    this.#view = view;
    this.#onChange = onChange;
    this.#onList = onList;
    const { filtersToggle, filters, emptyClear } = view.dom;
    filtersToggle.addEventListener('click', () => {
      const open = filtersToggle.getAttribute('aria-expanded') !== 'true';
      filtersToggle.setAttribute('aria-expanded', String(open));
      filters.classList.toggle('open', open);
    });
    emptyClear.addEventListener('click', () => this.#clear());
  }

  /** Facet fields to show and to keep in the URL, in the page's order. */
  get shown() {
    const host = this.#view.host;
    if (!host.hasAttribute('facets')) return this.fields;
    return words(host.getAttribute('facets')).filter((f) => this.fields.includes(f));
  }

  /** Whether any value is selected. */
  get filtering() {
    return [...this.filters.values()].some((v) => v.size);
  }

  /** The selected values of the given fields: Map field -> [values]. */
  selected(fields) {
    return new Map([...this.filters].filter(([f, v]) => v.size && fields.includes(f)).map(([f, v]) => [f, [...v]]));
  }

  /** The search options of the facets: {facets, filters}. */
  searchOptions() {
    const fields = this.shown;
    const filters = [...this.selected(fields)].map(([field, values]) => ({ field, values, mode: 'any' }));
    return { facets: fields.length > 0, filters };
  }

  /** Selects values (Map field -> [values], read from the URL). */
  restore(selection) {
    for (const [field, values] of selection) this.filters.set(field, new Set(values));
  }

  /** Starts fetching widget/facet-list.js when the index has facet fields to show (the index is open). */
  prepare() {
    if (this.shown.length) this.#load();
  }

  /**
   * Resolves once widget/facet-list.js has come, or failed to (at once when
   * no facet field is shown), or after kListWait ms: a result is shown with
   * its facets, not without and then again with them (the results column
   * would move), unless the module stalls: then the facets follow when it comes.
   */
  ready() {
    if (this.#list || !this.shown.length) return Promise.resolve();
    return Promise.race([this.#load(), new Promise((resolve) => setTimeout(resolve, kListWait))]);
  }

  /** Renders the facets of a result and the filters button; returns whether any facet is shown. */
  render(facets) {
    const { dom, strings, numbers } = this.#view;
    const fields = this.shown;
    if (fields.length) this.#load();
    const shown = this.#list ? this.#list.renderFacets(dom.filters, {
      fields, facets, filters: this.filters, strings, numbers,
      onToggle: (field, value, on) => this.#toggle(field, value, on),
      onClear: () => {
        this.#clear();
        dom.input.focus();
      },
    }) : (dom.filters.replaceChildren(), false);
    dom.filtersToggle.hidden = !shown;
    const active = [...this.filters.values()].reduce((n, v) => n + v.size, 0);
    dom.filtersToggle.textContent = active
      ? format(strings.filtersActive, { count: numbers.format(active) }) : strings.filters;
    return shown;
  }

  /**
   * Imports widget/facet-list.js once; the promise never rejects. When the
   * import fails (offline), results show no facets and the next render tries again.
   */
  #load() {
    return this.#loading ??= loadFacetList(new URL('widget/facet-list.js', scriptBase).href).then((list) => {
      const root = this.#view.host.shadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, list.facetStyleSheet()];
      this.#list = list;
      this.#onList();
    }, () => {
      this.#loading = null;
    });
  }

  #toggle(field, value, on) {
    if (!this.filters.has(field)) this.filters.set(field, new Set());
    const values = this.filters.get(field);
    if (on) values.add(value);
    else values.delete(value);
    this.#onChange();
  }

  #clear() {
    this.filters.clear();
    this.#onChange();
  }
}
