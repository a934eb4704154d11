// The facet filters of <osprey-search>: which facet fields are shown (the
// `facets` attribute, among those of the index), the values selected, and one
// fieldset of checkboxes per field, with counts. Values are text nodes;
// field+value pairs are kept in a Map and a WeakMap, never in selectors or
// object keys (a value may be "__proto__" or markup).
import { words } from './attributes.js';
import { el } from './render.js';
import { format, lookup } from './strings.js';

const keys = new WeakMap();  // checkbox -> "field\0value", to keep focus across renders

/** Facet values in the engine's order (by count), selected ones kept even at 0; numbers (years) newest first. */
function facetValues(list, selected) {
  const values = (Array.isArray(list) ? list : []).map((v) => ({ value: String(v.value), count: Number(v.count) || 0 }));
  const seen = new Set(values.map((v) => v.value));
  for (const value of selected) if (!seen.has(value)) values.push({ value, count: 0 });
  if (values.length && values.every((v) => /^\d{1,9}$/.test(v.value))) {
    values.sort((a, b) => Number(b.value) - Number(a.value));
  }
  return values;
}

/**
 * Renders the facet groups into container; returns whether any is shown.
 * o: {fields (to show, in order), facets (the result's), filters (Map field ->
 * Set of selected values), strings, numbers (Intl.NumberFormat), onToggle(field,
 * value, on), onClear()}. The checkbox that had the focus keeps it.
 */
function renderFacets(container, o) {
  const focused = container.getRootNode().activeElement;
  const focusKey = focused ? keys.get(focused) : undefined;
  let refocus = null;
  const groups = [];
  for (const field of o.fields) {
    const selected = o.filters.get(field) || new Set();
    const values = facetValues(Object.prototype.hasOwnProperty.call(o.facets, field) ? o.facets[field] : [], selected);
    if (!values.length) continue;
    const group = el('fieldset', 'facet');
    group.setAttribute('part', 'facet');
    group.append(el('legend', null, lookup(o.strings.facetLabels, field) ?? field));
    const list = el('ul');
    for (const { value, count } of values) {
      const key = `${field}\u0000${value}`;
      const box = el('input');
      box.type = 'checkbox';
      box.checked = selected.has(value);
      keys.set(box, key);
      box.addEventListener('change', () => o.onToggle(field, value, box.checked));
      const label = el('label');
      label.append(box, el('span', 'value', value), el('span', count ? 'count' : 'count zero', o.numbers.format(count)));
      const item = el('li');
      item.append(label);
      list.append(item);
      if (key === focusKey) refocus = box;
    }
    group.append(list);
    groups.push(group);
  }
  if ([...o.filters.values()].some((v) => v.size) && groups.length) {
    const row = el('p', 'clear-row');
    const clear = el('button', 'clear', o.strings.clearFilters);
    clear.type = 'button';
    clear.addEventListener('click', o.onClear);
    row.append(clear);
    groups.push(row);
  }
  container.replaceChildren(...groups);
  refocus?.focus();
  return groups.length > 0;
}

export class Facets {
  /** The facet fields of the index, in its order. */
  fields = [];
  /** The selected values: field -> Set of values. */
  filters = new Map();
  #view;
  #onChange;

  /** onChange(): the selection changed (a box toggled, the filters cleared). */
  constructor(view, onChange) {
    this.#view = view;
    this.#onChange = onChange;
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

  /** Renders the facets of a result and the filters button; returns whether any facet is shown. */
  render(facets) {
    const { dom, strings, numbers } = this.#view;
    const shown = renderFacets(dom.filters, {
      fields: this.shown, facets, filters: this.filters, strings, numbers,
      onToggle: (field, value, on) => this.#toggle(field, value, on),
      onClear: () => {
        this.#clear();
        dom.input.focus();
      },
    });
    dom.filtersToggle.hidden = !shown;
    const active = [...this.filters.values()].reduce((n, v) => n + v.size, 0);
    dom.filtersToggle.textContent = active
      ? format(strings.filtersActive, { count: numbers.format(active) }) : strings.filters;
    return shown;
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
