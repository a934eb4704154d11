// <osprey-search> on a bundle served by `osprey serve`, in Chromium: the
// fixture site tests/fixtures/sites/basic indexed into SITE/osprey/ (with the
// tree's web/ files), and pages that point the element at the folder. The
// element reads osprey-manifest.json, opens the index of the page's language
// (or the element's lang, or the default), links hits against site_root, and
// lists the sections the engine gives a page hit under the page. A folder without a manifest
// still loads its index.osp.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, osprey, root, serve } from './browser.mjs';

let dir, site, server, browser;

/** A page in language lang (none: no lang) with the given script and element markup. */
function writePage(path, { lang, script = '/osprey/osprey.js', element }) {
  const file = join(site, path);
  mkdirSync(join(file, '..'), { recursive: true });
  const classic = script.endsWith('osprey-classic.js');
  writeFileSync(file, `<!DOCTYPE html>
<html${lang === undefined ? '' : ` lang="${lang}"`}><head><meta charset="utf-8"><title>search test</title>
<script ${classic ? 'defer' : 'type="module"'} src="${script}"></script></head>
<body><main><h1>Search</h1>${element}</main></body></html>
`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-widget-'));
  site = join(dir, 'site');
  cpSync(join(root, 'tests/fixtures/sites/basic'), site, { recursive: true });
  osprey('index', '--site', site, '--exclude', 'drafts/', '--quiet');
  // Written after indexing, so they are not in the index.
  writePage('search.html', { lang: 'en-GB', script: 'osprey/osprey.js', element: '<osprey-search index="osprey/"></osprey-search>' });
  writePage('fr/recherche.html', { lang: 'fr', element: '<osprey-search index="/osprey/"></osprey-search>' });
  writePage('de.html', { lang: 'de', element: '<osprey-search index="/osprey/"></osprey-search>' });
  writePage('nolang.html', { element: '<osprey-search index="/osprey/"></osprey-search>' });
  writePage('override.html', { lang: 'en', element: '<osprey-search index="/osprey/" lang="fr-CA"></osprey-search>' });
  writePage('more.html', { lang: 'en', element: '<osprey-search index="/osprey/" limit="1"></osprey-search>' });
  writePage('classic.html', { lang: 'fr', script: '/osprey/osprey-classic.js', element: '<osprey-search index="/osprey/"></osprey-search>' });
  // A folder with an index.osp and no manifest: as before bundles.
  const en = readdirSync(join(site, 'osprey')).find((f) => /^index\.en\.\w+\.osp$/.test(f));
  mkdirSync(join(site, 'plain'));
  cpSync(join(site, 'osprey', en), join(site, 'plain/index.osp'));
  writePage('sub/plain.html', { lang: 'fr', element: '<osprey-search index="../plain/"></osprey-search>' });
  // A manifest of a later version is refused, not guessed at.
  mkdirSync(join(site, 'future'));
  writeFileSync(join(site, 'future/osprey-manifest.json'),
                JSON.stringify({ format: 'osprey-bundle', version: 2, default_language: 'en', languages: { en: { index: 'x' } } }));
  writePage('future.html', { lang: 'en', element: '<osprey-search index="future/"></osprey-search>' });
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens path; collects page errors, failed requests and the paths requested. */
async function open(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__results = [];
    document.addEventListener('osprey-results', (e) => window.__results.push(e.detail));
  });
  await page.goto(server.base + path);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  return { page, context, problems, requests };
}

/** Types query into the box; resolves to the results as shown, once they are. */
async function search(page, query) {
  const before = await page.evaluate(() => window.__results.length);
  await page.locator('osprey-search input[role="combobox"]').fill(query);
  await page.waitForFunction(([n, q]) => window.__results.length > n && window.__results.at(-1).query === q,
                             [before, query], { timeout: 30000 });
  return shown(page);
}

/**
 * The result list: [{url, href, title, subs: [{url, href, title}]}], a
 * "partial" marker for the separator; href is the link's resolved URL.
 */
