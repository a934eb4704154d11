// The widget's state in the page URL: ?q=QUERY&sort=date:desc&type=Report&year=2021
// (every name after an optional prefix, the `url-prefix` attribute; a facet
// field may repeat). Other parameters and the fragment are left alone.
// UrlState is an element's view of it: its url-state and url-prefix attributes.

/** {query, sort, filters: Map(field -> [values])} from a URL's search part. */
function readUrlState(href, prefix, facetFields) {
  const params = new URL(href).searchParams;
  const filters = new Map();
  for (const field of facetFields) {
    const values = [...new Set(params.getAll(prefix + field).filter((v) => v !== ''))];
    if (values.length) filters.set(field, values);
  }
  return {
    query: params.get(prefix + 'q') ?? '',
    sort: params.get(prefix + 'sort') ?? '',
    filters,
  };
}

/** href with the state written in (query, sort unless "relevance", filters). */
function writeUrlState(href, prefix, facetFields, { query, sort, filters }) {
  const url = new URL(href);
  const params = url.searchParams;
  for (const name of ['q', 'sort', ...facetFields]) params.delete(prefix + name);
  if (query) params.set(prefix + 'q', query);
  if (sort && sort !== 'relevance') params.set(prefix + 'sort', sort);
  for (const [field, values] of filters) {
    for (const value of values) params.append(prefix + field, value);
  }
  return url.href;
}

export class UrlState {
  /** Whether the URL's filters were read (that needs the index's facet fields). */
  filtersRead = false;
  #host;

  constructor(host) {
    this.#host = host;
  }

  /** Whether the state is kept in the URL (not url-state="off"). */
  get enabled() {
    return this.#host.getAttribute('url-state') !== 'off';
  }

  get #prefix() {
    return this.#host.getAttribute('url-prefix') || '';
  }

  /** The state in the page's URL: {query, sort, filters} (filters of facetFields). */
  read(facetFields) {
    return readUrlState(location.href, this.#prefix, facetFields);
  }

  /** Writes the state into the page's URL (replacing its history entry), when enabled. */
  write(facetFields, state) {
    if (!this.enabled) return;
    const next = writeUrlState(location.href, this.#prefix, facetFields, state);
    if (next !== location.href) history.replaceState(history.state, '', next);
  }

  /** The page's URL searching for query, sorted by sort, unfiltered. */
  link(query, sort) {
    return writeUrlState(location.href, this.#prefix, [], { query, sort, filters: new Map() });
  }
}
