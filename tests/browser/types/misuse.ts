// Must NOT compile against web/osprey.d.ts: each line below is an error that
// tests/browser/build.test.mjs expects tsc to report (so the types check something).
import { Osprey } from '../../../web/osprey.js';

export async function misuse() {
  const s = await Osprey.open('/osprey/index.json');
  await s.search(42);                                  // the query is a string
  await s.search('x', { limit: '10' });                // limit is a number
  const r = await s.search('x');
  r.hits[0].score.toUpperCase();                       // score is a number
  document.createElement('osprey-search').load('x');   // load() takes nothing
  await s.options({ ranking: { pageLength: '0.5' } }); // a ranking parameter is a number
  (await s.debouncedSearch('x')).total;                // null when superseded
  await s.mergeIndex('/other/', { weight: 'high' });   // weight is a number
  s.indexFormat = 'json';                              // the format is read-only
}
