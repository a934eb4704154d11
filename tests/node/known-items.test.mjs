// Known-item searches on the sample (data/news.json) through the wasm engine,
// with the expectations of tests/unit/search_test.cpp.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { buildSampleIndex, createCore, urls } from './helpers.mjs';

let core;

before(async () => {
  ({ core } = await createCore());
  assert.equal(core.load(buildSampleIndex().bytes).docCount, 10);
});

after(() => core?.close());

function hitUrls(query, options) {
  return core.search(query, options).hits.map((h) => h.fields.url);
}

test('torture finds the Koblenz verdict and the returning-refugees report, in rank order', () => {
  const r = core.search('torture', { limit: 20 });
  assert.equal(r.total, 4);
  assert.deepEqual(r.terms, ['torture']);
  assert.deepEqual(r.hits.map((h) => h.fields.url),
                   [urls.returning, urls.trial, urls.koblenz, urls.iran]);
  assert.ok(r.hits.every((h, i) => i === 0 || h.score <= r.hits[i - 1].score));
});

for (const [query, expected] of [
  ['Koblenz', urls.koblenz],
  ['Raslan', urls.koblenz],
  ['Denmark', urls.denmark],
  ['deportation', urls.deportation],
  ['Idlib', urls.idlib],
  ["A'lo", urls.deportation],
  ['A’lo', urls.deportation],
  ['alo', urls.deportation],
  ['Al Zo’bi', urls.deportation],
  ['UA 45.21', urls.denmark],
]) {
  test(`${query} finds its item first`, () => {
    assert.equal(hitUrls(query)[0], expected);
  });
}

test('hits carry their display fields as plain strings, a long summary as its excerpt', () => {
  const [hit] = core.search('Koblenz').hits;
  assert.deepEqual(Object.keys(hit).sort(), ['doc', 'excerpts', 'fields', 'full', 'matched', 'score']);
  assert.equal(hit.doc, 0);
  // The summary (164 words) is longer than its excerpt: only the excerpt comes,
  // with where it starts in the summary; {fields: ['summary']} asks for all of it.
  assert.deepEqual(Object.keys(hit.fields), ['title', 'type', 'date', 'url']);
  const { summary } = core.search('Koblenz', { fields: ['summary'] }).hits[0].fields;
  assert.equal(summary.split(/\s+/).length, 164);
  assert.equal(hit.excerpts.summary.offset, 0);
  assert.equal(hit.excerpts.title.offset, 0);
  const later = core.search('Raslan').hits[0];
  assert.equal(later.doc, 0);
  const excerpt = later.excerpts.summary;
  assert.equal(excerpt.cutStart, true);
  assert.equal(excerpt.offset, 28);
  assert.equal(summary.indexOf(excerpt.segments.map((s) => s.text).join('')), 28);
  assert.equal(hit.fields.title,
               'Conviction of Syrian official for crimes against humanity a historic win for justice');
  assert.equal(hit.fields.date, '2022-01-13');
  assert.equal(hit.fields.type, 'Press Release');
});

test('all terms are required; paging keeps the exact total', () => {
  assert.deepEqual(hitUrls('torture Koblenz', { partial: false }), [urls.koblenz]);
  assert.deepEqual(hitUrls('torture Denmark', { partial: false }), []);
  const all = core.search('syria', { limit: 100, prefix: false, typos: false });
  const page = core.search('syria', { offset: 2, limit: 3, prefix: false, typos: false });
  assert.equal(page.total, all.total);
  assert.deepEqual(page.hits, all.hits.slice(2, 5));
  assert.equal(all.total, 9);
  assert.equal(core.search('syria', { prefix: false, typos: false }).hits.length, 9);  // the default limit is 10
  assert.equal(core.search('syria', { limit: 4 }).hits.length, 4);
  // As a prefix (still being typed), syria also finds syrian and syrians.
  assert.equal(core.search('syria').total, 10);
});
