// The facet checkboxes of <osprey-search>: one fieldset per facet field, its
// values with counts, and "clear filters". Fetched only when the index offers
// a facet field the element shows (widget/facets.js, through
// widget/facet-list-loader.js): a page without facets downloads none of it,
// nor its stylesheet (widget/facet-styles.js).
// Values are text nodes; field+value pairs are kept in a WeakMap, never in
// selectors or object keys (a value may be "__proto__" or markup).
import { el } from './render.js';
import { lookup } from './strings.js';

export { facetStyleSheet } from './facet-styles.js';

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
export function renderFacets(container, o) {
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
