// The sort menu of <osprey-search>: the choices the `sorts` attribute asks for
// that the index can do ("relevance date:desc date:asc" by default), labelled
// from the strings; fewer than two choices show no menu.
import { words } from './attributes.js';
import { el } from './render.js';
import { lookup } from './strings.js';

const kDefaultSorts = ['relevance', 'date:desc', 'date:asc'];

export class SortMenu {
  /** The sort in use: "relevance", "FIELD", "FIELD:asc" or "FIELD:desc". */
  value = 'relevance';
  #view;
  #sortable = new Set(['relevance']);  // what the index can sort by
  #signature = '';                      // the menu as last rendered

  /** onChange(): the reader chose another sort. */
  constructor(view, onChange) {
    this.#view = view;
    const select = view.dom.sortSelect;
    select.addEventListener('change', () => {
      this.value = select.value;
      onChange();
    });
  }

  /** The sorts the index offers (a Set of keys); a sort it cannot do becomes relevance. */
  offer(sortable) {
    this.#sortable = sortable;
    if (!sortable.has(this.value)) this.value = 'relevance';
  }

  get #asked() {
    const host = this.#view.host;
    return host.hasAttribute('sorts') ? words(host.getAttribute('sorts')) : kDefaultSorts;
  }

  render() {
    const { dom, strings } = this.#view;
    const sorts = this.#asked.filter((s) => this.#sortable.has(s));
    const labels = strings.sortLabels;
    const signature = JSON.stringify(sorts.map((key) => [key, lookup(labels, key) ?? key]));
    if (signature !== this.#signature) {
      this.#signature = signature;
      dom.sortLabel.hidden = sorts.length < 2;
      dom.sortSelect.replaceChildren(...sorts.map((key) => {
        const option = el('option', null, lookup(labels, key) ?? key);
        option.value = key;
        return option;
      }));
    }
    dom.sortSelect.value = sorts.includes(this.value) ? this.value : 'relevance';
  }
}
