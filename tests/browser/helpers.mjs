// Shared by the browser suites: indexes built with the native CLI into
// web/index/, web/ served on 127.0.0.1 (also under /sub/path/, with the test
// pages of tests/browser/pages/ at /tests/ and /sub/path/tests/), and Debian's
// Chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = process.env.OSPREY_CLI || join(root, 'build/native/tools/osprey');
export const web = join(root, 'web');
export const indexDir = join(web, 'index');
export const artifacts = join(root, 'tests/artifacts');
export const pages = join(root, 'tests/browser/pages');

/** The policy of the issue, word for word. */
export const kStrictCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'";

// Known items of data/news.json (as in tests/node/helpers.mjs).
export const urls = {
  koblenz: '/news/2022/01/conviction-of-syrian-official-for-crimes-against-humanity/',
  country: '/countries/syria/',
  deportation: '/urgent-actions/2021/09/syrian-refugees-at-risk-of-deportation-from-lebanon/',
  returning: '/reports/2021/09/former-refugees-tortured-raped-disappeared-in-syria/',
  council: '/news/2021/07/un-security-council-compromise-resolution-on-syria/',
  biden: '/news/biden-must-step-up-support-for-humanitarian-aid-into-syria/',
  denmark: '/urgent-actions/2021/04/denmark-protect-syrians-at-risk-of-return/',
  iran: '/urgent-actions/2020/06/syrian-kurd-under-threat-of-execution-in-iran/',
  idlib: '/news/2020/05/un-must-not-cut-vital-aid-lifeline-to-north-west-syria/',
  trial: '/news/2020/04/torture-trial-in-germany-a-historic-step/',
};
/** data/news.json in its order (the index's document order). */
export const seedOrder = Object.values(urls);

/**
 * Indexes records (a path) with the CLI into web/index/NAME (written next to
 * it and renamed, so a page never reads half a file); returns the path.
 */
export function buildIndex(records, name) {
  mkdirSync(dirname(join(indexDir, name)), { recursive: true });
  const out = join(indexDir, name);
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync(cli, ['index', records, '-o', tmp], { stdio: 'pipe' });
  renameSync(tmp, out);
  return out;
}

