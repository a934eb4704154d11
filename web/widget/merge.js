// Several indexes searched as one ranked list (Searcher.mergeIndex,
// docs/js-api.md "mergeIndex"), imported by widget/searcher.js only when a page
// merges. Each index runs in its own engine (its own worker); a search asks all
// of them at once and merges their lists.
//
// The merge keeps each index's own order (a k-way merge of the ranked lists:
// the engine's order also weighs typos and match tiers, which hits do not
// carry) and picks, at each step, the head that ranks first by: a full match
// (every query term) before a partial one, then more query terms matched, then
// score × the index's weight; with a sort field, that field's value instead.
// Scores are raw BM25F, not normalised: indexes built with the same schema
// score on one scale (idf differs with each index's size and word counts, so
// a word rare in one index but common in the other weighs more there); a
// normalisation by each list's top score would rank every index's best hit
// alike, however weak. Totals and facet counts add up; terms are the first
// index's, didYouMean the first one given.
// No imports: it is imported by URL (widget/merge-loader.js; a bundle carries
// it minified as widget/merge.js beside osprey.js: scripts/bundle-web.mjs),
// so it must stand alone.

const kMaxLimit = 1000;  // kMaxLimit of src/search/query/search.hpp: the deepest page merged

/** filters as a list of {field, values, mode} (a search's filters object or array); null when neither. */
export function filterList(filters) {
  if (filters === undefined || filters === null) return [];
  if (Array.isArray(filters)) return filters;
  if (typeof filters !== 'object') return null;
  return Object.entries(filters).map(([field, values]) => ({ field, values }));
}

const isCount = (v) => Number.isInteger(v) && v >= 0;

/** The sort field and direction of options.sort, or null for relevance. */
function sortKey(sort) {
  if (sort && typeof sort === 'object') return sort.field ? { field: String(sort.field), descending: sort.descending !== false } : null;
  if (typeof sort !== 'string' || sort === '' || sort === 'relevance') return null;
  const [field, direction = 'desc'] = sort.split(':');
  return { field, descending: direction !== 'asc' };
}

/** Negative when hit a (of source sa) ranks before b (of sb). */
function comparer(sort) {
  if (sort) {
    const order = sort.descending ? -1 : 1;
    return (a, sa, b, sb) => {
      const x = a.fields?.[sort.field];
      const y = b.fields?.[sort.field];
      if (x === undefined || y === undefined) return (x === undefined) - (y === undefined);  // missing last
      return order * String(x).localeCompare(String(y), undefined, { numeric: true });
    };
  }
  return (a, sa, b, sb) => (Number(b.full) - Number(a.full)) || (b.matched.length - a.matched.length) ||
    (b.score * sb.weight - a.score * sa.weight);
}

/**
 * search() over sources ([own, ...merged], each {searcher, weight, filters}
 * and own with search(q, o) of its own engine): one result, hits of
 * [offset, offset + limit) of the merged list, each naming its indexUrl.
 */
export async function search(own, merged, query, options) {
  const { offset = 0, limit = 10 } = options;
  if (!isCount(offset) || !isCount(limit)) return own.search(query, options);  // the engine's message
  const depth = Math.min(offset + limit, kMaxLimit);
  const sources = [own, ...merged];
  const results = await Promise.all(sources.map((s, i) => {
    const o = { ...options, offset: 0, limit: depth };
    if (s.filters.length) o.filters = [...(filterList(options.filters) ?? [options.filters]), ...s.filters];
    return i === 0 ? own.search(query, o) : s.searcher.search(query, o);
  }));
  const better = comparer(sortKey(options.sort));
  const heads = results.map(() => 0);
  const hits = [];
  while (hits.length < depth) {
    let best = -1;
    for (let i = 0; i < results.length; ++i) {
      const hit = results[i].hits[heads[i]];
      if (!hit) continue;
      if (best < 0 || better(hit, sources[i], results[best].hits[heads[best]], sources[best]) < 0) best = i;
    }
    if (best < 0) break;
    hits.push({ ...results[best].hits[heads[best]++], indexUrl: sources[best].searcher.indexUrl });
  }
  const first = results[0];
  return {
    ...first,
    total: results.reduce((n, r) => n + r.total, 0),
    fullTotal: results.reduce((n, r) => n + r.fullTotal, 0),
    didYouMean: results.find((r) => r.didYouMean)?.didYouMean ?? '',
    hits: hits.slice(offset),
    facets: addFacets(results.map((r) => r.facets)),
  };
}

/** Facet lists summed value by value, in the engine's order: count descending, then value. */
function addFacets(all) {
  const fields = new Map();  // field -> Map(value -> {value, count, selected})
  for (const facets of all) {
    for (const [field, values] of Object.entries(facets || {})) {
      if (!fields.has(field)) fields.set(field, new Map());
      const sum = fields.get(field);
      for (const v of values) {
        const had = sum.get(v.value);
        sum.set(v.value, had ? { ...had, count: had.count + v.count, selected: had.selected || v.selected } : { ...v });
      }
    }
  }
  const byCount = (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  return Object.fromEntries([...fields].map(([field, sum]) => [field, [...sum.values()].sort(byCount)]));
}

/** complete() over the merged indexes: one list, documents added per completed query, most first. */
export async function complete(ownList, merged, query, n, options) {
  const lists = await Promise.all([ownList, ...merged.map((m) => m.searcher.complete(query, n, options))]);
  const byQuery = new Map();
  for (const c of lists.flat()) {
    const had = byQuery.get(c.query);
    byQuery.set(c.query, had ? { ...had, docs: had.docs + c.docs } : { ...c });
  }
  return [...byQuery.values()].sort((a, b) => b.docs - a.docs).slice(0, n);
}
