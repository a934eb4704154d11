// What <osprey-search> learns an index offers (web/widget/fields.js): the facet
// fields and sorts, from the searcher's field descriptors (no probe searches).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { indexOffer } from '../../web/widget/fields.js';

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
  const offer = indexOffer(searcher);
  assert.deepEqual(offer.facetFields, ['type', 'year']);
  assert.deepEqual([...offer.sortable], ['relevance', 'date', 'date:desc', 'date:asc', 'year', 'year:desc', 'year:asc']);
  assert.deepEqual(indexOffer({ ...noSearches, fields: [] }),
                   { facetFields: [], sortable: new Set(['relevance']) });
});
