// Chromium measurements: Debian's /usr/bin/chromium driven by playwright-core,
// pages served by server.mjs on 127.0.0.1.
//
// For one engine and corpus, each repetition opens a NEW browser context (an
// empty HTTP cache), loads the harness page (not counted), then times
// bench.first(): load the engine's code and index and run the first query, until
// its top 10 can be shown. Bytes are what the server sent meanwhile (bodies,
// gzip where it helps). Then, in the same page, the later queries (warm) are
// timed one by one in both modes, with the bytes each one fetched.
import fs from 'node:fs';
import path from 'node:path';
import { latencyStats } from './measure.mjs';

export const CHROMIUM = process.env.OSPREY_BENCH_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

export async function launchChromium(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

// Rejects when promise has not settled within ms (what names it in the error).
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

// Files that are code (JS or wasm), from the server's request log.
export function isCode(request) {
  return /\.(m?js|wasm)$/.test(request.path) || /\/wasm\.[a-z-]+\.pagefind$/.test(request.path);
}

// What a request fetched: code, or which kind of index file (Osprey's base,
// dictionary parts d<k>, reverse parts r<k>, lengths parts l<k>, postings parts
// p<k>, stored parts s<k>, text parts t<k>, bundle manifest; "index" for the rest: the peers' index files, whose
// names all have an extension, so none matches a part's name).
export function kindOf(request) {
  if (isCode(request)) return 'code';
  if (/osprey-manifest\.json$/.test(request.path)) return 'manifest';
  if (/\.osp$/.test(request.path)) return 'base';
  if (/\/d\d+$/.test(request.path)) return 'dictionary';
  if (/\/r\d+$/.test(request.path)) return 'reverse';
  if (/\/l\d+$/.test(request.path)) return 'lengths';
  if (/\/p\d+$/.test(request.path)) return 'postings';
  if (/\/s\d+$/.test(request.path)) return 'stored';
  if (/\/t\d+$/.test(request.path)) return 'text';
  return 'index';
}

// Requests, bytes sent and raw bytes by file kind (kind: kindOf or a finer one),
// added to `into`.
export function byKind(requests, into = {}, kind = kindOf) {
  for (const r of requests) {
    const k = (into[kind(r)] ??= { requests: 0, bytes: 0, raw: 0 });
    k.requests++;
    k.bytes += r.bytes;
    k.raw += r.raw;
  }
  return into;
}

// cfg: what the page adapter needs (indexUrl / base, fields, boost).
// prepare: URL paths to compress ahead. first: the first query.
// later: {plain: [...], typo: [...]}, disjoint query lists for the warm runs
// (typo+prefix first: it is the mode the targets are about; disjoint lists so
// that an engine fetching per query, like Pagefind, gets no warm chunks from
// the other mode).
export async function measureBrowser(browser, server, { engine, cfg, prepare = [], first, later, reps, timeoutMs }) {
  for (const p of prepare) server.prepare(p);
  const firsts = [];
  let firstBytes = null;
  let firstRequests = null;
  let sample = null;
  let warm = null;
  for (let rep = 0; rep < reps; rep++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const consoleErrors = [];
      page.on('pageerror', (e) => consoleErrors.push(String(e.message || e)));
      await page.goto(`${server.origin}/bench/harness.html`);
      await page.waitForFunction(() => window.bench && window.bench.ready);
      server.reset();
      let r;
      try {
        r = await withTimeout(page.evaluate(([e, c, q]) => window.bench.first(e, c, q, 'typo'), [engine, cfg, first]),
                              timeoutMs, 'first query');
      } catch (error) {
        const extra = consoleErrors.length ? ` (page: ${consoleErrors[0]})` : '';
        throw new Error(`${String(error.message || error).split('\n')[0]}${extra}`);
      }
      firsts.push(r.ms);
      if (rep === 0) {
        const st = server.stats();
        firstBytes = st.bytes;
        firstRequests = st.requests;
        sample = { q: first.q, count: r.count, titles: r.titles };
        warm = { modes: {} };
        let laterBytes = 0;
        let laterMax = 0;
        let n = 0;
        const perQuery = [];
        const laterKinds = {};
        const deadline = performance.now() + timeoutMs;
        for (const mode of ['typo', 'plain']) {
          const times = [];
          let zero = 0;
          for (const q of later[mode]) {
            if (performance.now() > deadline) throw new Error('later queries timed out');
            server.reset();
            const x = await withTimeout(page.evaluate(([qq, m]) => window.bench.next(qq, m), [q, mode]), 60_000, 'query');
            const st2 = server.stats();
            const b = st2.bytes;
            byKind(st2.requests, laterKinds);
            perQuery.push(b);
            laterBytes += b;
            laterMax = Math.max(laterMax, b);
            n++;
            times.push(x.ms);
            if (x.count === 0) zero++;
          }
          warm.modes[mode] = { ...latencyStats(times), zero };
        }
        warm.bytesPerQuery = n ? laterBytes / n : 0;
        warm.bytesMax = laterMax;
        warm.bytesP50 = latencyStats(perQuery).p50;
        warm.withFetches = perQuery.filter((b) => b > 0).length;
        warm.byKind = laterKinds;
        warm.queries = n;
      }
    } finally {
      await context.close().catch(() => {});
    }
  }
  const code = firstRequests.filter(isCode);
  return {
    firstMs: median(firsts),
    firstAll: firsts,
    firstBytes,
    firstRaw: firstRequests.reduce((a, r) => a + r.raw, 0),
    firstByKind: byKind(firstRequests),
    firstRequests: firstRequests.length,
    codeFiles: code.map((r) => ({ path: r.path, file: r.file, raw: r.raw, sent: r.bytes })),
    sample,
    warm,
  };
}

// The browser builds of the peer libraries, under DIR (served at /lib/).
// MiniSearch ships no minified build: esbuild minifies its ES module, as a
// site's bundler would. FlexSearch: its compact ES module build (it has the
// Document index and import). lunr: lunr.min.js.
export async function prepareLibs(repo, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const nm = path.join(repo, 'node_modules');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(nm, 'minisearch/dist/es/index.js')],
    bundle: true, minify: true, format: 'esm', outfile: path.join(dir, 'minisearch.js'), logLevel: 'silent',
  });
  fs.copyFileSync(path.join(nm, 'flexsearch/dist/flexsearch.compact.module.min.js'), path.join(dir, 'flexsearch.js'));
  fs.copyFileSync(path.join(nm, 'lunr/lunr.min.js'), path.join(dir, 'lunr.min.js'));
}
