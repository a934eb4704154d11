// A bundle written by the Node indexing API (web/node/indexer.js), served by
// `osprey serve` and searched in Chromium through the page API: custom
// records with a filter, found through the manifest as any bundle is.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createIndex } from '../../web/node/indexer.js';
import { launch, serve, writeSearchPage } from '../site/browser.mjs';

let dir, server, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-node-api-'));
  const { index } = await createIndex({ base_path: '/' });
  for (const [url, title, content, kind] of [
    ['/herons/', 'Herons', 'Herons wade in shallow water', 'bird'],
    ['/ospreys/', 'Ospreys', 'Ospreys dive for fish feet first', 'bird'],
    ['/salmon/', 'Salmon', 'Salmon swim upstream to spawn', 'fish'],
  ]) {
    const added = await index.addCustomRecord({ url, content, language: 'en', meta: { title }, filters: { kind: [kind] } });
    assert.deepEqual(added.errors, []);
  }
  const written = await index.writeFiles({ outputPath: join(dir, 'osprey') });
  assert.deepEqual(written.errors, []);
  writeSearchPage(join(dir, 'osprey'), 'test.html', 'en');
  server = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the Node API\'s bundle loads and searches in Chromium', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  await page.goto(`${server.base}osprey/test.html`);
  await page.waitForSelector('body[data-state=ready]', { timeout: 30000 });
  const fish = await page.evaluate(() => window.runSearch('fish'));
  assert.deepEqual(fish.map((h) => h.href), [`${server.base}ospreys/`]);
  const filtered = await page.evaluate(async () => {
    const { Osprey } = await import('./osprey.js');
    const manifestUrl = new URL('osprey-manifest.json', location.href);
    const manifest = await (await fetch(manifestUrl)).json();
    const s = await Osprey.open(new URL(manifest.languages.en.index, manifestUrl).href);
    const r = await s.search('', { filters: { kind: ['bird'] }, browse: true });
    return r.hits.map((h) => h.fields.url).sort();
  });
  assert.deepEqual(filtered, ['/herons/', '/ospreys/']);
  assert.deepEqual(problems, []);
});
