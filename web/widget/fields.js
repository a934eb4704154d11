// What an index offers <osprey-search>: the fields it can facet by and the
// sorts it can do, from the searcher's field descriptors
// (searcher.fields: [{name, searchable, stored, facet, sortable, boost, weight}]).

/** The sort keys of a sortable field: FIELD, FIELD:asc, FIELD:desc. */
function sortKeys(field) {
  return [field, `${field}:desc`, `${field}:asc`];
}

/**
 * {facetFields: [names, in the index's order], sortable: Set of sort keys,
 * "relevance" first}.
 */
export function indexOffer(searcher) {
  const fields = Array.isArray(searcher.fields) ? searcher.fields : [];
  const sortable = new Set(['relevance']);
  for (const field of fields) if (field.sortable) for (const key of sortKeys(field.name)) sortable.add(key);
  return { facetFields: fields.filter((f) => f.facet).map((f) => f.name), sortable };
}
