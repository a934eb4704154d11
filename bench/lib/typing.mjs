// Typed queries on a shaped network (bench/lib/shaper.mjs): what a visitor
// waits for, keystroke by keystroke, in Chromium, for one engine, one host
// model and one network profile.
//
// A session is a new browser context (empty cache) on the typing page
// (page/typing.html, loaded through the shaper and not counted). Each query is
// typed letter by letter from its second letter (the first keystroke puts two
// letters in the box, each later one adds one), and every keystroke is awaited:
// the next letter comes once the results of the last one are shown. Osprey runs
// as the real <osprey-search> element of its bundle; the peers through their
// page code (page/engines.js), as the cold-cache harness (browser.mjs) runs them.
// Between queries the box is cleared and the shaper left to go idle, so every
// request belongs to one typed query; a request belongs to a keystroke when it
// was sent between the keystroke and its results.
//
// Per session: first result (the first keystroke of the first query, cold:
// code, index, results), keystroke p50/p90/max (every keystroke but that one),
// requests and bytes per typed query (first and later), fetch rounds per
// keystroke (see fetchRounds in shaper.mjs), bytes by file kind.
import fs from 'node:fs';
import path from 'node:path';
import { byKind, kindOf, withTimeout } from './browser.mjs';
import { percentile } from './measure.mjs';
import { fetchRounds } from './shaper.mjs';
import { pageTrace, readTrace, traceNow, workerTrace } from './trace.mjs';

// What a request fetched, finer than browser.kindOf for Pagefind: its
// pf_index (word index chunks), pf_fragment (one page's text, for a result),
// pf_meta (the index's metadata) and entry file.
export function netKind(request) {
  const m = /\.(pf_index|pf_fragment|pf_meta)$/.exec(request.path);
  if (m) return m[1];
  if (/pagefind-entry\.json$/.test(request.path)) return 'manifest';
  return kindOf(request);
}

export const NET_KIND_ORDER = ['code', 'manifest', 'base', 'dictionary', 'reverse', 'lengths', 'postings', 'stored', 'text',
                               'pf_meta', 'pf_index', 'pf_fragment', 'index'];

const addKinds = (requests, into) => byKind(requests, into, netKind);

// The texts typed for a query: its words from the second letter on.
export function keystrokes(text) {
  const t = text.trim();
  const out = [];
  for (let n = Math.min(2, t.length); n <= t.length; n++) if (t[n - 1] !== ' ' || n === t.length) out.push(t.slice(0, n));
  return [...new Set(out)];
}

// One session. engine: osprey | pagefind | minisearch; cfg: as browser.mjs
// builds it (cfg.bundle for Osprey); texts: the queries (strings) to type;
// trace: null, or {dir, name}: Osprey's loading path is traced (trace.mjs) and
// a keystroke that times out writes it to dir/name.txt.
export async function typeSession(browser, shaper, { engine, cfg, texts, timeoutMs = 120_000, trace = null }) {
  const context = await browser.newContext();
  const traced = trace && engine === 'osprey';
  const tStart = traceNow();
  const workers = [];
  if (traced) await context.addInitScript(pageTrace);
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e.message || e)));
    page.on('worker', (w) => {
      workers.push(w);
      if (traced) w.evaluate(workerTrace).catch(() => {});
    });
    await page.goto(`${shaper.origin}/bench/typing.html`);
    await page.waitForFunction(() => window.typing && window.typing.ready && window.bench && window.bench.ready);
    await shaper.idle();
    shaper.reset();
    const deadline = performance.now() + timeoutMs * Math.max(1, texts.length);
    const queries = [];
    let first = true;
    for (const text of texts) {
      const keys = [];
      const tQuery = performance.now();
      for (const typed of keystrokes(text)) {
        if (performance.now() > deadline) throw new Error('typed queries timed out');
        const tKey = performance.now();
        let r;
        try {
          r = await withTimeout(engine === 'osprey'
            ? page.evaluate(([b, t, f]) => window.typing.osprey(b, t, f), [cfg.bundle, typed, first])
            : page.evaluate(([e, c, t, f]) => window.typing.peer(e, c, t, f), [engine, cfg, typed, first]),
          timeoutMs, `keystroke "${typed}"`);
        } catch (error) {
          const extra = pageErrors.length ? ` (page: ${pageErrors[0]})` : '';
          const file = traced ? await writeTrace(trace, page, workers, tStart, shaper) : '';
          throw new Error(`${String(error.message || error).split('\n')[0]}${file ? ` (trace: ${file})` : ''}${extra}` +
                          `${await stuck(page, shaper, engine)}`);
        }
        keys.push({ typed, ms: r.ms, count: r.count, first, t0: tKey, t1: performance.now() });
        first = false;
      }
      if (engine === 'osprey') await page.evaluate(() => window.typing.ospreyClear());
      // The requests a keystroke started after its results (suggestions, say)
      // belong to the query: wait until the link is quiet.
      await new Promise((ok) => setTimeout(ok, 50));
      await withTimeout(shaper.idle(), timeoutMs, 'network idle');
      const reqs = shaper.stats().requests.filter((r) => r.tReq >= tQuery);
      const name = (r) => r.path.split('/').slice(-2).join('/');
      for (const k of keys) {
        const mine = reqs.filter((r) => r.tReq >= k.t0 && r.tReq <= k.t1);
        k.requests = mine.length;
        k.bytes = mine.reduce((a, r) => a + r.bytes, 0);
        k.rounds = fetchRounds(mine);
        // Each request: file, sent and finished in ms after the keystroke.
        k.sent = mine.map((r) => [name(r), Math.round(r.tReq - k.t0), Math.round((r.finish ?? r.tReq) - k.t0)]);
        // Requests sent before the keystroke and still on the link when it came.
        k.inFlight = reqs.filter((r) => r.tReq < k.t0 && (r.finish ?? 0) > k.t0).map((r) => [name(r), Math.round(r.finish - k.t0)]);
      }
      queries.push({
        text, keys: keys.map(({ t0, t1, ...k }) => k), requests: reqs.length, bytes: reqs.reduce((a, r) => a + r.bytes, 0),
        raw: reqs.reduce((a, r) => a + r.raw, 0), byKind: addKinds(reqs, {}),
        abandoned: reqs.filter((r) => r.aborted).length, abandonedBytes: reqs.filter((r) => r.aborted).reduce((a, r) => a + r.bytes, 0),
        files: reqs.map((r) => ({ path: r.path, bytes: r.bytes, raw: r.raw, encoding: r.encoding, status: r.status })),
      });
      shaper.reset();
    }
    return summarize(queries, pageErrors);
  } finally {
    await context.close().catch(() => {});
  }
}

