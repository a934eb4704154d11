// Bad indexes give OspreyErrors with the CLI's exact message; the engine stays
// usable afterwards and does not leak memory on failed loads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { buildSampleIndex, cliLoadError, createCore, tmpDir } from './helpers.mjs';

let OspreyCore;
let core;
let good;  // {path, text} of the sample index
let dir;

before(async () => {
  dir = tmpDir();
  good = buildSampleIndex(dir);
  ({ OspreyCore, core } = await createCore());
});

after(() => core?.close());

function mutated(change) {
  const j = JSON.parse(good.text);
  change(j);
  return JSON.stringify(j);
}

function loadError(input) {
  try {
    core.load(input);
  } catch (error) {
    return error;
  }
  assert.fail('load succeeded');
}

function assertUsable() {
  assert.equal(core.load(good.text).docCount, 10);
  const r = core.search('torture', { limit: 20 });
  assert.equal(r.total, 4);
  assert.deepEqual(r.terms, ['torture']);
}

// [name, index text or bytes, expected code, expected message or RegExp]
const badIndexes = [
  ['truncated', () => good.text.slice(0, Math.floor(good.text.length / 2)), 'corrupt-index',
   /^index is not valid JSON \(truncated or garbled\?\): 1:\d+: /],
  ['cut one byte short', () => good.text.slice(0, -1), 'corrupt-index', /^index is not valid JSON/],
  ['empty', () => '', 'corrupt-index', /^index is not valid JSON/],
  ['garbled text', () => 'osprey? \u0000 not an index {]', 'corrupt-index', /^index is not valid JSON/],
  ['garbled byte', () => good.text.replace('"postings":[[', '"postings":[{'), 'corrupt-index',
   /^index is not valid JSON/],
  ['invalid UTF-8 bytes',
   () => Buffer.concat([Buffer.from(good.text.slice(0, 200), 'utf8'), Buffer.from([0xff, 0xfe]),
                        Buffer.from(good.text.slice(200), 'utf8')]),
   'corrupt-index', /^index is not valid JSON/],
  ['not an object', () => '[1, 2]', 'unsupported', 'not an Osprey index (expected a JSON object)'],
  ['another format', () => mutated((j) => { j.format = 'pagefind'; }), 'unsupported',
   'not an Osprey index ("format" is not "osprey-index")'],
  ['wrong version', () => mutated((j) => { j.version = 2; }), 'unsupported',
   'index format version 2 is not supported (this reader reads version 1)'],
  ['posting out of range', () => mutated((j) => { j.postings[3][0] = 55; }), 'corrupt-index',
   'postings[3]: doc 55 out of range (doc_count 10)'],
  ['doc_count missing', () => mutated((j) => { delete j.doc_count; }), 'corrupt-index',
   '"doc_count" is missing'],
];

for (const [name, make, code, message] of badIndexes) {
  test(`bad index (${name}) -> OspreyError ${code} with the CLI's message`, () => {
    const input = make();
    const file = path.join(dir, `bad-${name.replace(/\W+/g, '-')}.json`);
    fs.writeFileSync(file, input);
    const fromCli = cliLoadError(file);
    assert.equal(fromCli.status, 1);

    const error = loadError(input);
    assert.ok(error instanceof OspreyCore.OspreyError, String(error));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'OspreyError');
    assert.equal(error.code, code);
    assert.equal(error.message, fromCli.message);
    assert.doesNotMatch(error.message, /[\r\n]/);
    if (message instanceof RegExp) assert.match(error.message, message);
    else assert.equal(error.message, message);
    assertUsable();
  });
}

test('the same bad index as bytes and as text gives the same error', () => {
  const text = mutated((j) => { j.postings[3][0] = 55; });
  assert.equal(loadError(Buffer.from(text)).message, loadError(text).message);
  assert.equal(loadError(new TextEncoder().encode(text).buffer).message, loadError(text).message);
});

test('a failed load keeps the index loaded before it', () => {
  assertUsable();
  assert.equal(loadError('{"format": "osprey-index", "version": 7}').code, 'unsupported');
  assert.equal(core.search('Koblenz').total, 1);
});

test('search before any load is an error, not a crash', async () => {
  const { core: fresh } = await createCore();
  try {
    assert.throws(() => fresh.search('torture'),
                  { name: 'OspreyError', code: 'not-loaded', message: 'no index loaded (call load first)' });
    assert.throws(() => fresh.load('nope'), { name: 'OspreyError', code: 'corrupt-index' });
    assert.throws(() => fresh.search('torture'), { code: 'not-loaded' });
    assert.equal(fresh.load(good.text).docCount, 10);
    assert.equal(fresh.search('torture').total, 4);
  } finally {
    fresh.close();
  }
});

test('bad arguments are OspreyErrors too', () => {
  assertUsable();
  assert.throws(() => core.load(42), { name: 'OspreyError', code: 'invalid-argument' });
  assert.throws(() => core.load(null), { code: 'invalid-argument' });
  assert.throws(() => core.search(42), { code: 'invalid-argument' });
  assert.throws(() => core.search('syria', { limit: -1 }),
                { code: 'invalid-argument', message: 'limit must be a non-negative integer (got -1)' });
  assert.throws(() => core.search('syria', { offset: 1.5 }), { code: 'invalid-argument' });
  assert.throws(() => core.search('syria', { limit: '5' }), { code: 'invalid-argument' });
  // Huge values are clamped, not wrapped.
  assert.equal(core.search('syria', { limit: 2 ** 40 }).hits.length, core.search('syria').total);
  assert.equal(core.search('syria', { offset: 2 ** 40 }).hits.length, 0);
  // Lone surrogates (sent as U+FFFD) and NULs in the query are harmless.
  assert.equal(core.search('\ud800 torture').total, 4);
  assert.equal(core.search('torture \udc00').total, 4);
  assert.equal(core.search('torture\ud800').total, 4);
  assert.equal(core.search('torture\u0000').total, 4);
});

test('200 failing loads of 1 MB do not grow memory without bound', () => {
  const garbage = 'x'.repeat(1 << 20);                  // fails at the first byte
  const truncated = `[${'1234,'.repeat(200000)}`;      // ~1 MB, fails at the end
  const start = core.memoryBytes();
  for (let i = 0; i < 200; ++i) {
    const error = loadError(i % 10 === 0 ? truncated : garbage);
    assert.equal(error.code, 'corrupt-index');
  }
  const end = core.memoryBytes();
  assert.ok(end < 64 << 20, `wasm memory grew to ${end} bytes (from ${start})`);
  assertUsable();
});

test('close() frees the engine; later calls are OspreyErrors', async () => {
  const { core: other } = await createCore();
  other.load(good.text);
  other.close();
  other.close();  // idempotent
  assert.throws(() => other.search('torture'), { name: 'OspreyError', code: 'closed' });
  assert.throws(() => other.load(good.text), { code: 'closed' });
});
