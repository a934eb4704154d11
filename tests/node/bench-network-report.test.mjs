// The shaped-network report's targets table (bench/lib/report-network.mjs):
// issue #14's targets read met or missed from the run's own numbers, with the
// ratio to the peer named, and "not measured" where the run lacks a session.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { networkSection } from '../../bench/lib/report-network.mjs';

const KiB = 1024;
const kinds = (o) => Object.fromEntries(Object.entries(o).map(([k, bytes]) => [k, { bytes, requests: 1, raw: bytes }]));
function session(profile, osprey, pagefind) {
  const s = (v) => ({
    firstMs: v.first, firstKeyBytes: 100 * KiB, firstKeyRounds: v.rounds, keyP50: v.p50, keyP90: v.p90, keyMax: v.p90,
    roundsMean: v.rounds / 2, roundsMax: v.rounds, firstQuery: { requests: 3, bytes: 200 * KiB, byKind: kinds({ code: v.code }) },
    laterPerQuery: { requests: 4, bytes: v.later, byKind: kinds(v.kinds) }, abandoned: 0,
  });
  return { profile, host: 'plain', label: profile, engines: { osprey: s(osprey), pagefind: s(pagefind) } };
}
const osprey = { first: 700, p50: 50, p90: 90, later: 40 * KiB, code: 80 * KiB, rounds: 2, kinds: { postings: 30 * KiB, stored: 10 * KiB } };
const pagefind = { first: 1000, p50: 100, p90: 200, later: 100 * KiB, code: 84 * KiB, rounds: 2, kinds: { pf_index: 100 * KiB } };
const results = (sessions, sizes) => ({
  opts: { engines: ['osprey', 'pagefind', 'minisearch'] },
  corpora: { c: { id: 'debian-63k', label: 'C', docs: 10, engines: sizes, network: { texts: ['ab'], sessions } } },
});
const rows = (md) => Object.fromEntries(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('**') || l.includes('not measured'))
  .map((l) => l.split(' | ')).map((c) => [c[0].slice(2), c.slice(1)]));

test('each target reads met or missed from the run, with the ratio and the reason', () => {
  const md = networkSection(results([session('mobile', osprey, pagefind), session('broadband', { ...osprey, p90: 120 }, pagefind)],
    { osprey: { size: { gzip: 3 * KiB * KiB, files: 9 }, layout: { displayOneStream: KiB * KiB } },
      minisearch: { size: { gzip: 2 * KiB * KiB, files: 1 } } }));
  const r = rows(md);
  assert.deepEqual(r["first result ≤ 0.8× Pagefind's (mobile)"].slice(0, 2), ['700.0 ms · 0.70×', '**met**']);
  assert.deepEqual(r["keystroke p50 ≤ 0.6× Pagefind's (mobile)"].slice(0, 2), ['50.0 ms · 0.50×', '**met**']);
  assert.deepEqual(r["keystroke p90 ≤ 0.5× Pagefind's (mobile)"].slice(0, 2), ['90.0 ms · 0.45×', '**met**']);
  assert.deepEqual(r["bytes per typed query ≤ 0.5× Pagefind's (mobile)"].slice(0, 2), ['40.0 KiB · 0.40×', '**met**']);
  assert.match(r["bytes per typed query ≤ 0.5× Pagefind's (mobile)"][2], /^postings parts 30\.0 KiB, stored parts 10\.0 KiB per typed query/);
  assert.deepEqual(r['keystroke p90 ≤ 100 ms (broadband)'].slice(0, 2), ['120.0 ms', '**missed**']);
  assert.deepEqual(r['engine code ≤ 84 KiB gzip (wasm, glue, worker, page module)'].slice(0, 2), ['80.0 KiB', '**met**']);
  assert.deepEqual(r["whole index gzip ≤ MiniSearch's"].slice(0, 2), ['3.00 MiB · 1.50×', '**missed**']);
  assert.match(r["whole index gzip ≤ MiniSearch's"][2], /the stored values alone, as one gzip stream with no split, are 1\.00 MiB \(0\.50× MiniSearch's index/);
});

test('a target the run has no session or peer for reads "not measured"', () => {
  const md = networkSection(results([session('mobile', osprey, pagefind)], {}));
  const r = rows(md);
  assert.equal(r['keystroke p90 ≤ 100 ms (broadband)'][0], 'not measured');
  assert.equal(r["whole index gzip ≤ MiniSearch's"][0], 'not measured');
  assert.equal(r["first result ≤ 0.8× Pagefind's (mobile)"][1], '**met**');
});

// With --protocols h1,h2 each profile has a session per protocol: the targets
// read the HTTP/1.1 one (whatever the order), and a table puts the two side by side.
test('the targets read the HTTP/1.1 session; HTTP/2 is shown beside it, not in the targets', () => {
  const h2 = { ...session('mobile', { ...osprey, p50: 10 }, { ...pagefind, p50: 100 }), protocol: 'h2' };
  h2.engines.osprey.connections = 1;
  const h1 = { ...session('mobile', osprey, pagefind), protocol: 'h1' };
  h1.engines.osprey.connections = 6;
  const md = networkSection(results([h2, h1], {}));
  assert.deepEqual(rows(md)["keystroke p50 ≤ 0.6× Pagefind's (mobile)"].slice(0, 2), ['50.0 ms · 0.50×', '**met**']);
  assert.match(md, /## debian-63k: HTTP\/1\.1 and HTTP\/2/);
  assert.match(md, /\| keystroke p50 \| 50\.0 ms → 10\.0 ms \| 100\.0 ms → 100\.0 ms \|/);
  assert.match(md, /\| connections opened \| 6 → 1 \|/);
  const only2 = rows(networkSection(results([h2], {})));
  assert.equal(only2["keystroke p50 ≤ 0.6× Pagefind's (mobile)"][0], 'not measured');
});

// Keystrokes where Pagefind shows nothing (a typo it cannot match) cost it no
// fetch: the p50/p90 reasons give both percentiles over the other keystrokes.
test('the keystroke targets say how many keystrokes Pagefind answered with nothing, and the percentiles over the rest', () => {
  const s = session('mobile', osprey, pagefind);
  const keys = (ms, counts, first = false) => ms.map((m, i) => ({ ms: m, count: counts[i], first: first && i === 0 }));
  // The session's first keystroke (300 / 900 ms) is left out, as in keyP50.
  s.engines.osprey.queries = [{ keys: keys([300, 100, 200, 400], [5, 5, 5, 5], true) }, { keys: keys([50, 500], [2, 2]) }];
  s.engines.pagefind.queries = [{ keys: keys([900, 150, 250, 5], [5, 5, 5, 0], true) }, { keys: keys([400, 3], [2, 0]) }];
  const r = rows(networkSection(results([s], {})));
  assert.match(r["keystroke p50 ≤ 0.6× Pagefind's (mobile)"][2],
    /Pagefind shows no result on 2 of 5 keystrokes; on the other 3, Osprey's p50 is 100\.0 ms, Pagefind's 250\.0 ms \(0\.40×\)/);
  assert.match(r["keystroke p90 ≤ 0.5× Pagefind's (mobile)"][2], /Osprey's p90 is 200\.0 ms, Pagefind's 400\.0 ms \(0\.50×\)/);
  s.engines.pagefind.queries.pop();
  assert.doesNotMatch(networkSection(results([s], {})), /shows no result/);
});
