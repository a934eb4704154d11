// End-to-end on the demo page (web/index.html): index data/ with the CLI, serve
// web/ on 127.0.0.1, drive Debian's Chromium, and assert on the widget's DOM:
// typing, result order (= the CLI's), highlights, facets, sort, load more, URL
// state, no-results and did-you-mean, error states, and the screenshots.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  artifacts, buildIndex, cliUrls, indexDir, facets, hitUrls, launch, nextResults, openPage, resultCount, root,
  search, seedOrder, settled, startServer, status, toggleFacet, urlParams, urls, writeIndexFile,
} from './helpers.mjs';

let server, base, browser, newsIndex;

before(async () => {
  newsIndex = buildIndex(join(root, 'data/news.json'), 'news.osp');
  const good = readFileSync(newsIndex);
  writeIndexFile('test-truncated.osp', good.subarray(0, 700));
  const garbled = Buffer.from(good);
  garbled[300] ^= 0x20;  // inside the base: the checksum catches it
  writeIndexFile('test-garbled.osp', garbled);
  ({ server, base } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(join(indexDir, `test-retry-${process.pid}.osp`), { force: true });
});

const demo = (path = '') => `${base}/${path}`;

test('the demo lists the ten items in the seed order, with facet counts', async () => {
  const { page, context, problems } = await openPage(browser, demo());
  assert.deepEqual(await hitUrls(page), seedOrder);
  assert.equal(await status(page), '10 items');
  assert.deepEqual(await facets(page), {
    Type: [['Press Release', '5', false], ['Urgent Action', '3', false], ['Country', '1', false], ['Report', '1', false]],
    Year: [['2022', '1', false], ['2021', '5', false], ['2020', '3', false]],
  });
  // The seed's layout for an item without a title: the summary's first sentence is the link.
  const country = page.locator('osprey-search .hit').nth(1);
  assert.equal(await country.locator('.meta').textContent(), 'December 8, 2021 • Country');
  assert.equal(await country.locator('.title a').textContent(),
               'Amnesty International works to stop human rights violations in Syria.');
  assert.equal(await country.locator('.excerpt').textContent(), 'Human rights abuses can end with your support.');
  assert.equal(await page.locator('osprey-search .hit').nth(5).locator('.meta').textContent(), 'Press Release');
  assert.match(await page.locator('#engine-note').textContent(), /^10 documents, searched in a Web Worker\.$/);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing finds the known items first, in the seed layout with marked matches', async () => {
  const { page, context, problems } = await openPage(browser, demo());
  const torture = await search(page, 'torture');
  assert.deepEqual(torture, [urls.returning, urls.trial, urls.koblenz, urls.iran]);
  assert.equal(await status(page), '4 results for “torture”');
  const expected = {
    Koblenz: urls.koblenz, Raslan: urls.koblenz, Denmark: urls.denmark, deportation: urls.deportation,
    Idlib: urls.idlib, "A'lo": urls.deportation,
  };
  for (const [query, url] of Object.entries(expected)) {
    assert.equal((await search(page, query))[0], url, query);
  }
  await search(page, 'Koblenz');
  assert.equal(await status(page), '1 result for “Koblenz”');
  const first = page.locator('osprey-search .hit').first();
  assert.equal(await first.locator('.meta').textContent(), 'January 13, 2022 • Press Release');
  assert.equal(await first.locator('.title a').textContent(),
               'Conviction of Syrian official for crimes against humanity a historic win for justice');
  assert.equal(await first.locator('.title a').getAttribute('href'), `${base}${urls.koblenz}`);
  assert.match(await first.locator('.excerpt').textContent(),
               /^Responding to a decision of the Higher Regional Court in Koblenz, Germany, .* including …$/);
  assert.deepEqual(await first.locator('mark').allTextContents(), ['Koblenz']);
  // Stemming and prefix matches are marked where they are.
  await search(page, 'tortur');
  assert.deepEqual(await page.locator('osprey-search .hit').first().locator('mark').allTextContents(),
                   ['tortured', 'torture']);
  await page.locator('osprey-search [role="option"]').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'demo-suggestions.png') });
  // The suggestions close with the focus: once the press is released (a task after the click).
  await page.locator('h1').click();
  await page.waitForFunction(() => document.querySelector('osprey-search').shadowRoot
    .querySelector('input[role="combobox"]').getAttribute('aria-expanded') === 'false', null, { timeout: 5000 });
  assert.equal(await page.locator('osprey-search [role="listbox"]').isHidden(), true);
  await page.screenshot({ path: join(artifacts, 'demo-desktop.png'), fullPage: true });
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page and osprey search give the same ids in the same order', async () => {
  const { page, context } = await openPage(browser, demo());
  for (const q of ['torture', 'syria', 'humanitarian aid', 'security council', 'the', 'Syrian refugees',
                   '2021', 'UA 45.21', 'cross-border', 'Zo’bi', 'justice germany', 'aid', 'syria dep']) {
    assert.deepEqual(await search(page, q), cliUrls(newsIndex, q), q);
  }
  await context.close();
});

