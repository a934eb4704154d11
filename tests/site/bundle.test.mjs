// A bundle served by `osprey serve`, searched in Chromium: the fixture site
// tests/fixtures/sites/basic indexed into SITE/osprey/ with the real web/
// files, a page per language that finds its index through the manifest, and
// section deep links that land on the section.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, osprey, root, serve, writeSearchPage } from './browser.mjs';

let dir, server, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-bundle-'));
  cpSync(join(root, 'tests/fixtures/sites/basic'), join(dir, 'site'), { recursive: true });
  osprey('index', '--site', join(dir, 'site'), '--exclude', 'drafts/', '--quiet');
  writeSearchPage(join(dir, 'site/osprey'), 'test-en.html', 'en-GB');
  writeSearchPage(join(dir, 'site/osprey'), 'test-fr.html', 'fr');
  server = await serve(join(dir, 'site'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(server.base + path);
  await page.waitForSelector('body[data-state=ready]', { timeout: 30000 });
  return { page, problems, requests };
}

test('the manifest names the index of each language and the engine files', () => {
  const m = JSON.parse(readFileSync(join(dir, 'site/osprey/osprey-manifest.json'), 'utf8'));
  assert.deepEqual(Object.keys(m.languages), ['en', 'fr']);
  assert.equal(m.site_root, '../');
  for (const file of ['osprey.js', 'osprey-worker.js', 'osprey-core.js', 'engine/osprey-engine.js',
                      'engine/osprey-engine.wasm']) {
    assert.ok(m.files[file], file);
  }
});

test('served, the bundle answers in the page language with section deep links', async () => {
  const { page, problems, requests } = await open('osprey/test-en.html');
  // The page, its section under it.
  const nesting = await page.evaluate(() => window.runSearch('nesting habits'));
  assert.equal(nesting[0].url, './');
  assert.equal(nesting[1].url, './#nesting');
  assert.equal(nesting[1].href, `${server.base}#nesting`);
  const telescope = await page.evaluate(() => window.runSearch('telescope'));
  assert.equal(telescope[0].href, `${server.base}guide/`);
  assert.deepEqual(await page.evaluate(() => window.runSearch('balbuzard')), []);
  // Following the deep link lands on the section.
  await page.evaluate(() => window.runSearch('diet'));
  await Promise.all([page.waitForNavigation(), page.click('#hits .sub a')]);
  assert.equal(page.url(), `${server.base}#diet`);
  assert.equal(await page.textContent('#diet h2'), 'Diet¶');
  // Snowball English is in the engine: no stemmer module fetched.
  assert.deepEqual(requests.filter((p) => p.includes('/stem/')), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a French page searches the French index', async () => {
  const { page, problems, requests } = await open('osprey/test-fr.html');
  const hits = await page.evaluate(() => window.runSearch('nidification'));
  // The French stemmer, and only it, fetched beside the engine (engine/stem/).
  assert.deepEqual(requests.filter((p) => p.includes('/stem/')), ['/osprey/engine/stem/french.wasm']);
  assert.deepEqual(hits.map((h) => h.url), ['fr/', 'fr/#nidification']);
  assert.equal(await page.textContent('#status'), 'fr: 1 for nidification');
  // A plural finds its singular (rapace) through the French stemmer.
  assert.deepEqual((await page.evaluate(() => window.runSearch('rapaces'))).map((h) => h.url), ['fr/']);
  assert.deepEqual(await page.evaluate(() => window.runSearch('osprey')), []);
  assert.deepEqual(problems, []);
  await page.close();
});
