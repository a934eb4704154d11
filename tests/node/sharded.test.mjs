// A sharded index (a bundle written with --split-above 0): osprey-core.js opens
// the base by URL and fetches only the parts a query names, and the answers are
// those of the same index in one file. Broken or missing parts are errors that
// leave the searcher usable.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { buildSampleIndex, cli, createCore, newsFields, root, tmpDir } from './helpers.mjs';

let dir, baseUrl, whole, lazy, fetched;
// A bundle's index files are gzip members; the damage below is done to what they hold.
const readIndexFile = (file) => zlib.gunzipSync(fs.readFileSync(file));
const queries = ['torture', 'amnesty report', '"death penalty"', 'refugess', 'syria -urgent', 'Kob', ''];

// Files under dir, by file:// URL; counts what is fetched.
async function fetchFile(url) {
  const file = new URL(url).pathname;
  fetched.push(path.relative(dir, file));
  if (!fs.existsSync(file)) throw Object.assign(new Error(`cannot fetch ${url}: HTTP 404`), { code: 'network' });
  return fs.readFileSync(file);
}

before(async () => {
  dir = tmpDir();
  const r = cli(['index', path.join(root, 'data/news.json'), '--bundle', path.join(dir, 'b'), '--split-above', '0']);
  assert.equal(r.status, 0, r.stderr);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'b/osprey-manifest.json'), 'utf8'));
  assert.ok(manifest.languages.en.parts >= 2, 'the bundle is sharded');
  baseUrl = new URL(`file://${path.join(dir, 'b', manifest.languages.en.index)}`).href;
  ({ core: whole } = await createCore());
  whole.load(buildSampleIndex(dir).bytes);
  ({ core: lazy } = await createCore());
  fetched = [];
});

after(() => {
  whole?.close();
  lazy?.close();
});

test('open fetches the base only; each query fetches only the parts it names', async () => {
  const opened = await lazy.open(baseUrl, fetchFile);
  assert.equal(opened.docCount, 10);
  assert.deepEqual([opened.language, opened.fields, opened.idField], ['en', newsFields, 'url'],
                   'the base describes the fields');
  assert.equal(fetched.length, 1);
  assert.match(fetched[0], /^b\/index\.en\.[0-9a-f]{16}\.osp$/);
  const first = lazy.search('torture', {});
  assert.ok(Array.isArray(first.needs) && first.needs.length > 0, 'a fresh base needs parts');
  for (const q of queries) {
    const got = await lazy.searchLoading(q, { limit: 20, browse: true });
    assert.deepEqual(got, whole.search(q, { limit: 20, browse: true }), q);
  }
  const parts = fetched.slice(1);
  assert.ok(parts.every((p) => /^b\/index\.en\.[0-9a-f]{16}\/[drlpst]\d+$/.test(p)), parts.join(' '));
  assert.equal(new Set(parts).size, parts.length, 'no part is fetched twice');
  assert.deepEqual(await lazy.completeLoading('amnesty tor', 5), whole.complete('amnesty tor', 5));
});

test('a corrupt part is an error; the searcher stays usable', async () => {
  const d = tmpDir();
  fs.cpSync(path.join(dir, 'b'), d, { recursive: true });
  const base = fs.readdirSync(d).find((f) => f.endsWith('.osp'));
  const partsDir = path.join(d, base.replace(/\.osp$/, ''));
  for (const p of fs.readdirSync(partsDir)) {
    const file = path.join(partsDir, p);
    const bytes = readIndexFile(file);
    bytes[bytes.length - 2] ^= 0xff;  // the checksum no longer matches
    fs.writeFileSync(file, bytes);
  }
  const { core } = await createCore();
  try {
    await core.open(new URL(`file://${path.join(d, base)}`).href, fetchFile);
    await assert.rejects(core.searchLoading('torture', {}),
                         { name: 'OspreyError', code: 'corrupt-index', message: /checksum mismatch/ });
    // A part from another build of the index is refused too.
    const other = tmpDir();
    const r = cli(['index', path.join(root, 'data/news.json'), '--bundle', other, '--split-above', '0',
                   '--language', 'fr']);
    assert.equal(r.status, 0, r.stderr);
    const otherBase = fs.readdirSync(other).find((f) => f.endsWith('.osp'));
    const otherPart = readIndexFile(path.join(other, otherBase.replace(/\.osp$/, ''), 'p0'));
    assert.throws(() => core.addParts(otherPart), { code: 'corrupt-index', message: /another build/ });
    // Still usable: the base is loaded, and a good base loads over it.
    await core.open(baseUrl, fetchFile);
    assert.equal((await core.searchLoading('torture', {})).total, 4);
  } finally {
    core.close();
  }
});

