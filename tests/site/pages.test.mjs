// Pages are the results (docs/ranking.md "Pages"), on a Hugo-like site with
// taxonomy pages and one data-osprey-body per article
// (tests/fixtures/sites/taxonomy): only the articles are indexed (the body
// rule, docs/site-indexing.md), and the summary counts the others; for
// "compress", the CLI, the page API, the <osprey-search> widget and the
// offline single-file page all count the 2 matching pages (not the 7
// matching records), count the tag facet in pages, and list at most 3
// sections under a page, each holding the word in its heading or its own
// text. An image's alt text finds its page; a page's image (and no other
// page's) and its metadata chips are shown, unless switched off.
// OSPREY_SCREENSHOTS=DIR keeps the widget's screenshots (1100 and 375 px wide).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { cli, launch, osprey, root, serve } from './browser.mjs';

// The articles holding "compress" (or a word it starts); the home, tag and
// category pages that hold it too have no data-osprey-body.
const kPages = ['posts/backups/', 'posts/compress-logs/'];
// The tag facet in pages: compress-logs is tagged compress and logs, backups
// backup and compress (its sections carry the same tags but are no pages).
const kTags = { compress: 2, backup: 1, logs: 1 };
// compress-logs has four sections whose heading holds "compress" (and one
// whose text holds "compressor"); three are listed, best first. The one of
// backups holds "compress" in its text only.
const kSections = ['posts/compress-logs/#why', 'posts/compress-logs/#gzip', 'posts/compress-logs/#zstd'];
const kBackupSections = ['posts/backups/#tar'];
// The images: data-osprey-meta="image:src" (over og:image), og:image, and
// an og:image whose file is missing; harbour-photos has an <img> but no image.
const kImages = { 'posts/compress-logs/': 'images/logs.png', 'posts/backups/': 'images/backup-og.png' };
// The chips: the site's metadata but image, description and date.
const kChips = {
  'posts/compress-logs/': [['author', 'Sam Ops'], ['reading_time', '3 min']],
  'posts/backups/': [['author', 'Sam Ops']],
};

let dir, site, server, browser, index, summary;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-pages-'));
  site = join(dir, 'site');
  cpSync(join(root, 'tests/fixtures/sites/taxonomy'), site, { recursive: true });
  // The summary is on stderr; execFileSync hands stderr back only on failure.
  summary = execFileSync('sh', ['-c', '"$0" "$@" 2>&1 >/dev/null', cli, 'index', '--site', site, '--bundle',
                                join(site, 'osprey'), '--single-file', join(dir, 'offline.html')],
                         { encoding: 'utf8' });
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

test('only the pages with data-osprey-body are indexed, and the summary counts the others', () => {
  assert.match(summary, /^osprey: 4 pages indexed of 12 files \(0 skipped\)/m);
  assert.match(summary, /^osprey: 8 pages without data-osprey-body not indexed \(other pages have it, so only those are indexed\)$/m);
  // "notes" is in every page's nav and footer and in the home page's title, never in an article's body.
  assert.equal(JSON.parse(osprey('search', index, 'notes', '--json')).total, 0);
  // An image's alt text is indexed: "cormorant" is in nothing else.
  assert.deepEqual(JSON.parse(osprey('search', index, 'cormorant', '--json')).hits.map((h) => h.fields.url),
                   ['posts/harbour-photos/']);
  const manifest = JSON.parse(readFileSync(join(site, 'osprey', 'osprey-manifest.json'), 'utf8'));
  assert.equal(manifest.fields.image, 'image');
  assert.deepEqual(manifest.fields.chips, ['author', 'reading_time']);
});