export function writeIndexFile(name, text) {
  const out = join(indexDir, name);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.${process.pid}.tmp`, text);
  renameSync(`${out}.${process.pid}.tmp`, out);
  return out;
}

/** `osprey search` ids (urls) for query, as the CLI ranks them. */
export function cliUrls(indexPath, query, limit = 10) {
  const out = execFileSync(cli, ['search', indexPath, query, '--json', '--limit', String(limit)]);
  return JSON.parse(out).hits.map((h) => h.fields.url);
}

/**
 * Bundles web/osprey-classic.js from the modules as they are now (written
 * next to it and renamed, as buildIndex does: suites run side by side).
 */
export function bundleClassic() {
  const out = join(web, 'osprey-classic.js');
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync(process.execPath, [join(root, 'scripts/bundle-classic.mjs'), tmp], { stdio: 'pipe' });
  renameSync(tmp, out);
  return out;
}

/**
 * Writes web/dist/ (scripts/bundle-web.mjs) when it is missing or older than a
 * file it is built from: the demo page loads it, and `osprey index --bundle`
 * copies it into bundles. Run once as a suite loads this file.
 */
export function freshDist() {
  const built = join(web, 'dist/osprey.js');
  const sources = ['.', 'widget', 'engine'].flatMap((d) => readdirSync(join(web, d)).map((f) => join(web, d, f)))
    .filter((f) => /\.(js|wasm)$/.test(f) && !f.endsWith('osprey-classic.js'));
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  execFileSync(process.execPath, [join(root, 'scripts/bundle-web.mjs')], { stdio: 'pipe' });
}
freshDist();

/** Serves web/ (and the test pages), with a fresh classic build. */
export async function startServer(options = {}) {
  bundleClassic();
  const server = await serve(web, 0, {
    mounts: { '/sub/path/': web, '/tests/': pages, '/sub/path/tests/': pages },
    ...options,
  });
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/**
 * The after() of a suite that started a server and a browser and wrote its
 * index files to dir: closes them (the server's open connections too: a
 * stalled download holds one) and removes dir.
 */
export async function tearDown({ browser, server, dir }) {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
}

export function launch() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: process.env.OSPREY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Opens url in a new context. Collects page errors, dialogs (dismissed) and
 * securitypolicyviolation events (window.__csp), and the widget's events
 * (window.__events: [type, detail]), and the paths requested (requests).
 * options: viewport, colorScheme,
 * bypassCSP, init (a function run in the page before its scripts).
 */
export async function openPage(browser, url, {
  viewport = { width: 1200, height: 900 }, colorScheme = 'light', bypassCSP = false, init = null,
  wait = true,
} = {}) {
  const context = await browser.newContext({ viewport, colorScheme, bypassCSP });
  const requests = [];  // paths the page, its worker and its fetches asked for
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__csp = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    }, true);
    for (const type of ['osprey-ready', 'osprey-results', 'osprey-error']) {
      document.addEventListener(type, (e) => window.__events.push([type, e.detail]));
    }
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  if (wait) await settled(page);
  return { page, context, problems, requests };
}

/** Waits until the widget is ready (its first results shown, if any) or shows an error. */
export async function settled(page, selector = 'osprey-search') {
  await page.waitForFunction((sel) => {
    const state = document.querySelector(sel)?.getAttribute('state');
    return state === 'error' || (state === 'ready' && !document.querySelector(sel).shadowRoot
      .querySelector('.osprey').classList.contains('busy'));
  }, selector);
}

/** The number of osprey-results events so far. */
export function resultCount(page) {
  return page.evaluate(() => window.__events.filter(([t]) => t === 'osprey-results').length);
}

/** Waits for the next osprey-results event after `after` of them, for query (if given). */
export async function nextResults(page, after, query) {
  await page.waitForFunction(([n, q]) => {
    const results = window.__events.filter(([t]) => t === 'osprey-results');
    return results.length > n && (q === undefined || results.at(-1)[1].query === q);
  }, [after, query]);
  return page.evaluate(() => window.__events.filter(([t]) => t === 'osprey-results').at(-1)[1]);
}

/** Types query into the widget (replacing what is there); resolves to the hit urls shown. */
export async function search(page, query) {
  const before = await resultCount(page);
  await page.locator('osprey-search input[role="combobox"]').fill(query);
  await nextResults(page, before, query);
  return hitUrls(page);
}

export function hitUrls(page) {
  return page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot
    .querySelectorAll('.hit')].map((li) => li.dataset.url));
}

/** Facet values shown: {field: [[value, count, checked], ...]} in display order. */
export function facets(page) {
  return page.evaluate(() => {
    const out = {};
    const root = document.querySelector('osprey-search').shadowRoot;
    for (const group of root.querySelectorAll('.facet')) {
      out[group.querySelector('legend').textContent] = [...group.querySelectorAll('label')].map((label) => [
        label.querySelector('.value').textContent, label.querySelector('.count').textContent,
        label.querySelector('input').checked,
      ]);
    }
    return out;
  });
}

/** Clicks the checkbox of facet value; resolves when the new results are shown. */
export async function toggleFacet(page, legend, value) {
  const before = await resultCount(page);
  await page.locator('osprey-search fieldset.facet', { hasText: legend })
    .locator('label', { has: page.locator('.value', { hasText: new RegExp(`^${escapeRe(value)}$`) }) })
    .locator('input').click();
  await nextResults(page, before);
}

export function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function status(page) {
  return page.locator('osprey-search .status').first().textContent();
}

export function urlParams(page) {
  return [...new URL(page.url()).searchParams];
}
