// Index integrity in Chromium (issue #13; the CLI's is in tests/cli/run.sh, Node's
// in tests/node/sharded.test.mjs and loading.test.mjs): each part of a sharded
// bundle (d0, r0, p0, s0) truncated, garbled, swapped for another part, taken
// from an older build of the same records (stale), held twice in its file,
// missing (404), and the base truncated; served under the strict CSP. Through
// <osprey-search> and through the page API, each damage is an error within 5 s
// with its code and a message naming the file; the widget shows it and is not
// left loading; the same query while the file is still damaged fails again (no
// cached success); once the good file is served again the next query succeeds
// and the widget is ready. Each case damages its own copy of the bundle, so
// the cases run side by side.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';

import {
  cli, indexDir, kStrictCsp, launch, nextResults, openPage, resultCount, root, settled, startServer, tearDown,
} from './helpers.mjs';

const name = `integrity-${process.pid}`;
const dir = join(indexDir, name);
const kBound = 5000;     // ms from the query to the error shown
const kLanes = 2;        // pages per host, side by side
const kQuery = 'torture';  // needs d0 and r0, then p0, then s0 and s1 (checked in before())
let browser, server, base, baseFile, stem, olderStem;

before(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const records = readFileSync(join(root, 'data/news.json'), 'utf8');
  writeFileSync(join(dir, 'older.json'), records.replace('Koblenz', 'Coblenz'));
  const bundle = (records, out) => execFileSync(cli, ['index', records, '--bundle', out, '--split-above', '0'],
                                                { stdio: 'pipe' });
  bundle(join(root, 'data/news.json'), join(dir, 'good'));
  bundle(join(dir, 'older.json'), join(dir, 'older'));
  baseFile = readdirSync(join(dir, 'good')).find((f) => f.endsWith('.osp'));
  stem = baseFile.replace(/\.osp$/, '');
  olderStem = readdirSync(join(dir, 'older')).find((f) => f.endsWith('.osp')).replace(/\.osp$/, '');
  assert.notEqual(olderStem, stem, 'the older build has another build id');
  assert.deepEqual(readdirSync(join(dir, 'good', stem)).sort(), ['d0', 'l0', 'p0', 'r0', 's0', 's1']);
  ({ server, base } = await startServer({ headers: { 'Content-Security-Policy': kStrictCsp } }));
  browser = await launch();
});

after(() => tearDown({ browser, server, dir }));

// What a good file holds: a bundle's files are gzip members (docs/index-format.md),
// and the damages are done to the index inside (readers take it uncompressed too;
// gzip damage: tests/browser/gzip.test.mjs).
const good = (file) => gunzipSync(readFileSync(join(dir, 'good', file)));

/**
 * The damages: [label, file of the bundle, bytes served in its place (null:
 * none, a 404), code, the message after the file's URL].
 */
function damages() {
  const truncated = /^index part at byte 0: payload length \d+ out of range \(at most \d+\) \(at byte \d+\) \(truncated\?\)$/;
  const list = [];
  for (const kind of ['d', 'r', 'l', 'p', 's']) {
    const part = `${stem}/${kind}0`;
    const bytes = good(part);
    const garbled = Buffer.from(bytes);
    garbled[bytes.length >> 1] ^= 0x20;
    const other = kind === 's' ? 'p0' : 's0';
    list.push(
      [`${kind}0 truncated`, part, bytes.subarray(0, bytes.length >> 1), 'corrupt-index', truncated],
      [`${kind}0 garbled`, part, garbled, 'corrupt-index',
       /^index part at byte 0: checksum mismatch \(corrupted data\)$/],
      [`${kind}0 swapped`, part, good(`${stem}/${other}`), 'corrupt-index',
       `holds part ${stem}/${other}, expected ${part}`],
      [`${kind}0 stale`, part, readFileSync(join(dir, 'older', olderStem, `${kind}0`)), 'corrupt-index',
       'index part belongs to another build of the index (build id differs)'],
      [`${kind}0 duplicated`, part, Buffer.concat([bytes, bytes]), 'corrupt-index',
       `holds more than part ${part}`],
      [`${kind}0 missing`, part, null, 'network', null],
    );
  }
  const bytes = good(baseFile);
  list.push(['base truncated', baseFile, bytes.subarray(0, bytes.length >> 1), 'corrupt-index', truncated]);
  return list;
}

