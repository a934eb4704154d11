// Bundle index files are gzip members (docs/index-format.md, "Bundle files are
// gzip members"): osprey-core.js decompresses what it fetches (the base in
// open(), parts in widget/parts.js, one function: unpack) and answers as over
// the same index uncompressed; a gzip bomb and a truncated member are
// corrupt-index errors naming the URL, as in the CLI (tests/cli/run.sh).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { buildSampleIndex, cli, createCore, loadCommonJs, root, tmpDir } from './helpers.mjs';

let dir, base, partsDir, whole;
const queries = ['torture', 'amnesty report', '"death penalty"', 'refugess', 'syria -urgent', 'Kob', ''];
const isGzip = (bytes) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const urlOf = (file) => new URL(`file://${file}`).href;
const fetchFile = async (url) => fs.readFileSync(new URL(url).pathname);

// size zero bytes as one gzip member, without holding them.
async function gzippedZeros(size) {
  const gz = zlib.createGzip({ level: 1 });
  const chunks = [];
  gz.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise((resolve) => gz.on('end', resolve));
  const mib = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= mib.length) {
    if (!gz.write(left >= mib.length ? mib : mib.subarray(0, left))) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await ended;
  return Buffer.concat(chunks);
}

// A copy of the bundle with file (relative) replaced by bytes; the URLs of its base and of that file.
function damaged(rel, bytes) {
  const d = tmpDir();
  fs.cpSync(dir, d, { recursive: true });
  fs.writeFileSync(path.join(d, rel), bytes);
  return { baseUrl: urlOf(path.join(d, path.basename(base))), url: urlOf(path.join(d, rel)) };
}

before(async () => {
  const t = tmpDir();
  dir = path.join(t, 'b');
  const r = cli(['index', path.join(root, 'data/news.json'), '--bundle', dir, '--split-above', '0']);
  assert.equal(r.status, 0, r.stderr);
  base = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.osp')));
  partsDir = base.replace(/\.osp$/, '');
  ({ core: whole } = await createCore());
  whole.load(buildSampleIndex(t).bytes);
});

after(() => whole?.close());

test('every index file of a bundle is a gzip member, and opens to the answers of the -o file', async () => {
  const files = [base, ...fs.readdirSync(partsDir).map((p) => path.join(partsDir, p))];
  assert.ok(files.length >= 5);
  for (const file of files) assert.ok(isGzip(fs.readFileSync(file)), file);
  const { core } = await createCore();
  try {
    const opened = await core.open(urlOf(base), fetchFile);
    assert.equal(opened.docCount, 10);
    for (const q of queries) {
      assert.deepEqual(await core.searchLoading(q, { limit: 20, browse: true }),
                       whole.search(q, { limit: 20, browse: true }), q);
    }
    assert.deepEqual(await core.completeLoading('amnesty tor', 5), whole.complete('amnesty tor', 5));
  } finally {
    core.close();
  }
});

test('an uncompressed bundle (written before gzip) still opens', async () => {
  const d = tmpDir();
  fs.cpSync(dir, d, { recursive: true });
  const files = [path.join(d, path.basename(base))];
  for (const p of fs.readdirSync(partsDir)) files.push(path.join(d, path.basename(partsDir), p));
  for (const file of files) fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(file)));
  const { core } = await createCore();
  try {
    await core.open(urlOf(files[0]), fetchFile);
    for (const q of queries) assert.deepEqual(await core.searchLoading(q, { limit: 20 }), whole.search(q, { limit: 20 }), q);
  } finally {
    core.close();
  }
});

test('a gzip bomb or a truncated member is corrupt-index naming the URL; the searcher stays usable', async () => {
  const { core } = await createCore();
  try {
    await core.open(urlOf(base), fetchFile);
    const needed = core.search('torture', {}).needs[0];  // e.g. index.en.ID/d3
    const good = fs.readFileSync(path.join(dir, needed));
    const bomb = await gzippedZeros(300e6);
    const cases = [
      [bomb, 'decompresses past 268,435,456 bytes'],
      // Its trailer claiming 1,000 bytes: output stops there (memory follows the trailer).
      [Buffer.concat([bomb.subarray(0, -4), Buffer.from([0xe8, 0x03, 0, 0])]), 'gzip data is truncated or corrupt'],
      [good.subarray(0, good.length >> 1), 'gzip data is truncated or corrupt'],
      [good.subarray(0, good.length - 1), 'gzip data is truncated or corrupt'],
      [Buffer.concat([good, Buffer.from('x')]), 'gzip data is truncated or corrupt'],
    ];
    for (const [bytes, message] of cases) {
      const part = damaged(needed, bytes);
      const { core: c } = await createCore();
      try {
        await c.open(part.baseUrl, fetchFile);
        await assert.rejects(c.searchLoading('torture', {}),
                             { name: 'OspreyError', code: 'corrupt-index', message: `${part.url}: ${message}` });
        // The base alike: open rejects, naming it.
        const b = damaged(path.basename(base), bytes);
        await assert.rejects(c.open(b.baseUrl, fetchFile),
                             { name: 'OspreyError', code: 'corrupt-index', message: `${b.baseUrl}: ${message}` });
        fs.writeFileSync(new URL(part.url).pathname, good);
        await c.open(part.baseUrl, fetchFile);
        assert.equal((await c.searchLoading('torture', {})).total, 4, message);
      } finally {
        c.close();
      }
    }
  } finally {
    core.close();
  }
});

test('load() and addParts() take uncompressed bytes and say so for gzip', async () => {
  const { core } = await createCore();
  try {
    assert.throws(() => core.load(fs.readFileSync(base)),
                  { code: 'invalid-argument', message: 'load() takes an index uncompressed, not gzip' });
    core.load(zlib.gunzipSync(fs.readFileSync(base)));
    assert.throws(() => core.addParts(fs.readFileSync(path.join(partsDir, 'p0'))), { code: 'invalid-argument' });
  } finally {
    core.close();
  }
});

test('the page\'s limits are the format\'s kMaxFileBytes and kMaxDeflateDictionaryBytes, its magic the writer\'s', () => {
  const parts = loadCommonJs(path.join(root, 'web/widget/parts.js'));
  const fetchScript = loadCommonJs(path.join(root, 'web/widget/fetch.js'));
  const limits = fs.readFileSync(path.join(root, 'src/search/index/limits.hpp'), 'utf8');
  const [, shift] = limits.match(/kMaxFileBytes = uint64_t\{1\} << (\d+);/);
  assert.equal(parts(fetchScript).kMaxFileBytes, 2 ** Number(shift));
  const [, dictionary] = limits.match(/kMaxDeflateDictionaryBytes = (\d+);/);
  assert.equal(parts(fetchScript).kMaxDictionaryBytes, Number(dictionary));
  // The dictionary-deflated file's magic (src/build/deflate_dictionary.hpp), as parts.js tests it.
  assert.match(fs.readFileSync(path.join(root, 'src/build/deflate_dictionary.hpp'), 'utf8'), /kDictionaryDeflatedMagic = "OZD\\x01";/);
  assert.match(fs.readFileSync(path.join(root, 'web/widget/parts.js'), 'utf8'),
               /bytes\[0\] === 0x4f && bytes\[1\] === 0x5a && bytes\[2\] === 0x44 && bytes\[3\] === 1/);
});
