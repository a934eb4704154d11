// What an index offers <osprey-search>: the fields it can facet by and the
// sorts it can do, from the searcher's field descriptors
// (searcher.fields: [{name, searchable, stored, facet, sortable, boost, weight}]).
import { words } from './attributes.js';
import { kDefaultSorts } from './sort.js';

/** The sort keys of a sortable field: FIELD, FIELD:asc, FIELD:desc. */
function sortKeys(field) {
  return [field, `${field}:desc`, `${field}:asc`];
}

/**
 * Resolves to {facetFields: [names, in the index's order], sortable: Set of
 * sort keys, "relevance" first}. host: the element (its sorts attribute names
 * the fields the fallback tries).
 */
export async function indexOffer(searcher, host) {
  if (searcher.fields === undefined) return probeOffer(searcher, host);
  const fields = Array.isArray(searcher.fields) ? searcher.fields : [];
  const sortable = new Set(['relevance']);
  for (const field of fields) if (field.sortable) for (const key of sortKeys(field.name)) sortable.add(key);
  return { facetFields: fields.filter((f) => f.facet).map((f) => f.name), sortable };
}

// TODO(contract-merge): delete once Osprey.open() gives searcher.fields: the
// offer learnt by searching, a browse for the facet fields and one sort per
// field the sorts ask for (an error with code "invalid-argument": not sortable).
async function probeOffer(searcher, host) {
  const probe = await searcher.search('', { browse: true, limit: 0, facets: true });
  const sortable = new Set(['relevance']);
  const fields = new Set(kDefaultSorts.concat(words(host.getAttribute('sorts')))
    .filter((s) => s !== 'relevance').map((s) => s.split(':')[0]));
  for (const field of fields) {
    try {
      await searcher.search('', { browse: true, limit: 0, facets: false, sort: `${field}:desc` });
      for (const key of sortKeys(field)) sortable.add(key);
    } catch (error) {
      if (error.code !== 'invalid-argument') throw error;
    }
  }
  return { facetFields: Object.keys(probe.facets || {}), sortable };
}