test('the CLI counts pages and lists a page\'s matching sections under it', () => {
  const r = JSON.parse(osprey('search', index, 'compress', '--json'));
  assert.equal(r.total, kPages.length);
  assert.deepEqual(r.hits.map((h) => h.fields.url).sort(), kPages);
  assert.deepEqual(facetCounts(r.facets.tag), kTags);
  const logs = r.hits.find((h) => h.fields.url === 'posts/compress-logs/');
  assert.deepEqual(logs.sections.map((s) => s.fields.url), kSections);
  for (const s of logs.sections) assert.match(s.fields.section, /compress/i);
  // A section whose own text holds the word, with the excerpt of that text.
  const backups = r.hits.find((h) => h.fields.url === 'posts/backups/');
  assert.deepEqual(backups.sections.map((s) => s.fields.url), kBackupSections);
  assert.deepEqual(backups.sections[0].excerpts.body.segments.filter((x) => x.match).map((x) => x.text),
                   ['compressor', 'compress']);
  assert.match(backups.sections[0].excerpts.body.segments[0].text, /^tar keeps permissions/);
  for (const h of r.hits) assert.equal(h.fields.image, kImages[h.fields.url]);
  // Paging is over pages: two pages of 1 give every page once.
  const first = JSON.parse(osprey('search', index, 'compress', '--json', '--limit', '1'));
  const second = JSON.parse(osprey('search', index, 'compress', '--json', '--limit', '1', '--offset', '1'));
  assert.equal(first.total, kPages.length);
  assert.deepEqual([...first.hits, ...second.hits].map((h) => h.fields.url), r.hits.map((h) => h.fields.url));
  // The text output: the page, then its sections.
  const text = osprey('search', index, 'compress');
  assert.match(text, /^2 results\n/);
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
  assert.deepEqual(Object.fromEntries(api.sections)['posts/backups/'], kBackupSections);
  assert.ok(api.one.every((n) => n <= 1) && api.one.includes(1));
  assert.deepEqual(await page.evaluate(async () => (await window.searcher.search('cormorant')).hits
    .map((h) => h.fields.url)), ['posts/harbour-photos/']);

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
        excerpts: [...li.querySelectorAll(':scope > .subs > li > .excerpt')].map((p) => p.textContent),
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
  const backups = shown.pages.find((p) => p.url === 'posts/backups/');
  assert.deepEqual(backups.subs.map(([url]) => url), kBackupSections);
  assert.deepEqual(backups.excerpts, ['tar keeps permissions; pipe it through a compressor to compress the archive.']);
  assert.deepEqual(problems, []);
  await page.close();
});

/** The page image (src, and whether it loaded) and the chips of each result of the widget. */
async function widgetExtras(page, query) {
  const input = page.locator('osprey-search input[role="combobox"]');
  // The results of this query, not the status left from the last (the same
  // query again, or an empty box that keeps the old status hidden).
  await page.evaluate((q) => {
    const element = document.querySelector('osprey-search');
    window.__shown = new Promise((ok) => {
      const on = (e) => {
        if (e.detail.query !== q) return;
        element.removeEventListener('osprey-results', on);
        ok();
      };
      element.addEventListener('osprey-results', on);
    });
  }, query);
  await input.fill('');
  await input.fill(query);
  await page.evaluate((q) => Promise.race([window.__shown, new Promise((_, fail) => {
    setTimeout(() => fail(new Error(`no results for ${q} in 30 s`)), 30000);
  })]), query);
  assert.match(await page.evaluate(() => document.querySelector('osprey-search').shadowRoot
    .querySelector('.status')?.textContent), new RegExp(`“${query}”`));
  // Images load lazily and fail asynchronously: wait until each has loaded or is gone.
  await page.waitForFunction(() => [...document.querySelector('osprey-search').shadowRoot.querySelectorAll('.thumb')]
    .every((img) => img.complete && img.naturalWidth > 0), null, { timeout: 10000 });
  return page.evaluate(() => Object.fromEntries([...document.querySelector('osprey-search').shadowRoot
    .querySelectorAll('.hits > li.hit')].map((li) => [li.dataset.url, {
    image: li.querySelector(':scope > img.thumb')?.src ?? null,
    alt: li.querySelector(':scope > img.thumb')?.alt ?? null,
    chips: [...li.querySelectorAll(':scope > .chips > .chip')].map((c) => [c.dataset.key, c.querySelector('.chip-value').textContent]),
  }])));
}

