// RESULTS.md's targets (issue #6): each goal, what Osprey measured on the full
// Debian corpus (and the Python docs for HTML indexing), and by how much it is
// met or missed.
import { KiB, MiB, fmtBytes, fmtMs, fmtRatio } from './report-format.mjs';
import { shortNote, value } from './report-cells.mjs';

function targetList(results) {
  const full = results.corpora['debian-63k'];
  const py = results.corpora['python-docs'];
  const o = full?.engines?.osprey;
  const po = py?.engines?.osprey;
  return [
    { what: 'warm query p50, typos + prefix on (Node, wasm; the query\'s parts loaded)', goal: 0.1, unit: 'ms', v: o && value(o, { path: ['node', 'modes', 'typo', 'p50'] }) },
    { what: 'warm query p99, typos + prefix on (Node, wasm; the query\'s parts loaded)', goal: 2, unit: 'ms', v: o && value(o, { path: ['node', 'modes', 'typo', 'p99'] }) },
    { what: 'time to first result, Chromium, cold cache', goal: 200, unit: 'ms', v: o && value(o, { path: ['browser', 'firstMs'] }) },
    { what: 'bytes transferred for the first query (code + manifest + base + parts)', goal: 250 * KiB, unit: 'B', v: o && value(o, { path: ['browser', 'firstBytes'] }) },
    { what: 'whole index, gzip (base + all parts, each file on its own)', goal: 5 * MiB, unit: 'B', v: o && value(o, { path: ['size', 'gzip'] }) },
    { what: 'indexing from JSON records (native CLI, writing the bundle)', goal: 3000, unit: 'ms', v: o && value(o, { path: ['build', 'ms'] }) },
    { what: 'indexing the 530-page Python docs site (`--site`, writing the bundle)', goal: 1000, unit: 'ms', v: po && value(po, { path: ['build', 'ms'] }), corpus: 'python-docs' },
    { what: 'wasm + JS a page fetches to search (page API), gzip', goal: 70 * KiB, unit: 'B', v: o && value(o, { path: ['code', 'gzip'] }) },
    { what: '… of which the engine alone (wasm, its JS glue, osprey-core.js, worker)', goal: 70 * KiB, unit: 'B', v: o && value(o, { path: ['engineCode', 'gzip'] }) },
  ];
}

export function targetRows(results) {
  const fmt = (t, x) => (t.unit === 'ms' ? fmtMs(x) : fmtBytes(x));
  const lines = ['| target | goal | Osprey measured | verdict |', '|---|---|---|---|'];
  for (const t of targetList(results)) {
    let measured;
    let verdict;
    if (t.v === undefined || t.v === null) {
      measured = '—';
      verdict = `not measured (${t.corpus || 'debian-63k'} not in this run)`;
    } else if (typeof t.v === 'object') {
      measured = shortNote(t.v);
      verdict = 'not measured';
    } else {
      measured = fmt(t, t.v);
      verdict = t.v <= t.goal
        ? `**met** (${fmtRatio(t.v / t.goal)} of the goal)`
        : `**missed** by ${fmt(t, t.v - t.goal)} (${fmtRatio(t.v / t.goal)} the goal)`;
    }
    lines.push(`| ${t.what} | ≤ ${fmt(t, t.goal)} | ${measured} | ${verdict} |`);
  }
  return lines.join('\n');
}
