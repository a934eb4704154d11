// Compiles against web/osprey.d.ts (tests/browser/build.test.mjs): the JS API
// for custom UIs and the element, as a page author would use them.
import { Osprey, OspreyError, type SearchResult, type Searcher } from '../../../web/osprey.js';

export async function firstTitles(query: string): Promise<string[]> {
  const searcher: Searcher = await Osprey.open('/osprey/index.json', { worker: true });
  try {
    const r: SearchResult = await searcher.search(query, {
      filters: { type: ['Report', 'Press Release'] }, sort: 'date:desc', offset: 0, limit: 10,
    });
    const more = await searcher.search(query, { filters: [{ field: 'year', values: '2021', mode: 'none' }], typos: false });
    const completions = await searcher.complete(query, 3);
    const facets = searcher.fields.filter((f) => f.facet && !f.searchable).map((f) => `${f.name}:${f.weight}`);
    const sorts = searcher.fields.filter((f) => f.sortable).map((f) => f.name);
    const top = await searcher.search(query, { facetLimit: 5, sort: sorts[0] ?? 'relevance', fields: ['summary'] });
    const where = top.hits.map((h) => String(h.excerpts.summary?.offset ?? 0));
    const marked = r.hits.flatMap((h) => h.excerpts.title?.segments.filter((s) => s.match).map((s) => s.text) ?? []);
    const years = r.facets.year?.map((f) => `${f.value} (${f.count})`) ?? [];
    return [...r.hits.map((h) => h.fields.title ?? h.fields.url ?? ''), ...marked, ...years,
            String(more.fullTotal), ...completions.map((c) => c.query), searcher.thread, ...facets,
            searcher.language, searcher.idField, String(top.total), ...where, format(searcher)];
  } catch (error) {
    if (error instanceof OspreyError && error.code === 'network') return [];
    throw error;
  } finally {
    searcher.close();
  }
}

// Which format the index file was in ("json": converted on open).
function format(searcher: Searcher): string {
  const f: 'binary' | 'json' = searcher.indexFormat;
  return f === 'json' ? 'JSON index' : 'binary index';
}

// A custom search box: each keystroke's search cancels the one before it.
let typing: AbortController | null = null;
export async function onInput(searcher: Searcher, query: string): Promise<number | null> {
  typing?.abort();
  typing = new AbortController();
  try {
    const r = await searcher.search(query, { limit: 5, signal: typing.signal });
    await searcher.complete(query, 3, { signal: typing.signal });
    return r.total;
  } catch (error) {
    if (error instanceof OspreyError && error.code === 'aborted') return null;
    throw error;
  }
}
void Osprey.open('/osprey/index.osp', { fetchTimeout: 5000 });

// Pagefind's calls: preload, a debounced search, filters, ranking at runtime, merged sites.
export async function pagefindLike(searcher: Searcher, query: string): Promise<string[]> {
  await searcher.options({ ranking: { termSaturation: 1.4, pageLength: 0.5, fieldWeights: { title: 5 } } });
  await searcher.mergeIndex('/blog/osprey/index.osp', { weight: 0.5, filters: { type: 'Post' }, fetchTimeout: 9000 });
  await searcher.preload(query);
  const r = await searcher.debouncedSearch(query, { limit: 5 }, 200);
  const counts = await searcher.filters();
  const types = Object.entries(counts.type ?? {}).map(([value, n]) => `${value}: ${n.toFixed(0)}`);
  return [...(r?.hits.map((h) => h.indexUrl ?? searcher.indexUrl) ?? []), ...types];
}

const element = document.querySelector('osprey-search');
if (element) {
  element.strings = { noResults: 'Nothing for “{query}”.', facetLabels: { type: 'Kind' } };
  element.addEventListener('osprey-results', (e) => console.log(e.detail.total, e.detail.query));
  element.addEventListener('osprey-error', (e) => console.log(e.detail.code));
  void element.load().then(() => [element.searcher?.docCount, element.indexLanguage.toUpperCase(), element.indexUrl]);
  element.search('torture');
}
const created = document.createElement('osprey-search');
created.query = 'syria';
