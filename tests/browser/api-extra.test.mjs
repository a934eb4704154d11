// The page API beyond open/search (issue #17, item 4; docs/js-api.md), in
// Chromium through a bundle's web/dist/osprey.js (mergeIndex's module is a
// chunk beside it): preload (counted requests), debouncedSearch (superseded
// calls resolve null), filters() (every facet value with its count),
// options({ranking}) (orders predicted from BM25F), mergeIndex (two halves of
// data/news.json against one index of both), and the widget: the merge
// attribute, ArrowDown from the box to the results, and suggestions that
// cover nothing a visitor clicks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { until } from '../node/helpers.mjs';
import { cli, indexDir, launch, nextResults, openPage, resultCount, root, startServer, tearDown } from './helpers.mjs';

const name = `api-extra-${process.pid}`;
const dir = join(indexDir, name);
const prefix = `/index/${name}`;
const news = JSON.parse(readFileSync(join(root, 'data/news.json'), 'utf8'));
let browser, server, base;

/** Bundles records (an array) as dir/NAME/ (sharded into parts when split). */
function bundle(records, bundleName, split = false) {
  const file = join(dir, `${bundleName}.json`);
  writeFileSync(file, JSON.stringify(records));
  execFileSync(cli, ['index', file, '--bundle', join(dir, bundleName), '-q', ...(split ? ['--split-above', '0'] : [])]);
  return `${prefix}/${bundleName}/${readdirSync(join(dir, bundleName)).find((f) => f.endsWith('.osp'))}`;
}

let indexes;  // bundle name -> the URL path of its index file
let splitHeld = null;  // a promise: the split index's parts are answered when it settles