function shown(page) {
  return page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot.querySelectorAll('.hits > li')]
    .map((li) => (li.classList.contains('partial-note') ? 'partial' : {
      url: li.dataset.url,
      href: li.querySelector(':scope > .title a')?.href ?? null,
      title: li.querySelector(':scope > .title').textContent,
      subs: [...li.querySelectorAll(':scope > .subs > li')].map((sub) => ({
        url: sub.dataset.url, href: sub.querySelector('a')?.href ?? null, title: sub.querySelector('a')?.textContent,
      })),
    })));
}

function element(page) {
  return page.evaluate(() => {
    const e = document.querySelector('osprey-search');
    return { state: e.state, language: e.indexLanguage, indexUrl: e.indexUrl };
  });
}

test('the page language picks the index; hits link against site_root; sections sit under their page', async () => {
  const { page, context, problems, requests } = await open('search.html');
  const base = server.base;
  // #migration's own text holds "nesting" too (its heading "Nesting again" repeats an anchor: no section).
  assert.deepEqual(await search(page, 'nesting habits'), [
    { url: './', href: base, title: 'Osprey Field Guide',
      subs: [{ url: './#nesting', href: `${base}#nesting`, title: 'Nesting habits' },
             { url: './#migration', href: `${base}#migration`, title: 'Migration' }] },
    'partial',
    { url: 'guide/', href: `${base}guide/`, title: 'Watching Ospreys: A Guide', subs: [] },
  ]);
  const { state, language, indexUrl } = await element(page);
  assert.deepEqual([state, language], ['ready', 'en']);
  assert.match(indexUrl, new RegExp(`^${base}osprey/index\\.en\\.[0-9a-f]{16}\\.osp$`));
  assert.ok(requests.includes('/osprey/osprey-manifest.json'));
  // The manifest and one index: the English one.
  assert.equal(requests.filter((p) => p.endsWith('.json') || p.endsWith('.osp')).length, 2, requests.join(' '));
  // The page's excerpt stays with the page, marked.
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').shadowRoot
    .querySelector('.hit .excerpt').querySelectorAll('mark').length), 3);
  assert.deepEqual(await search(page, 'balbuzard'), []);

  // The engine lists a page's matching sections under it, each titled by its heading.
  assert.deepEqual(await search(page, 'diet migration'), [
    { url: './', href: base, title: 'Osprey Field Guide', subs: [
      { url: './#diet', href: `${base}#diet`, title: 'Diet' },
      { url: './#migration', href: `${base}#migration`, title: 'Migration' },
    ] },
  ]);

  // Tab goes from the box through the page link and its deep links, in order.
  await page.locator('osprey-search input[role="combobox"]').focus();
  const links = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.querySelector('osprey-search').shadowRoot.activeElement?.href);
    if (href && links.includes(href)) break;  // round the page and back
    if (href) links.push(href);
  }
  assert.deepEqual(links, [base, `${base}#diet`, `${base}#migration`]);
  // Enter on a deep link lands on the section.
  await page.locator('osprey-search .sub-link', { hasText: 'Diet' }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(page.url(), `${base}#diet`);
  assert.equal(await page.textContent('#diet h2'), 'Diet¶');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the grouped results pass axe-core', async () => {
  const { page, context } = await open('search.html');
  await search(page, 'nesting habits');
  await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.help}`));
  assert.deepEqual(violations, []);
  await context.close();
});

test('a French page searches the French index; links resolve against site_root, not the page', async () => {
  const { page, context, problems } = await open('fr/recherche.html');
  assert.deepEqual(await search(page, 'nidification'), [
    { url: 'fr/', href: `${server.base}fr/`, title: 'Le balbuzard pêcheur',
      subs: [{ url: 'fr/#nidification', href: `${server.base}fr/#nidification`,
               title: 'Nidification' }] },
  ]);
  assert.equal((await element(page)).language, 'fr');
  assert.deepEqual(await search(page, 'osprey'), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a language the bundle lacks, or none, falls back to default_language', async () => {
  for (const path of ['de.html', 'nolang.html']) {
    const { page, context, problems } = await open(path);
    assert.deepEqual((await search(page, 'telescope')).map((g) => g.href), [`${server.base}guide/`], path);
    assert.equal((await element(page)).language, 'en', path);
    assert.deepEqual(await search(page, 'balbuzard'), [], path);
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('the element\'s lang overrides the page\'s, and changing it opens that index', async () => {
  const { page, context, problems } = await open('override.html');
  assert.deepEqual((await search(page, 'balbuzard')).map((g) => g.url), ['fr/']);
  assert.equal((await element(page)).language, 'fr');
  const before = await page.evaluate(() => window.__results.length);
  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('lang', 'en'));
  await page.waitForFunction((n) => window.__results.length > n, before);
  assert.equal((await element(page)).language, 'en');
  assert.deepEqual(await shown(page), [], 'the query again, in English');
  assert.deepEqual((await search(page, 'telescope')).map((g) => g.url), ['guide/']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('"show more" lists the next pages, each once, with its sections under it', async () => {
  const { page, context, problems } = await open('more.html');
  const more = page.locator('osprey-search .more');
  const results = () => page.evaluate(() => window.__results.length);
  assert.deepEqual(await search(page, 'nests'), [
    { url: 'guide/', href: `${server.base}guide/`, title: 'Watching Ospreys: A Guide', subs: [] },
  ]);
  assert.equal(await page.textContent('osprey-search .shown'), '1 of 2 shown');
  const n = await results();
  await more.click();
  await page.waitForFunction((k) => window.__results.length > k, n);
  const pages = await shown(page);
  assert.deepEqual(pages.map((g) => [g.url, g.subs.map((s) => s.url)]),
                   [['guide/', []], ['./', ['./#nesting', './#migration']]]);
  assert.equal(await page.locator('osprey-search .hit > .excerpt').count(), 2, 'each page with its excerpt');
  // Keyboard users land on the first new item: the page's own link.
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').shadowRoot.activeElement?.href),
               server.base);
  assert.equal(await page.textContent('osprey-search .shown'), '2 of 2 shown');
  assert.equal(await more.isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the classic build reads the bundle the same way', async () => {
  const { page, context, problems } = await open('classic.html');
  assert.deepEqual((await search(page, 'nidification')).map((g) => [g.href, g.subs.map((s) => s.href)]),
                   [[`${server.base}fr/`, [`${server.base}fr/#nidification`]]]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a folder without a manifest loads its index.osp; URLs resolve against the page', async () => {
  const { page, context, problems, requests } = await open('sub/plain.html');
  // URLs against the page's base URL; the engine groups the pages all the same.
  assert.deepEqual((await search(page, 'nesting habits')).map((g) => (g.href ? [g.href, g.subs.map((s) => s.href)] : g)),
                   [[`${server.base}sub/`, [`${server.base}sub/#nesting`, `${server.base}sub/#migration`]], 'partial',
                    [`${server.base}sub/guide/`, []]]);
  const { state, language, indexUrl } = await element(page);
  assert.deepEqual([state, language, indexUrl], ['ready', '', `${server.base}plain/index.osp`]);
  assert.ok(requests.includes('/plain/osprey-manifest.json'), 'the manifest is looked for first');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a manifest of another version is refused with a message', async () => {
  const { page, context } = await open('future.html');
  await page.locator('osprey-search input[role="combobox"]').fill('osprey');
  await page.waitForFunction(() => document.querySelector('osprey-search').state === 'error');
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').shadowRoot.querySelector('.error-text')
    .textContent), `Search is unavailable: ${server.base}future/osprey-manifest.json: bundle version 2 is not supported (this widget reads version 1)`);
  await context.close();
});
