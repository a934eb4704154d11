// Bad indexes give OspreyErrors with the CLI's exact message; the engine stays
// usable afterwards and does not leak memory on failed loads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { buildSampleIndex, cliLoadError, createCore, tmpDir } from './helpers.mjs';

let OspreyCore;
let core;
let good;  // {path, bytes} of the sample index
let dir;

before(async () => {
  dir = tmpDir();
  good = buildSampleIndex(dir);
  ({ OspreyCore, core } = await createCore());
});

after(() => core?.close());

// The sample index with byte at (from the end when negative) xor-ed with mask.
function flipped(at, mask = 0x01) {
  const bytes = Buffer.from(good.bytes);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] ^= mask;
  return bytes;
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
  assert.equal(core.load(good.bytes).docCount, 10);
  const r = core.search('torture', { limit: 20 });
  assert.equal(r.total, 4);
  assert.deepEqual(r.terms, ['torture']);
}

// [name, index bytes, expected code, expected message or RegExp]
const badIndexes = [
  ['truncated', () => good.bytes.subarray(0, Math.floor(good.bytes.length / 2)), 'corrupt-index',
   /^index part at byte \d+: .* \(truncated\?\)$/],
  ['cut one byte short', () => good.bytes.subarray(0, -1), 'corrupt-index', /unexpected end of data.*\(truncated\?\)$/],
  ['empty', () => new Uint8Array(0), 'unsupported', 'index part at byte 0: not an Osprey index (no "osprey" signature)'],
  ['garbled text', () => Buffer.from('osprey? \u0000 not an index {]'), 'unsupported',
   /^index format version \d+ is not supported \(this reader reads version 6\)$/],
  ['garbled byte', () => flipped(Math.floor(good.bytes.length / 3)), 'corrupt-index', /checksum mismatch \(corrupted data\)$/],
  ['checksum garbled', () => flipped(-1), 'corrupt-index', /checksum mismatch/],
  ['another format', () => Buffer.from('PK\u0003\u0004 a zip file, not an index'), 'unsupported',
   'index part at byte 0: not an Osprey index (no "osprey" signature)'],
  ['wrong version', () => { const b = Buffer.from(good.bytes); b[6] = 7; return b; }, 'unsupported',
   'index format version 7 is not supported (this reader reads version 6)'],
  ['JSON of version 1', () => Buffer.from('{"format": "osprey-index", "version": 1}'), 'unsupported',
   'index is in the JSON format of version 1; this reader reads version 6 (run osprey index again)'],
];

for (const [name, make, code, message] of badIndexes) {
  test(`bad index (${name}) -> OspreyError ${code} with the CLI's message`, () => {
    const input = make();
    const file = path.join(dir, `bad-${name.replace(/\W+/g, '-')}.osp`);
    fs.writeFileSync(file, input);
    // The CLI still reads JSON of version 1 (files starting with "{").
    const fromCli = name.startsWith('JSON') ? null : cliLoadError(file);
    if (fromCli) assert.equal(fromCli.status, 1);

    const error = loadError(input);
    assert.ok(error instanceof OspreyCore.OspreyError, String(error));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'OspreyError');
    assert.equal(error.code, code);
    if (fromCli) assert.equal(error.message, fromCli.message);
    assert.doesNotMatch(error.message, /[\r\n]/);
    if (message instanceof RegExp) assert.match(error.message, message);
    else assert.equal(error.message, message);
    assertUsable();
  });
}

test('a bad index as Buffer, Uint8Array or ArrayBuffer gives the same error', () => {
  const bytes = flipped(100);
  const copy = new Uint8Array(bytes);
  assert.equal(loadError(copy).message, loadError(bytes).message);
  assert.equal(loadError(copy.buffer).message, loadError(bytes).message);
  assert.throws(() => core.load('a string'), { code: 'invalid-argument' });
});

test('a failed load keeps the index loaded before it', () => {
  assertUsable();
  assert.equal(loadError(Buffer.from('{"format": "osprey-index", "version": 7}')).code, 'unsupported');
  assert.equal(core.search('Koblenz').total, 1);
});

test('search before any load is an error, not a crash', async () => {
  const { core: fresh } = await createCore();
  try {
    assert.throws(() => fresh.search('torture'),
                  { name: 'OspreyError', code: 'not-loaded', message: 'no index loaded (call load first)' });
    assert.throws(() => fresh.load(flipped(200)), { name: 'OspreyError', code: 'corrupt-index' });
    assert.throws(() => fresh.search('torture'), { code: 'not-loaded' });
    assert.equal(fresh.load(good.bytes).docCount, 10);
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

// complete(q, n) with an n that is no count used to trap the engine (an
// Embind int conversion threw), failing every later call until reopened.
test('complete() with a bad n is an invalid-argument error; the engine keeps working', () => {
  assertUsable();
  for (const [n, got] of [[1.5, '1.5'], [-1, '-1'], [NaN, 'NaN'], [Infinity, 'Infinity'], ['3', '3'], [null, 'null']]) {
    assert.throws(() => core.complete('syrian ref', n),
                  { name: 'OspreyError', code: 'invalid-argument', message: `n must be a non-negative integer (got ${got})` });
  }
  assert.deepEqual(core.complete('syrian ref', 1), [{ query: 'syrian refugees', term: 'refugees', docs: 2 }]);
  assert.equal(core.complete('syrian ref').length, core.complete('syrian ref', 5).length);
  assert.equal(core.complete('syrian ref', 2 ** 40).length, core.complete('syrian ref', 1000).length);
  assert.equal(core.search('torture').total, 4);
});

test('200 failing loads of 1 MB do not grow memory without bound', () => {
  const garbage = Buffer.alloc(1 << 20, 'x');        // fails at the first byte
  const truncated = Buffer.concat([good.bytes, Buffer.alloc(1 << 20)]).subarray(0, (1 << 20) + 100);
  truncated[good.bytes.length] = 'o'.charCodeAt(0);  // a part that is not one, after a good base
  const start = core.memoryBytes();
  for (let i = 0; i < 200; ++i) {
    const error = loadError(i % 10 === 0 ? truncated : garbage);
    assert.ok(['corrupt-index', 'unsupported'].includes(error.code), error.code);
  }
  const end = core.memoryBytes();
  assert.ok(end < 64 << 20, `wasm memory grew to ${end} bytes (from ${start})`);
  assertUsable();
});

test('close() frees the engine; later calls are OspreyErrors', async () => {
  const { core: other } = await createCore();
  other.load(good.bytes);
  other.close();
  other.close();  // idempotent
  assert.throws(() => other.search('torture'), { name: 'OspreyError', code: 'closed' });
  assert.throws(() => other.load(good.bytes), { code: 'closed' });
});
