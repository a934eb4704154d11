// Pages are the results (docs/ranking.md "Pages"), on a Hugo-like site with
// taxonomy pages and one data-osprey-body per article
// (tests/fixtures/sites/taxonomy): for "compress", the CLI, the page API, the
// <osprey-search> widget and the offline single-file page all count the 7
// matching pages (not the 11 matching records), count the tag facet in pages,
// and list at most 3 sections under a page, each holding the word.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { launch, osprey, root, serve } from './browser.mjs';

// The pages holding "compress" (or a word it starts): the home page, two
// articles, the tags index, two tag pages and a category page.
const kPages = ['./', 'categories/ops/', 'posts/backups/', 'posts/compress-logs/', 'tags/',
  'tags/compress/', 'tags/logs/'];
// The tag facet in pages: compress-logs is tagged compress and logs, backups
// backup and compress (its sections carry the same tags but are no pages).
const kTags = { compress: 2, backup: 1, logs: 1 };
// compress-logs has four sections whose heading holds "compress"; three are
// listed, best first (equal scores: page order).
const kSections = ['posts/compress-logs/#why', 'posts/compress-logs/#gzip', 'posts/compress-logs/#zstd'];

let dir, site, server, browser, index;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-pages-'));
  site = join(dir, 'site');
  cpSync(join(root, 'tests/fixtures/sites/taxonomy'), site, { recursive: true });
  osprey('index', '--site', site, '--bundle', join(site, 'osprey'), '--single-file', join(dir, 'offline.html'),
         '--quiet');
  index = join(site, 'osprey', readdirSync(join(site, 'osprey')).find((f) => /^index\.en\.\w+\.osp$/.test(f)));
  // Written after indexing, so it is not in the index.
  writeFileSync(join(site, 'search.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>search</title>
<script type="module" src="/osprey/osprey.js"></script></head>
<body><main><osprey-search index="/osprey/"></osprey-search></main>
<script type="module">
import { Osprey } from '/osprey/osprey.js';
const manifest = await (await fetch('/osprey/osprey-manifest.json')).json();
window.searcher = await Osprey.open(new URL(manifest.languages.en.index, new URL('/osprey/', location.href)).href);
document.body.dataset.state = 'ready';
</script></body></html>
`);
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function facetCounts(facet) {
  return Object.fromEntries(facet.map((v) => [v.value, v.count]));
}

test('the CLI counts pages and lists a page\'s matching sections under it', () => {
  const r = JSON.parse(osprey('search', index, 'compress', '--json'));
  assert.equal(r.total, kPages.length);
  assert.deepEqual(r.hits.map((h) => h.fields.url).sort(), kPages);
  assert.deepEqual(facetCounts(r.facets.tag), kTags);
  const logs = r.hits.find((h) => h.fields.url === 'posts/compress-logs/');
  assert.deepEqual(logs.sections.map((s) => s.fields.url), kSections);
  for (const s of logs.sections) assert.match(s.fields.section, /compress/i);
  for (const h of r.hits.filter((x) => x !== logs)) assert.deepEqual(h.sections, []);
  // Paging is over pages: two pages of 4 give every page once.
  const first = JSON.parse(osprey('search', index, 'compress', '--json', '--limit', '4'));
  const second = JSON.parse(osprey('search', index, 'compress', '--json', '--limit', '4', '--offset', '4'));
  assert.equal(first.total, kPages.length);
  assert.deepEqual([...first.hits, ...second.hits].map((h) => h.fields.url), r.hits.map((h) => h.fields.url));
  // The text output: the page, then its sections.
  const text = osprey('search', index, 'compress');
  assert.match(text, /^7 results\n/);
  assert.match(text, /posts\/compress-logs\/ {2}Compress old logs\n {5}- posts\/compress-logs\/#why {2}Why compress logs\n/);
});

test('the page API and the widget count pages, in totals and facets', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.base}search.html`);
  await page.waitForSelector('body[data-state=ready]', { timeout: 30000 });

  const api = await page.evaluate(async () => {
    const r = await window.searcher.search('compress', { limit: 20 });
    const one = await window.searcher.search('compress', { limit: 20, sections: 1 });
    return {
      total: r.total, urls: r.hits.map((h) => h.fields.url), tags: r.facets.tag,
      sections: r.hits.map((h) => [h.fields.url, h.sections.map((s) => s.fields.url)]),
      one: one.hits.map((h) => h.sections.length),
    };
  });
  assert.equal(api.total, kPages.length);
  assert.deepEqual([...api.urls].sort(), kPages);
  assert.deepEqual(facetCounts(api.tags), kTags);
  assert.deepEqual(Object.fromEntries(api.sections)['posts/compress-logs/'], kSections);
  assert.ok(api.one.every((n) => n <= 1) && api.one.includes(1));

  await page.locator('osprey-search input[role="combobox"]').fill('compress');
  await page.waitForFunction(() => /“compress”/.test(document.querySelector('osprey-search').shadowRoot
    .querySelector('.status')?.textContent ?? ''), null, { timeout: 30000 });
  const shown = await page.evaluate(() => {
    const shadow = document.querySelector('osprey-search').shadowRoot;
    return {
      status: shadow.querySelector('.status').textContent,
      pages: [...shadow.querySelectorAll('.hits > li.hit')].map((li) => ({
        url: li.dataset.url,
        subs: [...li.querySelectorAll(':scope > .subs > li')].map((s) => [s.dataset.url, s.textContent]),
      })),
      tags: Object.fromEntries([...shadow.querySelectorAll('.facet label')]
        .map((l) => [l.querySelector('.value').textContent, Number(l.querySelector('.count').textContent)])),
    };
  });
  assert.equal(shown.status, `${kPages.length} results for “compress”`);
  assert.deepEqual(shown.pages.map((p) => p.url).sort(), kPages);
  assert.deepEqual(shown.tags, kTags);
  const logs = shown.pages.find((p) => p.url === 'posts/compress-logs/');
  assert.deepEqual(logs.subs.map(([url]) => url), kSections);
  for (const [, text] of logs.subs) assert.match(text, /compress/i);
  for (const p of shown.pages.filter((x) => x !== logs)) assert.deepEqual(p.subs, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the offline single-file page counts the same pages', async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(dir, 'offline.html')).href);
  await page.waitForSelector('body[data-state]', { timeout: 30000 });
  await page.fill('#osprey-q', 'compress');
  await page.waitForFunction(() => document.getElementById('osprey-status').textContent.includes('“compress”'));
  assert.equal(await page.textContent('#osprey-status'), `${kPages.length} results for “compress”`);  // the widget's words
  const pages = await page.$$eval('#osprey-results > li.page', (items) => items.map((li) => ({
    url: li.querySelector('.url').textContent,
    subs: [...li.querySelectorAll('.subs a')].map((a) => a.textContent),
  })));
  assert.deepEqual(pages.map((p) => p.url).sort(), kPages);
  const logs = pages.find((p) => p.url === 'posts/compress-logs/');
  assert.deepEqual(logs.subs, ['Why compress logs', 'Compress with gzip', 'Compress with zstd']);
  await page.close();
});
