// The JSON index in Chromium (issue #17 item 5; docs/index-format.md "JSON
// format"): `osprey index --index-format json`'s file opens through the page
// API (in the worker and in the page fallback) and the widget, known by its
// content; its searches answer as the binary index of the same records
// (facets, sort, excerpts, typos); the converter (widget/convert.js and
// engine/osprey-convert.wasm) is fetched for it alone, and a page of a
// binary index fetches neither (the requests are counted); a malformed JSON
// index rejects with corrupt-index naming its URL; a bundle's minified copies
// (web/dist/) convert as the sources do.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { cli, facets, indexDir, launch, openPage, root, search, startServer, tearDown } from './helpers.mjs';

const name = `json-index-${process.pid}`;
const dir = join(indexDir, name);
const prefix = `/index/${name}`;
const kConverter = ['/widget/convert.js', '/engine/osprey-convert.wasm'];
let browser, server, base;

before(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const records = join(root, 'data/news.json');
  execFileSync(cli, ['index', records, '-o', join(dir, 'news.osp'), '-q']);
  execFileSync(cli, ['index', records, '-o', join(dir, 'news.json'), '--index-format', 'json', '-q']);
  // Known by content, not by name.
  copyFileSync(join(dir, 'news.json'), join(dir, 'json-named.osp'));
  const json = readFileSync(join(dir, 'news.json'), 'utf8');
  writeFileSync(join(dir, 'truncated.json'), json.slice(0, 700));
  writeFileSync(join(dir, 'page.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>JSON index</title>\n' +
                '<script type="module">import { Osprey } from "/osprey.js"; window.Osprey = Osprey;</script>\n');
  writeFileSync(join(dir, 'classic.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>Classic</title>\n' +
                '<script src="/osprey-classic.js"></script>\n');
  for (const file of ['news.json', 'news.osp']) {
    writeFileSync(join(dir, `widget-${file}.html`), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Widget</title>
<script type="module" src="/osprey.js"></script>
<osprey-search index="${prefix}/${file}" preload debounce="0" url-state="off" facets="type"></osprey-search>\n`);
  }
  // A bundle (web/dist/ copied over its top level) holding the JSON index beside its binary one.
  execFileSync(cli, ['index', records, '--bundle', join(dir, 'bundle'), '-q']);
  copyFileSync(join(dir, 'news.json'), join(dir, 'bundle/news.json'));
  ({ server, base } = await startServer());
  browser = await launch();
});

after(() => tearDown({ browser, server, dir }));

// Searches whose answers must be equal: facets, a sort, excerpts, typos, a phrase, a filter.
const kSearches = [
  ['syria', { facets: true }],
  ['refugees', { sort: 'date:desc', limit: 5 }],
  ['torture trial', { excerptWords: 12 }],
  ['syira', { typos: true }],
  ['"human rights"', { filters: { type: ['Press Release'] } }],
  ['deport', { prefix: true }],
];

/** Opens each index on one page ({worker}); returns {[file]: {format, docCount, answers}} and the page's requests. */
async function answers(files, { worker = true, module = '/osprey.js' } = {}) {
  const { page, context, requests, problems } = await openPage(browser, `${base}${prefix}/page.html`, { wait: false });
  try {
    await page.waitForFunction(() => window.Osprey);
    const out = await page.evaluate(async ({ files, searches, worker, module }) => {
      const { Osprey } = await import(module);
      const result = {};
      for (const url of files) {
        const s = await Osprey.open(url, { worker });
        const answered = [];
        for (const [query, options] of searches) answered.push(await s.search(query, options));
        result[url] = { format: s.indexFormat, docCount: s.docCount, thread: s.thread, answered };
        s.close();
      }
      return result;
    }, { files: files.map((f) => (f.startsWith('/') ? f : `${prefix}/${f}`)), searches: kSearches, worker, module });
    assert.deepEqual(problems, []);
    return { out: Object.values(out), requests: [...requests] };
  } finally {
    await context.close();
  }
}

for (const worker of [true, false]) {
  test(`a JSON index answers as the binary one, ${worker ? 'in the worker' : 'on the page (no worker)'}`, async () => {
    const { out: [json, binary, named] } = await answers(['news.json', 'news.osp', 'json-named.osp'], { worker });
    assert.equal(json.thread, worker ? 'worker' : 'main');
    assert.deepEqual([json.format, binary.format, named.format], ['json', 'binary', 'json']);
    assert.equal(json.docCount, 10);
    assert.ok(json.answered[0].hits.length > 0 && json.answered[0].facets.type);
    assert.ok(json.answered[2].hits[0].excerpts, 'excerpts');
    assert.deepEqual(json.answered, binary.answered);
    assert.deepEqual(named.answered, binary.answered);
  });
}

test('only a JSON index fetches the converter; a binary index fetches nothing more', async () => {
  const converter = (requests) => requests.filter((p) => kConverter.includes(p));
  const binary = await answers(['news.osp']);
  assert.deepEqual(converter(binary.requests), []);
  const json = await answers(['news.json']);
  assert.deepEqual(converter(json.requests), kConverter);
  // Counted: the JSON page asked for what the binary page did, its index in
  // place of the binary one, and the converter's two files, once each.
  const withoutIndexes = (requests) => requests.filter((p) => !p.startsWith(`${prefix}/`) || p.endsWith('.html')).sort();
  assert.deepEqual(withoutIndexes(json.requests), [...withoutIndexes(binary.requests), ...kConverter].sort());
});

test('a malformed JSON index rejects with corrupt-index naming its URL; the engine still opens the next', async () => {
  const { page, context } = await openPage(browser, `${base}${prefix}/page.html`, { wait: false });
  try {
    await page.waitForFunction(() => window.Osprey);
    const out = await page.evaluate(async (prefix) => {
      const error = await window.Osprey.open(`${prefix}/truncated.json`).then(() => null, (e) => ({
        name: e.name, code: e.code, message: e.message, isOsprey: e instanceof Error }));
      const good = await window.Osprey.open(`${prefix}/news.json`);
      return { error, total: (await good.search('syria')).total };
    }, prefix);
    assert.deepEqual(out.error, {
      name: 'OspreyError', code: 'corrupt-index', isOsprey: true,
      message: `${base}${prefix}/truncated.json: index is not valid JSON (truncated or garbled?): 1:701: ` +
               'syntax error while parsing value - invalid string: missing closing quote; last read: \'"2021\'',
    });
    assert.ok(out.total > 0);
  } finally {
    await context.close();
  }
});

test('<osprey-search index="….json"> shows what it shows for the binary index', async () => {
  const shown = {};
  for (const file of ['news.json', 'news.osp']) {
    const { page, context, problems } = await openPage(browser, `${base}${prefix}/widget-${file}.html`);
    try {
      shown[file] = { hits: await search(page, 'syria'), facets: await facets(page) };
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  assert.ok(shown['news.json'].hits.length > 0 && Object.values(shown['news.json'].facets).flat().length > 0);
  assert.deepEqual(shown['news.json'], shown['news.osp']);
});

test('a bundle\'s page module (web/dist/) opens a JSON index with its minified converter', async () => {
  const bundleIndex = `${prefix}/bundle/${readdirSync(join(dir, 'bundle')).find((f) => f.endsWith('.osp'))}`;
  const { out: [json, binary], requests } = await answers([`${prefix}/bundle/news.json`, bundleIndex],
                                                          { module: `${prefix}/bundle/osprey.js` });
  assert.equal(json.format, 'json');
  assert.deepEqual(json.answered, binary.answered);
  assert.deepEqual(requests.filter((p) => /convert/.test(p)), kConverter.map((p) => `${prefix}/bundle${p}`));
});

test('the classic build holds the converter\'s loader: a JSON index opens on the page, as the binary one', async () => {
  const { page, context, problems, requests } = await openPage(browser, `${base}${prefix}/classic.html`, { wait: false });
  try {
    await page.waitForFunction(() => window.Osprey);
    const out = await page.evaluate(async ({ prefix, searches }) => {
      const answer = async (url) => {
        const s = await window.Osprey.open(url, { worker: false });
        const answered = [];
        for (const [query, options] of searches) answered.push(await s.search(query, options));
        return { format: s.indexFormat, answered };
      };
      return [await answer(`${prefix}/news.json`), await answer(`${prefix}/news.osp`)];
    }, { prefix, searches: kSearches });
    assert.deepEqual(out.map((o) => o.format), ['json', 'binary']);
    assert.deepEqual(out[0].answered, out[1].answered);
    assert.deepEqual(requests.filter((p) => /convert/.test(p)), ['/engine/osprey-convert.wasm']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