test('the widget shows a page\'s image and metadata chips, and attributes switch them off', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.base}search.html`);
  await page.waitForSelector('body[data-state=ready]', { timeout: 30000 });
  const shown = await widgetExtras(page, 'compress');
  for (const url of kPages) {
    assert.equal(shown[url].image, `${server.base}${kImages[url]}`, url);
    assert.equal(shown[url].alt, '');
    assert.deepEqual(shown[url].chips, kChips[url], url);
  }
  // No image for a page without one (an <img> in the text is not its image),
  // and none left for one whose image fails to load; the alt word finds it.
  assert.deepEqual(await widgetExtras(page, 'cormorant'), { 'posts/harbour-photos/': { image: null, alt: null, chips: [['author', 'Rui Ops']] } });
  assert.deepEqual(await widgetExtras(page, 'firewall'), { 'posts/firewall/': { image: null, alt: null, chips: [] } });
  await widgetExtras(page, 'compress');
  await page.screenshot({ path: join(process.env.OSPREY_SCREENSHOTS || dir, 'pages-widget-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(process.env.OSPREY_SCREENSHOTS || dir, 'pages-widget-375.png'), fullPage: true });
  // The image stays inside the result at 375px: nothing overflows the widget.
  const fits = await page.evaluate(() => {
    const shadow = document.querySelector('osprey-search').shadowRoot;
    const box = shadow.querySelector('.hits').getBoundingClientRect();
    return [...shadow.querySelectorAll('.thumb')].every((img) => {
      const r = img.getBoundingClientRect();
      return r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
    }) && document.documentElement.scrollWidth <= 375;
  });
  assert.ok(fits);

  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('images', 'off'));
  const noImages = await widgetExtras(page, 'compress');
  for (const url of kPages) assert.deepEqual(noImages[url], { image: null, alt: null, chips: kChips[url] });
  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('chips', 'off'));
  const neither = await widgetExtras(page, 'compress');
  for (const url of kPages) assert.deepEqual(neither[url], { image: null, alt: null, chips: [] });
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
  await page.waitForFunction(() => [...document.querySelectorAll('.thumb')]
    .every((img) => img.complete && img.naturalWidth > 0));
  const pages = await page.$$eval('#osprey-results > li.page', (items) => items.map((li) => ({
    url: li.querySelector('.url').textContent,
    subs: [...li.querySelectorAll('.subs a')].map((a) => a.textContent),
    subExcerpts: [...li.querySelectorAll('.subs .excerpt')].map((p) => p.textContent),
    image: li.querySelector(':scope > img.thumb')?.src ?? null,
    chips: [...li.querySelectorAll('.chips .chip')].map((c) => [c.dataset.key, c.querySelector('.chip-value').textContent]),
  })));
  assert.deepEqual(pages.map((p) => p.url).sort(), kPages);
  const logs = pages.find((p) => p.url === 'posts/compress-logs/');
  assert.deepEqual(logs.subs, ['Why compress logs', 'Compress with gzip', 'Compress with zstd']);
  const backups = pages.find((p) => p.url === 'posts/backups/');
  assert.deepEqual(backups.subs, ['Archive with tar']);
  assert.deepEqual(backups.subExcerpts, ['tar keeps permissions; pipe it through a compressor to compress the archive.']);
  for (const p of pages) {
    assert.equal(p.image, pathToFileURL(join(site, kImages[p.url])).href, p.url);
    assert.deepEqual(p.chips, kChips[p.url], p.url);
  }
  await page.fill('#osprey-q', 'cormorant');
  await page.waitForFunction(() => document.getElementById('osprey-status').textContent.includes('“cormorant”'));
  assert.deepEqual(await page.$$eval('#osprey-results > li.page', (items) => items.map((li) =>
    [li.querySelector('.url').textContent, li.querySelectorAll('img.thumb').length])), [['posts/harbour-photos/', 0]]);
  await page.close();
});