test('a missing part rejects with the fetch error; a later query can succeed', async () => {
  const d = tmpDir();
  fs.cpSync(path.join(dir, 'b'), d, { recursive: true });
  const base = fs.readdirSync(d).find((f) => f.endsWith('.osp'));
  const partsDir = path.join(d, base.replace(/\.osp$/, ''));
  const stored = fs.readdirSync(partsDir).filter((p) => p.startsWith('s'));
  fs.renameSync(path.join(partsDir, stored[0]), path.join(d, 'aside'));
  const { core } = await createCore();
  try {
    await core.open(new URL(`file://${path.join(d, base)}`).href, fetchFile);
    await assert.rejects(core.searchLoading('torture', { limit: 20 }), { code: 'network', message: /404/ });
    fs.renameSync(path.join(d, 'aside'), path.join(partsDir, stored[0]));
    assert.deepEqual(await core.searchLoading('torture', { limit: 20 }), whole.search('torture', { limit: 20 }));
  } finally {
    core.close();
  }
});

test('search() without open() on a sharded base names what it needs instead of failing', async () => {
  const { core } = await createCore();
  try {
    core.load(readIndexFile(new URL(baseUrl).pathname));
    const r = core.search('torture', {});
    assert.ok(r.needs.length > 0);
    await assert.rejects(core.searchLoading('torture', {}), { code: 'not-loaded', message: /open it by URL/ });
  } finally {
    core.close();
  }
});

test('typo and did-you-mean answers over a lazily loaded dictionary equal the whole index\'s', async () => {
  const { core } = await createCore();
  try {
    await core.open(baseUrl, fetchFile);
    const typo = { limit: 20, typos: true, suggest: true };
    for (const q of [...queries, 'tortrue germany', 'amnsety', 'refugess']) {
      assert.deepEqual(await core.searchLoading(q, typo), whole.search(q, typo), q);
    }
  } finally {
    core.close();
  }
});

test('typo blocks are fetched only when the words as typed leave the page short', async () => {
  // docs/ranking.md "Typo tier": 'torture' matches 4 records as typed, so a page of 2
  // names no reverse part; a page of 20, or a word matching nothing ('refugess'), does.
  for (const [q, limit, typos] of [['torture', 2, false], ['torture', 20, true], ['refugess', 2, true]]) {
    const { core } = await createCore();
    try {
      await core.open(baseUrl, fetchFile);
      const from = fetched.length;
      const options = { limit, typos: true };
      assert.deepEqual(await core.searchLoading(q, options), whole.search(q, options), q);
      const reverse = fetched.slice(from).filter((p) => /\/r\d+$/.test(p));
      assert.equal(reverse.length > 0, typos, `${q} limit ${limit}: ${fetched.slice(from).join(' ')}`);
    } finally {
      core.close();
    }
  }
});

