#!/usr/bin/env node
// Runs a judged query set against an Osprey index and reports success rates.
//
//   node tests/relevance/run.mjs --index INDEX.osp --queries FILE.json
//        [--engine wasm|cli] [--min-rate R] [--min-ratio R] [--report OUT.md]
//        [--cli PATH] [--type T[,T...]] [--by-page] [--quiet]
//
// Two file shapes (detected from the items):
//   judged queries  [{"q", "type", "expect": [id, ...], "k": 1|3|10, "note"}, ...]
//     A query succeeds when ANY expected id is within the top k hits.
//   known-item typo pairs  [{"right", "typo", "expect": id}, ...]
//     Each pair is searched twice; a search succeeds when the id is in the top 10.
//     Reported: hits@10 for right, hits@10 for typo, and typo/right.
// Ids are compared with the index's id field (its schema "id", e.g. url).
// --by-page (an index of `osprey index --site`): ids are pages, as a reader
// sees the results: each hit counts for its `page` field (a section for its
// page), and a page counts once, where it first appears.
// Judged reports also give s@1, s@10 (any expected id first, in the top 10)
// and MRR@10 (the mean of 1/rank of the best expected id, 0 past 10).
//
// Engines: "wasm" (default) loads web/engine/osprey-engine.{js,wasm} through
// web/osprey-core.js in this process, loads the index once and times each
// search alone; "cli" runs `osprey search INDEX Q --json --limit N` per query
// (each run parses the whole index again, and its time includes that).
//
// Exit status: 0 when the overall rate (judged: all queries; known-item: the
// typo searches) is at least --min-rate (default 0) and, for known-item files,
// typo/right is at least --min-ratio (default 0); 1 otherwise; 2 on bad usage.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { bestRank, rankMetrics } from './metrics.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const TYPES = ['word', 'multi', 'prefix', 'typo1', 'typo2', 'phrase', 'exclude', 'field', 'or'];
const KNOWN_ITEM_K = 10;

function usage(code, message) {
  if (message) process.stderr.write(`run.mjs: ${message}\n`);
  (code ? process.stderr : process.stdout).write(
    'usage: node tests/relevance/run.mjs --index INDEX.osp --queries FILE.json\n' +
      '         [--engine wasm|cli] [--min-rate R] [--min-ratio R] [--report OUT.md]\n' +
      '         [--cli PATH] [--type T[,T...]] [--by-page] [--quiet]\n');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = {
    index: null,
    queries: null,
    engine: 'wasm',
    minRate: 0,
    minRatio: 0,
    report: null,
    cli: process.env.OSPREY_CLI || path.join(repoRoot, 'build/native/tools/osprey'),
    types: null,
    byPage: false,
    quiet: false,
  };
  const value = (i, name) => {
    if (i + 1 >= argv.length) usage(2, `${name} needs a value`);
    return argv[i + 1];
  };
  const rate = (text, name) => {
    const r = Number(text);
    if (!Number.isFinite(r) || r < 0 || r > 1) usage(2, `${name} must be a number in [0, 1]`);
    return r;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline = null;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = () => (inline !== null ? inline : value(i++, a));
    switch (a) {
      case '--index': opts.index = path.resolve(take()); break;
      case '--queries': opts.queries = path.resolve(take()); break;
      case '--engine': opts.engine = take(); break;
      case '--min-rate': opts.minRate = rate(take(), a); break;
      case '--min-ratio': opts.minRatio = rate(take(), a); break;
      case '--report': opts.report = path.resolve(take()); break;
      case '--cli': opts.cli = path.resolve(take()); break;
      case '--type': opts.types = new Set(take().split(',').map((t) => t.trim()).filter(Boolean)); break;
      case '--by-page': opts.byPage = true; break;
      case '--quiet': opts.quiet = true; break;
      case '-h': case '--help': usage(0); break;
      default: usage(2, `unknown argument ${argv[i]}`);
    }
  }
  if (!opts.index || !opts.queries) usage(2, '--index and --queries are required');
  if (opts.engine !== 'wasm' && opts.engine !== 'cli') usage(2, '--engine is wasm or cli');
  return opts;
}

