// What <osprey-search> learns an index offers (web/widget/fields.js): the facet
// fields and sorts, from the searcher's field descriptors, or (until
// Osprey.open gives them) by probe searches.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { indexOffer } from '../../web/widget/fields.js';

const host = (sorts) => ({ getAttribute: (name) => (name === 'sorts' ? sorts : null) });
const noSearches = { search: () => assert.fail('no search when the searcher describes its fields') };

test('field descriptors: facet fields in the index\'s order, every sortable field both ways', async () => {
  const searcher = {
    ...noSearches,
    fields: [
      { name: 'title', searchable: true, stored: true, facet: false, sortable: false, boost: 2, weight: 1 },
      { name: 'type', searchable: false, stored: true, facet: true, sortable: false, boost: 1, weight: 1 },
      { name: 'date', searchable: false, stored: true, facet: false, sortable: true, boost: 1, weight: 1 },
      { name: 'year', searchable: false, stored: false, facet: true, sortable: true, boost: 1, weight: 1 },
    ],
  };
  const offer = await indexOffer(searcher, host(null));
  assert.deepEqual(offer.facetFields, ['type', 'year']);
  assert.deepEqual([...offer.sortable], ['relevance', 'date', 'date:desc', 'date:asc', 'year', 'year:desc', 'year:asc']);
  assert.deepEqual(await indexOffer({ ...noSearches, fields: [] }, host(null)),
                   { facetFields: [], sortable: new Set(['relevance']) });
});

test('no descriptors: a browse for the facets and one sort per field the sorts name (TODO(contract-merge))', async () => {
  const asked = [];
  const searcher = {
    async search(query, options) {
      asked.push(options.sort ?? 'facets');
      if (options.sort === 'title:desc') throw Object.assign(new Error('not sortable'), { code: 'invalid-argument' });
      return { facets: options.facets ? { type: [], year: [] } : {} };
    },
  };
  const offer = await indexOffer(searcher, host('relevance title:asc'));
  assert.deepEqual(asked, ['facets', 'date:desc', 'title:desc']);
  assert.deepEqual(offer.facetFields, ['type', 'year']);
  assert.deepEqual([...offer.sortable], ['relevance', 'date', 'date:desc', 'date:asc']);
});
