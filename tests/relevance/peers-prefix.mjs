#!/usr/bin/env node
// Judged Debian queries of some types (default: prefix, word, typo1) through
// Osprey (the wasm engine under Node, its default options: the last word is a
// prefix, typos on) and the JS peers configured as bench/lib/engines.mjs does
// in its "typo" mode (MiniSearch fuzzy 0.2 + prefix, FlexSearch "forward" +
// suggest, lunr term~1; fields name 4, title 3, body 1). A query succeeds when
// an expected id is among an engine's first k hits (tests/relevance/README.md).
//
//   node tests/relevance/peers-prefix.mjs [--corpus build/corpora/debian.jsonl]
//     [--index build/corpora/debian.index.osp] [--engines osprey,minisearch,flexsearch,lunr]
//     [--types prefix,word,typo1] [--report FILE] [QUERY FILES...]
//
// Query files default to debian.queries.json, debian.heldout.json and
// debian.typing.json. The peers index the whole corpus in memory first (a few
// minutes on the full corpus; run Node with --max-old-space-size=6144).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_LABELS, fieldConfig, nodeEngines } from '../../bench/lib/engines.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const o = {
    corpus: path.join(repo, 'build/corpora/debian.jsonl'),
    index: path.join(repo, 'build/corpora/debian.index.osp'),
    engines: ['osprey', 'minisearch', 'flexsearch', 'lunr'],
    types: ['prefix', 'word', 'typo1'],
    files: [],
    report: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--corpus') o.corpus = value();
    else if (a === '--index') o.index = value();
    else if (a === '--engines') o.engines = value().split(',');
    else if (a === '--types') o.types = value().split(',');
    else if (a === '--report') o.report = value();
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.files.push(a);
  }
  for (const e of o.engines) if (!ENGINE_LABELS[e] || e === 'pagefind') throw new Error(`--engines: no engine "${e}"`);
  if (o.files.length === 0) {
    o.files = ['debian.queries.json', 'debian.heldout.json', 'debian.typing.json'].map((f) => path.join(here, f));
  }
  return o;
}

function loadRecords(file) {
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    out.push({ id: r.url, url: r.url, name: r.name || '', title: r.title || '', body: r.body || '' });
  }
  return out;
}

// The peers, indexed in memory with the options bench/lib/engines.mjs builds
// them with; each returns search(query) -> ids in rank order.
async function peer(engine, records, cfg) {
  const e = nodeEngines[engine];
  let index;
  if (engine === 'minisearch') {
    const { default: MiniSearch } = await import('minisearch');
    index = new MiniSearch({ fields: cfg.fields, storeFields: ['title', 'url'] });
    index.addAll(records);
  } else if (engine === 'flexsearch') {
    const { default: FlexSearch } = await import('flexsearch');
    index = new FlexSearch.Document(e.config(cfg));
    for (const r of records) index.add(r);
  } else {
    const lunr = require('lunr');
    index = lunr(function () {
      this.ref('id');
      for (const f of cfg.fields) this.field(f, { boost: cfg.boost[f] || 1 });
      for (const r of records) this.add(r);
    });
  }
  return (q) => e.search(index, { q, words: q.replace(/["“”]/g, ' ') }, 'typo', cfg).top;
}

async function osprey(indexFile) {
  const factory = require(path.join(repo, 'web/engine/osprey-engine.js'));
  const OspreyCore = require(path.join(repo, 'web/osprey-core.js'));
  const wasmBinary = fs.readFileSync(path.join(repo, 'web/engine/osprey-engine.wasm'));
  const core = await OspreyCore.create({ wasmBinary }, factory.OspreyEngine || factory);
  core.load(fs.readFileSync(indexFile));
  return (q) => core.search(q, { limit: 10 }).hits.map((h) => h.fields?.url);
}

function percent(n, d) {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const sets = o.files.map((f) => ({
    name: path.basename(f),
    items: JSON.parse(fs.readFileSync(f, 'utf8')).filter((it) => o.types.includes(it.type)),
  }));
  const log = (s) => process.stderr.write(`${s}\n`);
  const cfg = fieldConfig('records');
  const needsRecords = o.engines.some((e) => e !== 'osprey');
  const records = needsRecords ? loadRecords(o.corpus) : [];
  // results[engine][set][type] = {ok, n}; misses[engine] = [query (rank)]
  const results = {};
  const misses = {};
  for (const engine of o.engines) {
    const t0 = performance.now();
    const search = engine === 'osprey' ? await osprey(o.index) : await peer(engine, records, cfg);
    log(`${ENGINE_LABELS[engine]}: ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    results[engine] = {};
    misses[engine] = [];
    for (const set of sets) {
      const per = (results[engine][set.name] = {});
      for (const it of set.items) {
        const top = search(it.q);
        const rank = top.findIndex((id) => it.expect.includes(id));
        const ok = rank >= 0 && rank < it.k;
        per[it.type] ??= { ok: 0, n: 0 };
        per[it.type].ok += ok;
        per[it.type].n += 1;
        if (!ok) misses[engine].push(`\`${it.q}\` (${rank < 0 ? '>10' : rank + 1})`);
      }
    }
  }
  const engines = o.engines.map((e) => ENGINE_LABELS[e]);
  const lines = [`| file | type | n | ${engines.join(' | ')} |`, `|---|---|---|${engines.map(() => '---').join('|')}|`];
  for (const set of sets) {
    for (const type of o.types) {
      const n = results[o.engines[0]][set.name][type]?.n ?? 0;
      if (n === 0) continue;
      const cells = o.engines.map((e) => percent(results[e][set.name][type].ok, n));
      lines.push(`| ${set.name} | ${type} | ${n} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', 'Missed (rank of the best expected hit):', '');
  for (const e of o.engines) lines.push(`- ${ENGINE_LABELS[e]}: ${misses[e].join(', ') || 'none'}`);
  const report = `${lines.join('\n')}\n`;
  process.stdout.write(report);
  if (o.report) fs.writeFileSync(o.report, report);
}

main().catch((e) => {
  process.stderr.write(`peers-prefix: ${e.message}\n`);
  process.exit(2);
});
