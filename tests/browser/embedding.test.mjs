// Embedding <osprey-search> in other pages: under a sub-path, the page API
// alone (no widget code fetched), the classic build, the index folder convention, loading on first interaction or preload,
// the worker (and the page fallback), style isolation both ways, the host
// font and theming, replaced UI strings, and typing that never waits.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { until } from '../node/helpers.mjs';
import {
  buildIndex, facets, hitUrls, launch, nextResults, openPage, resultCount, root, search, seedOrder, settled,
  startServer, status, urls, writeIndexFile,
} from './helpers.mjs';

let server, base, browser;

before(async () => {
  const news = buildIndex(join(root, 'data/news.json'), 'news.osp');
  writeIndexFile('test-folder/index.osp', readFileSync(news));
  // 1,500 generated records: counts big enough for digit grouping.
  const dir = mkdtempSync(join(tmpdir(), 'osprey-browser-'));
  const records = Array.from({ length: 1500 }, (_, i) => ({
    date: `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`, type: ['Report', 'Press Release', 'Urgent Action'][i % 3],
    title: `Generated item ${i} about ${i % 2 ? 'rivers' : 'mountains'}`, summary: `Number ${i}, word${i % 50}.`,
    url: `/generated/${i}/`,
  }));
  writeFileSync(join(dir, 'big.json'), JSON.stringify(records));
  buildIndex(join(dir, 'big.json'), 'test-big.osp');
  rmSync(dir, { recursive: true, force: true });
  ({ server, base } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('under a sub-path: the engine, worker and index load from there', async () => {
  const { page, context, problems, requests } = await openPage(browser, `${base}/sub/path/?q=Koblenz`);
  assert.deepEqual(await hitUrls(page), [urls.koblenz]);
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').searcher.thread), 'worker');
  // The demo page loads web/dist/ (scripts/bundle-web.mjs): one module, one worker script, the wasm.
  assert.deepEqual(requests.filter((p) => /\.(js|wasm)$/.test(p)).sort(), [
    '/sub/path/demo.js', '/sub/path/dist/engine/osprey-engine.wasm', '/sub/path/dist/osprey-worker.js',
    '/sub/path/dist/osprey.js']);
  assert.ok(requests.includes('/sub/path/index/news.osp'), `the index requested (got ${requests.join(', ')})`);
  assert.deepEqual(requests.filter((p) => !p.startsWith('/sub/path/')), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page that only calls Osprey.open fetches no widget code; an <osprey-search> added later loads it', async () => {
  const { page, context, problems, requests } = await openPage(browser, `${base}/tests/api.html`, { wait: false });
  await page.waitForFunction(() => window.__api);
  assert.deepEqual(await page.evaluate(() => window.__api), { thread: 'worker', urls: [urls.koblenz, urls.trial] });
  assert.deepEqual(requests.filter((p) => /\.(js|wasm)$/.test(p)).sort(), [
    '/engine/osprey-engine.js', '/engine/osprey-engine.wasm', '/osprey-core.js', '/osprey-worker.js',
    '/osprey.js', '/tests/api-page.js', '/widget/api.js', '/widget/core.js', '/widget/fetch.js', '/widget/fetch.js',
    '/widget/main-thread-loader.js', '/widget/merge-loader.js', '/widget/parts.js', '/widget/searcher.js',
    '/widget/stemmer.js', '/widget/stemmer.js']);
  assert.equal(await page.evaluate(() => customElements.get('osprey-search')), undefined);

  await page.evaluate(() => {
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<osprey-search index="../index/news.osp" preload></osprey-search>';
    document.querySelector('main').append(wrapper);
  });
  await settled(page);
  assert.ok(requests.includes('/osprey-search.js'), `osprey-search.js requested (got ${requests.join(', ')})`);
  assert.deepEqual(await search(page, 'Denmark'), [urls.denmark]);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Osprey.open() resolves to a searcher that describes the index, in the worker and on the page', async () => {
  const field = (name, props) => ({ name, searchable: false, stored: false, facet: false, sortable: false,
                                    boost: false, weight: 0, ...props });
  const descriptor = {
    language: 'en', idField: 'url',
    fields: [field('title', { searchable: true, stored: true, weight: 3 }),
             field('summary', { searchable: true, stored: true, weight: 1 }),
             field('type', { searchable: true, stored: true, facet: true, weight: 0.5 }),
             field('date', { stored: true, sortable: true }), field('year', { facet: true }), field('url', { stored: true })],
  };
  const blockWorkers = () => {
    window.Worker = class {
      constructor() {
        throw new DOMException('blocked', 'SecurityError');
      }
    };
  };
  for (const [thread, init] of [['worker', undefined], ['main', blockWorkers]]) {
    const { page, context, problems } = await openPage(browser, `${base}/tests/api.html`, { wait: false, init });
    await page.waitForFunction(() => window.__api);
    assert.equal(await page.evaluate(() => window.__api.thread), thread);
    assert.deepEqual(await page.evaluate(() => window.__descriptor), descriptor, thread);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Osprey.warm() starts the worker before open(), which takes it', async () => {
  const { page, context, problems, requests } = await openPage(browser, `${base}/tests/api.html`, { wait: false });
  await page.waitForFunction(() => window.__api);
  const workers = () => requests.filter((p) => p === '/osprey-worker.js').length;
  assert.equal(workers(), 1, 'the page\'s own open()');
  await page.evaluate(async () => {
    const { Osprey } = await import('../osprey.js');
    Osprey.warm();
    Osprey.warm();  // once
  });
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/osprey-worker.js')).length === 2);
  // The warm worker loads the engine before any index is named.
  await until(() => requests.filter((p) => p === '/engine/osprey-engine.wasm').length >= 2,
              'the warm worker\'s request for the engine');
  const opened = await page.evaluate(async () => {
    const { Osprey } = await import('../osprey.js');
    const searcher = await Osprey.open('../index/news.osp');
    const result = await searcher.search('Idlib');
    searcher.close();
    return { thread: searcher.thread, urls: result.hits.map((h) => h.fields.url) };
  });
  assert.deepEqual(opened, { thread: 'worker', urls: [urls.idlib] });
  assert.equal(workers(), 2, 'open() took the warm worker');
  assert.deepEqual(problems, []);
  await context.close();
});

test('index="FOLDER/" loads FOLDER/index.osp; the classic build works the same', async () => {
  for (const page of ['widget', 'classic']) {
    const { page: p, context, problems } = await openPage(browser,
      `${base}/sub/path/tests/${page}.html#index=../index/test-folder/&browse=`);
    assert.equal(await p.evaluate(() => document.querySelector('osprey-search').indexUrl),
                 `${base}/sub/path/index/test-folder/index.osp`);
    assert.deepEqual(await hitUrls(p), seedOrder, page);
    assert.deepEqual(await search(p, 'Denmark'), [urls.denmark], page);
    assert.deepEqual(await p.evaluate(() => window.__csp), [], page);
    assert.deepEqual(problems, [], page);
    if (page === 'classic') {
      // window.Osprey from the classic script: the JS API for custom UIs.
      const r = await p.evaluate(async () => {
        const s = await window.Osprey.open('../index/news.osp');
        const result = await s.search('torture', { filters: { type: ['Press Release'] }, sort: 'date:desc', limit: 5 });
        s.close();
        return [s.thread, result.total, result.hits.map((h) => h.fields.url), typeof window.OspreyError];
      });
      assert.deepEqual(r, ['worker', 2, [urls.koblenz, urls.trial], 'function']);
    }
    await context.close();
  }
});

test('the index loads on first interaction, or at once with preload', async () => {
  const lazy = await openPage(browser, `${base}/tests/widget.html#index=../index/news.osp`, { wait: false });
  const { requests } = lazy;
  await lazy.page.waitForFunction(() => document.querySelector('osprey-search')?.getAttribute('state') === 'idle');
  await lazy.page.waitForTimeout(300);
  assert.equal(requests.filter((p) => p.endsWith('news.json') || p.includes('osprey-worker')).length, 0, 'nothing loaded yet');
  assert.equal(await lazy.page.locator('osprey-search .bar').isVisible(), false);
  await lazy.page.locator('osprey-search input[role="combobox"]').focus();
  await lazy.page.waitForFunction(() => document.querySelector('osprey-search').getAttribute('state') === 'ready');
  assert.ok(requests.includes('/index/news.osp'));
  assert.deepEqual(await search(lazy.page, 'Idlib'), [urls.idlib]);
  await lazy.context.close();

  const hover = await openPage(browser, `${base}/tests/widget.html#index=../index/news.osp`, { wait: false });
  await hover.page.waitForFunction(() => document.querySelector('osprey-search')?.getAttribute('state') === 'idle');
  await hover.page.locator('osprey-search').hover();
  await hover.page.waitForFunction(() => document.querySelector('osprey-search').getAttribute('state') === 'ready');
  await hover.context.close();

  const preload = await openPage(browser, `${base}/tests/widget.html#index=../index/news.osp&preload=`);
  assert.equal(await preload.page.getAttribute('osprey-search', 'state'), 'ready');
  assert.equal(await preload.page.locator('osprey-search .hit').count(), 0, 'no query, no browse: no results');
  const ready = await preload.page.evaluate(() => window.__events.filter(([t]) => t === 'osprey-ready'));
  assert.deepEqual(ready, [['osprey-ready', { docCount: 10, thread: 'worker' }]]);
  await preload.context.close();
});

test('the engine runs in a worker; blocked workers fall back to the page', async () => {
  const { page, context } = await openPage(browser, `${base}/?q=torture`);
  assert.equal(await page.evaluate(() => typeof window.OspreyEngine), 'undefined', 'no engine on the page');
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').searcher.thread), 'worker');
  await context.close();

  const blocked = await openPage(browser, `${base}/?q=torture`, {
    init: () => {
      window.Worker = class {
        constructor() {
          throw new DOMException('blocked', 'SecurityError');
        }
      };
    },
  });
  assert.deepEqual(await hitUrls(blocked.page), [urls.returning, urls.trial, urls.koblenz, urls.iran]);
  assert.equal(await blocked.page.evaluate(() => typeof window.OspreyEngine), 'function');
  assert.equal(await blocked.page.evaluate(() => document.querySelector('osprey-search').searcher.thread), 'main');
  assert.deepEqual(blocked.problems, []);
  await blocked.context.close();
});

test('typing fast never waits: every key lands, the last query wins', async () => {
  const { page, context } = await openPage(browser, `${base}/`);
  const box = page.locator('osprey-search input[role="combobox"]');
  await box.click();
  const n = await resultCount(page);
  const typed = 'humanitarian aid syria';
  await page.keyboard.type(typed, { delay: 0 });
  assert.equal(await box.inputValue(), typed);
  const last = await nextResults(page, n, typed);
  assert.equal(last.query, typed);
  // Fewer searches than keys (debounced), and the results shown are the last query's.
  assert.ok((await resultCount(page)) - n < typed.length);
  await page.waitForTimeout(200);
  assert.equal(await status(page), `${last.total} results for “${typed}”`);
  await context.close();
});

test('page styles do not reach in, widget styles do not leak out', async () => {
  const { page, context, problems } = await openPage(browser,
    `${base}/tests/hostile.html?q=torture#index=../index/news.osp&browse=`);
  assert.deepEqual(await hitUrls(page), [urls.returning, urls.trial, urls.koblenz, urls.iran]);
  const inside = await page.evaluate(() => {
    const root = document.querySelector('osprey-search').shadowRoot;
    const s = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      input: s('input').display, mark: s('mark').display, link: [s('.title a').display, s('.title a').color],
      li: [s('.hit').cssFloat, s('.hit').listStyleType], text: [s('.excerpt').color, s('.excerpt').letterSpacing,
        s('.excerpt').textTransform, s('.excerpt').textAlign],
      title: s('.title').fontSize, border: s('.hits').borderTopStyle, font: s('.excerpt').fontFamily,
    };
  });
  assert.deepEqual(inside, {
    input: 'block', mark: 'inline', link: ['inline', 'rgb(200, 0, 100)'],  // --osprey-accent from the page
    li: ['none', 'none'], text: ['rgb(27, 27, 31)', 'normal', 'none', 'start'],
    title: '18.72px', border: 'none', font: 'Georgia, "DejaVu Serif", serif',  // the host font
  });
  const outside = await page.evaluate(() => ({
    sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length,
    styles: document.querySelectorAll('style').length,
    mark: getComputedStyle(document.getElementById('host-mark')).display,
    hit: getComputedStyle(document.querySelector('#host-list .hit')).borderTopStyle,
  }));
  // The page's own .hit keeps the page's look (the widget's has a solid top border).
  assert.deepEqual(outside, { sheets: 1, adopted: 0, styles: 0, mark: 'none', hit: 'none' });
  await page.screenshot({ path: join(root, 'tests/artifacts/hostile-page.png'), fullPage: true });
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('UI strings and locale can be replaced for another language', async () => {
  const strings = {
    results: { one: '{count} Treffer für „{query}“', other: '{count} Treffer für „{query}“' },
    browse: { one: '{count} Eintrag', other: '{count} Einträge' },
    noResults: 'Keine Treffer für „{query}“.', didYouMean: 'Meinten Sie {suggestion}?',
    facetLabels: { type: 'Art', year: 'Jahr' }, sortLabel: 'Sortieren',
    sortLabels: { relevance: 'Relevanz', 'date:desc': 'Neueste zuerst', 'date:asc': 'Älteste zuerst' },
  };
  const hash = new URLSearchParams({
    index: '../index/news.osp', browse: '', lang: 'de', label: 'Suche', placeholder: 'Suchen…',
    strings: JSON.stringify(strings),
  });
  const { page, context } = await openPage(browser, `${base}/tests/widget.html#${hash}`);
  assert.equal(await status(page), '10 Einträge');
  assert.equal(await page.locator('osprey-search .hit').first().locator('.meta').textContent(), '13. Januar 2022 • Press Release');
  assert.deepEqual(await page.locator('osprey-search legend').allTextContents(), ['Art', 'Jahr']);
  assert.deepEqual(await page.locator('osprey-search select option').allTextContents(), ['Relevanz', 'Neueste zuerst', 'Älteste zuerst']);
  assert.equal(await page.locator('osprey-search label.label').textContent(), 'Suche');
  assert.equal(await page.getAttribute('osprey-search input', 'placeholder'), 'Suchen…');
  await search(page, 'Koblenz');
  assert.equal(await status(page), '1 Treffer für „Koblenz“');
  await search(page, 'aif');
  assert.equal(await status(page), 'Keine Treffer für „aif“.');
  assert.equal(await page.locator('osprey-search .suggest').textContent(), 'Meinten Sie aid?');
  // The strings property works too, over the attribute.
  await page.evaluate(() => {
    document.querySelector('osprey-search').strings = { noResults: 'Nichts für „{query}“.' };
  });
  assert.equal(await status(page), 'Nichts für „aif“.');
  await context.close();
});

test('two widgets on one page keep their own URL parameters', async () => {
  const { page, context } = await openPage(browser,
    `${base}/tests/widget.html?b-q=Idlib#index=../index/news.osp&browse=&url-prefix=b-`);
  assert.deepEqual(await hitUrls(page), [urls.idlib]);
  await search(page, 'Denmark');
  assert.deepEqual([...new URL(page.url()).searchParams], [['b-q', 'Denmark']]);
  await context.close();
});

test('a loading state while the index arrives; counts are grouped by the locale', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/index/test-big.osp', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${base}/tests/widget.html?q=rivers#index=../index/test-big.osp&browse=`);
  await page.waitForFunction(() => document.querySelector('osprey-search')?.getAttribute('state') === 'loading');
  assert.equal(await status(page), 'Loading the search index…');
  assert.equal(await page.getAttribute('osprey-search section.results', 'aria-busy'), 'true');
  assert.equal(await page.inputValue('osprey-search input[role="combobox"]'), 'rivers', 'the box is usable meanwhile');
  release();
  await settled(page);
  assert.equal(await page.getAttribute('osprey-search section.results', 'aria-busy'), 'false');
  assert.equal(await status(page), '750 results for “rivers”');
  await page.locator('osprey-search input[role="combobox"]').fill('');
  await page.waitForFunction(() => document.querySelector('osprey-search').shadowRoot.querySelector('.status').textContent === '1,500 items');
  assert.equal(await page.locator('osprey-search .shown').textContent(), '10 of 1,500 shown');
  assert.deepEqual((await facets(page)).Type, [['Press Release', '500', false], ['Report', '500', false], ['Urgent Action', '500', false]]);
  await context.close();
});

test('changing the index attribute loads the new index; removing the element frees the engine', async () => {
  const { page, context, problems } = await openPage(browser, `${base}/tests/widget.html#index=../index/news.osp&browse=`);
  assert.equal(await status(page), '10 items');
  const n = await resultCount(page);
  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('index', '../index/test-big.osp'));
  await nextResults(page, n, '');
  assert.equal(await status(page), '1,500 items');
  // Moving the element keeps its engine; removing it stops it.
  const kept = await page.evaluate(() => {
    const el = document.querySelector('osprey-search');
    const searcher = el.searcher;
    document.body.append(el);
    return el.searcher === searcher;
  });
  assert.equal(kept, true);
  const freed = await page.evaluate(async () => {
    const el = document.querySelector('osprey-search');
    const searcher = el.searcher;
    el.remove();
    await new Promise((r) => setTimeout(r));
    const error = await searcher.search('x').catch((e) => e.code);
    return [el.searcher, el.state, error];
  });
  assert.deepEqual(freed, [null, 'idle', 'closed']);
  assert.deepEqual(problems, []);
  await context.close();
});