function die(message) {
  process.stderr.write(`run.mjs: error: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- inputs

function loadQueries(file, types) {
  let items;
  try {
    items = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    die(`${file}: ${e.message}`);
  }
  if (!Array.isArray(items) || items.length === 0) die(`${file}: expected a non-empty JSON array`);
  const knownItem = items.every((it) => it && typeof it.right === 'string' && typeof it.typo === 'string');
  items.forEach((it, n) => {
    const where = `${path.basename(file)} item ${n + 1}`;
    if (knownItem) {
      if (typeof it.expect !== 'string' || !it.expect) die(`${where}: "expect" must be an id string`);
      return;
    }
    if (!it || typeof it.q !== 'string') die(`${where}: "q" must be a string`);
    if (!TYPES.includes(it.type)) die(`${where}: type "${it.type}" is not one of ${TYPES.join(', ')}`);
    if (![1, 3, 10].includes(it.k)) die(`${where}: k must be 1, 3 or 10`);
    if (!Array.isArray(it.expect) || it.expect.length === 0 || !it.expect.every((e) => typeof e === 'string')) {
      die(`${where}: "expect" must be a non-empty array of ids`);
    }
  });
  if (types && !knownItem) items = items.filter((it) => types.has(it.type));
  return { knownItem, items };
}

/**
 * The index's id field, read from the start of its base part
 * (docs/index-format.md): after the frame header and the payload length come
 * the strings part prefix, generator, language and id field.
 */
function idField(indexFile) {
  const fd = fs.openSync(indexFile, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  if (n < 16 || buf.subarray(0, 6).toString('latin1') !== 'osprey') return 'url';
  let at = 16;
  const varint = () => {
    let v = 0;
    for (let shift = 0; at < n; shift += 7) {
      const b = buf[at++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
    }
    return v;
  };
  const string = () => {
    const len = varint();
    const s = buf.subarray(at, at + len).toString('utf8');
    at += len;
    return s;
  };
  varint();  // payload length
  string();  // part prefix
  string();  // generator
  string();  // language
  return string() || 'url';
}

// ---------------------------------------------------------------- engines

/** A file's modification time, to tell engine builds apart in reports. */
function stamp(file) {
  return fs.statSync(file).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
}

function loadCommonJs(file) {
  // The repository's package.json says "type": "module"; these are classic scripts.
  const source = fs.readFileSync(file, 'utf8');
  const wrapper = vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'],
                                     { filename: file });
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

async function wasmEngine(indexFile) {
  const enginePath = path.join(repoRoot, 'web/engine/osprey-engine.js');
  const wasmPath = path.join(repoRoot, 'web/engine/osprey-engine.wasm');
  const corePath = path.join(repoRoot, 'web/osprey-core.js');
  for (const f of [enginePath, wasmPath, corePath]) {
    if (!fs.existsSync(f)) die(`${f} is missing (build the wasm engine: cmake --preset wasm && cmake --build build/wasm -j2)`);
  }
  const factory = loadCommonJs(enginePath);
  const OspreyCore = loadCommonJs(corePath);
  const core = await OspreyCore.create({ wasmBinary: fs.readFileSync(wasmPath) },
                                       factory.OspreyEngine || factory);
  const t0 = performance.now();
  const { docCount } = core.load(fs.readFileSync(indexFile));
  const loadMs = performance.now() - t0;
  return {
    describe: `wasm (web/osprey-core.js, osprey-engine.wasm built ${stamp(wasmPath)}), ${docCount} documents, ` +
              `index loaded in ${(loadMs / 1000).toFixed(2)} s; times are the search call alone`,
    async search(q, limit) {
      const t = performance.now();
      let result;
      let error = null;
      try {
        result = core.search(q, { offset: 0, limit });
      } catch (e) {
        error = `${e.code || 'error'}: ${e.message}`;
        result = { total: 0, hits: [] };
      }
      return { result, ms: performance.now() - t, error };
    },
    close() {
      core.close();
    },
  };
}

function cliEngine(indexFile, cliPath) {
  if (!fs.existsSync(cliPath)) {
    die(`${cliPath} is missing (cmake --preset native && cmake --build build/native -j2, or --cli PATH)`);
  }
  return {
    describe: `cli (${path.relative(process.cwd(), cliPath) || cliPath}, built ${stamp(cliPath)}); ` +
              'times include parsing the index per query',
    search(q, limit) {
      return new Promise((resolve) => {
        const t = performance.now();
        const child = spawn(cliPath, ['search', indexFile, q, '--json', '--limit', String(limit)],
                            { stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => err.push(d));
        child.on('error', (e) => resolve({ result: { total: 0, hits: [] }, ms: 0, error: e.message }));
        child.on('close', (code) => {
          const ms = performance.now() - t;
          if (code !== 0) {
            resolve({ result: { total: 0, hits: [] }, ms,
                      error: `exit ${code}: ${Buffer.concat(err).toString('utf8').trim()}` });
            return;
          }
          try {
            resolve({ result: JSON.parse(Buffer.concat(out).toString('utf8')), ms, error: null });
          } catch (e) {
            resolve({ result: { total: 0, hits: [] }, ms, error: `bad JSON from the CLI: ${e.message}` });
          }
        });
      });
    },
    close() {},
  };
}

// ---------------------------------------------------------------- scoring

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function pct(num, den) {
  return den === 0 ? '–' : `${((100 * num) / den).toFixed(1)}%`;
}

/** The longest common prefix of the expected ids, cut after its last '/'. */
function commonPrefix(ids) {
  if (ids.length === 0) return '';
  let p = ids[0];
  for (const s of ids) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
  }
  p = p.slice(0, p.lastIndexOf('/') + 1);
  return p.length > 1 ? p : '';
}

function listSome(items, n) {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} (+${items.length - n} more)`;
}

function mdCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  return lines.join('\n');
}

