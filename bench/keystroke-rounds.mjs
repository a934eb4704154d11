#!/usr/bin/env node
// The fetch rounds each keystroke of a typed query takes, without a network:
// a bundle's sharded index on the Node engine (web/engine/), each keystroke's
// search (the widget's options: limit 10, offset 0) and its completions
// (complete(query, 6), as the combobox asks) run side by side, round by round,
// as widget/parts.js loads them: in each round every part either names and the
// engine does not hold is "fetched" (read from the bundle, its gzip bytes
// counted) and added. Parts stay held across keystrokes and queries (one page,
// one session), as in the browser. Deterministic: the same bundle and queries
// give the same rounds and bytes, so it compares a change with main exactly
// where bench/run's network timings move with the machine's load.
//
//   node bench/keystroke-rounds.mjs BUNDLE_DIR [--queries FILE.json | QUERY...]
//        [--json OUT.json] [--verbose] [--options JSON] [--anticipate N] [--connections C]
// FILE.json: a JSON array of query texts, or {"texts": [...]}. With --verbose,
// each keystroke's rounds are listed: the parts of each round by kind
// (d dictionary, r reverse, p postings, l lengths, s stored) and who named
// them (S the search, C the completions). --options: search options merged
// over the widget's (an experiment: '{"suggest": false}'). --anticipate N: each
// search anticipates along the query's N top completions, as the widget's does
// (osprey-core.js anticipate; 0: none). The parts it starts beside a keystroke's
// last round count as held at the next keystroke; those a keystroke that fetched
// nothing starts (just after its answer) are still on their way then: the next
// keystroke that names one waits a round for it (its bytes counted once, apart).
// --connections C (with --anticipate) models the browser more closely: it sends
// C requests to a host at a time (6 over HTTP/1.1), and the page anticipates
// beside the search's first round that names display parts only (stored, text),
// else after its answer (osprey-core.js searchLoading). Of the parts anticipated
// beside a round only those that fit its last wave's free connections come with
// it; the others are on their way at the next keystroke, as after an answer.
// On debian-63k's 12 bench queries (main 929ec63), keystrokes with no fetch: 85
// without, 77 with 6; over the shaped network (mobile, plain host, the same
// main) 70 and 71 took under 60 ms over HTTP/1.1 in two runs, 79 over HTTP/2.
// It counts rounds, not time: bench/keystroke-clock.mjs adds the clock.
import fs from 'node:fs';
import path from 'node:path';

import { createCore } from '../tests/node/helpers.mjs';
import OspreyParts from '../web/widget/parts.js';
import OspreyFetch from '../web/widget/fetch.js';
import { unpackFile } from './lib/measure.mjs';
import { queryTexts, toolArgs } from './lib/tool-args.mjs';
import { keystrokes } from './lib/typing.mjs';

const args = toolArgs(process.argv.slice(2));
const verbose = args.has('--verbose');
const jsonOut = args.flag('--json');
const queriesFile = args.flag('--queries');
const extraOptions = JSON.parse(args.flag('--options') || '{}');
const anticipateN = Number(args.flag('--anticipate') || 0);
const connections = Number(args.flag('--connections') || 0);
const bundle = args.rest.shift();
if (!bundle) {
  console.error('usage: node bench/keystroke-rounds.mjs BUNDLE_DIR [--queries FILE.json | QUERY...] [--json OUT] [--verbose]');
  process.exit(2);
}
const texts = queryTexts(queriesFile, args.rest);
const baseName = fs.readdirSync(bundle).find((f) => f.endsWith('.osp'));
const searchOptions = { offset: 0, limit: 10, facets: false, filters: [], browse: false, ...extraOptions };
const kSuggestions = 6;

const kind = (name) => name.split('/').pop().replace(/[0-9]+$/, '');
const { core } = await createCore();
core.load(unpackFile(path.join(bundle, baseName)));
const held = new Set();
// --anticipate: parts started by a keystroke that fetched nothing, on their way at the next.
const late = new Set();
const load = (name) => {
  const raw = fs.readFileSync(path.join(bundle, name));
  core.addParts(unpackFile(path.join(bundle, name), raw), name);
  held.add(name);
  return raw.length;
};
const { anticipate, isDisplay } = OspreyParts(OspreyFetch);

