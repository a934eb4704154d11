// The offline page (`osprey index --single-file`) opened from file:// in
// Chromium, as a double-click would: no server, no network, classic scripts
// only. Built from the fixture site tests/fixtures/sites/basic (English and
// French), whose text includes "</script><!--" to prove the embedding holds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.OSPREY_CLI || join(root, 'build/native/tools/osprey');
const site = join(root, 'tests/fixtures/sites/basic');
let dir, file, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-single-'));
  file = join(dir, 'offline', 'search.html');
  execFileSync(cli, ['index', '--site', site, '--exclude', 'drafts/', '--single-file', file,
                     '--title', 'Osprey field guide search', '--quiet'], { stdio: 'pipe' });
  browser = await chromium.launch({
    executablePath: process.env.OSPREY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(query = '') {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(file).href + (query ? `?q=${encodeURIComponent(query)}` : '');
  await page.goto(url);
  await page.waitForSelector('body[data-state]', { timeout: 30000 });
  return { page, problems, requests };
}

async function search(page, query) {
  await page.fill('#osprey-q', query);
  await page.waitForFunction((q) => document.getElementById('osprey-status').textContent.includes(`“${q}”`), query);
  return page.$$eval('#osprey-results a', (links) => links.map((a) => [a.textContent, a.href]));
}

test('the page is one file with classic scripts only', () => {
  const html = readFileSync(file, 'utf8');
  // The words of its languages ride in the config block: French from web/strings/, English built in.
  const config = JSON.parse(html.match(/<script type="application\/json" id="osprey-config">(.*?)<\/script>/s)[1]);
  assert.deepEqual(Object.keys(config.strings), ['fr']);
  assert.equal(config.strings.fr.placeholder, 'Rechercher…');
  assert.ok(!/<script[^>]*type="module"/.test(html), 'no module scripts');
  assert.ok(!/<script[^>]*\ssrc=/.test(html), 'no external scripts');
  assert.ok(!/<link[^>]*stylesheet/.test(html), 'no external styles');
  // config, two indexes, engine, core, page: each closed once (the DOM count is below)
  assert.equal(html.match(/<\/script>/g).length, 6);
});

test('opened from file:// it searches, with no network, and links to sections', async () => {
  const { page, problems, requests } = await open();
  assert.equal(await page.getAttribute('body', 'data-state'), 'ready');
  assert.equal(await page.textContent('h1'), 'Osprey field guide search');
  const siteUrl = pathToFileURL(site).href;
  const nesting = await search(page, 'nesting habits');
  assert.deepEqual(nesting[0], ['Osprey Field Guide', `${siteUrl}/index.html`]);
  assert.deepEqual(nesting[1], ['Nesting habits', `${siteUrl}/index.html#nesting`]);
  const guide = await search(page, 'tripod');
  assert.deepEqual(guide[0], ['Watching Ospreys: A Guide', `${siteUrl}/guide/index.html`]);
  // The excerpt names the section it comes from.
  assert.deepEqual(guide[1], ['Equipment', `${siteUrl}/guide/index.html#equipment`]);
  assert.match(await page.textContent('#osprey-results .excerpt'), /tripod/i);
  assert.equal(await page.textContent('#osprey-results mark'), 'tripod');
  // Text that looks like markup stays text.
  const closing = await search(page, 'closingword');
  assert.equal(closing[0][0], 'Osprey Field Guide');
  assert.equal(await page.$$eval('#osprey-results .page', (items) => items.length), 1);
  assert.match(await page.textContent('#osprey-results .excerpt'), /<\/script><!-- closingword/);
  assert.equal(await page.evaluate(() => document.scripts.length), 6);
  assert.equal(await page.$('#osprey-results script'), null);
  await search(page, 'zzzznothing');
  assert.equal(await page.textContent('#osprey-status'), 'No results for “zzzznothing”.');
  assert.equal(await page.textContent('#osprey-status bdi'), 'zzzznothing');
  // Following a link opens the page on disk at the section.
  await search(page, 'diet');
  await Promise.all([page.waitForNavigation(), page.click('#osprey-results .subs a')]);
  assert.equal(page.url(), `${siteUrl}/index.html#diet`);
  assert.deepEqual(problems, []);
  assert.ok(requests.every((u) => u.startsWith('file:')), `only files: ${requests.join(', ')}`);
  await page.close();
});

test('the language menu switches to the French index, and the page to French words', async () => {
  const { page, problems } = await open('balbuzard');
  assert.equal(await page.textContent('#osprey-status'), 'No results for “balbuzard”.');
  assert.equal(await page.getAttribute('#osprey-q', 'placeholder'), 'Search…');
  await page.selectOption('#osprey-lang', 'fr');
  // The widget's French strings (web/strings/fr.json), inlined by the writer.
  await page.waitForFunction(() => document.getElementById('osprey-status').textContent.startsWith('1 '));
  assert.equal(await page.textContent('#osprey-status'), '1 résultat pour «\u00a0balbuzard\u00a0»');
  assert.equal(await page.getAttribute('#osprey-q', 'placeholder'), 'Rechercher…');
  const links = await page.$$eval('#osprey-results a', (as) => as.map((a) => a.textContent));
  // The page; its section "Nidification" does not hold the word: a title
  // match lists no section (docs/ranking.md "Pages").
  assert.deepEqual(links, ['Le balbuzard pêcheur']);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.deepEqual(problems, []);
  await page.close();
});
