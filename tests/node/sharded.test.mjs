// A sharded index (a bundle written with --split-above 0): osprey-core.js opens
// the base by URL and fetches only the parts a query names, and the answers are
// those of the same index in one file. Broken or missing parts are errors that
// leave the searcher usable.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { buildSampleIndex, cli, createCore, newsFields, root, tmpDir } from './helpers.mjs';

let dir, baseUrl, whole, lazy, fetched;
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
  assert.ok(parts.every((p) => /^b\/index\.en\.[0-9a-f]{16}\/[drps]\d+$/.test(p)), parts.join(' '));
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
    const bytes = fs.readFileSync(file);
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
    const otherPart = fs.readFileSync(path.join(other, otherBase.replace(/\.osp$/, ''), 'p0'));
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
    core.load(fs.readFileSync(new URL(baseUrl).pathname));
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
