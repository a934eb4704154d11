// The options object of search(): osprey-core.js sends it to the engine as JSON
// text, and the engine alone reads and checks it (src/search/query/options_json.hpp).
// It accepts what the page API always accepted, with the messages it always gave.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { buildSampleIndex, createCore } from './helpers.mjs';

let core;

before(async () => {
  ({ core } = await createCore());
  core.load(buildSampleIndex().bytes);
});

after(() => core?.close());

const cyclic = {};
cyclic.self = cyclic;

// [options, the message of the invalid-argument OspreyError]
const invalid = [
  [{ offset: 1.5 }, 'offset must be a non-negative integer (got 1.5)'],
  [{ limit: -1 }, 'limit must be a non-negative integer (got -1)'],
  [{ limit: '5' }, 'limit must be a non-negative integer (got 5)'],
  [{ limit: NaN }, 'limit must be a non-negative integer (got NaN)'],
  [{ limit: -Infinity }, 'limit must be a non-negative integer (got -Infinity)'],
  [{ limit: 5n }, 'limit must be a non-negative integer (got 5)'],
  [{ limit: null }, 'limit must be a non-negative integer (got null)'],
  [{ limit: true }, 'limit must be a non-negative integer (got true)'],
  [{ limit: {} }, 'limit must be a non-negative integer (got [object Object])'],
  [{ limit: [1, [2, null], []] }, 'limit must be a non-negative integer (got 1,2,,)'],
  [{ limit: 'a\u00e9\ud83d\ude00"\\' }, 'limit must be a non-negative integer (got a\u00e9\ud83d\ude00"\\)'],
  [{ excerptWords: -2 }, 'excerptWords must be a non-negative integer (got -2)'],
  [{ facetLimit: 0.5 }, 'facetLimit must be a non-negative integer (got 0.5)'],
  [{ prefix: 'yes' }, 'prefix must be true or false'],
  [{ typos: null }, 'typos must be true or false'],
  [{ partial: 0 }, 'partial must be true or false'],
  [{ browse: 'true' }, 'browse must be true or false'],
  [{ facets: [] }, 'facets must be true or false'],
  [{ suggest: {} }, 'suggest must be true or false'],
  [{ filters: 'type' }, 'filters must be an object or an array'],
  [{ filters: null }, 'filters must be an object or an array'],
  [{ filters: false }, 'filters must be an object or an array'],
  [{ filters: [{ field: 'type', values: ['Report'], mode: 'some' }] }, 'filter mode must be "any", "all" or "none"'],
  [{ filters: [{ field: 'type', mode: 1 }] }, 'filter mode must be "any", "all" or "none"'],
  [{ ranges: {} }, 'ranges must be an array'],
  [{ sort: 'date:up' }, 'sort direction must be asc or desc'],
  [{ sort: 'date:' }, 'sort direction must be asc or desc'],
  [{ fields: 'summary' }, 'fields must be an array of field names'],
  [{ fields: ['summary', 2] }, 'fields must be an array of field names'],
  ['a string', 'options must be an object'],
  [[], 'options must be an object'],
  [42, 'options must be an object'],
  // The first problem in the page API's order: counts, flags, filters, ranges, sort.
  [{ sort: 'date:up', ranges: 1, filters: 1, prefix: 1, limit: -1 }, 'limit must be a non-negative integer (got -1)'],
  [{ sort: 'date:up', ranges: 1, filters: 1, prefix: 1 }, 'prefix must be true or false'],
  [{ sort: 'date:up', ranges: 1, filters: 1 }, 'filters must be an object or an array'],
  [{ sort: 'date:up', ranges: 1 }, 'ranges must be an array'],
  // Fields that are not there: the search's own check.
  [{ filters: { colour: 'red' } }, 'filter: "colour" is not a facet field'],
  [{ sort: 'title' }, 'sort: "title" is not a sortable field'],
  [{ fields: ['summary', 'colour'] }, 'fields: "colour" is not a stored field'],
  [{ fields: ['year'] }, 'fields: "year" is not a stored field'],
];

for (const [options, message] of invalid) {
  const label = JSON.stringify(options, (k, v) => (typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v)) ? `${v}` : v));
  test(`search options ${label} -> ${message}`, () => {
    assert.throws(() => core.search('syria', options), { name: 'OspreyError', code: 'invalid-argument', message });
    assert.equal(core.search('torture').total, 4, 'the engine keeps working');
  });
}