/** The ids of a result's hits, in rank order; byPage: their pages, each once. */
function hitIds(result, idName, byPage) {
  const ids = result.hits.map((h) => (h.fields ? h.fields[idName] : undefined));
  if (!byPage) return ids;
  const pages = result.hits.map((h, i) => h.fields?.page ?? ids[i]?.split('#')[0]);
  return [...new Set(pages)];
}

async function runJudged(engine, items, idName, byPage, log) {
  const results = [];
  for (const [n, it] of items.entries()) {
    // An index with pages (a site's) returns pages; one without lists section
    // records too, and then fewer than 10 pages may be ranked.
    const limit = Math.max(it.k, 10);
    const { result, ms, error } = await engine.search(it.q, limit);
    const ids = hitIds(result, idName, byPage);
    const rank = bestRank(ids, it.expect);
    const ok = rank >= 0 && rank < it.k;
    results.push({ ...it, ok, rank, ms, total: result.total, top: ids.slice(0, 3), error });
    log(`[${n + 1}/${items.length}] ${ok ? 'ok  ' : 'FAIL'} ${it.type.padEnd(7)} ${it.q}  (${fmtMs(ms)} ms)`);
  }
  return results;
}

function judgedReport(results, strip) {
  const short = (id) => (id === undefined ? '?' : strip && id.startsWith(strip) ? id.slice(strip.length) : id);
  const out = [];
  const byType = new Map();
  for (const r of results) {
    if (!byType.has(r.type)) byType.set(r.type, []);
    byType.get(r.type).push(r);
  }
  const order = [...TYPES.filter((t) => byType.has(t))];
  const ranked = (rs) => {
    const m = rankMetrics(rs.map((r) => r.rank));
    return [pct(m.s1 * m.n, m.n), pct(m.s10 * m.n, m.n), m.n ? m.mrr.toFixed(3) : '–'];
  };
  const rows = order.map((t) => {
    const rs = byType.get(t);
    const ok = rs.filter((r) => r.ok).length;
    const ms = rs.map((r) => r.ms);
    return [t, rs.length, ok, pct(ok, rs.length), ...ranked(rs), fmtMs(percentile(ms, 50)),
            fmtMs(percentile(ms, 99))];
  });
  const okAll = results.filter((r) => r.ok).length;
  const msAll = results.map((r) => r.ms);
  rows.push(['**all**', results.length, okAll, `**${pct(okAll, results.length)}**`, ...ranked(results),
             fmtMs(percentile(msAll, 50)), fmtMs(percentile(msAll, 99))]);
  out.push('## Success by query type', '',
           'rate: an expected id within the query\'s k; s@1, s@10, MRR@10 over the same ranks.', '',
           table(['type', 'queries', 'successes', 'rate', 's@1', 's@10', 'MRR@10', 'p50 ms', 'p99 ms'], rows),
           '');
  const failures = results.filter((r) => !r.ok);
  if (failures.length) {
    out.push(`## Failures (${failures.length})`, '');
    if (strip) out.push(`Ids are shown without the prefix \`${strip}\`.`, '');
    out.push(table(['type', 'query', 'k', 'expected (any of)', 'rank of best expected', 'total', 'actual top 3'],
                   failures.map((r) => [
                     r.type, `\`${r.q}\``, r.k, listSome(r.expect.map(short), 4),
                     r.rank < 0 ? `>${Math.max(r.k, 10)}` : r.rank + 1, r.total,
                     r.error ? `error: ${r.error}` : r.top.map(short).join(', ') || '(none)',
                   ])), '');
  }
  return { text: out.join('\n'), rate: results.length ? okAll / results.length : 0 };
}

async function runKnownItem(engine, items, idName, log) {
  const results = [];
  for (const [n, it] of items.entries()) {
    const one = async (q) => {
      const { result, ms, error } = await engine.search(q, KNOWN_ITEM_K);
      const ids = result.hits.map((h) => (h.fields ? h.fields[idName] : undefined));
      const rank = ids.indexOf(it.expect);
      return { ok: rank >= 0, rank, ms, total: result.total, top: ids.slice(0, 3), error };
    };
    const right = await one(it.right);
    const typo = await one(it.typo);
    results.push({ pair: it, right, typo });
    log(`[${n + 1}/${items.length}] right ${right.ok ? 'ok  ' : 'miss'} typo ${typo.ok ? 'ok  ' : 'miss'} ` +
        `${it.right} / ${it.typo}`);
  }
  return results;
}

