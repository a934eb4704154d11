// Shared by the Chromium tests of bundles and single-file pages: Debian's
// Chromium through playwright-core, `osprey serve` as the server, and a test
// page that finds the index through the bundle's manifest
// (docs/site-indexing.md, "Reading a bundle").
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = process.env.OSPREY_CLI || join(root, 'build/native/tools/osprey');

export function launch() {
  return chromium.launch({
    executablePath: process.env.OSPREY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Runs the CLI; returns stderr (the summary). Throws on a non-zero exit. */
export function osprey(...args) {
  return execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/** `osprey serve dir --port 0`; resolves to {base, stop()} once it listens. */
export function serve(dir) {
  const child = spawn(cli, ['serve', dir, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`osprey serve exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        child.removeAllListeners('exit');
        resolve({
          base: m[0],
          stop: () => new Promise((done) => { child.on('exit', done); child.kill('SIGTERM'); }),
        });
      }
    });
  });
}

/**
 * Writes NAME into a bundle folder: a page in language lang that reads
 * osprey-manifest.json, opens the index of its language with osprey.js and
 * lists hits as links resolved against the manifest's site_root.
 */
export function writeSearchPage(bundleDir, name, lang) {
  writeFileSync(join(bundleDir, name), `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><title>test search</title></head>
<body><input id="q"><p id="status">loading</p><ol id="hits"></ol>
<script type="module">
import { Osprey } from './osprey.js';
const manifestUrl = new URL('osprey-manifest.json', import.meta.url);
const manifest = await (await fetch(manifestUrl)).json();
const wanted = document.documentElement.lang.split('-')[0].toLowerCase();
const language = manifest.languages[wanted] ? wanted : manifest.default_language;
const searcher = await Osprey.open(new URL(manifest.languages[language].index, manifestUrl).href);
const siteRoot = manifest.site_root === null ? document.baseURI : new URL(manifest.site_root, manifestUrl);
// Each hit (a page) and the sections under it, in order; a section's item has class sub.
window.runSearch = async (query) => {
  const { hits } = await searcher.search(query, { limit: 10 });
  const list = document.getElementById('hits');
  list.textContent = '';
  const shown = [];
  for (const hit of hits) {
    for (const record of [hit, ...(hit.sections || [])]) {
      const a = document.createElement('a');
      a.href = new URL(record.fields.url, siteRoot).href;
      a.textContent = record.fields.section || record.fields.title;
      const li = document.createElement('li');
      if (record !== hit) li.className = 'sub';
      li.append(a);
      list.append(li);
      shown.push({ url: record.fields.url, href: a.href });
    }
  }
  document.getElementById('status').textContent = language + ': ' + hits.length + ' for ' + query;
  return shown;
};
document.body.dataset.state = 'ready';
</script></body></html>
`);
}