test('options JSON cannot hold (a cycle) are an invalid-argument error', () => {
  assert.throws(() => core.search('syria', cyclic),
                { name: 'OspreyError', code: 'invalid-argument', message: /^options must be an object: / });
  assert.equal(core.search('torture').total, 4);
});

// Groups of options that must give the same result (the first of each is canonical).
const same = [
  [undefined, null, false, {}, { colour: 'red' }, { offset: 0, limit: 10 }, { offset: -0 }, { sort: 'relevance' },
   { sort: '' }, { sort: 5 }, { sort: null }, { sort: true }, { limit: 10.0 }],
  [{ filters: [{ field: 'type', values: ['Report'], mode: 'any' }] }, { filters: { type: 'Report' } },
   { filters: { type: ['Report'] } }, { filters: [{ field: 'type', values: 'Report' }] },
   { filters: [{ field: 'type', values: ['Report'], mode: '' }] },
   { filters: [{ field: 'type', values: ['Report'], mode: null }] }],
  [{ filters: { year: ['2021'] } }, { filters: { year: 2021 } }, { filters: [{ field: 'year', values: [2021] }] }],
  [{ filters: [{ field: 'type', values: ['Report', 'Country'], mode: 'none' }] },
   { filters: [{ field: 'type', values: ['Report', 'Country'], mode: 'none', extra: 1 }] }],
  [{ filters: [{ field: 'type', values: [] }] }, { filters: [{ field: 'type', values: null }] },
   { filters: [{ field: 'type' }] }, { filters: { type: null } }, { filters: { type: [] } }],
  [{ ranges: [{ field: 'date', from: '', to: '2021' }] }, { ranges: [{ field: 'date', to: '2021' }] },
   { ranges: [{ field: 'date', from: null, to: '2021' }] }],
  [{ sort: { field: 'date', descending: true } }, { sort: 'date' }, { sort: 'date:desc' }, { sort: { field: 'date' } },
   { sort: { field: 'date', descending: 0 } }, { sort: 'date:desc:ignored' }],
  [{ sort: { field: 'date', descending: false } }, { sort: 'date:asc' }],
  [{ limit: 1000 }, { limit: 2 ** 40 }, { limit: 1e300 }],
];

for (const [canonical, ...others] of same) {
  for (const options of others) {
    test(`search options ${JSON.stringify(options)} = ${JSON.stringify(canonical)}`, () => {
      assert.deepEqual(core.search('syria', options), core.search('syria', canonical));
    });
  }
}

test('the options do what they say', () => {
  const all = core.search('syria', { limit: 1000 });
  assert.equal(all.total, 10);
  assert.deepEqual(core.search('syria', { offset: 2, limit: 3 }).hits, all.hits.slice(2, 5));
  assert.equal(core.search('syria', { filters: { type: 'Report' } }).total, 1);
  assert.equal(core.search('syria', { ranges: [{ field: 'date', from: '2021-09', to: '2021' }] }).total, 3);
  const oldest = core.search('syria', { sort: 'date:asc', limit: 1000 }).hits.map((h) => h.fields.date);
  assert.deepEqual(oldest, [...oldest].sort());
  assert.equal(core.search('tortrue', { typos: false }).total, 0);
  // torture (1 edit) and its stem family (tortured, torturing): what torture finds.
  assert.equal(core.search('tortrue').total, 4);
  assert.equal(core.search('torture', { prefix: false }).total, 4);
  assert.equal(core.search('tortu', { prefix: false }).total, 0);
  assert.equal(core.search('', { browse: true }).total, 10);
  assert.equal(core.search('', {}).total, 0);
  assert.deepEqual(core.search('syria', { facets: false }).facets, {});
  assert.equal(core.search('tortrue').didYouMean, 'torture');
  assert.equal(core.search('tortrue', { suggest: false }).didYouMean, '');
  assert.equal(core.search('syria', { facetLimit: 1 }).facets.type.length, 1);
  assert.ok(core.search('syria').facets.type.length > 1);
  const short = core.search('torture', { excerptWords: 3 }).hits[0].excerpts.summary;
  assert.ok(short.segments.map((s) => s.text).join('').split(/\s+/).filter(Boolean).length <= 3);
});
