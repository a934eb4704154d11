// The shadow tree of <osprey-search>, built once per element: named nodes,
// no listeners (the element's controllers wire them) and no text (labelShell
// applies the strings separately, so a language change touches no structure).
// IDs are only unique within the shadow root, which is all ARIA references need.
import { el, searchIcon } from './render.js';

/** Builds the tree; returns {root, form, label, input, listbox, ..., hits, more}. */
export function buildShell() {
  const dom = {};
  dom.root = el('div', 'osprey');
  dom.root.setAttribute('part', 'base');

  dom.form = el('form', 'box');
  dom.form.setAttribute('role', 'search');
  dom.form.setAttribute('part', 'form');
  dom.form.noValidate = true;
  dom.label = el('label', 'label hidden-label');
  dom.label.htmlFor = 'input';
  dom.label.id = 'label';
  const field = el('div', 'field');
  dom.input = el('input', 'input');
  Object.assign(dom.input, { id: 'input', type: 'search', autocomplete: 'off', spellcheck: false });
  for (const [k, v] of Object.entries({
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': 'listbox', autocapitalize: 'off', enterkeyhint: 'search', part: 'input',
  })) dom.input.setAttribute(k, v);
  dom.hint = el('kbd', 'hint', '/');
  dom.hint.setAttribute('aria-hidden', 'true');
  dom.listbox = el('ul', 'listbox');
  dom.listbox.id = 'listbox';
  dom.listbox.setAttribute('role', 'listbox');
  dom.listbox.setAttribute('part', 'listbox');
  dom.listbox.hidden = true;
  field.append(searchIcon(), dom.input, dom.hint);
  dom.form.append(dom.label, field, dom.listbox);  // the listbox in the flow, under the field

  dom.live = el('div', 'sr-only');
  dom.live.setAttribute('role', 'status');
  dom.live.setAttribute('aria-live', 'polite');
  dom.live.setAttribute('aria-atomic', 'true');

  dom.error = el('div', 'error');
  dom.error.setAttribute('role', 'alert');
  dom.error.setAttribute('part', 'error');
  dom.error.hidden = true;
  dom.errorText = el('span', 'error-text');
  dom.retry = el('button', 'button retry');
  dom.retry.type = 'button';
  dom.error.append(dom.errorText, dom.retry);

  dom.bar = el('div', 'bar');
  dom.bar.hidden = true;
  dom.status = el('p', 'status');
  dom.status.id = 'status';
  dom.status.setAttribute('part', 'status');
  dom.tools = el('div', 'tools');
  dom.filtersToggle = el('button', 'button filters-toggle');
  dom.filtersToggle.type = 'button';
  dom.filtersToggle.setAttribute('aria-expanded', 'false');
  dom.filtersToggle.setAttribute('aria-controls', 'filters');
  dom.sortLabel = el('label', 'sort');
  dom.sortText = el('span');
  dom.sortSelect = el('select');
  dom.sortSelect.setAttribute('part', 'sort');
  dom.sortLabel.append(dom.sortText, dom.sortSelect);
  dom.tools.append(dom.filtersToggle, dom.sortLabel);
  dom.bar.append(dom.status, dom.tools);

  dom.suggest = el('p', 'suggest');
  dom.suggest.hidden = true;
  dom.empty = el('div', 'empty');
  dom.empty.hidden = true;
  dom.emptyHint = el('p');
  dom.emptyClear = el('button', 'button');
  dom.emptyClear.type = 'button';
  dom.empty.append(dom.emptyHint, dom.emptyClear);

  dom.body = el('div', 'body');
  dom.body.hidden = true;
  dom.filters = el('div', 'filters');
  dom.filters.id = 'filters';
  dom.filters.setAttribute('role', 'group');
  dom.filters.setAttribute('part', 'filters');
  dom.results = el('section', 'results');
  dom.results.setAttribute('part', 'results');
  dom.hits = el('ol', 'hits');
  dom.moreRow = el('div', 'more-row');
  dom.moreRow.hidden = true;
  dom.more = el('button', 'button more');
  dom.more.type = 'button';
  dom.more.setAttribute('part', 'more');
  dom.shown = el('span', 'shown');
  dom.moreRow.append(dom.more, dom.shown);
  dom.results.append(dom.hits, dom.moreRow);
  dom.body.append(dom.filters, dom.results);

  dom.root.append(dom.form, dom.live, dom.error, dom.bar, dom.suggest, dom.empty, dom.body);
  return dom;
}

/**
 * Writes strings into the fixed parts of the tree (labels, placeholder, button
 * texts); showLabel shows the label, shortcuts the "/" hint and aria-keyshortcuts.
 */
export function labelShell(dom, strings, { showLabel, shortcuts }) {
  dom.label.textContent = strings.label;
  dom.label.classList.toggle('hidden-label', !showLabel);
  dom.input.placeholder = strings.placeholder;
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
}
