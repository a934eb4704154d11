#!/usr/bin/env node
// The time each keystroke of a typed query waits for, on a simulated link,
// without a browser: what bench/run's shaped network measures, computed from a
// bundle's parts on the Node engine, deterministic (the same bundle, queries
// and flags give the same milliseconds), so a change of the page's loading or
// of the index is compared with main in seconds and without the machine's noise.
//
//   node bench/keystroke-clock.mjs BUNDLE_DIR [--queries FILE.json | QUERY...]
//        [--profile mobile|broadband] [--connections C] [--anticipate N]
//        [--overhead MS] [--round-overhead MS] [--free KINDS] [--json OUT.json] [--verbose]
//
// The link is bench/lib/shaper.mjs's, as arithmetic (bench/lib/link-model.mjs):
// a response is ready one round trip after its request goes out, then crosses
// one shared link at the profile's bandwidth; the bytes are the part's file as
// the bundle stores it (a plain host sends it so). A request goes out when one
// of C connections to the host is free (6, the default: HTTP/1.1 in Chromium;
// 0: no limit, HTTP/2), and the page anticipates as it does over that protocol.
//
// The page is the widget's (osprey-core.js searchLoading, parts.js): each
// round fetches what the search (limit 10) and the completions (6) name that
// is neither held nor on its way, and waits for what it needs that is on its
// way; the search's answer comes when its last round's parts have arrived,
// plus --overhead ms (the engine and the rendering; default 7) and
// --round-overhead ms per round the search waited for (a part's
// decompression, its message to the worker, the engine asked again; default
// 12). Against bench/run (2026-12-07, main 929ec63's page and bundles), mobile,
// HTTP/1.1, p50 / p90 / keystrokes under 60 ms: debian-63k's 12 typed queries
// 151.7 ms / 607.8 ms / 71 here, 151.4 ms / 616.1 ms / 71 measured (Osprey
// alone); the Python docs' 12, 190.6 ms / 749.3 ms / 67 here, 195.5 ms /
// 737.1 ms / 67 and 191.2 ms / 747.6 ms / 69 in two full runs; bytes per typed
// query equal. Broadband p90 on debian-63k: 125.6 ms here, 151.3 ms measured
// (the browser's own cost per request counts more there). With
// --anticipate N (the widget: 2) the page anticipates along the N top
// completions (parts.js anticipate, with osprey-core.js nextQueries) beside
// the search's first round that names display parts only, else just after its
// answer. Typing is bench/run's: the next keystroke as soon as the results of
// the one before show (no pause), the first two letters of a query at once,
// and between queries the page waits until nothing is on its way. A part is
// added to the engine once it has arrived, when the engine is next asked.
//
// --free KINDS (letters of part kinds: d r l p s t, docs/index-format.md)
// makes those parts cost nothing: each is in the engine as soon as it is
// named, with no bytes and no time, and a round that names only such parts
// is no round: about what a design that made them free could reach at best
// (e.g. --free st: a page of hits' display parts, stored values and text).
// Not a bound keystroke by keystroke: one answered sooner leaves what it
// anticipated less time to arrive before the next.
//
// Left out: the completions' rounds after the search has answered are sent
// at its answer; request headers; the page's CPU beyond --overhead; the
// display parts' dictionary (docs/index-format.md), which the page fetches with
// the first parts of the first typed query, which the figures leave out.
import fs from 'node:fs';
import path from 'node:path';

import { createCore } from '../tests/node/helpers.mjs';
import OspreyParts from '../web/widget/parts.js';
import OspreyFetch from '../web/widget/fetch.js';
import { linkModel } from './lib/link-model.mjs';
import { percentile, unpackFile } from './lib/measure.mjs';
import { PROFILES } from './lib/shaper.mjs';
import { queryTexts, toolArgs } from './lib/tool-args.mjs';
import { keystrokes } from './lib/typing.mjs';

const args = toolArgs(process.argv.slice(2));
const verbose = args.has('--verbose');
const jsonOut = args.flag('--json');
const queriesFile = args.flag('--queries');
const profile = PROFILES[args.flag('--profile', 'mobile')];
const connections = Number(args.flag('--connections', 6));
const anticipateN = Number(args.flag('--anticipate', 2));
const overheadMs = Number(args.flag('--overhead', 7));
const roundOverheadMs = Number(args.flag('--round-overhead', 12));
const freeKinds = args.flag('--free', '');
const bundle = args.rest.shift();
if (!bundle || !profile || !(connections >= 0) || !(anticipateN >= 0) || !(overheadMs >= 0) || !(roundOverheadMs >= 0) ||
    !/^[drlpst]*$/.test(freeKinds)) {
  console.error('usage: node bench/keystroke-clock.mjs BUNDLE_DIR [--queries FILE.json | QUERY...] ' +
                '[--profile mobile|broadband] [--connections C] [--anticipate N] [--overhead MS] [--round-overhead MS] ' +
                '[--free KINDS] [--json OUT] [--verbose]');
  process.exit(2);
}
const texts = queryTexts(queriesFile, args.rest);

const baseName = fs.readdirSync(bundle).find((f) => f.endsWith('.osp'));
const searchOptions = { offset: 0, limit: 10, facets: false, filters: [], browse: false };
const kCompletions = 6;
const { core } = await createCore();
core.load(unpackFile(path.join(bundle, baseName)));
const { anticipate, isDisplay, kindOf } = OspreyParts(OspreyFetch);
const net = linkModel({ ...profile, connections });
const size = (name) => fs.statSync(path.join(bundle, name)).size;