// The trace of a stuck session (trace.mjs), with the shaper's log: dir/name.txt.
async function writeTrace({ dir, name }, page, workers, tStart, shaper) {
  const { workers: states, lines } = await readTrace(page, workers, tStart);
  const requests = shaper.stats().requests.map((r) => `${(performance.timeOrigin + r.tReq - tStart).toFixed(1).padStart(9)} shaper  ` +
    `${r.path} ${r.status} ${r.bytes} B, sent ${(r.start - r.tReq).toFixed(1)}..${(r.finish - r.tReq).toFixed(1)} ms after its request${r.aborted ? ' (abandoned)' : ''}`);
  const file = path.join(dir, `${name}.txt`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, [`workers: ${states.join('; ') || 'none'}`, `unfinished: ${shaper.unfinished().join(', ') || 'none'}`,
                          'ms since the session began:', ...[...lines, ...requests].sort((a, b) => parseFloat(a) - parseFloat(b))].join('\n') + '\n');
  return file;
}

// What a keystroke that did not finish left behind: the element's state and
// status line (Osprey), and the responses the shaper has not finished.
async function stuck(page, shaper, engine) {
  const element = engine !== 'osprey' ? null
    : await withTimeout(page.evaluate(() => window.typing.describe()), 5000, 'describe').catch((e) => `(${e.message})`);
  // The worker's two promises (osprey-worker.js): the wasm's bytes from the page, the engine compiled.
  const workers = engine !== 'osprey' ? [] : await Promise.all(page.workers().map((w) => withTimeout(w.evaluate(() => {
    const peek = (p) => Promise.race([p.then(() => 'resolved', (e) => `rejected (${e && e.message})`),
                                      new Promise((ok) => setTimeout(() => ok('pending'), 200))]);
    return Promise.all([peek(wasmBytes), peek(engineReady)]).then(([b, e]) => `wasm bytes ${b}, engine ${e}`);
  }), 5000, 'worker state').catch((e) => `(${e.message})`)));
  const open = shaper.unfinished();
  const sent = shaper.stats().requests.map((r) => `${r.path.split('/').pop()} ${r.status}${r.aborted ? ' (abandoned)' : ''}`);
  return `${element ? `; element: ${element}` : ''}${engine === 'osprey' ? `; workers: ${workers.join(', ') || 'none'}` : ''}; unfinished responses: ${open.length ? open.join(', ') : 'none'}` +
    `; answered: ${sent.join(', ') || 'none'}`;
}

export function summarize(queries, pageErrors = []) {
  const q0 = queries[0];
  const later = queries.slice(1);
  const warmKeys = queries.flatMap((q) => q.keys).filter((k) => !k.first);
  const times = warmKeys.map((k) => k.ms).sort((a, b) => a - b);
  const rounds = warmKeys.map((k) => k.rounds);
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const laterKinds = {};
  for (const q of later) addKinds(q.files, laterKinds);
  const perQuery = (sum) => (later.length ? sum / later.length : null);
  for (const k of Object.values(laterKinds)) {
    k.requests = perQuery(k.requests);
    k.bytes = perQuery(k.bytes);
    k.raw = perQuery(k.raw);
  }
  return {
    typed: queries.length,
    keystrokes: warmKeys.length + 1,
    firstMs: q0.keys[0].ms,
    firstKeyRequests: q0.keys[0].requests,
    firstKeyBytes: q0.keys[0].bytes,
    firstKeyRounds: q0.keys[0].rounds,
    keyP50: percentile(times, 50),
    keyP90: percentile(times, 90),
    keyMax: times.length ? times[times.length - 1] : null,
    roundsMean: mean(rounds),
    roundsMax: rounds.length ? Math.max(...rounds) : null,
    keysWithFetch: warmKeys.filter((k) => k.requests > 0).length,
    firstQuery: { text: q0.text, requests: q0.requests, bytes: q0.bytes, raw: q0.raw, byKind: q0.byKind, files: q0.files },
    laterPerQuery: later.length ? {
      n: later.length,
      requests: mean(later.map((q) => q.requests)),
      bytes: mean(later.map((q) => q.bytes)),
      raw: mean(later.map((q) => q.raw)),
      byKind: laterKinds,
    } : null,
    zeroResultKeys: warmKeys.filter((k) => k.count === 0).length,
    // Requests the page gave up (a newer keystroke superseded them); their bytes are counted above too.
    abandoned: queries.reduce((a, q) => a + (q.abandoned || 0), 0),
    abandonedBytes: queries.reduce((a, q) => a + (q.abandonedBytes || 0), 0),
    queries: queries.map((q) => ({ text: q.text, requests: q.requests, bytes: q.bytes, keys: q.keys })),
    pageErrors: pageErrors.slice(0, 3),
  };
}