before(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const heron = (title, summary, url) => ({ title, summary, type: 'Note', date: '2020-01-01', url });
  const filler = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  indexes = {
    split: bundle(news, 'split', true),
    whole: bundle(news, 'whole'),
    first: bundle(news.slice(0, 5), 'first'),
    second: bundle(news.slice(5), 'second'),
    // Ranking: "heron" once in a title (a), three times in a short summary (b),
    // once in a long summary (c) and once in a short one (d).
    herons: bundle([heron('heron', 'grey bird of rivers', '/a'), heron('bird notes', 'heron heron heron', '/b'),
                    heron('marsh', `heron ${filler}`, '/c'), heron('lake', 'heron lake', '/d')], 'herons'),
  };
  writeFileSync(join(dir, 'page.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>API</title>\n');
  writeFileSync(join(dir, 'widget.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Widget</title>
<script type="module" src="whole/osprey.js"></script>
<osprey-search index="first/" merge="second/" preload debounce="0" url-state="off" facets="type"></osprey-search>\n`);
  // The sharded index's parts arrive late (200 ms, or when splitHeld settles).
  // docs/js-api.md's examples run against /osprey/ and /blog/osprey/.
  execFileSync(cli, ['index', join(root, 'data/news.json'), '--bundle', join(dir, 'site/osprey'), '-q']);
  execFileSync(cli, ['index', join(root, 'data/news.json'), '--bundle', join(dir, 'site/blog/osprey'), '-q']);
  execFileSync(cli, ['index', join(root, 'data/news.json'), '-o', join(dir, 'site/osprey/news.json'),
                     '--index-format', 'json', '-q']);
  const mounts = { '/osprey/': join(dir, 'site/osprey'), '/blog/osprey/': join(dir, 'site/blog/osprey') };
  const splitPart = (path) => path.startsWith(`${prefix}/split/`) && !path.endsWith('.osp') && !path.endsWith('.json');
  ({ server, base } = await startServer({ mounts, delay: (path) => (splitPart(path) ? splitHeld ?? 200 : 0) }));
  browser = await launch();
});

after(() => tearDown({ browser, server, dir }));

/** A page that imported the bundle's osprey.js as window.Osprey; and the paths it requested. */
async function apiPage() {
  const opened = await openPage(browser, `${base}${prefix}/page.html`, { wait: false });
  await opened.page.evaluate(async (src) => {
    window.Osprey = (await import(src)).Osprey;
  }, `${prefix}/whole/osprey.js`);
  return opened;
}

test('preload loads every part a search needs: the same search then fetches nothing', async () => {
  const isPart = (p) => p.startsWith(indexes.split.replace(/\.osp$/, '/'));
  // What a search alone fetches, on a page of its own.
  const alone = await apiPage();
  let searched;
  try {
    await alone.page.evaluate(async (url) => (await window.Osprey.open(url)).search('torture'), indexes.split);
    searched = alone.requests.filter(isPart).sort();
  } finally {
    await alone.context.close();
  }
  const { page, context, requests } = await apiPage();
  try {
    const parts = () => requests.filter(isPart).sort();
    await page.evaluate(async (url) => {
      window.s = await window.Osprey.open(url);
    }, indexes.split);
    assert.deepEqual(parts(), [], 'opening fetches the base only');
    const preloaded = await page.evaluate(() => window.s.preload('torture').then((v) => v));
    assert.equal(preloaded, undefined);
    assert.ok(searched.length >= 3, `a search fetched ${searched.length} parts (dictionary, postings, stored values)`);
    assert.deepEqual(parts(), searched, 'preload fetched what the search needs');
    const urls = await page.evaluate(() => window.s.search('torture').then((r) => r.hits.map((h) => h.fields.url)));
    assert.deepEqual(parts(), searched, 'the search after preload fetched nothing more');
    assert.ok(urls.length > 0);
    assert.ok(!requests.some((p) => p.endsWith('/merge.js')), 'a page that merges nothing never fetches merge.js');
  } finally {
    await context.close();
  }
});

test('debouncedSearch resolves the last call of the window; the calls it superseded resolve null', async () => {
  const { page, context, requests } = await apiPage();
  try {
    const out = await page.evaluate(async (url) => {
      const s = await window.Osprey.open(url);
      const calls = ['syr', 'syri', 'torture'].map((q) => s.debouncedSearch(q, { limit: 3 }, 120));
      const results = await Promise.all(calls);
      window.fresh = await window.Osprey.open(url);
      return { first: results.slice(0, 2), terms: results[2].terms, hits: results[2].hits.length };
    }, indexes.split);
    // One superseded while its search waits for parts (a fresh engine holds
    // none; they are held back until the next call is made).
    let release;
    splitHeld = new Promise((resolve) => { release = resolve; });
    const from = requests.length;
    await page.evaluate(() => {
      window.running = window.fresh.debouncedSearch('syria', {}, 0);
    });
    await until(() => requests.slice(from).some((p) => p.startsWith(indexes.split.replace(/\.osp$/, '/'))),
                'the first search\'s parts requested');
    await page.evaluate(() => {
      window.last = window.fresh.debouncedSearch('refugees', {}, 0);
    });
    splitHeld = null;
    release();
    Object.assign(out, await page.evaluate(async () => ({ running: await window.running, last: (await window.last).terms })));
    assert.deepEqual(out.first, [null, null]);
    assert.deepEqual(out.terms, ['torture']);
    assert.equal(out.hits, 3);
    assert.equal(out.running, null);
    assert.deepEqual(out.last, ['refugees']);
  } finally {
    await context.close();
  }
});

test('filters() lists every facet value with its count over the whole index, without a query', async () => {
  const { page, context } = await apiPage();
  try {
    const { filters, browse } = await page.evaluate(async (url) => {
      const s = await window.Osprey.open(url);
      return { filters: await s.filters(), browse: (await s.search('', { browse: true, facetLimit: 1000 })).facets };
    }, indexes.split);
    const types = {};
    for (const r of news) types[r.type] = (types[r.type] || 0) + 1;
    assert.deepEqual(filters.type, types);
    for (const [field, values] of Object.entries(browse)) {
      assert.deepEqual(filters[field], Object.fromEntries(values.map((v) => [v.value, v.count])), field);
    }
  } finally {
    await context.close();
  }
});

test('options({ranking}) changes the order as BM25F predicts, and bad values reject with the engine\'s message', async () => {
  const { page, context } = await apiPage();
  try {
    const out = await page.evaluate(async (url) => {
      const s = await window.Osprey.open(url);
      const order = async (options) => (await s.search('heron', options)).hits.map((h) => h.fields.url).join(' ');
      const error = (options) => s.options(options).then(() => 'resolved', (e) => `${e.code}: ${e.message}`);
      const found = { byDefault: await order() };
      await s.options({ ranking: { fieldWeights: { title: 0.01 } } });
      found.lightTitle = await order();
      await s.options({ ranking: { fieldWeights: { title: 100 } } });
      found.heavyTitle = await order();
      await s.options({ ranking: { fieldWeights: {}, pageLength: 0 } });
      found.noLength = await order();
      await s.options({ ranking: { pageLength: 1 } });
      found.fullLength = await order();
      found.perSearch = await order({ ranking: { pageLength: 0 } });
      found.badLength = await error({ ranking: { pageLength: 2 } });
      found.badField = await error({ ranking: { fieldWeights: { nope: 2 } } });
      found.badKey = await error({ ranking: { k1: 2 } });
      found.notObject = await error(null);
      found.badRanking = await error({ ranking: 'fast' });
      found.badOption = await error({ limit: -1 });
      found.arrayOptions = await s.search('heron', []).then(() => 'resolved', (e) => `${e.code}: ${e.message}`);
      found.kept = await order();  // the rejected options changed nothing
      return found;
    }, indexes.herons);
    // Title weight 3 (the default): a title match (/a) beats a summary's three.
    assert.equal(out.byDefault.split(' ')[0], '/a');
    // A title weighted 0.01: the summary's three occurrences (/b) first, /a last.
    assert.deepEqual(out.lightTitle.split(' ').slice(0, 1), ['/b']);
    assert.equal(out.lightTitle.split(' ').at(-1), '/a');
    assert.equal(out.heavyTitle.split(' ')[0], '/a');
    // b = 0: no length normalization, so one occurrence in the long summary (/c)
    // scores as one in the short one (/d): tied, in input order; b = 1: /d before /c.
    const rank = (list, url) => list.split(' ').indexOf(url);
    assert.ok(rank(out.noLength, '/c') < rank(out.noLength, '/d'), out.noLength);
    assert.ok(rank(out.fullLength, '/d') < rank(out.fullLength, '/c'), out.fullLength);
    assert.ok(rank(out.perSearch, '/c') < rank(out.perSearch, '/d'), 'a search\'s own ranking wins');
    assert.equal(out.badLength, 'invalid-argument: ranking.pageLength must be a number from 0 to 1 (got 2)');
    assert.equal(out.arrayOptions, 'invalid-argument: options must be an object');
    assert.equal(out.badField, 'invalid-argument: ranking.fieldWeights: "nope" is not a searchable field');
    assert.equal(out.badKey, 'invalid-argument: ranking: unknown parameter "k1" (termSaturation, pageLength, fieldWeights)');
    assert.equal(out.notObject, 'invalid-argument: options() takes an object such as {ranking: {pageLength: 0.5}}');
    assert.equal(out.badRanking, 'invalid-argument: ranking must be an object {termSaturation, pageLength, fieldWeights}');
    assert.equal(out.badOption, 'invalid-argument: limit must be a non-negative integer (got -1)');
    assert.equal(out.kept, out.fullLength);
  } finally {
    await context.close();
  }
});

test('mergeIndex: two halves of a corpus answer as one list, totals added, each hit naming its index', async () => {
  const { page, context, requests } = await apiPage();
  try {
    const queries = ['syria', 'torture', 'refugees', 'human rights', 'syrian refugees'];
    const out = await page.evaluate(async ([first, second, whole, queries]) => {
      const merged = await window.Osprey.open(first);
      await merged.mergeIndex(second);
      const one = await window.Osprey.open(whole);
      const halves = [await window.Osprey.open(first), await window.Osprey.open(second)];
      const pick = (r) => ({ total: r.total, fullTotal: r.fullTotal, hits: r.hits.map((h) => [h.fields.url, h.indexUrl]),
                             type: r.facets.type });
      const found = {};
      for (const q of queries) {
        found[q] = { merged: pick(await merged.search(q, { partial: false })),
                     one: pick(await one.search(q, { partial: false })),
                     halves: [pick(await halves[0].search(q, { partial: false })),
                              pick(await halves[1].search(q, { partial: false }))] };
      }
      found.paged = pick(await merged.search('syria', { partial: false, offset: 2, limit: 3 }));
      found.byDate = (await merged.search('syria', { sort: 'date:desc' })).hits.map((h) => h.fields.date ?? null);
      found.byDateOne = (await one.search('syria', { sort: 'date:desc' })).hits.map((h) => h.fields.date ?? null);
      found.filters = await merged.filters();
      const weighted = await window.Osprey.open(first);
      await weighted.mergeIndex(second, { weight: 1000 });
      found.weighted = pick(await weighted.search('syria', { partial: false }));
      const filtered = await window.Osprey.open(first);
      await filtered.mergeIndex(second, { filters: { type: ['Press Release'] } });
      found.filtered = pick(await filtered.search('syria', { partial: false }));
      const failure = (promise) => promise.then(() => 'resolved', (e) => `${e.code}: ${e.message}`);
      found.badWeight = await failure(filtered.mergeIndex(second, { weight: -1 }));
      found.badFilters = await failure(filtered.mergeIndex(second, { filters: 5 }));
      found.badField = await failure(filtered.mergeIndex(second, { filters: { nope: 'x' } }));
      found.badUrl = await failure(filtered.mergeIndex('http://[::1'));
      found.stillTwo = (await filtered.search('syria', { partial: false })).total;
      return found;
    }, [indexes.first, indexes.second, indexes.whole, queries]);
    assert.ok(requests.includes(`${prefix}/whole/widget/merge.js`), 'mergeIndex loads its module on demand');
    const firstUrls = new Set(news.slice(0, 5).map((r) => r.url));
    const half = (indexUrl) => (indexUrl.endsWith(indexes.first) ? 'first' : indexUrl.endsWith(indexes.second) ? 'second' : indexUrl);
    for (const q of queries) {
      const { merged, one } = out[q];
      assert.ok(one.total > 0, q);
      // Every match of the whole corpus, counted as one index counts them.
      assert.equal(merged.total, one.total, q);
      assert.equal(merged.fullTotal, one.fullTotal, q);
      assert.deepEqual(merged.hits.map(([u]) => u).sort(), one.hits.map(([u]) => u).sort(), q);
      assert.deepEqual(merged.type, one.type, q);
      for (const [url, indexUrl] of merged.hits) {
        assert.equal(half(indexUrl), firstUrls.has(url) ? 'first' : 'second', `${q}: ${url}`);
      }
      // Each half keeps its own order (its idf and lengths are its own, so
      // not always the order the whole index gives the same documents).
      ['first', 'second'].forEach((which, k) => {
        assert.deepEqual(merged.hits.filter(([, i]) => half(i) === which).map(([u]) => u),
                         out[q].halves[k].hits.map(([u]) => u), `${q} (${which})`);
      });
    }
    // Raw BM25F scores merged: the best hit is the whole index's, but for
    // "torture", where each half's statistics (idf, average field lengths)
    // differ from the whole's enough to swap the two best: there it comes
    // second (docs/js-api.md, "mergeIndex").
    for (const q of queries) {
      const rank = out[q].merged.hits.findIndex(([u]) => u === out[q].one.hits[0][0]);
      assert.equal(rank, q === 'torture' ? 1 : 0, q);
    }
    assert.deepEqual(out.paged.hits, out.syria.merged.hits.slice(2, 5));
    // A sort field orders the merged list by its value, as one index does (no date: last).
    assert.deepEqual(out.byDate, out.byDateOne);
    assert.equal(out.byDate.at(-1), null);
    const types = {};
    for (const r of news) types[r.type] = (types[r.type] || 0) + 1;
    assert.deepEqual(out.filters.type, types);
    // weight 1000: the second half's matches all come first.
    const secondCount = out.weighted.hits.filter(([, i]) => half(i) === 'second').length;
    assert.ok(secondCount > 0);
    assert.deepEqual(out.weighted.hits.slice(0, secondCount).map(([, i]) => half(i)), Array(secondCount).fill('second'));
    // filters restrict the merged index only.
    const byUrl = new Map(news.map((r) => [r.url, r]));
    for (const [url, indexUrl] of out.filtered.hits) {
      if (half(indexUrl) === 'second') assert.equal(byUrl.get(url).type, 'Press Release', url);
    }
    assert.ok(out.filtered.hits.some(([url, i]) => half(i) === 'first' && byUrl.get(url).type !== 'Press Release'));
    assert.equal(out.badWeight, 'invalid-argument: mergeIndex weight must be a number above 0 (got -1)');
    assert.equal(out.badFilters, 'invalid-argument: mergeIndex filters must be an object or an array');
    assert.match(out.badField, /^invalid-argument: .*nope/);
    assert.equal(out.badUrl, 'invalid-argument: not a valid index URL: http://[::1');
    assert.equal(out.stillTwo, out.filtered.total, 'failed merges add no index');
  } finally {
    await context.close();
  }
});

/** The widget page; its shadow root's query helpers. */
async function widgetPage() {
  const opened = await openPage(browser, `${base}${prefix}/widget.html`);
  return opened;
}

test('the widget\'s merge attribute searches both bundles as one list', async () => {
  const { page, context, problems } = await widgetPage();
  try {
    const before = await resultCount(page);
    await page.locator('osprey-search input[role="combobox"]').fill('syria ');
    await nextResults(page, before);
    const urls = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot
      .querySelectorAll('.hit a[href]')].map((a) => new URL(a.href).pathname).filter((p) => p !== '/'));
    const inFirst = new Set(news.slice(0, 5).map((r) => r.url));
    assert.ok(urls.some((u) => inFirst.has(u)) && urls.some((u) => !inFirst.has(u)), urls.join(' '));
    // Without the attribute, the first bundle alone.
    await page.evaluate(() => document.querySelector('osprey-search').removeAttribute('merge'));
    await page.waitForFunction(() => document.querySelector('osprey-search').getAttribute('state') === 'ready');
    const n = await resultCount(page);
    await page.locator('osprey-search input[role="combobox"]').fill('syria  ');
    await nextResults(page, n);
    const alone = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot
      .querySelectorAll('.hit a[href]')].map((a) => new URL(a.href).pathname).filter((p) => p !== '/'));
    assert.ok(alone.length > 0 && alone.every((u) => inFirst.has(u)), alone.join(' '));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('ArrowDown goes from the box to the first result, arrows move between results, ArrowUp and Escape go back', async () => {
  const { page, context } = await widgetPage();
  try {
    const before = await resultCount(page);
    const input = page.locator('osprey-search input[role="combobox"]');
    await input.fill('syria ');  // a trailing space: no suggestions open
    await nextResults(page, before);
    const focused = () => page.evaluate(() => {
      const r = document.querySelector('osprey-search').shadowRoot;
      const links = [...r.querySelectorAll('.hits a[href]')];
      return r.activeElement === r.querySelector('input') ? 'input' : `link ${links.indexOf(r.activeElement)}`;
    });
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'link 0');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'link 1');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'link 0');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'input');
    assert.equal(await input.inputValue(), 'syria ', 'the query is kept');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'input');
  } finally {
    await context.close();
  }
});

test('open suggestions cover neither the status line nor facets nor results, and a click on a facet lands', async () => {
  const { page, context } = await widgetPage();
  try {
    let before = await resultCount(page);
    await page.locator('osprey-search input[role="combobox"]').fill('syria ');
    await nextResults(page, before);
    before = await resultCount(page);
    await page.locator('osprey-search input[role="combobox"]').fill('syr');
    await nextResults(page, before, 'syr');
    const listbox = page.locator('osprey-search [role="listbox"]');
    await listbox.waitFor({ state: 'visible' });
    const box = await listbox.boundingBox();
    for (const selector of ['.status', '.facet', '.hit']) {
      const other = await page.locator(`osprey-search ${selector}`).first().boundingBox();
      const overlaps = box.x < other.x + other.width && other.x < box.x + box.width &&
        box.y < other.y + other.height && other.y < box.y + box.height;
      assert.equal(overlaps, false, `the suggestions cover ${selector}`);
    }
    const facet = page.locator('osprey-search fieldset.facet label input').first();
    before = await resultCount(page);
    await facet.click();
    await nextResults(page, before);
    assert.equal(await facet.isChecked(), true, 'the click landed on the facet');
    assert.equal(await page.locator('osprey-search input[role="combobox"]').inputValue(), 'syr', 'no suggestion was taken');
    await listbox.waitFor({ state: 'hidden' });
  } finally {
    await context.close();
  }
});

test('every example of docs/js-api.md runs, in order, on one page', async () => {
  const doc = readFileSync(join(root, 'docs/js-api.md'), 'utf8');
  const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 7, `${blocks.length} examples`);
  // One module: the examples share their variables (searcher, ...), as the page reads them;
  // their imports go first.
  const code = blocks.join('\n').split('\n');
  const imports = code.filter((line) => line.startsWith('import '));
  writeFileSync(join(dir, 'docs.js'), `${imports.join('\n')}
window.__logs = [];
const log = console.log;
console.log = (...args) => { window.__logs.push(args.join(' ')); log(...args); };
try {
${code.filter((line) => !line.startsWith('import ')).join('\n')}
  window.__done = 'ok';
} catch (error) {
  window.__done = \`\${error.name} \${error.code ?? ''}: \${error.message}\`;
}
`);
  writeFileSync(join(dir, 'docs.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Docs</title>
<input type="search"><script type="module" src="docs.js"></script>\n`);
  const { page, context, problems } = await openPage(browser, `${base}${prefix}/docs.html`, { wait: false });
  try {
    await page.waitForFunction(() => window.__done, null, { timeout: 20000 }).catch(() => {
      assert.fail(`the examples did not finish: ${problems.join('; ')}`);
    });
    assert.equal(await page.evaluate(() => window.__done), 'ok');
    const logs = await page.evaluate(() => window.__logs);
    assert.ok(logs.some((l) => /^Press Release \(5\)$/.test(l)), logs.join('\n'));  // filters()
    assert.ok(logs.some((l) => l.includes('/blog/osprey/')), 'a merged hit names its index');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
