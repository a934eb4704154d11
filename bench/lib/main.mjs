// bench/run: Osprey against MiniSearch, FlexSearch, lunr and Pagefind on real
// corpora; writes bench/RESULTS.md. See bench/README.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { USAGE, parseArgs } from './args.mjs';
import { launchChromium, measureBrowser, prepareLibs } from './browser.mjs';
import { corpusInfo, ensureDebian, ensurePythonDocs, loadRecords, recordSite } from './corpora.mjs';
import { fieldConfig } from './engines.mjs';
import { gzipSize, haveGnuTime, listFiles, runMeasured, sizes } from './measure.mjs';
import { bundleIndex, describeBundle } from './osp.mjs';
import { QUERY_TYPES, generateQueries, interleave } from './queries.mjs';
import { NET_ENGINES, runNetwork, typedTexts } from './network.mjs';
import { writeNetworkReport, writeRelevanceReport, writeReport } from './report.mjs';
import { SITE_ENGINES, runSiteRelevance } from './site-relevance.mjs';
import { startServer } from './server.mjs';
import { chromiumTrustArgs } from './tls-cert.mjs';
import { codeBytes, nodeTask, pagefindSplit, staticCode, toolState } from './tools.mjs';
import { here, repo, work } from './paths.mjs';

const tStart = performance.now();
function log(msg) {
  const s = ((performance.now() - tStart) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${s}s] ${msg}\n`);
}

// Limits per corpus (a task past its limit becomes an error cell).
const LIMITS = {
  'debian-1k': { build: 120_000, query: 120_000, browser: 60_000 },
  'debian-10k': { build: 240_000, query: 180_000, browser: 90_000 },
  'debian-63k': { build: 420_000, query: 300_000, browser: 120_000 },
  'python-docs': { build: 240_000, query: 180_000, browser: 90_000 },
};

const na = (why) => ({ na: why });
const err = (message) => ({ error: String(message).split('\n')[0].slice(0, 400) });

// Output folders are never deleted while the bench times anything: on ext4,
// creating thousands of files right after deleting thousands (a bundle's
// parts) makes the kernel's inode allocator skip the recently freed inodes,
// which tripled the system time of a 63k build here. discard() renames a
// folder into build/bench/trash/ (cheap, no inode freed); the trash is
// deleted once the report is written.
const trash = path.join(work, 'trash');
let trashed = 0;
function discard(p) {
  if (!fs.existsSync(p)) return;
  fs.mkdirSync(trash, { recursive: true });
  fs.renameSync(p, path.join(trash, `${process.pid}-${trashed++}`));
}

// The browser, relaunched if an earlier measurement crashed it.
async function chromiumUp(ctx) {
  if (!ctx.browser) return false;
  if (ctx.browser.isConnected()) return true;
  log('Chromium went away; relaunching it');
  try {
    ctx.browser = await launchChromium(ctx.browserArgs);
    return true;
  } catch (error) {
    ctx.browserError = `Chromium did not restart: ${String(error.message || error).split('\n')[0]}`;
    ctx.browser = null;
    return false;
  }
}

// Measures every engine of `engines` on one corpus into res (a fresh object,
// filled as it goes).
async function runCorpus(ctx, corpusId, engines, res) {
  const { opts, tools, info, results, server } = ctx;
  const corpus = info[corpusId];
  const lim = LIMITS[corpusId];
  Object.assign(res, { id: corpusId, label: corpus.label, engines: {} });
  for (const e of engines) res.engines[e] = {};

  if (ctx.corpusErrors[corpusId]) {
    for (const e of engines) res.engines[e].all = err(`corpus not available: ${ctx.corpusErrors[corpusId]}`);
    return;
  }

  log(`${corpusId}: reading records and generating queries`);
  let records = loadRecords(corpus);
  res.docs = records.length;
  res.textBytes = records.reduce((a, r) => a + Buffer.byteLength(r.body) + Buffer.byteLength(r.title) + Buffer.byteLength(r.name || ''), 0);
  res.bodyBytes = records.reduce((a, r) => a + Buffer.byteLength(r.body), 0);
  if (corpus.kind === 'records') res.inputBytes = fs.statSync(corpus.file).size;
  else res.inputBytes = listFiles(corpus.dir).filter((f) => /\.html$/.test(f)).reduce((a, f) => a + fs.statSync(f).size, 0);
  const queries = generateQueries(records, { perType: opts.perType });
  res.queries = queries.length;
  res.querySample = interleave(queries, 12).map((q) => `${q.type}: ${q.q}`);
  const qDir = path.join(work, 'queries');
  fs.mkdirSync(qDir, { recursive: true });
  const queriesFile = path.join(qDir, `${corpusId}.json`);
  fs.writeFileSync(queriesFile, JSON.stringify(queries));
  const warmSet = interleave(queries.filter((q) => q !== queries[0]), opts.smoke ? 24 : 60);
  // Alternate rounds of the interleaving (one query of each type per round).
  const round = (i) => Math.floor(i / QUERY_TYPES.length) % 2;
  const later = { typo: warmSet.filter((_, i) => round(i) === 0), plain: warmSet.filter((_, i) => round(i) === 1) };
  const firstQuery = queries[0];
  res.firstQuery = firstQuery.q;

  const cfgFor = fieldConfig(corpus.kind);
  let site = null;
  if (engines.includes('pagefind')) {
    if (corpus.kind === 'site') site = corpus.dir;
    else {
      log(`${corpusId}: writing one HTML page per record for Pagefind`);
      try {
        site = recordSite(corpus, records, path.join(work, 'sites', corpusId));
      } catch (error) {
        res.engines.pagefind.all = err(`cannot write the HTML pages: ${error.message}`);
      }
    }
  }
  records = null;  // the child processes read the corpus themselves

  // A one-section run (--only): the indexes it needs, no other measurement.
  const network = opts.only !== null;
  const netTargets = {};
  for (const engine of engines) {
    const cell = res.engines[engine];
    if (cell.all) {
      netTargets[engine] = { error: cell.all.error || cell.all.na };
      continue;
    }
    const out = path.join(work, 'out', engine, corpusId);
    let indexReady = false;
    let indexTarget = out;
    let variant;

    // The 1-minute load average as each phase starts (the machine is shared).
    cell.loadavg = { build: os.loadavg()[0] };

    // ---- build ----
    if (engine === 'osprey') {
      // The bundle as shipped: `osprey index ... --bundle DIR` (index sharded
      // above --split-above, the CLI's default unless the bench sets one), timed
      // as a whole process. indexTarget is the bundle folder.
      if (!tools.cliBuilt) cell.build = na('not built: run scripts/build');
      else if (corpus.kind === 'site' && !tools.site) cell.build = na('not built: `osprey index --site` does not exist yet');
      else {
        discard(out);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const input = corpus.kind === 'site'
          ? ['--site', corpus.dir]
          : [corpus.file, '--config', path.join(repo, 'bench/debian.schema.json')];
        const split = opts.splitAbove === null ? [] : ['--split-above', String(opts.splitAbove)];
        const args = ['index', ...input, '--bundle', out, ...split, '-q'];
        log(`${corpusId}: osprey ${args.map((a) => (a.startsWith(repo) ? path.relative(repo, a) : a)).join(' ')}`);
        // Three runs each of the bundle and of one file (-o), alternating, when
        // the first bundle takes under 30 s: the median of three moves less
        // with the machine's load. The bundle of the last run stays.
        const one = path.join(work, 'out', 'osprey-single', `${corpusId}.osp`);
        fs.mkdirSync(path.dirname(one), { recursive: true });
        const bundleRuns = [];
        const singleRuns = [];
        let failed = null;
        for (let i = 0; i < 3 && !failed; i++) {
          if (i > 0 && (network || bundleRuns[0].wallMs > 30_000)) break;
          discard(out);
          const r = await runMeasured(tools.cli, args, { timeoutMs: lim.build, cwd: repo });
          if (!r.ok) {
            failed = r.error;
            break;
          }
          bundleRuns.push(r);
          if (network) continue;  // the network section needs the bundle only
          const r1 = await runMeasured(tools.cli, ['index', ...input, '-o', one, '-q'], { timeoutMs: lim.build, cwd: repo });
          if (r1.ok) singleRuns.push(r1);
          else cell.buildSingle = err(r1.error);
        }
        const mid = (runs) => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)];
        if (failed) cell.build = err(failed);
        else {
          const m = mid(bundleRuns);
          cell.build = { ms: m.wallMs, peakRss: Math.max(...bundleRuns.map((r) => r.peakRss)), all: bundleRuns.map((r) => r.wallMs), via: 'native CLI, --bundle' };
        }
        if (singleRuns.length && !cell.buildSingle) {
          const buf = fs.readFileSync(one);
          const m = mid(singleRuns);
          cell.buildSingle = { ms: m.wallMs, peakRss: Math.max(...singleRuns.map((r) => r.peakRss)), all: singleRuns.map((r) => r.wallMs), bytes: buf.length, gzip: gzipSize(buf) };
        }
        fs.rmSync(one, { force: true });
        indexReady = !failed && fs.existsSync(path.join(out, 'osprey-manifest.json'));
        if (!failed && !indexReady) cell.build = err(`osprey index wrote no ${path.relative(repo, out)}/osprey-manifest.json`);
      }
    } else if (engine === 'pagefind') {
      if (!tools.pagefind) cell.build = err('the pagefind binary is missing (npm install)');
      else if (site) {
        discard(out);
        fs.mkdirSync(out, { recursive: true });
        indexTarget = path.join(out, 'pagefind');
        log(`${corpusId}: pagefind --site ${path.relative(repo, site)}`);
        const r = await runMeasured(tools.pagefind, ['--site', site, '--output-path', indexTarget], { timeoutMs: lim.build, cwd: repo });
        cell.build = r.ok ? { ms: r.wallMs, peakRss: r.peakRss, via: 'pagefind binary' } : err(r.error);
        indexReady = r.ok && fs.existsSync(path.join(indexTarget, 'pagefind.js'));
        if (r.ok && !indexReady) cell.build = err('pagefind wrote no pagefind.js');
      }
    } else {
      log(`${corpusId}: ${engine} build`);
      let r = await nodeTask({ task: 'build', engine, corpus, out }, lim.build);
      if (r.error && engine === 'flexsearch' && !r.timedOut) {
        const first = r.error;
        variant = { flexBodyStrict: true };
        log(`${corpusId}: flexsearch failed (${first.slice(0, 120)}); retrying with body tokenized "strict"`);
        r = await nodeTask({ task: 'build', engine, corpus, out, variant }, lim.build);
        cell.note = `FlexSearch with \`tokenize: "forward"\` on every field failed here (${first}); its column shows ` +
          '"forward" on name and title and "strict" on body instead (no prefix matching in body).';
        cell.firstBuildError = first;
      }
      cell.build = r.error ? err(r.error) : { ms: r.ms, readMs: r.readMs, peakRss: r.peakRss, via: 'Node' };
      indexReady = !r.error;
    }

    // ---- sizes ----
    if (indexReady) {
      try {
        let files;
        if (engine === 'pagefind') files = pagefindSplit(indexTarget).data;
        else if (engine === 'osprey') {
          // The index: the base and every part (not the bundle's code or manifest).
          const b = bundleIndex(indexTarget);
          files = [b.base, ...b.parts];
          cell.layout = describeBundle(indexTarget);
        } else files = listFiles(indexTarget);
        cell.size = sizes(files, { brotliQuality: 5 });
      } catch (error) {
        cell.size = err(error.message);
      }
    } else cell.size = cell.build?.na ? cell.build : err('no index (build failed)');

    // What the network section needs: the page's configuration, as below.
    {
      const base = `/data/${engine}/${corpusId}/`;
      if (!indexReady) netTargets[engine] = { error: cell.build?.na || cell.build?.error || 'no index' };
      else if (engine === 'osprey') netTargets[engine] = { cfg: { bundle: base }, prepare: listFiles(out).map((f) => base + path.relative(out, f).split(path.sep).join('/')) };
      else if (engine === 'pagefind') netTargets[engine] = { cfg: { ...cfgFor, base: `${base}pagefind/` }, prepare: [] };
      else netTargets[engine] = { cfg: { ...cfgFor, ...variant, indexUrl: `${base}index.json`, base }, prepare: [`${base}index.json`] };
    }
    if (network) continue;

    // ---- Node: load and queries ----
    if (engine === 'pagefind') cell.node = na('browser only');
    else if (!indexReady) cell.node = cell.build?.na ? cell.build : err('no index (build failed)');
    else if (engine === 'osprey' && !tools.wasmBuilt) cell.node = na('wasm engine not built: run scripts/build');
    else {
      log(`${corpusId}: ${engine} load + ${queries.length} queries x 2 modes (Node)`);
      cell.loadavg.node = os.loadavg()[0];
      const r = await nodeTask({ task: 'query', engine, corpus, index: indexTarget, queries: queriesFile, variant }, lim.query);
      cell.node = r.error ? err(r.error) : r;
    }

    // ---- Chromium ----
    if (!opts.browser) cell.browser = na('skipped (--no-browser)');
    else if (!indexReady) cell.browser = cell.build?.na ? cell.build : err('no index (build failed)');
    else if (engine === 'osprey' && !tools.wasmBuilt) cell.browser = na('wasm engine not built: run scripts/build');
    else if (!(await chromiumUp(ctx))) cell.browser = err(ctx.browserError || 'Chromium did not start');
    else {
      const base = `/data/${engine}/${corpusId}/`;
      const cfg = { ...cfgFor, ...variant, indexUrl: `${base}index.json`, base };
      let prepare = [`${base}index.json`];
      if (engine === 'pagefind') {
        cfg.base = `${base}pagefind/`;
        prepare = [];
      } else if (engine === 'flexsearch') {
        prepare = fs.readdirSync(out).map((f) => base + f);
      } else if (engine === 'osprey') {
        // The page loads osprey.js from the bundle and reads its manifest, as
        // <osprey-search index="/osprey/"> does, then Osprey.open(base).
        delete cfg.indexUrl;
        cfg.bundle = base;
        prepare = listFiles(out).map((f) => base + path.relative(out, f).split(path.sep).join('/'));
      }
      const reps = opts.reps ?? (opts.smoke ? 1 : 3);
      cell.loadavg.browser = os.loadavg()[0];
      log(`${corpusId}: ${engine} in Chromium (${reps} cold load${reps > 1 ? 's' : ''}, ${later.typo.length} + ${later.plain.length} later queries)`);
      try {
        cell.browser = await measureBrowser(ctx.browser, server, {
          engine, cfg, prepare, first: firstQuery, later, reps, timeoutMs: lim.browser,
        });
      } catch (error) {
        cell.browser = err(error.message || error);
      }
      server.forget();
    }

    // ---- code (JS + wasm) a page downloads to search ----
    if (cell.build?.na) {
      cell.code = cell.build;
      continue;
    }
    try {
      const fetched = cell.browser?.codeFiles?.map((f) => f.file).filter(Boolean);
      if (fetched && fetched.length) cell.code = { ...codeBytes(fetched), how: 'fetched' };
      else {
        const files = staticCode(engine, indexTarget).filter((f) => fs.existsSync(f));
        cell.code = files.length ? { ...codeBytes(files), how: 'static list' } : err('no code files found');
      }
      if (engine === 'osprey') {
        // What a bundle serves: web/dist/'s worker (glue, parts, core, worker in one script) when built.
        const dist = fs.existsSync(path.join(repo, 'web/dist/osprey-worker.js'));
        const engineFiles = dist ? ['web/engine/osprey-engine.wasm', 'web/dist/osprey-worker.js']
          : ['web/engine/osprey-engine.wasm', 'web/engine/osprey-engine.js', 'web/osprey-core.js', 'web/osprey-worker.js'];
        cell.engineCode = codeBytes(engineFiles.map((f) => path.join(repo, f)).filter((f) => fs.existsSync(f)));
        cell.engineCode.bundled = dist;
      }
    } catch (error) {
      cell.code = err(error.message);
    }
  }

  // ---- shaped network: typed queries ----
  const netEngines = NET_ENGINES.filter((e) => engines.includes(e));
  if (opts.networkCorpora.includes(corpusId) && netEngines.length && ctx.netServers) {
    if (!(await chromiumUp(ctx))) {
      res.network = { error: ctx.browserError || 'Chromium did not start' };
      return;
    }
    const texts = typedTexts(queries, opts.typed);
    res.network = await runNetwork({
      browser: ctx.browser, servers: ctx.netServers, profiles: opts.profiles, hosts: opts.hosts, protocols: opts.protocols,
      targets: Object.fromEntries(netEngines.map((e) => [e, netTargets[e]])), texts, log: (m) => log(`${corpusId}: ${m}`),
      timeoutMs: lim.browser, trace: opts.trace ? { dir: path.join(work, 'traces'), name: corpusId } : null,
    });
    for (const s of ctx.netServers ? Object.values(ctx.netServers) : []) s.forget();
  }

  // ---- site relevance: the judged Python-docs set, Osprey beside Pagefind ----
  if (corpusId === 'python-docs' && opts.browser && opts.only !== 'network' &&
      SITE_ENGINES.every((e) => engines.includes(e))) {
    if (!(await chromiumUp(ctx))) res.relevance = { error: ctx.browserError || 'Chromium did not start' };
    else {
      res.relevance = await runSiteRelevance({
        browser: ctx.browser, server, targets: netTargets, log: (m) => log(`${corpusId}: ${m}`),
        queriesFile: path.join(repo, 'tests/relevance/python-docs.queries.json'), timeoutMs: 60_000,
      });
    }
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench/run: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  fs.mkdirSync(work, { recursive: true });
  const rawFile = path.join(work, opts.only ? `results-${opts.only}.json` : opts.smoke ? 'results-smoke.json' : 'results.json');
  const report = { network: writeNetworkReport, relevance: writeRelevanceReport }[opts.only] ?? writeReport;
  if (opts.reportOnly) {
    const md = report(JSON.parse(fs.readFileSync(rawFile, 'utf8')));
    fs.writeFileSync(opts.out, md);
    log(`wrote ${path.relative(repo, opts.out)} from ${path.relative(repo, rawFile)}`);
    return;
  }
  discard(path.join(work, 'out'));  // a previous run's indexes
  const networkWanted = opts.networkCorpora.length > 0 && opts.engines.some((e) => NET_ENGINES.includes(e));
  const tools = toolState();
  const info = corpusInfo(repo, work);
  log(`bench/run${opts.smoke ? ' --smoke' : ''}${opts.only ? ` --only ${opts.only}` : ''}: corpora ${opts.corpora.join(', ')}; engines ${opts.engines.join(', ')}`);
  if (!tools.cliBuilt) log(`note: ${path.relative(repo, tools.cli)} is missing: Osprey indexing is n/a (run scripts/build)`);
  if (!tools.wasmBuilt) log('note: web/engine/ is missing: Osprey searching is n/a (run scripts/build)');
  if (!haveGnuTime) log('note: /usr/bin/time is missing (apt-get install time): peak RSS comes from polling /proc');

  const results = {
    generated: new Date().toISOString(), smoke: opts.smoke, opts: { ...opts, out: path.relative(repo, opts.out) },
    env: {
      node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, memBytes: os.totalmem(),
      chromium: tools.chromiumVersion || null, peers: tools.peers, gnuTime: haveGnuTime, osprey: tools.cliVersion || null,
      commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout?.trim() || null,
      // Modified tracked files, but the report this run rewrites.
      dirtyFiles: (spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repo, encoding: 'utf8' }).stdout || '')
        .split('\n').map((l) => l.slice(3).trim()).filter((f) => f && f !== 'bench/RESULTS.md'),
      loadavg: os.loadavg(),
    },
    tools: { site: tools.site, cliBuilt: tools.cliBuilt, wasmBuilt: tools.wasmBuilt },
    corpora: {},
  };

  const corpusErrors = {};
  if (opts.corpora.some((c) => c.startsWith('debian'))) {
    const e = ensureDebian(repo, log);
    if (e) for (const c of opts.corpora.filter((x) => x.startsWith('debian'))) corpusErrors[c] = e;
  }
  if (opts.corpora.includes('python-docs')) {
    const e = ensurePythonDocs(info['python-docs'], log);
    if (e) corpusErrors['python-docs'] = e;
  }

  let browser = null;
  let browserArgs = [];
  let server = null;
  let browserError = null;
  let netServers = null;
  if (opts.browser) {
    try {
      await prepareLibs(repo, path.join(work, 'www/lib'));
      const mounts = {
        '/': path.join(work, 'www'), '/bench/': path.join(here, 'page'), '/osprey/': path.join(repo, 'web'),
        '/data/': path.join(work, 'out'),
      };
      server = await startServer(mounts);
      if (networkWanted) {
        // The shaped network's two host models, each its own server behind the shaper.
        netServers = { 'gzip-all': server };
        if (opts.hosts.includes('plain')) netServers.plain = await startServer(mounts, { hostModel: 'plain' });
      }
      // HTTP/2 through the shaper: Chromium trusts its run-time certificate.
      browserArgs = networkWanted && opts.protocols.includes('h2') ? chromiumTrustArgs() : [];
      browser = await launchChromium(browserArgs);
      log(`Chromium ${tools.chromiumVersion || ''} up; serving on ${server.origin}`);
    } catch (error) {
      browserError = `Chromium measurements unavailable: ${String(error.message || error).split('\n')[0]}`;
      log(browserError);
    }
  }

  const ctx = { opts, tools, info, results, browser, browserArgs, server, browserError, corpusErrors, netServers };
  const runs = opts.corpora.map((c) => ({ c, engines: opts.engines, store: results.corpora }));
  // The repeat: Osprey alone on the same corpus again, after everything else,
  // to see how far its numbers move between runs (the report compares them).
  if (opts.engines.includes('osprey')) {
    results.repeats = {};
    for (const c of opts.repeat.filter((x) => opts.corpora.includes(x))) runs.push({ c, engines: ['osprey'], store: results.repeats });
  }
  for (const { c, engines, store } of runs) {
    const res = {};
    store[c] = res;
    if (store === results.repeats) log(`${c}: Osprey again (repeat, for run-to-run variance)`);
    try {
      await runCorpus(ctx, c, engines, res);
    } catch (error) {
      log(`${c}: harness error: ${error.stack || error}`);
      Object.assign(res, { id: c, label: info[c].label, engines: res.engines || {} });
      res.harnessError = String(error.message || error);
    }
  }
  if (ctx.browser) await ctx.browser.close().catch(() => {});
  if (server) await server.stop();
  if (netServers?.plain) await netServers.plain.stop();

  // The report matters more than the trash: a folder a stray process still
  // writes in (ENOTEMPTY) stays for the next run to delete.
  try {
    fs.rmSync(trash, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    log(`could not delete ${path.relative(repo, trash)} (${error.code || error.message}); the next run deletes it`);
  }
  results.totalMs = performance.now() - tStart;
  results.finished = new Date().toISOString();
  results.env.loadavgEnd = os.loadavg();
  fs.writeFileSync(rawFile, `${JSON.stringify(results, null, 1)}\n`);
  const md = report(results);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, md);
  log(`wrote ${path.relative(repo, opts.out)} (total ${(results.totalMs / 60000).toFixed(1)} min)`);
  if (opts.smoke) process.stdout.write(md);
  const failed = JSON.stringify(results).includes('"error":');
  if (failed) log('some measurements failed: see the error cells in the report');
  process.exit(opts.strict && failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`bench/run: ${error.stack || error}\n`);
  process.exit(1);
});
