// results.json -> RESULTS.md: one table per corpus (each peer's value and the
// ratio Osprey / peer), the targets on the full Debian corpus with how far each
// is missed, and why. The sections are in report-*.mjs: report-targets
// (targets), report-why (why), report-osprey (Osprey's index per corpus),
// report-network (the shaped network), report-method (method, errors),
// report-cells and report-format (cell values, number formats).
import { siteRelevanceSection } from './site-relevance.mjs';
import { ENGINE_IDS, ENGINE_LABELS } from './engines.mjs';
import { QUERY_TYPES } from './queries.mjs';
import { fmtBytes, fmtMs, fmtRatio, isNum } from './report-format.mjs';
import { networkMethod, networkSection } from './report-network.mjs';
import { get, shortNote, value } from './report-cells.mjs';
import { targetRows } from './report-targets.mjs';
import { why } from './report-why.mjs';
import { ospreyDetails } from './report-osprey.mjs';
import { errorsList, methodNotes } from './report-method.mjs';

export { fmtBytes, fmtMs };

const ROWS = [
  { label: 'index build time (Osprey: `osprey index --bundle`)', path: ['build', 'ms'], fmt: fmtMs },
  { label: 'index build peak RSS', path: ['build', 'peakRss'], fmt: fmtBytes },
  { label: 'index files', path: ['size', 'files'], text: (n) => n.toLocaleString('en-US') },
  { label: 'index size, raw (sum of files)', path: ['size', 'raw'], fmt: fmtBytes },
  { label: 'index size, gzip -9 (each file on its own)', path: ['size', 'gzip'], fmt: fmtBytes },
  { label: 'index size, brotli q5 (each file on its own)', path: ['size', 'brotli'], fmt: fmtBytes },
  { label: 'load time (Node; Osprey: the base only)', path: ['node', 'loadMs'], fmt: fmtMs },
  { label: 'process RSS after load (Node)', path: ['node', 'rssAfterLoad'], fmt: fmtBytes },
  { label: 'query p50, plain (Node, warm)', path: ['node', 'modes', 'plain', 'p50'], fmt: fmtMs },
  { label: 'query p95, plain (Node, warm)', path: ['node', 'modes', 'plain', 'p95'], fmt: fmtMs },
  { label: 'query p99, plain (Node, warm)', path: ['node', 'modes', 'plain', 'p99'], fmt: fmtMs },
  { label: 'query p50, typo+prefix (Node, warm)', path: ['node', 'modes', 'typo', 'p50'], fmt: fmtMs },
  { label: 'query p95, typo+prefix (Node, warm)', path: ['node', 'modes', 'typo', 'p95'], fmt: fmtMs },
  { label: 'query p99, typo+prefix (Node, warm)', path: ['node', 'modes', 'typo', 'p99'], fmt: fmtMs },
  { label: 'queries with no match, plain / typo (Node)', path: ['node', 'modes'], fmt: null, text: (m) => `${m.plain.zero} / ${m.typo.zero} of ${m.typo.n}` },
  { label: 'Chromium: time to first result, cold cache', path: ['browser', 'firstMs'], fmt: fmtMs },
  { label: 'Chromium: bytes for the first query', path: ['browser', 'firstBytes'], fmt: fmtBytes },
  { label: 'Chromium: requests for the first query', path: ['browser', 'firstRequests'], text: (n) => String(n) },
  { label: 'Chromium: bytes per later query (mean)', path: ['browser', 'warm', 'bytesPerQuery'], fmt: fmtBytes },
  { label: 'Chromium: later queries that fetched', path: ['browser', 'warm'], text: (w) => `${w.withFetches ?? '?'} of ${w.queries}` },
  { label: 'Chromium: later query p50, typo+prefix', path: ['browser', 'warm', 'modes', 'typo', 'p50'], fmt: fmtMs },
  { label: 'Chromium: later query p99, typo+prefix', path: ['browser', 'warm', 'modes', 'typo', 'p99'], fmt: fmtMs },
  { label: 'Chromium: later query p50, plain', path: ['browser', 'warm', 'modes', 'plain', 'p50'], fmt: fmtMs },
  { label: 'JS + wasm fetched to search, gzip -9', path: ['code', 'gzip'], fmt: fmtBytes },
];

function cellText(row, osprey, peer, isOsprey) {
  if (typeof peer === 'object' && !Array.isArray(peer) && (peer.na || peer.error)) return shortNote(peer);
  if (row.text) return row.text(peer);
  const shown = row.fmt(peer);
  if (isOsprey) return shown;
  if (typeof osprey !== 'number') return shown;
  if (peer === 0) return `${shown} · ${osprey === 0 ? '1×' : '— (peer 0)'}`;
  return `${shown} · ${fmtRatio(osprey / peer)}`;
}

