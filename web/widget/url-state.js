// The widget's state in the page URL: ?q=QUERY&sort=date:desc&type=Report&year=2021
// (every name after an optional prefix, the `url-prefix` attribute; a facet
// field may repeat). Other parameters and the fragment are left alone.

/** {query, sort, filters: Map(field -> [values])} from a URL's search part. */
export function readUrlState(href, prefix, facetFields) {
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
export function writeUrlState(href, prefix, facetFields, { query, sort, filters }) {
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
