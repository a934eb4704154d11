// The wasm engine must answer exactly like the native CLI on the same index:
// `osprey search --json` prints the value the engine gives a page (one writer,
// src/search/query/result_json.hpp), so the two are equal to the last key and score,
// for the same query and the same options (--options takes the page's object).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { buildSampleIndex, cli, cliSearch, createCore } from './helpers.mjs';

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
  ['syria', { filters: { type: ['Report', 'Country'] }, sort: 'date:asc' }],
  ['syria', { filters: [{ field: 'type', values: ['Press Release'], mode: 'none' }], facetLimit: 1 }],
  ['syria', { ranges: [{ field: 'date', from: '2021-09', to: '2021' }], excerptWords: 5 }],
  ['tortrue', { typos: false, suggest: false }],
  ['', { browse: true, limit: 3, offset: 4 }],
  ['syria torture', { ranking: { termSaturation: 0.5, pageLength: 0.2, fieldWeights: { summary: 4, title: 0.5 } } }],
  ['"human rights"', { ranking: { pageLength: 1, fieldWeights: { title: 100 } } }],
];

let core;
let index;

before(async () => {
  index = buildSampleIndex();
  ({ core } = await createCore());
  assert.equal(core.load(index.bytes).docCount, 10);
});

after(() => core?.close());

for (const [query, asked = {}] of cases) {
  const options = { offset: 0, limit: 20, ...asked };
  const label = query.length > 40 ? `${query.slice(0, 20)}… (${query.length} chars)` : JSON.stringify(query);
  test(`wasm = CLI for ${label} ${JSON.stringify(options)}`, () => {
    const expected = cliSearch(index.path, query, options);
    const actual = core.search(query, options);
    assert.equal(actual.total, expected.total, 'total');
    assert.deepEqual(actual.hits.map((h) => h.doc), expected.hits.map((h) => h.doc), 'doc ids');
    actual.hits.forEach((hit, i) => {
      assert.equal(hit.score, expected.hits[i].score, `score of hit ${i}`);
      assert.deepEqual(hit.fields, expected.hits[i].fields, `fields of hit ${i}`);
    });
    assert.deepEqual({ ok: true, ...actual }, expected, 'the whole value');
  });
}

for (const [query, n] of [['syrian ref', 5], ['tor', 2], ['', 5], ['zzz', 5]]) {
  test(`wasm = CLI for the completions of ${JSON.stringify(query)} (${n})`, () => {
    const r = cli(['search', index.path, query, '--complete', '--json', '--limit', String(n)]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { ok: true, completions: core.complete(query, n) });
  });
}

test('the CLI checks --options as the engine does, with its message', () => {
  for (const [options, message] of [[{ limit: 1.5 }, 'limit must be a non-negative integer (got 1.5)'],
                                    [{ sort: 'date:up' }, 'sort direction must be asc or desc'],
                                    [{ ranking: { pageLength: 2 } }, 'ranking.pageLength must be a number from 0 to 1 (got 2)'],
                                    [[], 'options must be an object']]) {
    assert.throws(() => core.search('syria', options), { message });
    const r = cli(['search', index.path, 'syria', '--options', JSON.stringify(options)]);
    assert.deepEqual([r.status, r.stderr], [2, `osprey: --options: ${message}\n`]);
  }
});

test('the parity cases are not trivially empty', () => {
  const withHits = cases.filter(([q, o]) => cliSearch(index.path, q, o ?? {}).hits.length > 0);
  assert.ok(withHits.length >= 25, `only ${withHits.length} cases have hits`);
  assert.equal(cliSearch(index.path, 'torture').total, 4);
});