/**
 * A copy of the good bundle for one case, with file damaged (bytes in its
 * place; null: removed); returns {baseUrl, fileUrl, repair()}.
 */
function bundleCopy(label, file, bytes) {
  const folder = label.replace(/\W+/g, '-');
  const copy = join(dir, 'cases', folder);
  rmSync(copy, { recursive: true, force: true });
  cpSync(join(dir, 'good'), copy, { recursive: true });
  const path = join(copy, file);
  if (bytes === null) rmSync(path);
  else writeFileSync(path, bytes);
  const repair = () => writeFileSync(path, good(file));
  const at = `${base}/index/${name}/cases/${folder}`;
  return { baseUrl: `${at}/${baseFile}`, fileUrl: `${at}/${file}`, repair };
}

function checkError(error, code, fileUrl, expected) {
  assert.equal(error.code, code, error.message);
  if (expected === null) {
    assert.equal(error.message, `cannot fetch ${fileUrl}: HTTP 404 Not Found`);
  } else {
    assert.ok(error.message.startsWith(`${fileUrl}: `), `names the file: ${error.message}`);
    const rest = error.message.slice(fileUrl.length + 2);
    if (typeof expected === 'string') assert.equal(rest, expected);
    else assert.match(rest, expected);
  }
}

const widgetState = (page) => page.evaluate(() => {
  const element = document.querySelector('osprey-search');
  const shadow = element.shadowRoot;
  const error = shadow.querySelector('.error');
  return {
    state: element.state,
    attribute: element.getAttribute('state'),
    busy: shadow.querySelector('.osprey').classList.contains('busy'),
    errorShown: !error.hidden,
    errorText: shadow.querySelector('.error-text').textContent,
    errorCode: error.dataset.code,
    errors: window.__events.filter(([t]) => t === 'osprey-error').map(([, d]) => d),
  };
});

/** Runs the query in the widget; resolves to its state once it shows an error (at most kBound ms). */
async function failingQuery(page) {
  const errorsBefore = (await widgetState(page)).errors.length;
  const started = Date.now();
  await page.evaluate((q) => document.querySelector('osprey-search').search(q), kQuery);
  await page.waitForFunction((n) => window.__events.filter(([t]) => t === 'osprey-error').length > n
    && document.querySelector('osprey-search').state === 'error', errorsBefore, { timeout: kBound });
  assert.ok(Date.now() - started < kBound);
  return widgetState(page);
}

function checkShown(shown, code, fileUrl, expected) {
  assert.equal(shown.state, 'error');
  assert.equal(shown.attribute, 'error');
  assert.equal(shown.busy, false, 'not left loading');
  assert.equal(shown.errorShown, true);
  const error = shown.errors.at(-1);
  checkError(error, code, fileUrl, expected);
  assert.equal(shown.errorCode, code);
  assert.equal(shown.errorText, `Search is unavailable: ${error.message}`);
}

/** A fresh <osprey-search> for baseUrl on the lane's page (the one before is removed: its engine closes). */
function newWidget(page, baseUrl) {
  return page.evaluate((url) => {
    window.__events.length = 0;
    document.querySelector('osprey-search')?.remove();
    const element = document.createElement('osprey-search');
    const attributes = { index: url, preload: '', debounce: '0', 'fetch-timeout': '3000', 'url-state': 'off' };
    for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
    document.getElementById('slot').append(element);
  }, baseUrl);
}

