// A bundle's display parts deflated against its dictionary
// (src/build/deflate_dictionary.hpp, docs/index-format.md): osprey-core.js
// inflates them with the dictionary (fetched once: with the first parts when
// the manifest names it, else beside the first such part) and answers as over
// the -o file;
// a damaged part, a missing or damaged dictionary are errors naming the file,
// and the searcher stays usable.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { cli, createCore, isDeflated, tmpDir, writeManyPartsRecords } from './helpers.mjs';

let dir, base, folder, manifest, whole;
const urlOf = (file) => new URL(`file://${file}`).href;
const options = { limit: 10, excerptWords: 12 };

// A fetcher over files that logs the names fetched; a missing file fails as fetchBytes does.
function fetcher(log = []) {
  const f = async (url) => {
    log.push(url.split('/').pop());
    const file = new URL(url).pathname;
    if (!fs.existsSync(file)) throw Object.assign(new Error(`cannot fetch ${url}: HTTP 404`), { name: 'OspreyError', code: 'network' });
    return fs.readFileSync(file);
  };
  f.log = log;
  return f;
}

// A copy of the bundle with file rel replaced by bytes (null: removed).
function damaged(rel, bytes) {
  const d = tmpDir();
  fs.cpSync(dir, d, { recursive: true });
  if (bytes === null) fs.rmSync(path.join(d, rel));
  else fs.writeFileSync(path.join(d, rel), bytes);
  return { baseUrl: urlOf(path.join(d, path.basename(base))), url: urlOf(path.join(d, rel)), dir: d };
}

let queries;
before(async () => {
  const t = tmpDir();
  const { file } = writeManyPartsRecords(path.join(t, 'records.jsonl'));
  // A few of the records' own words: their hits' display parts come from across the index.
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  queries = [0, 500, 1500].map((d) => lines[d].title.split(' ')[0]).concat([lines[7].summary.split(' ').slice(2, 4).join(' ')]);
  dir = path.join(t, 'b');
  let r = cli(['index', file, '--bundle', dir, '--split-above', '0', '-q']);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['index', file, '-o', path.join(t, 'whole.osp'), '-q']);
  assert.equal(r.status, 0, r.stderr);
  base = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.osp')));
  folder = base.replace(/\.osp$/, '');
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'osprey-manifest.json'), 'utf8'));
  ({ core: whole } = await createCore());
  whole.load(fs.readFileSync(path.join(t, 'whole.osp')));
});

after(() => whole?.close());

test('display parts are deflated against the dictionary the manifest names; the rest are gzip members', () => {
  assert.equal(manifest.languages.en.dictionary, `${path.basename(folder)}/dictionary`);
  const names = fs.readdirSync(folder);
  assert.ok(names.includes('dictionary'));
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(folder, name));
    const display = /^[st][0-9]+$/.test(name);
    assert.equal(isDeflated(bytes), display, name);
    if (!display) assert.ok(bytes[0] === 0x1f && bytes[1] === 0x8b, name);
  }
  const dictionary = zlib.gunzipSync(fs.readFileSync(path.join(folder, 'dictionary')));
  assert.ok(dictionary.length > 1024 && dictionary.length <= 32768, `${dictionary.length} bytes`);
});

for (const early of [true, false]) {
  test(`a search shows what the -o file shows; the dictionary fetched once, ${early ? 'right after the first parts' : 'beside the first display part'}`, async () => {
    const { core } = await createCore();
    const fetch = fetcher();
    try {
      await core.open(urlOf(base), fetch, undefined, null, early ? urlOf(path.join(dir, manifest.languages.en.dictionary)) : null);
      assert.ok(!fetch.log.includes('dictionary'), 'nothing but the base at open');
      // The first round's parts, then (named by the manifest) the dictionary; else with the first display part.
      const firstRound = core.search(queries[0], options).needs.length;
      await core.searchLoading(queries[0], options);
      const at = fetch.log.indexOf('dictionary');
      const firstDisplay = fetch.log.findIndex((n) => /^[st][0-9]+$/.test(n));
      if (early) assert.equal(at, 1 + firstRound, fetch.log.join(' '));
      else assert.ok(at > firstDisplay, fetch.log.join(' '));
      for (const q of queries) {
        const got = await core.searchLoading(q, options);
        assert.ok(got.total > 0, q);
        assert.deepEqual(got, whole.search(q, options), q);
      }
      assert.equal(fetch.log.filter((n) => n === 'dictionary').length, 1);
      assert.ok(fetch.log.filter((n) => /^s[0-9]+$/.test(n)).length >= queries.length);
    } finally {
      core.close();
    }
  });
}

