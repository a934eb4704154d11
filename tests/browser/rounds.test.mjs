// Fetch rounds of a bundle's <osprey-search> (issue #14, item 3, loading): the
// page loads one module (web/dist/osprey.js, copied over the sources by
// `osprey index --bundle`); nothing of the index or the engine before the
// visitor is likely to search; on focus the manifest, the worker and the wasm
// are requested at once (the manifest first: on a link that sends bodies in
// turn, the base's request then overlaps the engine's transfer), then the base,
// then only the rounds the engine names.
// While a debounce waits, the typed query's first round is prefetched. A
// superseded query's part fetches are abandoned, and a part held is never
// fetched again. Typo blocks (reverse parts) only when the words as typed
// leave the page short. Beside a keystroke's hits, those of the next letters
// along its top completions (the search option anticipate).
//
// A round: a request's level is 1 + the highest level of the requests whose
// answer the server had begun to send before it was sent (Chromium's start
// time of the request; the server's time, which no answer precedes: Chromium's
// end times, and the server's own 'finish' events, can come later than the
// page's use of the bytes on a loaded machine); every file is served a little
// late, so that requests sent together overlap clearly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { createCore, unpackFile, until, writeManyPartsRecords } from '../node/helpers.mjs';
import { cli, indexDir, launch, nextResults, resultCount, startServer, tearDown, web } from './helpers.mjs';

const name = `rounds-${process.pid}`;
const dir = join(indexDir, name);
const bundleDir = join(dir, 'b');
let browser, server, base, stem, words;
let delay = () => 0;  // path -> ms, or a promise (the answer waits for it); set by each test
const served = new Map();  // path -> when the server began to answer it (ms), each time, in order

// A part of the index (not the folder's dictionary, fetched once as the index opens).
const isPart = (path) => path.startsWith(`/index/${name}/b/${stem}/`) && /\/[a-z]\d+$/.test(path);

/** The parts each round of a query names on a fresh engine over the bundle's index, as the widget runs them. */
async function engineNeeds(query) {
  const { core } = await createCore();
  try {
    core.load(unpackFile(join(bundleDir, `${stem}.osp`)));
    const rounds = [];
    for (let v = core.search(query, { limit: 10 }); v.needs; v = core.search(query, { limit: 10 })) {
      for (const n of v.needs) core.addParts(unpackFile(join(bundleDir, n)));
      rounds.push(v.needs);
    }
    return rounds;
  } finally {
    core.close();
  }
}

