// The wasm engine must answer exactly like the native CLI on the same index:
// same totals, same doc ids in the same order, same scores (to 1e-9), same
// stored fields.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { buildSampleIndex, cliSearch, createCore } from './helpers.mjs';

const longQuery = ('syria torture deportation humanitarian aid ').repeat(250).slice(0, 10000);

// [query, options]; the CLI is asked with --limit 20 unless options say otherwise.
const cases = [
  ['torture'],
  ['Koblenz'],
  ['Raslan'],
  ['Denmark'],
  ['deportation'],
  ['Idlib'],
  ["A'lo"],
  ['A’lo'],
  ['alo'],
  ['syria'],
  ['humanitarian'],
  ['TORTURE'],
  ['tortured'],
  ['torturing'],
  ['Al Zo’bi'],
  ['torture Koblenz'],
  ['torture Denmark'],
  ['humanitarian aid Syria'],
  ['crimes against humanity'],
  ['Russian war crimes'],
  ['the torture'],
  ['the of'],
  ['the'],
  ['and or but'],
  ['45.21'],
  ['UA 45.21'],
  ['2021'],
  ['151.18'],
  ['Damascus'],
  ['détention'],
  ['Syrië'],
  ['ＳＹＲＩＡ'],
  ['😀😀😀'],
  ['دمشق'],
  ['Тест'],
  [''],
  ['   '],
  ['!!! ??? ... ---'],
  ['"\'`~@#$%^&*()[]{}<>'],
  ['zzzunknown'],
  [longQuery],
  ['syria', { offset: 2, limit: 3 }],
  ['syria', { offset: 0, limit: 1 }],
  ['syria', { offset: 1000, limit: 5 }],
  ['syria', { offset: 0, limit: 0 }],
  ['syria', { offset: 0, limit: 1000 }],
];

let core;
let index;

before(async () => {
  index = buildSampleIndex();
  ({ core } = await createCore());
  assert.equal(core.load(index.bytes).docCount, 10);
});

after(() => core?.close());

for (const [query, options = { offset: 0, limit: 20 }] of cases) {
  const label = query.length > 40 ? `${query.slice(0, 20)}… (${query.length} chars)` : JSON.stringify(query);
  test(`wasm = CLI for ${label} ${JSON.stringify(options)}`, () => {
    const expected = cliSearch(index.path, query, options);
    const actual = core.search(query, options);
    assert.equal(actual.total, expected.total, 'total');
    assert.deepEqual(actual.hits.map((h) => h.doc), expected.hits.map((h) => h.doc), 'doc ids');
    actual.hits.forEach((hit, i) => {
      const want = expected.hits[i].score;
      assert.ok(Math.abs(hit.score - want) <= 1e-9, `score of hit ${i}: ${hit.score} vs ${want}`);
      assert.deepEqual(hit.fields, expected.hits[i].fields, `fields of hit ${i}`);
    });
  });
}

test('the parity cases are not trivially empty', () => {
  const withHits = cases.filter(([q, o]) => cliSearch(index.path, q, o ?? {}).hits.length > 0);
  assert.ok(withHits.length >= 25, `only ${withHits.length} cases have hits`);
  assert.equal(cliSearch(index.path, 'torture').total, 4);
});
