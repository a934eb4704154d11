// How osprey-engine.js and osprey-core.js load in Node: require() (web/engine/
// holds a CommonJS package.json), the .wasm found without wasmBinary (the
// --pre-js wasm/node_pre.js), and the Embind surface that osprey-core.js uses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

import { buildSampleIndex, cli, enginePath, loadCore, newsFields, tmpDir } from './helpers.mjs';

const require = createRequire(import.meta.url);

test('require() gives the factory; it finds its .wasm without wasmBinary', async () => {
  const OspreyEngine = require(enginePath);
  assert.equal(typeof OspreyEngine, 'function');
  const module = await OspreyEngine();
  assert.equal(typeof module.Engine, 'function');
  assert.ok(module.heapSize() >= 16 << 20);

  const engine = new module.Engine();
  try {
    // Error values, never exceptions; plain objects copied out of the heap.
    // Options arrive as JSON text (osprey-core.js sends JSON.stringify of them).
    assert.deepEqual(engine.search('torture', '{}'),
                     { ok: false, code: 'not-loaded', message: 'no index loaded (call load first)' });
    assert.deepEqual(engine.load('{}'), {
      ok: false, code: 'unsupported',
      message: 'index is in the JSON format of version 1; this reader reads version 6 (run osprey index again)',
    });
    // load answers the index's field descriptors (the built-in schema here).
    assert.deepEqual(engine.load(buildSampleIndex().bytes),
                     { ok: true, docCount: 10, parts: 5, language: 'en', stemmer: 'english', fields: newsFields, idField: 'url' });
    const r = engine.search('Koblenz', '{"limit": 0, "facets": false}');
    assert.deepEqual(r, { ok: true, total: 1, fullTotal: 1, terms: ['Koblenz'], hits: [], facets: {}, didYouMean: '' });
    assert.deepEqual(engine.search('Koblenz', '{"limit": -1}'),
                     { ok: false, code: 'invalid-argument', message: 'limit must be a non-negative integer (got -1)' });
    assert.deepEqual(engine.search('Koblenz', '"not an object"'),
                     { ok: false, code: 'invalid-argument', message: 'options must be an object' });
    assert.deepEqual(engine.search('Koblenz', '{"limit": 1'),
                     { ok: false, code: 'invalid-argument', message: 'options must be an object (not JSON at byte 11)' });
    assert.equal(Object.getPrototypeOf(engine.search('Koblenz', '{"limit": 1}').hits[0].fields), Object.prototype);
    // complete's n comes as JSON too: a bad n is an error value, not a trap.
    assert.deepEqual(engine.complete('syrian ref', '{"n": 1}'),
                     { ok: true, completions: [{ query: 'syrian refugees', term: 'refugees', docs: 2 }] });
    assert.deepEqual(engine.complete('syrian ref', '{"n": 1.5}'),
                     { ok: false, code: 'invalid-argument', message: 'n must be a non-negative integer (got 1.5)' });
    // The reader is a loop, not a recursion: any nesting (under a key it
    // ignores) costs memory, never the stack; JSON that ends early is an error.
    const deep = 200000;
    assert.equal(engine.search('Koblenz', `{"x": ${'['.repeat(deep)}${']'.repeat(deep)}, "limit": 0}`).total, 1);
    assert.equal(engine.search('Koblenz', `{"x": ${'['.repeat(deep)}}`).code, 'invalid-argument');
    assert.deepEqual(engine.search('Koblenz', `{"x": "${'y'.repeat(1 << 20)}"}`),
                     { ok: false, code: 'invalid-argument', message: 'options must be at most 1 MiB of JSON' });
  } finally {
    engine.delete();
  }
});

test('osprey-core.js finds the global OspreyEngine when no factory is passed', async () => {
  const OspreyCore = loadCore();
  await assert.rejects(OspreyCore.create({}), { name: 'OspreyError', code: 'engine-failed' });
  globalThis.OspreyEngine = require(enginePath);
  try {
    const core = await OspreyCore.create({});
    assert.equal(core.load(buildSampleIndex().bytes).docCount, 10);
    assert.equal(core.search('Raslan').total, 1);
    core.close();
  } finally {
    delete globalThis.OspreyEngine;
  }
  await assert.rejects(OspreyCore.create({}, () => Promise.reject(new Error('no wasm\nhere'))),
                       { code: 'engine-failed', message: 'the search engine did not start: no wasm here' });
});

// The engine hands a result to JS as JSON text (one JSON.parse): strings that
// JSON must escape, control characters, text beyond the BMP and U+2028 come
// out exactly as stored, and a hit is the value it always was.
test('search results keep stored text exactly: escapes, control characters, astral text', async () => {
  const dir = tmpDir();
  const records = [
    { url: 'u"1\\', title: 'Quote " back\\slash \u0001 tab\there zebra', body: 'line\none \u2028 “curly” 😀 zebra \u001f end' },
    { url: 'u2', title: 'Plain', body: 'zebra crossing' },
  ];
  fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(records));
  fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify({
    id: 'url', fields: [{ name: 'title', weight: 3, stored: true }, { name: 'body', weight: 1, stored: true }, { name: 'url', stored: true }],
  }));
  const out = path.join(dir, 'r.osp');
  const built = cli(['index', path.join(dir, 'r.json'), '--config', path.join(dir, 's.json'), '-o', out]);
  assert.equal(built.status, 0, built.stderr);
  const OspreyEngine = require(enginePath);
  const module = await OspreyEngine();
  const engine = new module.Engine();
  try {
    assert.equal(engine.load(fs.readFileSync(out)).ok, true);
    const r = engine.search('zebra', '{"facets": false}');
    assert.equal(r.total, 2);
    const hit = r.hits.find((h) => h.fields.url === records[0].url);
    assert.deepEqual(Object.keys(hit), ['doc', 'score', 'full', 'matched', 'fields', 'excerpts']);
    assert.deepEqual(hit.fields, records[0]);
    assert.ok(Number.isFinite(hit.score) && hit.score > 0);
    assert.equal(hit.full, true);
    assert.deepEqual(hit.matched, [0]);
    for (const field of ['title', 'body']) {
      const e = hit.excerpts[field];
      assert.equal(e.segments.map((s) => s.text).join(''), records[0][field]);
      assert.deepEqual(e.segments.filter((s) => s.match).map((s) => s.text), ['zebra']);
      assert.equal(e.cutStart, false);
      assert.equal(e.cutEnd, false);
    }
    assert.deepEqual(r.terms, ['zebra']);
  } finally {
    engine.delete();
  }
});