// Index integrity (issues #7, #13): a part file truncated, garbled, holding
// another part, taken from an older build of the same records, or holding its
// part twice. The CLI (which loads every part) and osprey-core.js (which
// fetches the parts a query names) report the same corrupt-index error naming
// the file. A swapped part used to pass as the part it held: the CLI printed
// "0 results" and exited 0, the browser said only "kept asking for more parts".
test('a damaged part file is a corrupt-index error naming the file, in the CLI and in Node', async () => {
  const older = tmpDir();
  fs.writeFileSync(path.join(older, 'news.json'),
                   fs.readFileSync(path.join(root, 'data/news.json'), 'utf8').replace(/Koblenz/g, 'Coblenz'));
  const r = cli(['index', path.join(older, 'news.json'), '--bundle', path.join(older, 'b'), '--split-above', '0']);
  assert.equal(r.status, 0, r.stderr);
  const olderBase = fs.readdirSync(path.join(older, 'b')).find((f) => f.endsWith('.osp'));
  const olderParts = path.join(older, 'b', olderBase.replace(/\.osp$/, ''));

  const { core: probe } = await createCore();
  probe.load(readIndexFile(new URL(baseUrl).pathname));
  const needed = probe.search('torture', {}).needs[0];  // e.g. index.en.ID/d3
  probe.close();
  const prefix = needed.slice(0, needed.lastIndexOf('/') + 1);
  const kind = needed.slice(prefix.length)[0];
  const other = prefix + (kind === 's' ? 'p0' : 's0');

  const damages = {
    truncated: (bytes) => [bytes.subarray(0, bytes.length >> 1), /^index part at byte 0: payload length \d+ out of range \(at most \d+\) \(at byte \d+\) \(truncated\?\)$/],
    garbled: (bytes) => {
      const copy = Buffer.from(bytes);
      copy[copy.length - 6] ^= 0x20;  // a payload byte
      return [copy, 'index part at byte 0: checksum mismatch (corrupted data)'];
    },
    swapped: (bytes, dir) => [fs.readFileSync(path.join(dir, other)), `holds part ${other}, expected ${needed}`],
    stale: () => [fs.readFileSync(path.join(olderParts, path.basename(needed))),
                  'index part belongs to another build of the index (build id differs)'],
    doubled: (bytes) => [Buffer.concat([bytes, bytes]), `holds more than part ${needed}`],
  };
  for (const [name, damage] of Object.entries(damages)) {
    const d = tmpDir();
    fs.cpSync(path.join(dir, 'b'), d, { recursive: true });
    const base = path.join(d, path.basename(new URL(baseUrl).pathname));
    const file = path.join(d, needed);
    const [bytes, expected] = damage(readIndexFile(file), d);
    fs.writeFileSync(file, bytes);
    const matches = (message) => (typeof expected === 'string' ? message === expected : expected.test(message));

    const fromCli = cli(['search', base, 'torture']);
    assert.equal(fromCli.status, 1, name);
    const line = fromCli.stderr.split('\n');
    assert.equal(line.length, 2, `${name}: one line: ${fromCli.stderr}`);
    assert.ok(line[0].startsWith(`osprey: ${file}: `), `${name}: ${fromCli.stderr}`);
    assert.ok(matches(line[0].slice(`osprey: ${file}: `.length)), `${name}: ${fromCli.stderr}`);

    const { core } = await createCore();
    try {
      await core.open(new URL(`file://${base}`).href, fetchFile);
      const url = new URL(`file://${file}`).href;
      await assert.rejects(core.searchLoading('torture', {}), (error) => {
        assert.equal(error.name, 'OspreyError', name);
        assert.equal(error.code, 'corrupt-index', `${name}: ${error.message}`);
        assert.ok(error.message.startsWith(`${url}: `), `${name}: ${error.message}`);
        assert.ok(matches(error.message.slice(url.length + 2)), `${name}: ${error.message}`);
        return true;
      });
      // The searcher stays usable: with the file repaired, the query answers.
      fs.cpSync(path.join(dir, 'b', needed), file);
      assert.equal((await core.searchLoading('torture', {})).total, 4, name);
    } finally {
      core.close();
    }
  }
});