function corpusTable(c, engines) {
  const lines = [];
  lines.push(`| metric | ${engines.map((e) => ENGINE_LABELS[e]).join(' | ')} |`);
  lines.push(`|---|${engines.map(() => '---').join('|')}|`);
  for (const row of ROWS) {
    const o = value(c.engines.osprey, row);
    const cells = engines.map((e) => {
      try {
        return cellText(row, o, value(c.engines[e], row), e === 'osprey');
      } catch {
        return '—';
      }
    });
    lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function byTypeTable(c, engines) {
  const withNode = engines.filter((e) => c.engines[e]?.node?.modes);
  if (withNode.length === 0) return '';
  const lines = [`| query type | ${withNode.map((e) => ENGINE_LABELS[e]).join(' | ')} |`, `|---|${withNode.map(() => '---').join('|')}|`];
  for (const t of QUERY_TYPES) {
    lines.push(`| ${t} | ${withNode.map((e) => `${fmtMs(c.engines[e].node.modes.plain.byType[t])} / ${fmtMs(c.engines[e].node.modes.typo.byType[t])}`).join(' | ')} |`);
  }
  return lines.join('\n');
}

// Osprey's numbers on the same corpus in two runs of this command.
function variance(results) {
  const out = [];
  for (const [id, rep] of Object.entries(results.repeats || {})) {
    const a = results.corpora[id]?.engines?.osprey;
    const b = rep.engines?.osprey;
    if (!a || !b) continue;
    const rows = [
      ['index build time', ['build', 'ms'], fmtMs],
      ['index size, gzip', ['size', 'gzip'], fmtBytes],
      ['load time (Node)', ['node', 'loadMs'], fmtMs],
      ['query p50, plain (Node)', ['node', 'modes', 'plain', 'p50'], fmtMs],
      ['query p99, plain (Node)', ['node', 'modes', 'plain', 'p99'], fmtMs],
      ['query p50, typo+prefix (Node)', ['node', 'modes', 'typo', 'p50'], fmtMs],
      ['query p99, typo+prefix (Node)', ['node', 'modes', 'typo', 'p99'], fmtMs],
      ['query p50, typo+prefix (Node), CPU time', ['node', 'modes', 'typo', 'cpu', 'p50'], fmtMs],
      ['query p99, typo+prefix (Node), CPU time', ['node', 'modes', 'typo', 'cpu', 'p99'], fmtMs],
      ['Chromium: time to first result (median)', ['browser', 'firstMs'], fmtMs],
      ['Chromium: bytes for the first query', ['browser', 'firstBytes'], fmtBytes],
      ['Chromium: bytes per later query', ['browser', 'warm', 'bytesPerQuery'], fmtBytes],
      ['Chromium: later query p50, typo+prefix', ['browser', 'warm', 'modes', 'typo', 'p50'], fmtMs],
    ];
    out.push(`Osprey on ${results.corpora[id].label}, measured twice in this run (the second time after every other ` +
      'measurement; same queries, same index):');
    out.push('');
    out.push('| metric | run 1 | run 2 | run 2 vs 1 |');
    out.push('|---|---|---|---|');
    for (const [label, pth, fmt] of rows) {
      const x = get(a, pth);
      const y = get(b, pth);
      const d = isNum(x) && isNum(y) && x !== 0 ? `${y >= x ? '+' : ''}${(((y - x) / x) * 100).toFixed(0)} %` : '—';
      out.push(`| ${label} | ${isNum(x) ? fmt(x) : '—'} | ${isNum(y) ? fmt(y) : '—'} | ${d} |`);
    }
    const la = a.loadavg;
    const lb = b.loadavg;
    if (la && lb) {
      for (const k of Object.keys(la)) {
        if (isNum(la[k]) && isNum(lb[k])) out.push(`| 1-minute load average as the ${k} phase started | ${la[k].toFixed(1)} | ${lb[k].toFixed(1)} |  |`);
      }
    }
    const fa = get(a, ['browser', 'firstAll']);
    const fb = get(b, ['browser', 'firstAll']);
    if (fa && fb) out.push(`\nCold Chromium runs: ${fa.map(fmtMs).join(', ')} (run 1); ${fb.map(fmtMs).join(', ')} (run 2).`);
  }
  return out.join('\n');
}

export function writeReport(results) {
  const engines = ENGINE_IDS.filter((e) => results.opts.engines.includes(e));
  const mins = Math.floor(results.totalMs / 60000);
  const secs = Math.round((results.totalMs % 60000) / 1000);
  const start = results.generated.slice(0, 16).replace('T', ' ');
  const end = results.finished ? results.finished.slice(11, 16) : null;
  const parts = [];
  parts.push(`# Osprey benchmark results${results.smoke ? ' (smoke run)' : ''}`);
  parts.push(`Generated by \`bench/run${results.smoke ? ' --smoke' : ''}\` on ${start}${end ? `–${end}` : ''} UTC ` +
    `(${mins} min ${secs} s). Regenerate with \`bench/run\` (see \`bench/README.md\`); every number below comes from ` +
    `that one run. **Timings are noisy**: the machine's ${results.env.cores} cores are shared (load ` +
    `average over 1, 5, 15 min ${results.env.loadavg.map((x) => x.toFixed(1)).join(' ')} at the start` +
    `${results.env.loadavgEnd ? `, ${results.env.loadavgEnd.map((x) => x.toFixed(1)).join(' ')} at the end` : ''}).`);
  parts.push('Each peer cell reads `value · ratio`, the ratio being **Osprey ÷ peer** for that metric, measured in ' +
    'the same run. Lower is better everywhere, so a ratio below 1× means Osprey does better, above 1× worse.');
  if (results.corpora['debian-63k']) {
    parts.push('## Targets (issue #6; Debian, all records, and the Python docs for HTML indexing)');
    parts.push(targetRows(results));
    const w = why(results);
    if (w) {
      parts.push('### Why');
      parts.push(w);
    }
  }
  for (const c of Object.values(results.corpora)) {
    parts.push(`## ${c.label}${c.docs ? ` (${c.docs.toLocaleString('en-US')} documents)` : ''}`);
    if (c.harnessError) parts.push(`Harness error: ${c.harnessError}`);
    const meta = [];
    if (c.inputBytes) meta.push(`input ${fmtBytes(c.inputBytes)}`);
    if (c.queries) meta.push(`${c.queries} generated queries`);
    if (c.firstQuery) meta.push(`first query in Chromium: \`${c.firstQuery}\``);
    if (meta.length) parts.push(`${meta.join('; ')}.`);
    parts.push(corpusTable(c, engines));
    const notes = engines.map((e) => c.engines[e]?.note).filter(Boolean);
    if (notes.length) parts.push(notes.map((n) => `Note: ${n}`).join('\n\n'));
    const od = ospreyDetails(c);
    if (od) parts.push(od);
    const bt = byTypeTable(c, engines);
    if (bt) parts.push(`<details><summary>Node query p50 by type (plain / typo+prefix)</summary>\n\n${bt}\n\n</details>`);
  }
  const net = networkSection(results);
  if (net) {
    parts.push(net);
    parts.push('### Shaped network: method');
    parts.push(networkMethod());
  }
  for (const c of Object.values(results.corpora)) {
    if (c.relevance?.error) parts.push(`## Site relevance: ${c.label}\n\n${c.relevance.error}`);
    else if (c.relevance) parts.push(siteRelevanceSection(c.label, c.relevance));
  }
  const v = variance(results);
  if (v) {
    parts.push('## Run-to-run variance');
    parts.push(v);
  }
  parts.push('## Method');
  parts.push(methodNotes(results));
  const errs = errorsList(results);
  parts.push('## Errors');
  parts.push(errs || 'None: every measurement ran.');
  return `${parts.join('\n\n')}\n`;
}

export function writeNetworkReport(results) {
  const start = results.generated.slice(0, 16).replace('T', ' ');
  const parts = [`# Osprey benchmark: shaped network${results.smoke ? ' (smoke run)' : ''}`];
  parts.push(`Generated by \`bench/run --only network\` on ${start} UTC (${Math.round(results.totalMs / 1000)} s), corpora ` +
    `${Object.keys(results.corpora).join(', ')}; load average ${results.env.loadavg.map((x) => x.toFixed(1)).join(' ')} at the start` +
    `${results.env.loadavgEnd ? `, ${results.env.loadavgEnd.map((x) => x.toFixed(1)).join(' ')} at the end` : ''}. ` +
    'Each peer cell reads `value · Osprey ÷ peer` (lower is better; below 1× Osprey does better).');
  parts.push(networkSection(results));
  parts.push('## Method');
  parts.push(networkMethod());
  const p = results.env.peers || {};
  parts.push(`Versions: Osprey ${results.env.osprey || '?'} (commit ${results.env.commit || '?'}), Pagefind ${p.pagefind}, ` +
    `MiniSearch ${p.minisearch}, ${results.env.chromium || 'Chromium ?'}, Node ${results.env.node}.`);
  const errs = errorsList(results);
  parts.push('## Errors');
  parts.push(errs || 'None: every measurement ran.');
  return `${parts.join('\n\n')}\n`;
}

export function writeRelevanceReport(results) {
  const start = results.generated.slice(0, 16).replace('T', ' ');
  const parts = [`# Osprey benchmark: site relevance`,
    `Generated by \`bench/run --only relevance\` on ${start} UTC (${Math.round(results.totalMs / 1000)} s); ` +
    `Osprey ${results.env.osprey || '?'} (commit ${results.env.commit || '?'}), Pagefind ${results.env.peers?.pagefind ?? '?'}, ` +
    `Chromium ${results.env.chromium || '?'}.`];
  for (const c of Object.values(results.corpora)) {
    if (c.harnessError) parts.push(`Harness error (${c.id}): ${c.harnessError}`);
    if (c.relevance?.error) parts.push(`${c.label}: ${c.relevance.error}`);
    else if (c.relevance) parts.push(siteRelevanceSection(c.label, c.relevance));
  }
  return `${parts.join('\n\n')}\n`;
}
