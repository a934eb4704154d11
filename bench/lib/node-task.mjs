// One measurement in its own Node process (so memory, crashes and time limits
// stay per engine). Invoked by main.mjs:
//
//   node node-task.mjs '{"task":"build","engine":..,"corpus":{..},"out":DIR}'
//   node node-task.mjs '{"task":"query","engine":..,"corpus":{..},"index":DIR,"queries":FILE}'
//
// Prints one line "@@RESULT {json}" on success; anything else is an error.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecords } from './corpora.mjs';
import { fieldConfig, nodeEngines } from './engines.mjs';
import { latencyStats } from './measure.mjs';
import { QUERY_TYPES, interleave } from './queries.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const PASS_BUDGET_MS = 10000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function gc() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
}

async function build({ engine, corpus, out, variant }) {
  const impl = nodeEngines[engine];
  const cfg = { ...fieldConfig(corpus.kind), ...variant };
  // Timed: reading the input (records, or the HTML pages for a site), building,
  // serializing and writing the index — what `osprey index` does.
  const t0 = performance.now();
  const records = loadRecords(corpus);
  const tRead = performance.now();
  const { files } = await impl.build(records, cfg);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(out, name), data);
  const t1 = performance.now();
  return { ms: t1 - t0, readMs: tRead - t0, docs: records.length, files: Object.keys(files).length };
}

async function query({ engine, corpus, index, queries: queriesFile, variant, warmup = 60 }) {
  const impl = nodeEngines[engine];
  const cfg = { ...fieldConfig(corpus.kind), ...variant };
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const prepare = await impl.load(index, cfg, { repo });
  gc();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const loaded = await prepare();
  const loadMs = performance.now() - t0;  // one load, cold, as a page does it
  gc();
  const rss1 = process.memoryUsage().rss;
  const result = { loadMs, rssAfterLoad: rss1, rssLoadDelta: rss1 - rss0, modes: {} };
  if (impl.stats) result.afterLoad = impl.stats(loaded);
  // typo+prefix first (as in Chromium): the mode of the targets gets the
  // first runs that fetch parts.
  for (const mode of ['typo', 'plain']) {
    // Osprey: each query's first run, which fetches (here: from memory) and
    // adds the parts it needs, is the warm-up, timed on its own. The others
    // keep their whole index in memory: a warm-up pass of `warmup` queries.
    let first = null;
    if (impl.firstPass) {
      const before = impl.stats(loaded);
      const times = [];
      for (const q of queries) {
        const t = performance.now();
        await impl.firstPass(loaded, q, mode, cfg);
        times.push(performance.now() - t);
      }
      const after = impl.stats(loaded);
      first = { ...latencyStats(times), partsAdded: after.partsFetched - before.partsFetched, partBytesAdded: after.partBytesFetched - before.partBytesFetched };
    } else {
      for (const q of interleave(queries, warmup)) impl.search(loaded, q, mode, cfg);
    }
    // Timed passes over every query: up to 3, while under PASS_BUDGET_MS in
    // all; each query's time is its median over the passes (a busy machine
    // moves one pass's percentiles a lot).
    const runs = queries.map(() => []);
    const cpuRuns = queries.map(() => []);
    let zero = 0;
    let hits = 0;
    let errors = 0;
    let firstError = null;
    const tPasses = performance.now();
    let passes = 0;
    while (passes < 3 && (passes === 0 || performance.now() - tPasses < PASS_BUDGET_MS)) {
      queries.forEach((q, i) => {
        const c = process.cpuUsage();
        const t = performance.now();
        let r;
        try {
          r = impl.search(loaded, q, mode, cfg);
        } catch (error) {
          if (passes === 0) {
            errors++;
            firstError ??= `${q.q}: ${error.message}`;
          }
          return;
        }
        runs[i].push(performance.now() - t);
        const cpu = process.cpuUsage(c);
        cpuRuns[i].push((cpu.user + cpu.system) / 1000);
        if (passes === 0) {
          if (r.count === 0) zero++;
          hits += r.count;
        }
      });
      passes++;
    }
    const times = [];
    const cpuTimes = [];
    const byType = Object.fromEntries(QUERY_TYPES.map((t) => [t, []]));
    queries.forEach((q, i) => {
      if (runs[i].length === 0) return;
      const ms = median(runs[i]);
      times.push(ms);
      cpuTimes.push(median(cpuRuns[i]));
      byType[q.type]?.push(ms);
    });
    result.modes[mode] = {
      ...latencyStats(times),
      zero, meanMatches: times.length ? hits / times.length : 0, errors, firstError, passes,
      // CPU time of the process (all its threads) per query: what the search
      // cost, less moved than wall time when other processes take the cores.
      cpu: latencyStats(cpuTimes),
      byType: Object.fromEntries(Object.entries(byType).map(([t, ms]) => [t, latencyStats(ms).p50])),
      ...(first ? { first } : {}),
    };
  }
  if (impl.stats) {
    result.afterQueries = impl.stats(loaded);
    gc();
    result.rssAfterQueries = process.memoryUsage().rss;
  }
  return result;
}

const args = JSON.parse(process.argv[2]);
try {
  const result = args.task === 'build' ? await build(args) : await query(args);
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
}
