// Chromium on the Python 3.11 docs (run by tests/site/python-docs.sh, which
// builds SITE/osprey and the single-file page first): the bundle served by
// `osprey serve` answers with section deep links that land on the section, and
// the single-file page searches from file://.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { launch, serve, writeSearchPage } from './browser.mjs';

const site = process.env.PYDOCS_SITE;
const single = process.env.PYDOCS_SINGLE;
let server, browser;

before(async () => {
  writeSearchPage(join(site, 'osprey'), 'test-search.html', 'en');
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('served by osprey serve, the bundle answers with section deep links', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const t0 = Date.now();
  await page.goto(`${server.base}osprey/test-search.html`);
  await page.waitForSelector('body[data-state=ready]', { timeout: 60000 });
  const loaded = Date.now() - t0;
  const json = await page.evaluate(() => window.runSearch('json'));
  assert.equal(json[0].href, `${server.base}library/json.html`);
  const t1 = Date.now();
  const usage = await page.evaluate(() => window.runSearch('json basic usage'));
  const searched = Date.now() - t1;
  // The page, then its matching section under it.
  assert.equal(usage[0].href, `${server.base}library/json.html`);
  assert.equal(usage[1].href, `${server.base}library/json.html#basic-usage`);
  assert.deepEqual(problems, []);
  await Promise.all([page.waitForNavigation(), page.click('#hits .sub a')]);
  assert.equal(page.url(), `${server.base}library/json.html#basic-usage`);
  assert.match(await page.textContent('#basic-usage h2'), /^Basic Usage/);
  // (The docs' own pages then fail on scripts Debian links outside the package.)
  console.log(`python-docs: bundle loaded in Chromium in ${loaded} ms, a query took ${searched} ms`);
  await page.close();
});

test('the single-file page searches from file://', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const t0 = Date.now();
  await page.goto(pathToFileURL(single).href);
  await page.waitForSelector('body[data-state=ready]', { timeout: 60000 });
  const loaded = Date.now() - t0;
  await page.fill('#osprey-q', 'asyncio');
  await page.waitForFunction(() => document.getElementById('osprey-status').textContent.includes('“asyncio”'));
  const first = await page.$eval('#osprey-results .page > a', (a) => [a.textContent, a.href]);
  assert.deepEqual(first, ['asyncio — Asynchronous I/O', pathToFileURL(join(site, 'library/asyncio.html')).href]);
  assert.ok(requests.every((u) => u.startsWith('file:')), requests.join(', '));
  console.log(`python-docs: single file (${single}) ready from file:// in ${loaded} ms`);
  await page.close();
});
