// The search box of <osprey-search> and its suggestions, an ARIA combobox:
// typing (debounced searches), arrows, Enter, Esc and Tab, the page's "/" and
// Ctrl/Cmd-K shortcuts, and the listbox of completions of the last word.
// From the box, ArrowDown with no suggestion open goes to the first result;
// in the results, arrows move between result links, and ArrowUp from the first
// (or Escape) goes back to the box. The listbox is in the flow (styles.js): it
// pushes the status line, facets and results down and covers none of them;
// it closes when the box loses focus, but only once a pointer press has ended,
// so that nothing moves between the press and its click.
import { intAttribute } from './attributes.js';
import { el } from './render.js';

const kSuggestions = 6;

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

export class Combobox {
  #view;                // shared by the element's controllers: host, dom, query, numbers, ...
  #actions;             // {run(), search(query), load(), searcher(), prefetch()} of the element
  #options = [];        // suggestions: [{query, term, docs}]
  #active = -1;         // index of the active suggestion
  #timer = 0;           // the debounced search
  #ticket = 0;          // the latest completion request; older replies are dropped
  #cancel = null;       // aborts the completion request under way
  #pressed = false;     // a pointer button is down (closing waits for its release)
  #closeOnRelease = false;

  constructor(view, actions) {
    this.#view = view;
    this.#actions = actions;
    const { form, input, listbox } = view.dom;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.close();
      actions.run();
    });
    input.addEventListener('input', () => this.#onInput());
    input.addEventListener('keydown', (e) => this.#onKeydown(e));
    input.addEventListener('focus', () => actions.load());
    input.addEventListener('blur', () => {
      if (this.#pressed) this.#closeOnRelease = true;
      else this.close();
    });
    view.dom.hits.addEventListener('keydown', (e) => this.#onResultKey(e));
    listbox.addEventListener('pointerdown', (e) => e.preventDefault());  // keep the input focused
    listbox.addEventListener('click', (e) => {
      const option = e.target.closest?.('[role="option"]');
      if (option) this.#accept(Number(option.dataset.index));
    });
  }

  /** Listens for the page's shortcuts (while the element is connected). */
  connect() {
    document.addEventListener('keydown', this.#onShortcut);
    document.addEventListener('pointerdown', this.#onPress, true);
    document.addEventListener('pointerup', this.#onRelease, true);
    document.addEventListener('pointercancel', this.#onRelease, true);
  }

  disconnect() {
    document.removeEventListener('keydown', this.#onShortcut);
    document.removeEventListener('pointerdown', this.#onPress, true);
    document.removeEventListener('pointerup', this.#onRelease, true);
    document.removeEventListener('pointercancel', this.#onRelease, true);
    this.cancel();
  }

  #onPress = () => {
    this.#pressed = true;
  };

  // After the click the release makes (dispatched in the same task).
  #onRelease = () => {
    this.#pressed = false;
    if (!this.#closeOnRelease) return;
    this.#closeOnRelease = false;
    setTimeout(() => {
      if (!this.#focused()) this.close();
    });
  };

  /** The result links, in order. */
  #links() {
    return [...this.#view.dom.hits.querySelectorAll('a[href]')];
  }

  #onResultKey(e) {
    if (!['ArrowDown', 'ArrowUp', 'Escape'].includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const links = this.#links();
    const at = links.indexOf(this.#view.host.shadowRoot.activeElement);
    if (at < 0) return;
    e.preventDefault();
    if (e.key === 'Escape' || (e.key === 'ArrowUp' && at === 0)) this.#view.dom.input.focus();
    else links[Math.min(links.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))].focus();
  }

  /** Drops the debounced search (a search runs now instead). */
  cancel() {
    clearTimeout(this.#timer);
  }

  /** Closes the suggestions; a completion still under way is dropped (its reply would open them again). */
  close() {
    this.#ticket++;
    this.#cancel?.abort();
    this.#cancel = null;
    const { input, listbox } = this.#view.dom;
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    if (this.#active >= 0) listbox.children[this.#active]?.setAttribute('aria-selected', 'false');
    this.#active = -1;
  }

  #onInput() {
    const view = this.#view;
    view.query = view.dom.input.value;
    clearTimeout(this.#timer);
    const delay = intAttribute(view.host, 'debounce', 80, 0, 2000);
    this.#timer = setTimeout(() => {
      this.#actions.run();
      this.#suggest();
    }, delay);
    this.#actions.load();  // once: load() returns the load under way
    if (delay > 0) this.#actions.prefetch();  // the parts of its first round, during the debounce
  }

  #onKeydown(e) {
    if (e.isComposing) return;
    const open = !this.#view.dom.listbox.hidden;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const first = !open && !e.altKey && e.key === 'ArrowDown' ? this.#links()[0] : null;
        if (first) {
          e.preventDefault();
          first.focus();
          return;
        }
        if (!this.#options.length) return;
        e.preventDefault();
        if (!open) this.#open();
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
          this.close();
          this.#actions.run();
        }
        return;
      case 'Escape':
        if (open) {
          e.preventDefault();
          this.close();
        } else if (this.#view.dom.input.value !== '') {
          e.preventDefault();
          this.#actions.search('');
        }
        return;
      case 'Tab':
        this.close();
        return;
      default:
    }
  }

  #onShortcut = (e) => {
    if (e.defaultPrevented || this.#view.host.getAttribute('shortcuts') === 'off' || e.isComposing) return;
    const k = e.key;
    const modK = (k === 'k' || k === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    const slash = k === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.composedPath()[0]);
    if (!modK && !slash) return;
    e.preventDefault();
    this.#view.dom.input.focus();
    this.#view.dom.input.select();
  };

  #focused() {
    return this.#view.host.shadowRoot.activeElement === this.#view.dom.input;
  }

  async #suggest() {
    const ticket = ++this.#ticket;
    this.#cancel?.abort();  // superseded: it loads no more parts
    this.#cancel = new AbortController();
    const signal = this.#cancel.signal;
    const view = this.#view;
    const query = view.query;
    const searcher = this.#actions.searcher();
    if (!searcher || !query.trim() || /\s$/.test(query) || !this.#focused()) {
      this.#setOptions([]);
      return;
    }
    let list = [];
    try {
      list = await searcher.complete(query, kSuggestions, { signal });
    } catch {
      list = [];  // suggestions are a nicety: a failure shows none
    }
    if (ticket !== this.#ticket || query !== view.query) return;
    const typed = query.trim().toLowerCase();
    this.#setOptions(list.filter((c) => typeof c.query === 'string' && c.query.toLowerCase() !== typed));
  }

  #setOptions(list) {
    const { dom, numbers, query } = this.#view;
    this.#options = list;
    this.#active = -1;
    dom.input.removeAttribute('aria-activedescendant');
    const typed = query.trim().toLowerCase();
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
      const docs = el('span', 'docs', numbers.format(c.docs));
      docs.setAttribute('aria-hidden', 'true');
      option.append(text, docs);
      return option;
    }));
    if (list.length && this.#focused()) this.#open();
    else this.close();
  }

  #open() {
    if (!this.#options.length) return;
    this.#view.dom.listbox.hidden = false;
    this.#view.dom.input.setAttribute('aria-expanded', 'true');
  }

  #activate(index) {
    const { dom } = this.#view;
    const options = dom.listbox.children;
    if (this.#active >= 0) options[this.#active]?.setAttribute('aria-selected', 'false');
    this.#active = index;
    const option = options[index];
    option.setAttribute('aria-selected', 'true');
    dom.input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  #accept(index) {
    const choice = this.#options[index];
    if (!choice) return;
    this.#actions.search(choice.query);
    this.#setOptions([]);
  }
}
