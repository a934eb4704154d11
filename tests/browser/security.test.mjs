// Security of <osprey-search>: a corpus of XSS payloads in titles, summaries,
// URLs and facet values renders as inert text on a page WITHOUT a CSP (so an
// injection would run), and the widget works under the strict CSP of the issue
// with zero violations, counted in the page (securitypolicyviolation events)
// and by the server (reports from the page and from the worker).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { until } from '../node/helpers.mjs';
import {
  buildIndex, facets, hitUrls, kStrictCsp, launch, nextResults, openPage, resultCount, root, search,
  startServer, toggleFacet, urls,
} from './helpers.mjs';
import { kReportPath } from '../../scripts/serve.mjs';

const xssRecords = JSON.parse(readFileSync(join(root, 'tests/fixtures/records/xss.json'), 'utf8'));
let server, base, strict, strictBase, browser;

before(async () => {
  buildIndex(join(root, 'data/news.json'), 'news.osp');
  buildIndex(join(root, 'tests/fixtures/records/xss.json'), 'test-xss.osp');
  ({ server, base } = await startServer());
  // The same files with the policy as a header on every response (the worker
  // script gets it too), reporting to the server.
  ({ server: strict, base: strictBase } = await startServer({
    headers: { 'Content-Security-Policy': `${kStrictCsp}; report-uri ${kReportPath}` },
    reports: true,
  }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  strict?.close();
});

/** Everything in the widget's shadow tree that could run or load something. */
function liveMarkup(page) {
  return page.evaluate(() => {
    const root = document.querySelector('osprey-search').shadowRoot;
    const found = [];
    for (const node of root.querySelectorAll('*')) {
      for (const attr of node.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${node.localName}[${attr.name}]`);
        if (/^(href|src|action|formaction|xlink:href|srcdoc|style)$/i.test(attr.name) &&
            !(node.localName === 'a' && attr.name === 'href' && /^https?:\/\//.test(node.href))) {
          found.push(`${node.localName}[${attr.name}=${attr.value}]`);
        }
      }
      if (['script', 'iframe', 'object', 'embed', 'img', 'style', 'link', 'base', 'math', 'table', 'b', 'animate', 'mglyph']
        .includes(node.localName)) found.push(node.localName);
      if (node.localName === 'svg' && node.getAttribute('class') !== 'icon') found.push('svg');
      if (node.localName === 'form' && node.className !== 'box') found.push('form');
    }
    return found;
  });
}

test('XSS payloads in titles, summaries, URLs and facet values render as inert text', async () => {
  const { page, context, problems } = await openPage(browser, `${base}/tests/nocsp.html#index=../index/test-xss.osp&browse=&limit=20`);
  assert.equal(await page.evaluate(() => document.querySelector('meta[http-equiv]')), null, 'no CSP on this page');
  assert.equal((await hitUrls(page)).length, xssRecords.length);
  const shown = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot.querySelectorAll('.hit')]
    .map((li) => ({
      doc: Number(li.dataset.doc), url: li.dataset.url, title: li.querySelector('.title').textContent,
      link: li.querySelector('.title a')?.href ?? null, meta: li.querySelector('.meta').textContent,
      excerpt: li.querySelector('.excerpt').textContent,
    })));
  for (const hit of shown) {
    const record = xssRecords[hit.doc];
    assert.equal(hit.title, record.title, `doc ${hit.doc}: the title as text`);
    assert.equal(hit.url, record.url);
    assert.ok(hit.meta.endsWith(` • ${record.type}`), `doc ${hit.doc}: the type as text`);
    assert.ok(hit.excerpt.startsWith(record.summary.split(' payload ')[0]), `doc ${hit.doc}: the summary as text`);
    // Only http(s) URLs become links: never javascript:, data:, vbscript:.
    if (/^https?:|^\//.test(record.url)) assert.ok(hit.link?.startsWith('http'), `doc ${hit.doc} links`);
    else assert.equal(hit.link, null, `doc ${hit.doc}: ${record.url} is no link`);
  }
  assert.equal(shown.find((h) => h.doc === 4).link, 'https://example.com/ok?x=%22%3E%3Cscript%3Ealert(%27url-query%27)%3C/script%3E');
  assert.equal(shown.find((h) => h.doc === 7).link, `${base}/safe/relative/path/`);
  assert.deepEqual(await liveMarkup(page), []);
  // Facet values are text too, including names that clobber object keys.
  const types = (await facets(page)).Type.map(([value]) => value).sort();
  assert.deepEqual(types, [...new Set(xssRecords.map((r) => r.type))].sort());
  await toggleFacet(page, 'Type', '__proto__');
  assert.deepEqual(await hitUrls(page), [xssRecords[2].url]);
  await toggleFacet(page, 'Type', 'constructor');
  await toggleFacet(page, 'Type', '<script>alert(\'type-script\')</script>');
  assert.deepEqual((await hitUrls(page)).sort(), [xssRecords[2].url, xssRecords[3].url, xssRecords[6].url].sort());
  assert.deepEqual(new URL(page.url()).searchParams.getAll('type'),
                   ['__proto__', 'constructor', '<script>alert(\'type-script\')</script>']);
  // Searching for markup finds it and marks it as text.
  await search(page, 'onerror');
  assert.deepEqual(await liveMarkup(page), []);
  const marks = await page.locator('osprey-search mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m.toLowerCase() === 'onerror'), marks.join(','));
  // Clicking a javascript: title goes nowhere.
  await search(page, '');
  const before = page.url();
  await page.locator('osprey-search .hit', { hasText: 'click me' }).locator('.title span').click();
  assert.equal(page.url(), before);
  // The page URL carrying payloads: the query and filters are text as well.
  const evil = await openPage(browser, `${base}/tests/nocsp.html?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}` +
    `&type=${encodeURIComponent('"><svg onload=alert(2)>')}&type=__proto__#index=../index/test-xss.osp&browse=`);
  assert.equal(await evil.page.inputValue('osprey-search input[role="combobox"]'), '<img src=x onerror=alert(1)>');
  assert.deepEqual(await liveMarkup(evil.page), []);
  assert.deepEqual(evil.problems, []);
  await evil.context.close();

  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Exercises the widget: typing, suggestions, facets, sort, load more, did-you-mean. */
async function exercise(page) {
  await search(page, 'torture');
  await page.locator('osprey-search input[role="combobox"]').focus();
  let n = await resultCount(page);
  await page.keyboard.type(' tr');
  await nextResults(page, n, 'torture tr');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await toggleFacet(page, 'Type', 'Press Release');
  n = await resultCount(page);
  await page.locator('osprey-search select').selectOption('date:desc');
  await nextResults(page, n);
  await search(page, 'aif');
  await search(page, '');
  n = await resultCount(page);
  await page.locator('osprey-search button.clear').click();
  await nextResults(page, n);
}

/**
 * Violation reports the strict server got since `from`: once at least `expected`
 * have come (they are POSTed after the violation, later on a loaded machine),
 * and a moment more for any others.
 */
async function reportsSince(from, expected = 0) {
  await until(() => strict.cspReports.length - from >= expected, `${expected} violation reports`);
  await new Promise((r) => setTimeout(r, 500));
  return strict.cspReports.slice(from).map((r) => `${r['violated-directive'] || r.effectiveDirective} ${r['blocked-uri'] || r.blockedURL}`);
}

test('the strict CSP (header and meta) sees zero violations: demo page, worker', async () => {
  const from = strict.cspReports.length;
  const { page, context, problems } = await openPage(browser, `${strictBase}/`);
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').searcher.thread), 'worker');
  await exercise(page);
  assert.equal((await hitUrls(page)).length, 10);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(await reportsSince(from), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the strict CSP sees zero violations: engine on the main thread, classic build', async () => {
  const from = strict.cspReports.length;
  const blocked = await openPage(browser, `${strictBase}/`, {
    init: () => {
      window.Worker = class {
        constructor() {
          throw new DOMException('workers are blocked here', 'SecurityError');
        }
      };
    },
  });
  assert.equal(await blocked.page.evaluate(() => document.querySelector('osprey-search').searcher.thread), 'main');
  await exercise(blocked.page);
  assert.deepEqual(await blocked.page.evaluate(() => window.__csp), []);
  assert.deepEqual(blocked.problems, []);
  await blocked.context.close();

  const classic = await openPage(browser, `${strictBase}/tests/classic.html#index=../index/news.osp&browse=`);
  await exercise(classic.page);
  assert.deepEqual(await classic.page.evaluate(() => window.__csp), []);
  assert.deepEqual(classic.problems, []);
  await classic.context.close();
  assert.deepEqual(await reportsSince(from), []);
});

test('a control: what the widget avoids is counted as violations', async () => {
  const from = strict.cspReports.length;
  const { page, context } = await openPage(browser, `${strictBase}/tests/csp-control.html`, { wait: false });
  await page.waitForFunction(() => window.__csp.length >= 2);
  assert.deepEqual((await page.evaluate(() => window.__csp)).map((v) => v.split(' ')[0]).sort(),
                   ['style-src-attr', 'style-src-elem']);
  assert.deepEqual((await reportsSince(from, 2)).map((r) => r.split(' ')[0]).sort(), ['style-src-attr', 'style-src-elem']);
  await context.close();
});

test('worker-src that blocks the worker: the engine moves to the page, one violation', async () => {
  const blockWorkers = await startServer({
    headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'none'" },
  });
  try {
    const { page, context, problems } = await openPage(browser, `${blockWorkers.base}/`);
    assert.equal(await page.evaluate(() => document.querySelector('osprey-search').searcher.thread), 'main');
    assert.deepEqual(await search(page, 'Koblenz'), [urls.koblenz]);
    assert.deepEqual((await page.evaluate(() => window.__csp)).map((v) => v.split(' ')[0]), ['worker-src']);
    assert.match(await page.locator('#engine-note').textContent(), /searched in the page \(workers are blocked\)/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    blockWorkers.server.close();
  }
});
