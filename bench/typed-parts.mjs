#!/usr/bin/env node
// What typing costs in index parts, by kind, without a browser: each query is
// typed as the network bench types it (bench/lib/typing.mjs keystrokes), and
// each keystroke runs a search (10 hits) and the completions side by side
// through web/osprey-core.js (the engine in Node) over a bundle's files. Per
// keystroke: the requests, the rounds (a round is the fetches the engine asks
// for together), and the rounds as a browser sends them over HTTP/1.1, six
// connections to one host (ceil(requests of a round / 6)); bytes as the bundle
// stores them (gzip members). Used to choose the sizes of stored and text
// parts (docs/index-format.md "Text parts").
// Usage: node bench/typed-parts.mjs BUNDLE_DIR [query ...]
// The queries default to the 8 typed queries of the network bench on the Python docs.
import fs from 'node:fs';
import path from 'node:path';

import { keystrokes } from './lib/typing.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [dir, ...args] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/typed-parts.mjs BUNDLE_DIR [query ...]');
  process.exit(2);
}
const queries = args.length ? args : ['smtpconnecterror', 'ascii spwd', 'removes apprporiate', 'path common embedding',
  'cssclass', 'token loader', 'causte', 'library maskpri referents'];
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'osprey-manifest.json'), 'utf8'));
const [language] = Object.keys(manifest.languages);
const baseUrl = new URL(`file://${path.resolve(dir, manifest.languages[language].index)}`).href;

// Fetches are answered after kDelay ms, so the fetches of one round start
// together and the next round's at least kDelay later.
const kDelay = 30;
let log = [];
let t0 = 0;
async function fetchFile(url) {
  const file = new URL(url).pathname;
  const bytes = fs.readFileSync(file);
  log.push({ t: performance.now() - t0, kind: path.basename(file)[0], bytes: bytes.length });
  await new Promise((resolve) => setTimeout(resolve, kDelay));
  return bytes;
}

const { createCore } = await import(path.join(root, 'tests/node/helpers.mjs'));
const { core } = await createCore();
await core.open(baseUrl, fetchFile);
const total = { keys: 0, requests: 0, rounds: 0, waves: 0, bytes: 0, byKind: {} };
for (const query of queries) {
  for (const text of keystrokes(query)) {
    log = [];
    t0 = performance.now();
    await Promise.all([core.searchLoading(text, { limit: 10 }), core.completeLoading(text, 5)]);
    const rounds = [];
    for (const r of log) {
      if (!rounds.length || r.t - rounds.at(-1).t > kDelay / 2) rounds.push({ t: r.t, n: 0 });
      rounds.at(-1).n++;
    }
    total.keys++;
    total.rounds += rounds.length;
    total.waves += rounds.reduce((sum, r) => sum + Math.ceil(r.n / 6), 0);
    for (const r of log) {
      total.requests++;
      total.bytes += r.bytes;
      total.byKind[r.kind] = (total.byKind[r.kind] ?? 0) + r.bytes;
    }
  }
}
core.close();
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const per = (n) => (n / total.keys).toFixed(2);
console.log(`${dir}: ${total.keys} keystrokes; per keystroke ${per(total.requests)} requests, ${per(total.rounds)} rounds, ` +
            `${per(total.waves)} rounds of 6; ${kib(total.bytes)} in all: ` +
            Object.entries(total.byKind).map(([k, b]) => `${k} ${kib(b)}`).join(', '));