async function widgetCase({ page, problems }, [label, file, bytes, code, expected]) {
  const { baseUrl, fileUrl, repair } = bundleCopy(`widget ${label}`, file, bytes);
  await newWidget(page, baseUrl);
  let shown;
  if (file === baseFile) {
    await page.waitForFunction(() => document.querySelector('osprey-search').state === 'error', null,
                               { timeout: kBound });
    shown = await widgetState(page);
  } else {
    await settled(page);
    assert.equal((await widgetState(page)).state, 'ready');
    shown = await failingQuery(page);
  }
  checkShown(shown, code, fileUrl, expected);
  // Still damaged: the next query fails the same way (nothing was kept).
  const again = await failingQuery(page);
  checkShown(again, code, fileUrl, expected);
  assert.equal(again.errors.at(-1).message, shown.errors.at(-1).message);
  // Repaired: the next query shows results, and the widget is ready.
  repair();
  const before = await resultCount(page);
  await page.evaluate((q) => document.querySelector('osprey-search').search(q), kQuery);
  const results = await nextResults(page, before, kQuery);
  assert.equal(results.total, 4);
  await settled(page);
  const fixed = await widgetState(page);
  assert.equal(fixed.state, 'ready');
  assert.equal(fixed.errorShown, false);
  assert.equal(fixed.errors.length, 2);
  assert.deepEqual(problems, []);
}

async function apiCase({ page, problems }, [label, file, bytes, code, expected]) {
  const { baseUrl, fileUrl, repair } = bundleCopy(`api ${label}`, file, bytes);
  await page.evaluate(() => {
    window.__searcher?.close();
    window.__searcher = null;
  });
  // The searcher, once opened, is kept: the same one searches again and after the repair.
  // ms: from the step that meets the damage (the search; the open for the base), as
  // failingQuery times the widget's; not the start of a fresh worker and its engine.
  const attempt = () => page.evaluate(async ([url, query]) => {
    const { Osprey } = await import('/osprey.js');
    let started = Date.now();
    try {
      if (!window.__searcher) {
        window.__searcher = await Osprey.open(url, { fetchTimeout: 3000 });
        started = Date.now();
      }
      const result = await window.__searcher.search(query);
      return { ok: true, total: result.total, ms: Date.now() - started };
    } catch (error) {
      return { ok: false, name: error.name, code: error.code, message: error.message, ms: Date.now() - started };
    }
  }, [baseUrl, kQuery]);
  const first = await attempt();
  assert.equal(first.ok, false);
  assert.equal(first.name, 'OspreyError');
  checkError(first, code, fileUrl, expected);
  assert.ok(first.ms < kBound, `${first.ms} ms`);
  const again = await attempt();
  assert.deepEqual({ ...again, ms: 0 }, { ...first, ms: 0 }, 'still damaged: the same error');
  repair();
  const fixed = await attempt();
  assert.deepEqual({ ...fixed, ms: 0 }, { ok: true, total: 4, ms: 0 });
  assert.deepEqual(problems, []);
}

test('every damage, in the widget and through the page API: a named error in time, then results once repaired',
     { timeout: 120000, concurrency: true }, async (t) => {
       // Lanes side by side, each a page of its own (the test page, strict CSP)
       // running its cases in turn; each case has its own copy of the bundle.
       const cases = damages();
       const lanes = [];
       for (const [host, run] of [['widget', widgetCase], ['page API', apiCase]]) {
         for (let lane = 0; lane < kLanes; ++lane) {
           lanes.push((async () => {
             const opened = await openPage(browser, `${base}/tests/widget.html`, { wait: false });
             try {
               for (const c of cases.filter((_, i) => i % kLanes === lane)) {
                 await t.test(`${host}: ${c[0]}`, () => run(opened, c));
               }
             } finally {
               await opened.context.close();
             }
           })());
         }
       }
       await Promise.all(lanes);
     });
