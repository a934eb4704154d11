// How osprey-engine.js and osprey-core.js load in Node: require() (web/engine/
// holds a CommonJS package.json), the .wasm found without wasmBinary (the
// --pre-js wasm/node_pre.js), and the Embind surface that osprey-core.js uses.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { buildSampleIndex, enginePath, loadCore } from './helpers.mjs';

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
    assert.deepEqual(engine.search('torture', {}),
                     { ok: false, code: 'not-loaded', message: 'no index loaded (call load first)' });
    assert.deepEqual(engine.load('{}'), {
      ok: false, code: 'unsupported',
      message: 'index is in the JSON format of version 1; this reader reads version 2 (run osprey index again)',
    });
    assert.deepEqual(engine.load(buildSampleIndex().bytes), { ok: true, docCount: 10, parts: 2 });
    const r = engine.search('Koblenz', { limit: 0, facets: false });
    assert.deepEqual(r, { ok: true, total: 1, fullTotal: 1, terms: ['Koblenz'], hits: [], facets: {}, didYouMean: '' });
    assert.deepEqual(engine.search('Koblenz', { limit: -1 }),
                     { ok: false, code: 'invalid-argument', message: 'limit must be a non-negative integer' });
    assert.deepEqual(engine.search('Koblenz', 'not an object'),
                     { ok: false, code: 'invalid-argument', message: 'options must be an object' });
    assert.equal(Object.getPrototypeOf(engine.search('Koblenz', { limit: 1 }).hits[0].fields), Object.prototype);
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