test('a damaged display part or dictionary is an error naming the file; the searcher stays usable', async () => {
  const q = queries[0];
  const log = [];
  const { core: probe } = await createCore();
  await probe.open(urlOf(base), fetcher(log));
  await probe.searchLoading(q, options);
  probe.close();
  const part = `${path.basename(folder)}/${log.find((n) => /^s[0-9]+$/.test(n))}`;
  const good = fs.readFileSync(path.join(dir, part));
  const dictRel = manifest.languages.en.dictionary;
  const size = (n) => { const b = Buffer.from(good.subarray(0, 8)); b.writeUInt32LE(n, 4); return Buffer.concat([b, good.subarray(8)]); };
  const flipped = Buffer.from(good);
  flipped[flipped.length >> 1] ^= 0x55;
  const bad = 'dictionary-deflated data is truncated or corrupt';
  // (Bytes after the stream are not among them: Node's DecompressionStream
  // ignores them, Chromium's refuses them; what comes out is checked either way.)
  const cases = [
    [part, good.subarray(0, good.length >> 1), 'corrupt-index', `@part: ${bad}`],
    [part, size(good.readUInt32LE(4) + 1), 'corrupt-index', `@part: ${bad}`],
    [part, size(2 ** 31), 'corrupt-index', '@part: decompresses past 268,435,456 bytes'],
    // Bytes that inflate to another part body: its CRC-32 or framing fails.
    [part, flipped, 'corrupt-index', null],
    [dictRel, null, 'network', null],
    [dictRel, fs.readFileSync(path.join(dir, part)), 'corrupt-index', '@dict: deflated against a dictionary, and no dictionary is known'],
    [dictRel, zlib.gzipSync(Buffer.alloc(32769, 97)), 'corrupt-index', '@dict: a dictionary holds at most 32768 bytes'],
    [dictRel, zlib.gzipSync(Buffer.alloc(16384, 122)), 'corrupt-index', null],
  ];
  for (const [rel, bytes, code, message] of cases) {
    const d = damaged(rel, bytes);
    const partUrl = urlOf(path.join(d.dir, part));
    const dictUrl = urlOf(path.join(d.dir, dictRel));
    const { core } = await createCore();
    try {
      await core.open(d.baseUrl, fetcher());
      const error = await core.searchLoading(q, options).then(() => null, (e) => e);
      assert.ok(error, `${rel} (case ${cases.findIndex((c) => c[1] === bytes)}): no error`);
      assert.equal(error.name, 'OspreyError');
      assert.equal(error.code, code, `${rel}: ${error.message}`);
      if (message) assert.equal(error.message, message.replace('@part', partUrl).replace('@dict', dictUrl));
      // (With a wrong dictionary, whichever display part comes first.)
      else assert.match(error.message, code === 'network' ? new RegExp(`^cannot fetch ${dictUrl}`) : new RegExp(`^${urlOf(d.dir)}/.*/[st][0-9]+: `));
      // Repaired, the same searcher answers once the round's other fetches
      // have failed too: a failed part is fetched again, and so is the
      // dictionary, which a damaged part leaves in doubt.
      await new Promise((resolve) => setTimeout(resolve, 100));
      fs.writeFileSync(path.join(d.dir, rel), fs.readFileSync(path.join(dir, rel)));
      assert.deepEqual(await core.searchLoading(q, options), whole.search(q, options), rel);
    } finally {
      core.close();
    }
  }
});
