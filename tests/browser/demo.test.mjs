// End-to-end: index data/ with the CLI, serve web/ on 127.0.0.1, drive Debian's
// Chromium with playwright-core, and assert on the DOM of the demo page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.OSPREY_CLI || join(root, 'build/native/tools/osprey');
const indexDir = join(root, 'web/index');
const artifacts = join(root, 'tests/artifacts');

let server, browser, base;

function cliSearch(query) {
  const out = execFileSync(cli, ['search', join(indexDir, 'news.json'), query, '--json', '--limit', '20']);
  return JSON.parse(out).hits.map((h) => h.fields.url);
}

before(async () => {
  mkdirSync(indexDir, { recursive: true });
  mkdirSync(artifacts, { recursive: true });
  execFileSync(cli, ['index', join(root, 'data/news.json'), '-o', join(indexDir, 'news.json')], { stdio: 'pipe' });
  const good = readFileSync(join(indexDir, 'news.json'), 'utf8');
  writeFileSync(join(indexDir, 'test-truncated.json'), good.slice(0, 700));
  writeFileSync(join(indexDir, 'test-garbled.json'), good.replace('"postings":[[', '"postings":[[99999,'));
  server = await serve(join(root, 'web'), 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.OSPREY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(path = '', { viewport = { width: 1200, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(base + path);
  await page.waitForSelector('body[data-state]');
  return { page, context, problems };
}

async function search(page, query) {
  await page.fill('#q', query);
  await page.waitForFunction(
    (q) => document.getElementById('status').textContent.includes(`for “${q.trim()}”`), query);
  return page.$$eval('#results .result', (items) => items.map((i) => i.dataset.url));
}

const kKoblenz = '/news/2022/01/conviction-of-syrian-official-for-crimes-against-humanity/';
const kReturning = '/reports/2021/09/former-refugees-tortured-raped-disappeared-in-syria/';

test('known items come first in the page', async () => {
  const { page, context, problems } = await openPage();
  const torture = await search(page, 'torture');
  assert.ok(torture.includes(kKoblenz), 'torture finds the Koblenz verdict');
  assert.ok(torture.includes(kReturning), 'torture finds the returning-refugees report');
  const expected = {
    Koblenz: kKoblenz,
    Raslan: kKoblenz,
    Denmark: '/urgent-actions/2021/04/denmark-protect-syrians-at-risk-of-return/',
    deportation: '/urgent-actions/2021/09/syrian-refugees-at-risk-of-deportation-from-lebanon/',
    Idlib: '/news/2020/05/un-must-not-cut-vital-aid-lifeline-to-north-west-syria/',
    "A'lo": '/urgent-actions/2021/09/syrian-refugees-at-risk-of-deportation-from-lebanon/',
  };
  for (const [query, url] of Object.entries(expected)) {
    assert.equal((await search(page, query))[0], url, query);
  }
  // The seed layout: "date • type", the title as a link, the summary.
  await search(page, 'Koblenz');
  const first = page.locator('#results .result').first();
  assert.equal(await first.locator('.meta').textContent(), 'January 13, 2022 • Press Release');
  assert.equal(await first.locator('h2 a').textContent(),
               'Conviction of Syrian official for crimes against humanity a historic win for justice');
  assert.match(await first.locator('h2 a').getAttribute('href'), /\/news\/2022\/01\/conviction/);
  assert.match(await first.locator('.summary').textContent(), /^Responding to a decision of the Higher Regional Court in Koblenz/);
  await page.screenshot({ path: join(artifacts, 'demo-desktop.png'), fullPage: true });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page and osprey search give the same ids in the same order', async () => {
  const { page, context } = await openPage();
  for (const q of ['torture', 'syria', 'humanitarian aid', 'security council', 'the', 'Syrian refugees',
                   '2021', 'UA 45.21', 'cross-border', 'Zo’bi', 'justice germany', 'aid']) {
    assert.deepEqual(await search(page, q), cliSearch(q), q);
  }
  await context.close();
});

test('a query in the URL is searched on load, and typing updates the URL', async () => {
  const { page, context } = await openPage('?q=Idlib');
  await page.waitForSelector('#results .result');
  assert.equal(await page.inputValue('#q'), 'Idlib');
  await search(page, 'Raslan');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Raslan');
  await context.close();
});

for (const [name, file, pattern] of [
  ['truncated', 'test-truncated.json', /index is not valid JSON \(truncated or garbled\?\)/],
  ['garbled', 'test-garbled.json', /postings\[0\]: doc 99999 out of range/],
  ['missing', 'test-missing.json', /404/],
]) {
  test(`a ${name} index shows a one-line error`, async () => {
    const { page, context, problems } = await openPage(`?index=index/${file}`);
    const status = page.locator('#status');
    assert.equal(await page.getAttribute('body', 'data-state'), 'error');
    assert.equal(await status.getAttribute('class'), 'status error');
    const text = await status.textContent();
    assert.match(text, /^Search is unavailable: /);
    assert.match(text, pattern);
    assert.ok(!text.includes('\n'), 'one line');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('phone width and dark mode render', async () => {
  const { page, context } = await openPage('?q=syria', { viewport: { width: 360, height: 780 }, colorScheme: 'dark' });
  await page.waitForSelector('#results .result');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'no horizontal scroll at 360 px');
  await page.screenshot({ path: join(artifacts, 'demo-phone-dark.png'), fullPage: true });
  await context.close();
});
