// The results of <osprey-search>: the status line ("12 results for …"), "did
// you mean", the empty state, the list of hits (with an index whose records
// form pages, each page's matching sections under it: the engine groups them,
// docs/ranking.md "Pages"), "show more" and what the live region announces.
import { intAttribute } from './attributes.js';
import { appendExtras } from './hit-extras.js';
import { appendSubHit, el, renderHit } from './render.js';
import { format, formatParts, plural } from './strings.js';

const kAnnounceDelay = 900;  // ms of quiet before the live region speaks

export class Results {
  /** The latest result (its first page) and its query; null when none is shown. */
  result = null;
  query = '';
  /** The hits shown, in order. */
  hits = [];
  #view;
  #place;                   // {siteRoot, roles}: where hit URLs resolve, which field plays which part
  #actions;                 // {link(query) -> href, search(query)} for "did you mean"
  #partialNoted = false;    // the "matching some of the words" note is shown
  #announceTimer = 0;

  constructor(view, place, actions) {
    this.#view = view;
    this.#place = place;
    this.#actions = actions;
  }

  /** Forgets the result shown (the list is emptied by the caller or the next render). */
  clear() {
    this.result = null;
    this.hits = [];
  }

  /** Shows the status, "did you mean" and the empty state of result; filtering: values are selected. */
  showSummary(query, result, filtering) {
    const { dom, strings } = this.#view;
    this.result = result;
    this.query = query;
    dom.status.replaceChildren(...this.#statusParts(query, result));

    // "Did you mean": a link that searches the corrected query.
    const fix = typeof result.didYouMean === 'string' ? result.didYouMean : '';
    dom.suggest.hidden = !fix;
    if (fix) {
      const link = el('a', 'did-you-mean', fix);
      link.dir = 'auto';  // isolated, as the query in the status line
      link.href = this.#actions.link(fix);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        this.#actions.search(fix);
        dom.input.focus();
      });
      const [before, after = ''] = String(strings.didYouMean).split('{suggestion}');
      dom.suggest.replaceChildren(before, link, after);
    }

    dom.empty.hidden = result.total !== 0;
    dom.emptyHint.textContent = strings.noResultsHint;
    dom.emptyClear.hidden = !filtering;
  }

  /** Lists hits from the top, then "show more" for total. */
  showHits(hits, total) {
    this.hits = [];
    this.#partialNoted = false;
    this.#view.dom.hits.replaceChildren();
    this.append(hits);
    this.showMore(total);
  }

  /**
   * Renders hits after those shown, each with the sections the engine lists
   * under it (hit.sections). The first result that matches only some of the
   * words gets a separator before it. Returns the new items (results and
   * sub-results).
   */
  append(hits) {
    const items = [];
    const ctx = this.#hitContext();
    const list = this.#view.dom.hits;
    for (const hit of hits) {
      this.hits.push(hit);
      if (hit.full === false && !this.#partialNoted && this.query.trim()) {
        this.#partialNoted = true;
        list.append(el('li', 'partial-note', this.#view.strings.partial));
      }
      // A merged bundle's hit (the merge attribute) resolves against its own site.
      const root = this.#place.mergedRoots?.get(hit.indexUrl);
      const at = root ? { ...ctx, base: root } : ctx;
      const item = renderHit(hit, at);
      appendExtras(item, hit, at);
      list.append(item);
      items.push(item);
      for (const section of Array.isArray(hit.sections) ? hit.sections : []) {
        items.push(appendSubHit(item, section, at));
      }
    }
    return items;
  }

  /** The "show more" row: hidden once all of total are shown. */
  showMore(total) {
    const { dom, strings, numbers } = this.#view;
    const shown = this.hits.length;
    dom.moreRow.hidden = shown >= total;
    dom.shown.textContent = format(strings.shown, { shown: numbers.format(shown), total: numbers.format(total) });
  }

  /** Says the status after the results have been quiet for a moment. */
  announce() {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      const dom = this.#view.dom;
      const parts = [dom.status.textContent];
      if (!dom.suggest.hidden) parts.push(dom.suggest.textContent);
      dom.live.textContent = parts.join(' ');
    }, kAnnounceDelay);
  }

  stopAnnouncing() {
    clearTimeout(this.#announceTimer);
  }

  #hitContext() {
    const { host, dates } = this.#view;
    return {
      base: this.#place.siteRoot ?? document.baseURI, dateFormat: dates,
      headingLevel: intAttribute(host, 'heading-level', 2, 2, 6), roles: this.#place.roles,
      images: host.getAttribute('images') !== 'off', chips: host.getAttribute('chips') !== 'off',
    };
  }

  /** The status line: the query in a <bdi>, so that its direction never reorders the sentence around it. */
  #statusParts(query, result) {
    const { strings: s, numbers, locale } = this.#view;
    const count = numbers.format(result.total);
    const q = query.trim();
    if (!q) return formatParts(plural(s.browse, result.total, locale), { count }, []);
    if (result.total === 0) return formatParts(s.noResults, { query: q }, ['query']);
    return formatParts(plural(s.results, result.total, locale), { count, query: q }, ['query']);
  }
}
