// Running the searches of <osprey-search>: the options of a search (paging,
// facets, sort, browse), the state written into the URL first, the first page
// of a query and "show more", replies that arrive after a newer search
// dropped (and cancelled: a superseded search loads no more parts), and a result
// rendered through the results, facets and sort.
import { intAttribute } from './attributes.js';

// The completions a search as you type anticipates along (osprey-core.js nextQueries).
const kAnticipate = 2;

export class Searches {
  #view;
  #parts;                   // the element's controllers: {loader, combobox, results, facets, sort, url}
  #ticket = 0;              // the latest search; older replies are dropped
  #cancel = new AbortController();  // aborts the searches under way when a newer one starts

  constructor(view, parts) {
    this.#view = view;
    this.#parts = parts;
  }

  /** Drops the replies of the searches under way, and cancels them. */
  drop() {
    this.#ticket++;
    this.#supersede();
  }

  /** Cancels the searches under way; returns the signal of the next. */
  #supersede() {
    this.#cancel.abort();
    this.#cancel = new AbortController();
    return this.#cancel.signal;
  }

  /** Searches for the query now; announce: the live region says the status. */
  async run({ announce = true } = {}) {
    const { loader, results } = this.#parts;
    this.#parts.combobox.cancel();
    this.#writeUrl();
    const { dom, host, query } = this.#view;
    const searcher = loader.searcher;
    if (!searcher) {
      loader.load({ again: true });
      loader.showLoading();
      return;
    }
    const ticket = ++this.#ticket;
    const signal = this.#supersede();
    if (!query.trim() && !host.hasAttribute('browse')) {
      results.clear();
      for (const key of ['bar', 'suggest', 'empty', 'body']) dom[key].hidden = true;
      dom.hits.replaceChildren();
      dom.live.textContent = '';
      dom.root.classList.remove('busy');
      return;
    }
    dom.root.classList.add('busy');
    try {
      // anticipate: the hits of the words as the visitor will likely go on typing them come
      // beside this search's (docs/js-api.md), so most later keystrokes of a word fetch nothing.
      const result = await searcher.search(query, { ...this.#options(0), signal, anticipate: kAnticipate });
      await this.#parts.facets.ready();  // fetched since the index opened, beside the search's parts
      if (ticket !== this.#ticket) return;
      loader.searched();
      this.show(query, result);
      if (announce) results.announce();
      this.#view.emit('osprey-results', { query, total: result.total, shown: results.hits.length });
    } catch (error) {
      if (ticket === this.#ticket && error?.code !== 'aborted') loader.showError(error);
    } finally {
      if (ticket === this.#ticket) dom.root.classList.remove('busy');
    }
  }

  /** Starts fetching what the search for the query typed will need first (see Searcher.prefetch). */
  prefetch() {
    const { query } = this.#view;
    if (this.#parts.loader.searcher && query.trim()) this.#parts.loader.searcher.prefetch(query, this.#options(0));
  }

  /** The next page of the result shown ("show more"). */
  async more() {
    const { loader, results } = this.#parts;
    const ticket = this.#ticket;
    const button = this.#view.dom.more;
    button.disabled = true;
    try {
      const result = await loader.searcher.search(results.query,
                                                  { ...this.#options(results.hits.length), signal: this.#cancel.signal });
      if (ticket !== this.#ticket) return;
      loader.searched();
      const items = results.append(result.hits);
      results.showMore(result.total);
      // Keyboard users land on the first new result, not back at the top.
      items[0]?.querySelector('.link')?.focus?.();
      this.#view.emit('osprey-results', { query: results.query, total: result.total, shown: results.hits.length });
    } catch (error) {
      if (ticket === this.#ticket && error?.code !== 'aborted') loader.showError(error);
    } finally {
      button.disabled = false;
    }
  }

  /** Renders a result; keepHits (the strings changed): the hits shown, again in the new words and dates. */
  show(query, result, { keepHits = false } = {}) {
    const { results, facets, sort } = this.#parts;
    const dom = this.#view.dom;
    dom.error.hidden = true;
    dom.bar.hidden = false;
    dom.tools.hidden = false;
    results.showSummary(query, result, facets.filtering);
    this.showFacets(result);
    sort.render();
    results.showHits(keepHits ? results.hits : result.hits, result.total);
  }

  /** Renders the facets of the result shown (also once widget/facet-list.js has come). */
  showFacets(result) {
    const dom = this.#view.dom;
    const facetsShown = this.#parts.facets.render(result.facets || {});
    dom.body.classList.toggle('with-filters', facetsShown);
    dom.body.hidden = result.total === 0 && !facetsShown;
  }

  #options(offset) {
    const host = this.#view.host;
    const options = {
      offset, limit: intAttribute(host, 'limit', 10, 1, 100), ...this.#parts.facets.searchOptions(),
      browse: host.hasAttribute('browse'), sort: this.#parts.sort.value,
    };
    if (host.hasAttribute('excerpt-words')) options.excerptWords = intAttribute(host, 'excerpt-words', 30, 4, 200);
    return options;
  }

  #writeUrl() {
    const { facets, sort, url } = this.#parts;
    const fields = url.filtersRead ? facets.shown : [];
    const query = this.#view.query;
    url.write(fields, { query: query.trim() ? query : '', sort: sort.value, filters: facets.selected(fields) });
  }
}