/** One keystroke: its rounds, each {parts: [{name, bytes, by}]}. */
function keystroke(text) {
  const askers = {
    S: () => core.search(text, searchOptions),
    C: () => core.complete(text, kSuggestions),
  };
  const done = new Set();
  const rounds = [];
  let result = null;
  while (done.size < 2) {
    const round = new Map();
    for (const [who, ask] of Object.entries(askers)) {
      if (done.has(who)) continue;
      const v = ask();
      if (!v.needs || v.needs.length === 0) {
        done.add(who);
        if (who === 'S') result = v;
        continue;
      }
      for (const n of v.needs) {
        if (held.has(n)) throw new Error(`${text}: the engine asked again for ${n}`);
        if (!round.has(n)) round.set(n, who);
        else if (round.get(n) !== who) round.set(n, 'SC');
      }
    }
    if (round.size === 0) break;
    const parts = [];
    for (const [name, by] of round) {
      const bytes = load(name);
      // Started (and counted) by the keystroke before: waited for, not fetched again.
      parts.push({ name, bytes: late.delete(name) ? 0 : bytes, by });
    }
    rounds.push({ parts });
  }
  for (const name of late) load(name);  // the rest came during this keystroke
  late.clear();
  // --anticipate N: what parts.anticipate starts for core.nextQueries(text, N),
  // beside the last round (here at the next keystroke) or after the answer (late).
  let anticipated = 0;
  if (anticipateN > 0) {
    const store = () => ({
      has: (n) => held.has(n), start: (names) => names.forEach((n) => late.add(n)), http1: () => connections > 0,
    });
    anticipate(core.nextQueries(text, anticipateN).map((next) => () => core.search(next, searchOptions)), store);
    for (const name of late) anticipated += fs.statSync(path.join(bundle, name)).size;
    // --connections: as osprey-core.js searchLoading, beside the search's first
    // round that names display parts only (stored, text), else after its
    // answer; without: beside its last round.
    const beside = connections === 0 ? rounds[rounds.length - 1] : rounds.find((r) => {
      const mine = r.parts.filter((p) => p.by.includes('S'));
      return mine.length > 0 && mine.every((p) => isDisplay(p.name));
    });
    if (beside) {
      const own = beside.parts.length;
      let free = connections > 0 ? (connections - (own % connections)) % connections : Infinity;
      for (const name of late) {
        if (free-- <= 0) break;
        load(name);
        late.delete(name);
      }
    }
  }
  // Rounds the results waited for: those up to the search's last.
  const searchRounds = rounds.reduce((n, r, i) => (r.parts.some((p) => p.by.includes('S')) ? i + 1 : n), 0);
  const hits = result ? result.hits.map((h) => h.id) : null;
  return { typed: text, rounds, searchRounds, total: result ? result.total : null, hits, didYouMean: result ? result.didYouMean : null, anticipated };
}

const summarizeRound = (r) => {
  const by = {};
  for (const p of r.parts) {
    const k = `${kind(p.name)}${p.by === 'S' ? '' : `(${p.by})`}`;
    by[k] = by[k] || { n: 0, bytes: 0 };
    by[k].n++;
    by[k].bytes += p.bytes;
  }
  return Object.entries(by).map(([k, v]) => `${v.n}${k} ${(v.bytes / 1024).toFixed(1)}K`).join(' + ');
};

const out = [];
for (const text of texts) {
  const keys = keystrokes(text).map(keystroke);
  out.push({ text, keys });
  if (verbose) {
    console.log(`# ${text}`);
    for (const k of keys) {
      const bytes = k.rounds.reduce((a, r) => a + r.parts.reduce((b, p) => b + p.bytes, 0), 0);
      console.log(`  ${JSON.stringify(k.typed).padEnd(28)} total ${String(k.total).padStart(6)}  rounds ${k.rounds.length} (results after ${k.searchRounds})  ${(bytes / 1024).toFixed(1)} KiB`);
      k.rounds.forEach((r, i) => console.log(`      ${i + 1}: ${summarizeRound(r)}`));
    }
  }
}
core.close();

// Later keystrokes: every keystroke but the first of the first query (cold).
const later = out.flatMap((q, i) => q.keys.slice(i === 0 ? 1 : 0));
const sum = (list, f) => list.reduce((a, x) => a + f(x), 0);
const keyBytes = (k) => sum(k.rounds, (r) => sum(r.parts, (p) => p.bytes));
const byKind = {};
for (const q of out.slice(1)) {
  for (const k of q.keys) for (const r of k.rounds) for (const p of r.parts) byKind[kind(p.name)] = (byKind[kind(p.name)] || 0) + p.bytes;
}
const laterQueries = Math.max(out.length - 1, 1);
const waves = (k) => sum(k.rounds, (r) => Math.ceil(r.parts.length / 6));
const summary = {
  keystrokes: later.length,
  roundsMean: sum(later, (k) => k.rounds.length) / later.length,
  searchRoundsMean: sum(later, (k) => k.searchRounds) / later.length,
  roundsMax: Math.max(...later.map((k) => k.rounds.length)),
  // Chromium opens at most 6 connections to a host over HTTP/1.1, so a round
  // of n parts takes ceil(n / 6) request waves: bench/run's "fetch rounds"
  // (the longest chain of requests, each sent after one before it arrived).
  wavesMean: sum(later, (k) => waves(k)) / later.length,
  wavesMax: Math.max(...later.map(waves)),
  noFetch: later.filter((k) => k.rounds.length === 0).length,
  // The keystrokes of the p90: those that wait for 3 or more round trips.
  threeOrMore: later.filter((k) => k.rounds.length >= 3).length,
  bytesPerLaterQuery: sum(out.slice(1), (q) => sum(q.keys, keyBytes)) / laterQueries,
  anticipatedPerLaterQuery: sum(out.slice(1), (q) => sum(q.keys, (k) => k.anticipated)) / laterQueries,
  bytesPerLaterQueryByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, v / laterQueries])),
};
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
console.log(`keystrokes (all but the first) ${summary.keystrokes}: rounds mean ${summary.roundsMean.toFixed(2)}` +
  ` (the search's ${summary.searchRoundsMean.toFixed(2)}), max ${summary.roundsMax}, with no fetch ${summary.noFetch},` +
  ` with 3 or more ${summary.threeOrMore};` +
  ` waves of 6 requests mean ${summary.wavesMean.toFixed(2)}, max ${summary.wavesMax};` +
  ` bytes per later typed query ${kib(summary.bytesPerLaterQuery)}` +
  ` (${Object.entries(summary.bytesPerLaterQueryByKind).sort().map(([k, v]) => `${k} ${kib(v)}`).join(', ')})` +
  (anticipateN ? `; anticipated ${kib(summary.anticipatedPerLaterQuery)}` : ''));
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ bundle, summary, queries: out }, null, 1));
