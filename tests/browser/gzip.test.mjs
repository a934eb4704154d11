// A bundle's index files are gzip members (docs/index-format.md): in Chromium,
// Osprey.open decompresses the base (fetched early by the page and handed to
// the worker, or fetched by the page fallback) and each part, and answers as
// the CLI does; a gzip bomb part and a truncated one are corrupt-index errors
// naming the URL, in the worker and on the page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { cli, cliUrls, indexDir, launch, openPage, root, startServer, tearDown } from './helpers.mjs';

const name = `gzip-${process.pid}`;
const dir = join(indexDir, name);
let browser, server, base, baseFile, needed;

before(async () => {
  rmSync(dir, { recursive: true, force: true });
  execFileSync(cli, ['index', join(root, 'data/news.json'), '--bundle', join(dir, 'b'), '--split-above', '0', '-q']);
  baseFile = readdirSync(join(dir, 'b')).find((f) => f.endsWith('.osp'));
  const parts = join(dir, 'b', baseFile.replace(/\.osp$/, ''));
  needed = readdirSync(parts).filter((p) => p.startsWith('p')).sort()[0];
  const good = readFileSync(join(parts, needed));
  const damaged = {
    bomb: gzipSync(Buffer.alloc(300e6), { level: 1 }),
    truncated: good.subarray(0, good.length >> 1),
  };
  for (const [kind, bytes] of Object.entries(damaged)) {
    cpSync(join(dir, 'b'), join(dir, kind), { recursive: true });
    writeFileSync(join(dir, kind, baseFile.replace(/\.osp$/, ''), needed), bytes);
  }
  ({ server, base } = await startServer());
  browser = await launch();
});

after(() => tearDown({ browser, server, dir }));

// Opens folder's index on the test page (worker or main thread) and searches every query.
async function searchIn(folder, worker, queries) {
  const { page, context, problems } = await openPage(browser, `${base}/tests/api.html`, { wait: false });
  await page.waitForFunction(() => window.__api);
  const got = await page.evaluate(async ([url, worker, queries]) => {
    const { Osprey } = await import('../osprey.js');
    const searcher = await Osprey.open(url, { worker });
    const out = { thread: searcher.thread, answers: [] };
    for (const q of queries) {
      try {
        out.answers.push((await searcher.search(q, { limit: 20 })).hits.map((h) => h.fields.url));
      } catch (error) {
        out.answers.push({ code: error.code, message: error.message });
      }
    }
    searcher.close();
    return out;
  }, [`${base}/index/${name}/${folder}/${baseFile}`, worker, queries]);
  await context.close();
  return { ...got, problems };
}

test('a compressed bundle answers as the CLI, in the worker and on the page', async () => {
  const queries = ['torture', 'amnesty report', '"death penalty"', 'syria -urgent'];
  const expected = queries.map((q) => cliUrls(join(dir, 'b', baseFile), q, 20));
  assert.equal(expected[0].length, 4);
  for (const worker of [true, false]) {
    const got = await searchIn('b', worker, queries);
    assert.equal(got.thread, worker ? 'worker' : 'main');
    assert.deepEqual(got.answers, expected, got.thread);
    assert.deepEqual(got.problems, []);
  }
});

test('a gzip bomb part and a truncated one are corrupt-index errors naming the URL', async () => {
  for (const [kind, message] of [['bomb', 'decompresses past 268,435,456 bytes'],
                                 ['truncated', 'gzip data is truncated or corrupt']]) {
    const url = `${base}/index/${name}/${kind}/${baseFile.replace(/\.osp$/, '')}/${needed}`;
    for (const worker of [true, false]) {
      const got = await searchIn(kind, worker, ['torture']);
      assert.deepEqual(got.answers, [{ code: 'corrupt-index', message: `${url}: ${message}` }], `${kind} ${got.thread}`);
    }
  }
});