function knownItemReport(results, strip) {
  const short = (id) => (id === undefined ? '?' : strip && id.startsWith(strip) ? id.slice(strip.length) : id);
  const n = results.length;
  const rightOk = results.filter((r) => r.right.ok).length;
  const typoOk = results.filter((r) => r.typo.ok).length;
  const ratio = rightOk ? typoOk / rightOk : 0;
  const rightMs = results.map((r) => r.right.ms);
  const typoMs = results.map((r) => r.typo.ms);
  const out = [
    '## Known-item typo study', '',
    table(['spelling', 'pairs', `hits@${KNOWN_ITEM_K}`, 'rate', 'p50 ms', 'p99 ms'], [
      ['right', n, rightOk, pct(rightOk, n), fmtMs(percentile(rightMs, 50)), fmtMs(percentile(rightMs, 99))],
      ['typo', n, typoOk, pct(typoOk, n), fmtMs(percentile(typoMs, 50)), fmtMs(percentile(typoMs, 99))],
    ]), '',
    `**typo/right ratio: ${rightOk ? ratio.toFixed(3) : '–'}** (${typoOk} / ${rightOk}); ` +
      `typo found where right was: ${results.filter((r) => r.right.ok && r.typo.ok).length} of ${rightOk}`,
    '',
  ];
  const misses = results.filter((r) => !r.right.ok || !r.typo.ok);
  if (misses.length) {
    if (strip) out.push(`Ids are shown without the prefix \`${strip}\`.`, '');
    out.push(`## Misses (${misses.length} pairs)`, '',
             table(['expected', 'right', 'rank', 'typo', 'rank', 'typo top 3'],
                   misses.map((r) => [
                     short(r.pair.expect), `\`${r.pair.right}\``, r.right.ok ? r.right.rank + 1 : 'miss',
                     `\`${r.pair.typo}\``, r.typo.ok ? r.typo.rank + 1 : 'miss',
                     r.typo.error ? `error: ${r.typo.error}` : r.typo.top.map(short).join(', ') || '(none)',
                   ])), '');
  }
  return { text: out.join('\n'), rate: n ? typoOk / n : 0, ratio };
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.index)) die(`${opts.index} does not exist`);
  const { knownItem, items } = loadQueries(opts.queries, opts.types);
  if (items.length === 0) die('no queries to run');
  const idName = idField(opts.index);
  const log = opts.quiet ? () => {} : (line) => process.stderr.write(`${line}\n`);

  const engine = opts.engine === 'wasm' ? await wasmEngine(opts.index) : cliEngine(opts.index, opts.cli);
  const started = performance.now();
  const expected = knownItem ? items.map((it) => it.expect) : items.flatMap((it) => it.expect);
  const strip = commonPrefix(expected);

  let section;
  let pass;
  if (knownItem) {
    const results = await runKnownItem(engine, items, idName, log);
    section = knownItemReport(results, strip);
    pass = section.rate >= opts.minRate && section.ratio >= opts.minRatio;
  } else {
    const results = await runJudged(engine, items, idName, opts.byPage, log);
    section = judgedReport(results, strip);
    pass = section.rate >= opts.minRate;
  }
  engine.close();
  const seconds = (performance.now() - started) / 1000;

  const rel = (f) => path.relative(process.cwd(), f) || f;
  const head = [
    `# Relevance: ${path.basename(opts.queries)}`, '',
    `- index: \`${rel(opts.index)}\` (id field \`${idName}\`${opts.byPage ? ', ranked by page' : ''})`,
    `- queries: \`${rel(opts.queries)}\` (${items.length} ${knownItem ? 'known-item pairs' : 'judged queries'})`,
    `- engine: ${engine.describe}`,
    `- run: ${new Date().toISOString()}, ${seconds.toFixed(1)} s`,
    knownItem
      ? `- overall (typo hits@${KNOWN_ITEM_K}): **${(section.rate * 100).toFixed(1)}%**, ` +
        `typo/right ${section.ratio.toFixed(3)} (min rate ${opts.minRate}, min ratio ${opts.minRatio}): ` +
        `${pass ? 'PASS' : 'FAIL'}`
      : `- overall: **${(section.rate * 100).toFixed(1)}%** (min rate ${opts.minRate}): ${pass ? 'PASS' : 'FAIL'}`,
    '',
  ].join('\n');
  const text = `${head}\n${section.text}`;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (opts.report) {
    fs.mkdirSync(path.dirname(opts.report), { recursive: true });
    fs.writeFileSync(opts.report, text.endsWith('\n') ? text : `${text}\n`);
  }
  process.exit(pass ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`run.mjs: error: ${e.stack || e}\n`);
  process.exit(2);
});