const held = new Set();
const onTheWay = new Map();  // name -> arrival time
let clock = 0;

const isFree = (name) => freeKinds.includes(kindOf(name));

function add(name) {
  core.addParts(unpackFile(path.join(bundle, name)), name);
  held.add(name);
}

/** Adds to the engine every part arrived by t. */
function arrive(t) {
  for (const [name, at] of onTheWay) {
    if (at > t) continue;
    add(name);
    onTheWay.delete(name);
  }
}

/** Sends the parts named that are neither held nor on the way, at t (a free one is added at once); returns their bytes. */
function send(names, t) {
  let bytes = 0;
  for (const name of names) {
    if (held.has(name) || onTheWay.has(name)) continue;
    if (isFree(name)) {
      add(name);
      continue;
    }
    const n = size(name);
    onTheWay.set(name, net.request(t, n));
    bytes += n;
  }
  return bytes;
}

/** What the widget anticipates after text, sent at t (parts.anticipate over nextQueries); returns its bytes. */
function anticipateAt(text, t) {
  let bytes = 0;
  // As the page's part store: over HTTP/1.x (a connection limit) it anticipates less.
  const store = () => ({
    has: (n) => held.has(n) || onTheWay.has(n), start: (names) => { bytes += send(names, t); }, http1: () => connections > 0,
  });
  anticipate(core.nextQueries(text, anticipateN).map((next) => () => core.search(next, searchOptions)), store);
  return bytes;
}

/** One keystroke at the clock: {typed, ms, rounds, bytes, anticipated}. */
function keystroke(text) {
  const start = clock;
  let t = start;
  let bytes = 0;
  let anticipated = 0;
  let rounds = 0;
  let pending = anticipateN > 0;
  let searchDone = false;
  let completeDone = false;
  for (let guard = 0; guard < 64 && !(searchDone && completeDone); ++guard) {
    arrive(t);
    const s = searchDone ? null : core.search(text, searchOptions);
    const c = completeDone ? null : core.complete(text, kCompletions);
    const sNeeds = s?.needs || [];
    const cNeeds = c?.needs || [];
    if (s && sNeeds.length === 0) {
      searchDone = true;
      if (pending) {  // after its answer
        pending = false;
        anticipated += anticipateAt(text, t);
      }
    }
    if (c && cNeeds.length === 0) completeDone = true;
    if (sNeeds.length === 0 && cNeeds.length === 0) break;
    for (const name of [...sNeeds, ...cNeeds]) {
      if (held.has(name)) throw new Error(`${text}: the engine asked again for ${name}`);
    }
    bytes += send([...sNeeds, ...cNeeds], t);
    if (sNeeds.some((n) => !held.has(n))) {
      rounds++;
      if (pending && sNeeds.every(isDisplay)) {  // beside the search's first display round
        pending = false;
        anticipated += anticipateAt(text, t);
      }
      t = Math.max(...sNeeds.map((n) => onTheWay.get(n) ?? t)) + roundOverheadMs;
    }
    // The completions' rounds after the search's answer: sent, not waited for.
    if (searchDone) completeDone = true;
  }
  const answered = t + overheadMs;
  clock = answered;
  return { typed: text, ms: answered - start, rounds, bytes, anticipated };
}

const out = [];
for (const text of texts) {
  const keys = keystrokes(text).map(keystroke);
  out.push({ text, keys });
  // Between queries: the page waits until nothing is on its way.
  clock = Math.max(clock, ...onTheWay.values()) + 50;
  arrive(clock);
  if (verbose) {
    console.log(`# ${text}`);
    for (const k of keys) {
      console.log(`  ${JSON.stringify(k.typed).padEnd(30)} ${k.ms.toFixed(0).padStart(5)} ms  rounds ${k.rounds}` +
                  `  ${(k.bytes / 1024).toFixed(1)} KiB (anticipated ${(k.anticipated / 1024).toFixed(1)} KiB)`);
    }
  }
}
core.close();

// Later keystrokes: every keystroke but the first of the first query (cold), as bench/run.
const later = out.flatMap((q, i) => q.keys.slice(i === 0 ? 1 : 0));
const sorted = later.map((k) => k.ms).sort((a, b) => a - b);
const laterQueries = Math.max(out.length - 1, 1);
const sum = (list, f) => list.reduce((a, x) => a + f(x), 0);
const summary = {
  profile: profile.label,
  connections,
  keystrokes: later.length,
  p50: percentile(sorted, 50),  // as bench/run's (lib/typing.mjs)
  p90: percentile(sorted, 90),
  max: sorted[sorted.length - 1],
  under60: later.filter((k) => k.ms < 60).length,
  roundsMean: sum(later, (k) => k.rounds) / later.length,
  bytesPerLaterQuery: sum(out.slice(1), (q) => sum(q.keys, (k) => k.bytes + k.anticipated)) / laterQueries,
};
console.log(`${summary.profile}, ${connections || 'unlimited'} connections: ${summary.keystrokes} keystrokes,` +
            ` p50 ${summary.p50.toFixed(1)} ms, p90 ${summary.p90.toFixed(1)} ms, max ${summary.max.toFixed(0)} ms,` +
            ` under 60 ms ${summary.under60}, search rounds mean ${summary.roundsMean.toFixed(2)},` +
            ` bytes per later typed query ${(summary.bytesPerLaterQuery / 1024).toFixed(1)} KiB`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ bundle, summary, queries: out }, null, 1));