before(async () => {
  // The bundle ships web/dist/ (helpers.mjs wrote it afresh when a source was newer).
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeManyPartsRecords(join(dir, 'records.jsonl'));
  execFileSync(cli, ['index', join(dir, 'records.jsonl'), '--bundle', bundleDir, '--split-above', '0', '-q']);
  stem = readdirSync(bundleDir).find((f) => f.endsWith('.osp')).replace(/\.osp$/, '');
  const titles = readFileSync(join(dir, 'records.jsonl'), 'utf8').trim().split('\n')
    .flatMap((line) => JSON.parse(line).title.split(' '));
  words = [...new Set(titles)].sort();
  // The same records as a French index: its stemmer is a module of its own (engine/stem/french.wasm).
  writeFileSync(join(dir, 'fr.json'), JSON.stringify({
    id: 'url', language: 'fr',
    fields: [{ name: 'title', weight: 2, stored: true }, { name: 'summary', stored: true }, { name: 'url', stored: true }],
  }));
  execFileSync(cli, ['index', join(dir, 'records.jsonl'), '--config', join(dir, 'fr.json'), '--bundle', join(dir, 'fr'),
                     '--split-above', '0', '-q']);
  writeFileSync(join(dir, 'fr.html'), `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Rounds</title>
<script type="module" src="fr/osprey.js"></script>
<osprey-search index="fr/" debounce="0" url-state="off" fetch-timeout="20000"></osprey-search>\n`);
  writeFileSync(join(dir, 'page.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Rounds</title>
<script type="module" src="b/osprey.js"></script>
<osprey-search index="b/" debounce="0" url-state="off" fetch-timeout="20000"></osprey-search>\n`);
  ({ server, base } = await startServer({
    delay: (path) => {
      const wait = delay(path);
      // The answer's timer starts now: it is sent no sooner than this.
      if (typeof wait === 'number' && wait !== Infinity) {
        if (!served.has(path)) served.set(path, []);
        served.get(path).push(Date.now() + wait);
      }
      return wait;
    },
  }));
  browser = await launch();
});

after(() => tearDown({ browser, server, dir }));

/** A new page that records every request: {path, start, end (ms, Chromium's clock), failed}. */
async function recordingPage() {
  const context = await browser.newContext();
  const requests = [];
  const finish = (request, failed) => {
    const t = request.timing();
    const entry = requests.find((r) => r.request === request);
    entry.end = t.startTime + Math.max(t.responseEnd, 0);
    entry.failed = failed;
  };
  context.on('request', (request) => requests.push({ request, path: new URL(request.url()).pathname }));
  context.on('requestfinished', (request) => finish(request, null));
  context.on('requestfailed', (request) => finish(request, request.failure()?.errorText || 'failed'));
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['osprey-ready', 'osprey-results', 'osprey-error']) {
      document.addEventListener(type, (e) => window.__events.push([type, e.detail]));
    }
  });
  return { context, page, requests };
}

/**
 * Each request's round among requests (their timings read now), in order sent; max: the chain's
 * length. served: when the server began to answer the request (its path's n-th time).
 */
function rounds(requests, all = requests) {
  const nth = (r) => all.filter((q) => q.path === r.path).indexOf(r);
  const done = requests.map((r) => ({ ...r, start: r.request.timing().startTime, served: served.get(r.path)?.[nth(r)] }));
  done.sort((a, b) => a.start - b.start);
  for (const r of done) {
    r.round = 1 + Math.max(0, ...done.filter((q) => q !== r && q.served !== undefined && q.served <= r.start)
      .map((q) => q.round ?? 0));
  }
  return { list: done, max: Math.max(0, ...done.map((r) => r.round)) };
}

const settle = async (requests) => {
  // Every request recorded has ended (timings are read once they have).
  for (let i = 0; i < 400 && requests.some((r) => r.end === undefined); i++) await new Promise((ok) => setTimeout(ok, 25));
};

// Focuses the box, types query, waits for its results (some) and for the requests
// to settle: {shown, sent: rounds() of the requests since atLoad, level(suffix):
// the rounds of the requests whose path ends with suffix}.
async function typeQuery(page, requests, atLoad, query) {
  const input = page.locator('osprey-search input[role="combobox"]');
  await input.focus();
  const before = await resultCount(page);
  await input.fill(query);
  const shown = await nextResults(page, before, query);
  assert.ok(shown.total > 0);
  await settle(requests);
  const sent = rounds(requests.slice(atLoad), requests);
  const level = (suffix) => sent.list.filter((r) => r.path.endsWith(suffix)).map((r) => r.round);
  return { shown, sent, level };
}

test('one module at page load; on focus the worker, wasm and manifest at once, then the base, then the engine\'s rounds', { timeout: 60000 }, async (t) => {
  delay = () => 60;
  const query = words[Math.floor(words.length / 3)];
  const expected = (await engineNeeds(query)).length;
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  await new Promise((ok) => setTimeout(ok, 300));
  await settle(requests);
  // Before the visitor comes near the box: the page and one module, nothing of the engine or the index.
  assert.deepEqual(requests.map((r) => r.path), [`/index/${name}/page.html`, `/index/${name}/b/osprey.js`]);
  const atLoad = requests.length;

  const { sent, level } = await typeQuery(page, requests, atLoad, query);
  // Code: the worker as one script and the wasm, and (the index has facets) the facet checkboxes;
  // nothing else (no other widget/ modules, no separate glue); and the display parts' dictionary.
  assert.deepEqual(sent.list.filter((r) => !isPart(r.path) && !r.path.endsWith('.osp') && !r.path.endsWith('.json'))
    .map((r) => r.path).sort(), [`/index/${name}/b/engine/osprey-engine.wasm`, `/index/${name}/b/${stem}/dictionary`,
                                 `/index/${name}/b/osprey-worker.js`, `/index/${name}/b/widget/facet-list.js`]);
  // Requested together, in the first round after focus.
  assert.deepEqual(level('/osprey-worker.js'), [1]);
  assert.deepEqual(level('/osprey-engine.wasm'), [1]);
  assert.deepEqual(level('/osprey-manifest.json'), [1]);
  // The facet checkboxes once the index is open, beside the first parts: no round of their own.
  assert.deepEqual(level('/widget/facet-list.js'), [3]);
  // The display parts' dictionary (the manifest names it) once the index is open, beside the first parts.
  assert.deepEqual(level(`/${stem}/dictionary`), [3]);
  // The base needs the manifest (its content-hashed name), nothing more.
  assert.deepEqual(level(`/${stem}.osp`), [2]);
  // Then the parts: the search's rounds (the suggestions' run beside them, sharing parts).
  t.diagnostic(`rounds after focus ${sent.max}: ${sent.list.map((r) => `${r.round}:${r.path.split('/').pop()}`).join(' ')}`);
  const partRounds = sent.list.filter((r) => isPart(r.path)).map((r) => r.round);
  assert.ok(partRounds.length > 0 && Math.min(...partRounds) === 3, `parts from round 3: ${partRounds}`);
  assert.ok(expected >= 1);
  assert.ok(sent.max >= 2 + expected && sent.max <= 2 + expected + 1, `rounds after focus: ${sent.max}, engine: ${expected}`);
  // From the page's first byte: page, module, then as above.
  assert.equal(rounds(requests).max, 2 + sent.max);
  await context.close();
});

test('on a link that sends bodies in turn, the base is requested while the engine\'s bytes are still on it', { timeout: 60000 }, async () => {
  // One link, first come first served (bench/lib/shaper.mjs's model): a body is
  // complete a round trip after its request, or once the bodies ahead of it have
  // crossed, plus its own size over the bandwidth. Every answer is held until then.
  const rttMs = 40;
  const msPerByte = 600 / statSync(join(web, 'dist/engine/osprey-engine.wasm')).size;  // the wasm: 600 ms
  let linkFree = 0;
  const complete = new Map();  // path -> when its body is complete (ms, wall clock)
  delay = (path) => {
    const now = Date.now();
    const start = Math.max(now + rttMs, linkFree);
    linkFree = start + statSync(join(web, path)).size * msPerByte;
    complete.set(path, linkFree);
    return linkFree - now;
  };
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  const input = page.locator('osprey-search input[role="combobox"]');
  await input.focus();
  const query = words[Math.floor(words.length / 4)];
  const before = await resultCount(page);
  await input.fill(query);
  await nextResults(page, before, query);
  await settle(requests);
  const startOf = (suffix) => requests.find((r) => r.path.endsWith(suffix)).request.timing().startTime;
  const wasm = [...complete].find(([path]) => path.endsWith('/osprey-engine.wasm'))[1];
  // The manifest is asked for before the engine's files, so its small body crosses first and
  // the base's round trip overlaps the wasm's transfer (asked for after them, the manifest
  // came after the wasm, and so did the request for the base).
  assert.ok(startOf(`/${stem}.osp`) < wasm - 200,
            `the base requested ${(wasm - startOf(`/${stem}.osp`)).toFixed(0)} ms before the wasm's body was complete`);
  delay = () => 0;
  await context.close();
});

test('a bundle in a language whose stemmer is a module of its own: the module comes with the base, not a round after it', { timeout: 60000 }, async () => {
  const manifest = JSON.parse(readFileSync(join(dir, 'fr/osprey-manifest.json'), 'utf8'));
  assert.equal(manifest.languages.fr.stemmer, 'french');
  const frStem = readdirSync(join(dir, 'fr')).find((f) => f.endsWith('.osp')).replace(/\.osp$/, '');
  delay = () => 60;
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/fr.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  await new Promise((ok) => setTimeout(ok, 300));
  await settle(requests);
  const atLoad = requests.length;
  const query = words[Math.floor(words.length / 3)];
  const { sent, level } = await typeQuery(page, requests, atLoad, query);
  assert.deepEqual(level('/osprey-manifest.json'), [1]);
  // Both named by the manifest, asked for together, once (after it, the engine would have named
  // the stemmer once the base was loaded: round 3).
  assert.deepEqual(level(`/${frStem}.osp`), [2]);
  assert.deepEqual(level('/engine/stem/french.wasm'), [2]);
  const partRounds = sent.list.filter((r) => r.path.startsWith(`/index/${name}/fr/${frStem}/`)).map((r) => r.round);
  assert.ok(partRounds.length > 0 && Math.min(...partRounds) === 3, `parts from round 3: ${partRounds}`);
  assert.deepEqual(await page.evaluate(() => window.__events.filter(([type]) => type === 'osprey-error')), []);
  await context.close();
});

test('a superseded query\'s part fetches are abandoned; a part held is never fetched again', { timeout: 60000 }, async () => {
  delay = () => 0;
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  await page.evaluate(() => document.querySelector('osprey-search').load());
  await page.waitForFunction(() => document.querySelector('osprey-search').state === 'ready');
  // Two words far apart in the dictionary: their parts differ.
  const first = words[5];
  const second = words[words.length - 5];
  // The server holds the parts until the second query has started: the first query's first
  // round is still in flight then, however slow the machine.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  delay = (path) => (isPart(path) ? held : 0);
  const search = (q) => page.evaluate((text) => document.querySelector('osprey-search').search(text), q);
  let count = await resultCount(page);
  const partsAt = requests.length;
  const firstPartsNow = () => requests.slice(partsAt).filter((r) => isPart(r.path)).map((r) => r.path);
  await search(first);
  // The first round is the parts asked for together: wait until some are asked for, then until no
  // more are for 200 ms (its requests are reported one by one).
  await until(() => firstPartsNow().length > 0, 'the first query\'s first round');
  for (let seen = -1; seen !== firstPartsNow().length;) {
    seen = firstPartsNow().length;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  const firstParts = firstPartsNow();
  assert.ok(requests.slice(partsAt).filter((r) => isPart(r.path)).every((r) => r.end === undefined), 'the first round is still in flight');
  const secondAt = requests.length;
  await search(second);
  // Its first loading round has run (it abandons the orphans it does not name, then asks for
  // its own parts): then the parts may come.
  await until(() => requests.slice(partsAt).some((r) => r.failed) || requests.slice(secondAt).some((r) => isPart(r.path)),
              'the second query\'s first round');
  delay = () => 0;
  release();
  const shown = await nextResults(page, count, second);
  assert.equal(shown.query, second);
  await settle(requests);
  const aborted = requests.filter((r) => r.failed).map((r) => r.path);
  assert.ok(aborted.length > 0, 'the first query\'s fetches in flight are abandoned');
  for (const path of aborted) {
    assert.ok(firstParts.includes(path), `${path} aborted, and the first query asked for it`);
    assert.equal(requests.filter((r) => r.path === path && !r.failed && r.end !== undefined).length, 0,
                 `${path}: the second query did not need it`);
  }
  assert.equal(requests.filter((r) => r.failed && r.failed !== 'net::ERR_ABORTED').length, 0);

  // Both queries again, then again: parts arrive once each, and held parts are not asked for again.
  delay = () => 0;
  for (const q of [first, second, first, second]) {
    count = await resultCount(page);
    await search(q);
    await nextResults(page, count, q);
  }
  await settle(requests);
  const arrived = requests.filter((r) => isPart(r.path) && !r.failed).map((r) => r.path);
  assert.equal(new Set(arrived).size, arrived.length, `each part arrives once: ${arrived.join(' ')}`);
  const afterwards = requests.length;
  for (const q of [second, first]) {
    count = await resultCount(page);
    await search(q);
    await nextResults(page, count, q);
  }
  assert.deepEqual(requests.slice(afterwards).map((r) => r.path), []);
  await context.close();
});

test('while a debounce waits, the typed query\'s first round is prefetched; the search then fetches no part twice', { timeout: 60000 }, async () => {
  delay = () => 0;
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  await page.evaluate(async () => {
    const element = document.querySelector('osprey-search');
    element.setAttribute('debounce', '2000');
    await element.load();
    // When the debounced search runs (the wall clock, as Chromium's request timings).
    const searcher = element.searcher;
    const search = searcher.search.bind(searcher);
    searcher.search = (...args) => {
      window.__searchAt ??= Date.now();
      return search(...args);
    };
  });
  const query = words[Math.floor(words.length / 2)];
  const from = requests.length;
  const input = page.locator('osprey-search input[role="combobox"]');
  await input.focus();
  const before = await resultCount(page);
  await input.fill(query);
  await nextResults(page, before, query);
  await settle(requests);
  // Parts requested during the debounce, before the search ran (2 s after the input):
  // its first round's dictionary and reverse blocks.
  const searchAt = await page.evaluate(() => window.__searchAt);
  const early = requests.slice(from).filter((r) => isPart(r.path) && r.request.timing().startTime < searchAt)
    .map((r) => r.path);
  assert.ok(early.length > 0, 'first-round parts requested during the debounce');
  assert.ok(early.every((p) => /\/[dr]\d+$/.test(p)), early.join(' '));
  const parts = requests.slice(from).filter((r) => isPart(r.path)).map((r) => r.path);
  assert.equal(new Set(parts).size, parts.length, `each part once: ${parts.join(' ')}`);
  assert.equal(requests.filter((r) => r.failed).length, 0);
  await context.close();
});

/**
 * A prefix whose next keystroke along its top completion needs nothing but display parts once
 * the widget's own rounds for it (search and completions) have run: {typed, next, anticipated}.
 */
async function anticipatedPrefix() {
  const { core } = await createCore();
  try {
    const load = (names) => names.forEach((n) => core.addParts(unpackFile(join(bundleDir, n)), n));
    core.load(unpackFile(join(bundleDir, `${stem}.osp`)));
    for (const word of words.filter((w) => w.length >= 7)) {
      const typed = word.slice(0, 3);
      for (let v = core.search(typed, { limit: 10 }); v.needs; v = core.search(typed, { limit: 10 })) load(v.needs);
      for (let v = core.complete(typed, 6); v.needs; v = core.complete(typed, 6)) load(v.needs);
      const [next] = core.nextQueries(typed, 2);
      const needs = next ? core.search(next, { limit: 10 }).needs : null;
      if (needs && needs.length > 0 && needs.every((n) => /\/[st]\d+$/.test(n))) return { typed, next, anticipated: needs };
    }
    return null;
  } finally {
    core.close();
  }
}

test('search as you type: the hits of the next letters along the top completions come beside a keystroke\'s own; typing one fetches nothing', { timeout: 60000 }, async () => {
  delay = () => 0;
  const found = await anticipatedPrefix();
  assert.ok(found, 'a prefix whose next keystroke needs only display parts');
  const { typed, next, anticipated } = found;
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  await page.evaluate(() => document.querySelector('osprey-search').load());
  await page.waitForFunction(() => document.querySelector('osprey-search').state === 'ready');
  const input = page.locator('osprey-search input[role="combobox"]');
  await input.focus();
  let before = await resultCount(page);
  const from = requests.length;
  await input.fill(typed);
  await nextResults(page, before, typed);
  await settle(requests);
  await new Promise((ok) => setTimeout(ok, 300));
  await settle(requests);
  const sent = requests.slice(from).filter((r) => isPart(r.path)).map((r) => r.path.split('/').slice(-2).join('/'));
  for (const n of anticipated) assert.ok(sent.includes(n), `${n} anticipated: ${sent.join(' ')}`);
  assert.equal(new Set(sent).size, sent.length, `each part once: ${sent.join(' ')}`);
  // Parts now take 20 s: the next keystroke's results come long before any could.
  delay = (path) => (isPart(path) ? 20000 : 0);
  before = await resultCount(page);
  const t0 = Date.now();
  await input.fill(next);
  const shown = await nextResults(page, before, next);
  assert.ok(Date.now() - t0 < 10000, `results of ${next} in ${Date.now() - t0} ms`);
  assert.ok(shown.total > 0);
  delay = () => 0;
  await context.close();
});

test('a search names typo blocks only when the words as typed leave the page short', { timeout: 60000 }, async () => {
  // docs/ranking.md "Typo tier": a 4-letter prefix (typos start at 4) whose exact and completed
  // forms alone match a page of records (the widget's limit, 10) names no reverse part; one
  // they leave short does. Which is which, from the engine with typos off; the reverse parts
  // each one's search names, from a fresh engine with typos on.
  let fills, short;
  const { core } = await createCore();
  try {
    core.load(unpackFile(join(bundleDir, `${stem}.osp`)));
    const fullTotal = (q) => {
      let v = core.search(q, { limit: 10, typos: false });
      for (; v.needs; v = core.search(q, { limit: 10, typos: false })) {
        for (const n of v.needs) core.addParts(unpackFile(join(bundleDir, n)));
      }
      return v.fullTotal;
    };
    for (const q of new Set(words.map((w) => w.slice(0, 4)))) {
      const n = fullTotal(q);
      if (n >= 10) fills ??= [q, n];
      else if (n >= 1) short ??= [q, n];
      if (fills && short) break;
    }
  } finally {
    core.close();
  }
  assert.ok(fills && short, `prefixes found: ${fills} ${short}`);
  const reverseNamed = async (q) => (await engineNeeds(q)).flat().filter((n) => /\/r\d+$/.test(n));
  assert.deepEqual(await reverseNamed(fills[0]), [], fills[0]);
  assert.ok((await reverseNamed(short[0])).length > 0, short[0]);
  delay = () => 0;
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  const input = page.locator('osprey-search input[role="combobox"]');
  await input.focus();
  for (const [[q, asTyped], typos] of [[fills, false], [short, true]]) {
    const from = requests.length;
    const before = await resultCount(page);
    await input.fill(q);
    const shown = await nextResults(page, before, q);
    await settle(requests);
    // The widget may fetch reverse parts for the likely next letters too (anticipation), so
    // only the short prefix is held to fetching some; the filled one shows no typo match.
    const reverse = requests.slice(from).filter((r) => isPart(r.path) && /\/r\d+$/.test(r.path));
    if (typos) assert.ok(reverse.length > 0, `${q} (${shown.total} shown): ${requests.slice(from).map((r) => r.path).join(' ')}`);
    // Filled: what the words as typed match, no more; short: those and the typo matches.
    if (typos) assert.ok(shown.total >= asTyped, `${q}: ${shown.total} of ${asTyped}`);
    else assert.equal(shown.total, asTyped, q);
  }
  await context.close();
});

test('a word the dictionary shows in fewer records than the page fetches its typo blocks with its postings', { timeout: 60000 }, async () => {
  // docs/ranking.md "Typo tier": the forms of a title word (exact and completed) in fewer
  // records than the widget's page (10): no count can fill the page, so the reverse parts
  // come in the round of its postings, not a round after them. The word, from the engine:
  // the first whose postings round names reverse parts too.
  const { core } = await createCore();
  let query;
  try {
    core.load(unpackFile(join(bundleDir, `${stem}.osp`)));
    for (const w of words.filter((x) => x.length >= 6).slice(0, 40)) {
      const rounds = [];
      for (let v = core.search(w, { limit: 10 }); v.needs; v = core.search(w, { limit: 10 })) {
        rounds.push(v.needs.map((n) => n.split('/').pop()[0]));
        for (const n of v.needs) core.addParts(unpackFile(join(bundleDir, n)));
      }
      const postings = rounds.findIndex((r) => r.includes('p'));
      if (postings >= 0 && rounds[postings].includes('r')) {
        query = w;
        break;
      }
    }
  } finally {
    core.close();
  }
  assert.ok(query, 'a word whose typo blocks come with its postings');
  delay = () => 60;
  served.clear();  // the earlier tests' pages fetched these paths too: count this page's from 0
  const { context, page, requests } = await recordingPage();
  await page.goto(`${base}/index/${name}/page.html`);
  await page.waitForFunction(() => customElements.get('osprey-search'));
  const { sent } = await typeQuery(page, requests, requests.length, query);
  const postings = sent.list.filter((r) => isPart(r.path) && /\/p\d+$/.test(r.path)).map((r) => r.round);
  const reverse = sent.list.filter((r) => isPart(r.path) && /\/r\d+$/.test(r.path)).map((r) => r.round);
  assert.ok(postings.length > 0 && reverse.length > 0, sent.list.map((r) => r.path).join(' '));
  assert.equal(Math.min(...reverse), Math.min(...postings), `${query}: ${sent.list.map((r) => `${r.round}:${r.path.split('/').pop()}`).join(' ')}`);
  await context.close();
});

test('the bundle holds the built module and worker, not the source tree\'s entry', () => {
  for (const file of ['osprey.js', 'osprey-worker.js']) {
    assert.ok(existsSync(join(web, 'dist', file)));
    assert.equal(readFileSync(join(bundleDir, file), 'utf8'), readFileSync(join(web, 'dist', file), 'utf8'), file);
  }
  assert.doesNotMatch(readFileSync(join(bundleDir, 'osprey.js'), 'utf8'), /from\s*["']\.\/widget\//);
});