test('facets filter, keep disjunctive counts, and are kept in the URL', async () => {
  const { page, context, problems } = await openPage(browser, demo());
  await toggleFacet(page, 'Type', 'Report');
  assert.deepEqual(await hitUrls(page), [urls.returning]);
  assert.equal(await status(page), '1 item');
  assert.deepEqual(urlParams(page), [['type', 'Report']]);
  await toggleFacet(page, 'Type', 'Urgent Action');
  assert.deepEqual(await hitUrls(page), [urls.deportation, urls.returning, urls.denmark, urls.iran]);
  assert.deepEqual(await facets(page), {
    // A field's own filter does not change its counts.
    Type: [['Press Release', '5', false], ['Urgent Action', '3', true], ['Country', '1', false], ['Report', '1', true]],
    Year: [['2021', '3', false], ['2020', '1', false]],
  });
  await toggleFacet(page, 'Year', '2020');
  assert.deepEqual(await hitUrls(page), [urls.iran]);
  assert.deepEqual(await facets(page), {
    Type: [['Press Release', '2', false], ['Urgent Action', '1', true], ['Report', '0', true]],
    Year: [['2021', '3', false], ['2020', '1', true]],
  });
  assert.deepEqual(urlParams(page), [['type', 'Report'], ['type', 'Urgent Action'], ['year', '2020']]);
  assert.equal(await page.locator('osprey-search .filters-toggle').textContent(), 'Filters (3)');
  // With a query the filters still apply.
  assert.deepEqual(await search(page, 'syrian'), [urls.iran]);
  // Clear filters.
  const before = await resultCount(page);
  await page.locator('osprey-search button.clear').click();
  await nextResults(page, before);
  assert.deepEqual(await hitUrls(page), cliUrls(newsIndex, 'syrian'));
  assert.deepEqual(urlParams(page), [['q', 'syrian']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('sort by date, newest or oldest first; undated last; kept in the URL', async () => {
  const { page, context } = await openPage(browser, demo());
  await search(page, 'syria');
  const select = page.locator('osprey-search select');
  assert.deepEqual(await select.locator('option').allTextContents(), ['Relevance', 'Newest first', 'Oldest first']);
  let before = await resultCount(page);
  await select.selectOption('date:desc');
  await nextResults(page, before);
  assert.deepEqual(await hitUrls(page), [urls.koblenz, urls.country, urls.deportation, urls.returning, urls.council,
                                         urls.denmark, urls.iran, urls.idlib, urls.trial, urls.biden]);
  assert.deepEqual(urlParams(page), [['q', 'syria'], ['sort', 'date:desc']]);
  before = await resultCount(page);
  await select.selectOption('date:asc');
  await nextResults(page, before);
  assert.deepEqual(await hitUrls(page), [urls.trial, urls.idlib, urls.iran, urls.denmark, urls.council,
                                         urls.returning, urls.deportation, urls.country, urls.koblenz, urls.biden]);
  await context.close();
});

test('load more appends the next page and moves focus to it', async () => {
  const { page, context } = await openPage(browser, `${base}/tests/widget.html#index=../index/news.osp&browse=&limit=4`);
  assert.deepEqual(await hitUrls(page), seedOrder.slice(0, 4));
  const more = page.locator('osprey-search button.more');
  assert.equal(await page.locator('osprey-search .shown').textContent(), '4 of 10 shown');
  let before = await resultCount(page);
  await more.click();
  await nextResults(page, before);
  assert.deepEqual(await hitUrls(page), seedOrder.slice(0, 8));
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').shadowRoot.activeElement
    .closest('.hit').dataset.url), seedOrder[4]);
  before = await resultCount(page);
  await more.click();
  await nextResults(page, before);
  assert.deepEqual(await hitUrls(page), seedOrder);
  assert.equal(await more.isVisible(), false);
  await context.close();
});

test('an item without a title whose summary is longer than its excerpt: the lead comes from the excerpt', async () => {
  // excerpt-words=6: the summary (18 words) is cut, so a hit carries it only
  // as its excerpt. Browsing, the excerpt opens the summary and the lead is its
  // start; a match in the middle makes the excerpt itself the link.
  const { page, context, problems } = await openPage(
    browser, `${base}/tests/widget.html#index=../index/news.osp&browse=&excerpt-words=6&debounce=0`);
  const country = page.locator(`osprey-search .hit[data-url="${urls.country}"]`);
  assert.equal(await country.locator('.title a').textContent(), 'Amnesty International works to stop human…');
  assert.equal(await country.locator('.excerpt').count(), 0);
  const hit = await page.evaluate(async (url) => (await document.querySelector('osprey-search').searcher
    .search('', { browse: true, excerptWords: 6 })).hits.find((h) => h.fields.url === url), urls.country);
  assert.equal(hit.fields.summary, undefined);
  assert.equal(hit.excerpts.summary.offset, 0);
  await search(page, 'support');
  assert.equal(await country.locator('.title a').textContent(), '… abuses can end with your support');
  assert.equal(await country.locator('.title a mark').textContent(), 'support');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a URL with a query, filters and sort opens on those results; typing updates it', async () => {
  const { page, context } = await openPage(browser, demo('?q=torture&type=Press+Release&sort=date%3Adesc&other=1#top'));
  assert.equal(await page.inputValue('osprey-search input[role="combobox"]'), 'torture');
  assert.deepEqual(await hitUrls(page), [urls.koblenz, urls.trial]);
  assert.equal(await page.locator('osprey-search select').inputValue(), 'date:desc');
  assert.deepEqual((await facets(page)).Type[0], ['Press Release', '2', true]);
  await search(page, 'Raslan');
  assert.equal(new URL(page.url()).hash, '#top');
  assert.deepEqual(urlParams(page).sort(), [['other', '1'], ['q', 'Raslan'], ['sort', 'date:desc'], ['type', 'Press Release']]);
  // Round trip: the URL written now opens on the same results.
  const again = await openPage(browser, page.url());
  assert.deepEqual(await hitUrls(again.page), [urls.koblenz]);
  assert.equal(await again.page.inputValue('osprey-search input[role="combobox"]'), 'Raslan');
  await again.context.close();
  await context.close();
});

test('no results says so; "did you mean" searches the correction', async () => {
  const { page, context, problems } = await openPage(browser, demo());
  assert.deepEqual(await search(page, 'xyzzyq'), []);
  assert.equal(await status(page), 'No results for “xyzzyq”.');
  assert.equal(await page.locator('osprey-search .empty').isVisible(), true);
  assert.equal(await page.locator('osprey-search .suggest').isVisible(), false);

  assert.deepEqual(await search(page, 'aif'), []);
  assert.equal(await status(page), 'No results for “aif”.');
  const suggest = page.locator('osprey-search .suggest');
  assert.equal(await suggest.textContent(), 'Did you mean aid?');
  const link = suggest.locator('a');
  assert.equal(new URL(await link.getAttribute('href')).searchParams.get('q'), 'aid');
  const before = await resultCount(page);
  await link.click();
  await nextResults(page, before, 'aid');
  assert.deepEqual(await hitUrls(page), cliUrls(newsIndex, 'aid'));
  assert.equal(await page.inputValue('osprey-search input[role="combobox"]'), 'aid');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'aid');
  // A misspelling that still finds results offers the correction too.
  await search(page, 'tortre');
  assert.equal(await status(page), '4 results for “tortre”');  // torture, tortured, torturing
  assert.equal(await suggest.textContent(), 'Did you mean torture?');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [name, file, pattern, retry] of [
  ['truncated', 'test-truncated.osp', /\(truncated\?\)/, false],
  ['garbled', 'test-garbled.osp', /checksum mismatch \(corrupted data\)/, false],
  ['missing', 'test-missing.json', /cannot fetch http:\/\/127\.0\.0\.1:\d+\/index\/test-missing\.json: HTTP 404 Not Found$/, true],
]) {
  test(`a ${name} index shows a clear one-line error`, async () => {
    const { page, context, problems } = await openPage(browser, `${base}/tests/widget.html#index=../index/${file}&browse=`);
    assert.equal(await page.getAttribute('osprey-search', 'state'), 'error');
    const error = page.locator('osprey-search .error');
    assert.equal(await error.getAttribute('role'), 'alert');
    const text = await error.locator('.error-text').textContent();
    assert.match(text, /^Search is unavailable: /);
    assert.match(text, pattern);
    assert.ok(!text.includes('\n'), 'one line');
    assert.equal(await error.locator('.retry').isVisible(), retry);
    assert.equal(await page.locator('osprey-search .hit').count(), 0);
    const events = await page.evaluate(() => window.__events.filter(([t]) => t === 'osprey-error'));
    assert.equal(events.length, 1);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a missing index can be retried once it is there', async () => {
  const name = `test-retry-${process.pid}.osp`;
  const { page, context } = await openPage(browser, `${base}/tests/widget.html#index=../index/${name}&browse=`);
  assert.equal(await page.getAttribute('osprey-search', 'state'), 'error');
  writeIndexFile(name, readFileSync(newsIndex));
  await page.locator('osprey-search .retry').click();
  await settled(page);
  assert.deepEqual(await hitUrls(page), seedOrder);
  await context.close();
});

test('phone width and dark mode: no sideways scroll, filters behind a toggle', async () => {
  const { page, context } = await openPage(browser, demo('?q=syria'), {
    viewport: { width: 360, height: 780 }, colorScheme: 'dark',
  });
  assert.equal((await hitUrls(page)).length, 10);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'no horizontal scroll at 360 px');
  const toggle = page.locator('osprey-search .filters-toggle');
  const filters = page.locator('osprey-search #filters');
  assert.equal(await toggle.isVisible(), true);
  assert.equal(await filters.isVisible(), false);
  await page.screenshot({ path: join(artifacts, 'demo-phone-dark.png'), fullPage: true });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await filters.isVisible(), true);
  // Dark colours come from the widget's dark theme.
  const colors = await page.evaluate(() => {
    const root = document.querySelector('osprey-search').shadowRoot;
    return [getComputedStyle(root.querySelector('.title a')).color, getComputedStyle(root.querySelector('.input')).backgroundColor];
  });
  assert.deepEqual(colors, ['rgb(168, 199, 250)', 'rgb(20, 20, 24)']);
  await page.screenshot({ path: join(artifacts, 'demo-phone-dark-filters.png'), fullPage: false });
  await context.close();

  const light = await openPage(browser, demo('?q=deportation'), { viewport: { width: 360, height: 780 } });
  await light.page.screenshot({ path: join(artifacts, 'demo-phone.png'), fullPage: true });
  const wide = await openPage(browser, demo(), { colorScheme: 'dark' });
  await wide.page.screenshot({ path: join(artifacts, 'demo-desktop-dark.png'), fullPage: false });
  await light.context.close();
  await wide.context.close();
});
