// results.json -> RESULTS.md: one table per corpus (each peer's value and the
// ratio Osprey / peer), the targets on the full Debian corpus with how far each
// is missed, and why.
import { ENGINE_IDS, ENGINE_LABELS } from './engines.mjs';
import { QUERY_TYPES } from './queries.mjs';

const KiB = 1024;
const MiB = 1024 * 1024;

export function fmtMs(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtBytes(b) {
  if (b === null || b === undefined || !Number.isFinite(b)) return '—';
  if (b < KiB) return `${Math.round(b)} B`;
  if (b < MiB) return `${(b / KiB).toFixed(b < 10 * KiB ? 2 : 1)} KiB`;
  if (b < 1024 * MiB) return `${(b / MiB).toFixed(b < 10 * MiB ? 2 : 1)} MiB`;
  return `${(b / (1024 * MiB)).toFixed(2)} GiB`;
}

function fmtRatio(r) {
  if (!Number.isFinite(r)) return '—';
  if (r === 0) return '0×';
  if (r >= 100) return `${Math.round(r)}×`;
  if (r >= 10) return `${r.toFixed(0)}×`;
  if (r >= 0.1) return `${r.toFixed(2)}×`;
  return `${r.toPrecision(2)}×`;
}

const get = (obj, keys) => keys.reduce((o, k) => (o == null ? undefined : o[k]), obj);

// A cell's value for a row: a number, or {na}/{error}.
function value(cell, row) {
  if (!cell) return { na: 'not run' };
  if (cell.all) return cell.all;
  const section = cell[row.path[0]];
  if (!section) return { na: 'not run' };
  if (section.na || section.error) return section;
  const v = get(cell, row.path);
  if (v === undefined || v === null) return { na: row.missing || 'n/a' };
  return v;
}

function shortNote(v) {
  if (v.na) return `n/a (${v.na})`;
  const m = String(v.error);
  return `error: ${m.length > 70 ? `${m.slice(0, 67)}…` : m}`;
}

const ROWS = [
  { label: 'index build time', path: ['build', 'ms'], fmt: fmtMs },
  { label: 'index build peak RSS', path: ['build', 'peakRss'], fmt: fmtBytes },
  { label: 'index size, raw', path: ['size', 'raw'], fmt: fmtBytes },
  { label: 'index size, gzip -9', path: ['size', 'gzip'], fmt: fmtBytes },
  { label: 'index size, brotli q5', path: ['size', 'brotli'], fmt: fmtBytes },
  { label: 'load time (Node)', path: ['node', 'loadMs'], fmt: fmtMs },
  { label: 'process RSS after load (Node)', path: ['node', 'rssAfterLoad'], fmt: fmtBytes },
  { label: 'query p50, plain (Node)', path: ['node', 'modes', 'plain', 'p50'], fmt: fmtMs },
  { label: 'query p95, plain (Node)', path: ['node', 'modes', 'plain', 'p95'], fmt: fmtMs },
  { label: 'query p99, plain (Node)', path: ['node', 'modes', 'plain', 'p99'], fmt: fmtMs },
  { label: 'query p50, typo+prefix (Node)', path: ['node', 'modes', 'typo', 'p50'], fmt: fmtMs },
  { label: 'query p95, typo+prefix (Node)', path: ['node', 'modes', 'typo', 'p95'], fmt: fmtMs },
  { label: 'query p99, typo+prefix (Node)', path: ['node', 'modes', 'typo', 'p99'], fmt: fmtMs },
  { label: 'queries with no match, plain / typo (Node)', path: ['node', 'modes'], fmt: null, text: (m) => `${m.plain.zero} / ${m.typo.zero} of ${m.typo.n}` },
  { label: 'Chromium: time to first result, cold cache', path: ['browser', 'firstMs'], fmt: fmtMs },
  { label: 'Chromium: bytes for the first query', path: ['browser', 'firstBytes'], fmt: fmtBytes },
  { label: 'Chromium: bytes per later query (mean)', path: ['browser', 'warm', 'bytesPerQuery'], fmt: fmtBytes },
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

function targetRows(results) {
  const full = results.corpora['debian-63k'];
  const py = results.corpora['python-docs'];
  const o = full?.engines?.osprey;
  const po = py?.engines?.osprey;
  const T = [
    { what: 'warm query p50, typos + prefix on (Node, wasm)', goal: 0.1, unit: 'ms', v: o && value(o, { path: ['node', 'modes', 'typo', 'p50'] }) },
    { what: 'warm query p99, typos + prefix on (Node, wasm)', goal: 2, unit: 'ms', v: o && value(o, { path: ['node', 'modes', 'typo', 'p99'] }) },
    { what: 'time to first result, Chromium, cold cache', goal: 200, unit: 'ms', v: o && value(o, { path: ['browser', 'firstMs'] }) },
    { what: 'bytes transferred for the first query', goal: 250 * KiB, unit: 'B', v: o && value(o, { path: ['browser', 'firstBytes'] }) },
    { what: 'whole index on disk, gzip', goal: 5 * MiB, unit: 'B', v: o && value(o, { path: ['size', 'gzip'] }) },
    { what: 'indexing from JSON records (native CLI)', goal: 3000, unit: 'ms', v: o && value(o, { path: ['build', 'ms'] }) },
    { what: 'indexing the 530-page Python docs site', goal: 1000, unit: 'ms', v: po && value(po, { path: ['build', 'ms'] }), corpus: 'python-docs' },
    { what: 'wasm + JS a page fetches to search, gzip', goal: 70 * KiB, unit: 'B', v: o && value(o, { path: ['code', 'gzip'] }) },
    { what: '… of which the engine alone (wasm, its JS glue, osprey-core.js, worker)', goal: 70 * KiB, unit: 'B', v: o && value(o, { path: ['engineCode', 'gzip'] }) },
  ];
  const fmt = (t, x) => (t.unit === 'ms' ? fmtMs(x) : fmtBytes(x));
  const lines = ['| target | goal | Osprey measured | verdict |', '|---|---|---|---|'];
  for (const t of T) {
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

function why(results) {
  const full = results.corpora['debian-63k'];
  const o = full?.engines?.osprey;
  if (!o || o.all || !o.size || o.size.error || o.size.na) return '';
  const out = [];
  const node = o.node && !o.node.error && !o.node.na ? o.node : null;
  const br = o.browser && !o.browser.error && !o.browser.na ? o.browser : null;
  out.push(`- **The index is one monolithic JSON file** (${fmtBytes(o.size.raw)} raw, ${fmtBytes(o.size.gzip)} gzip for ` +
    `${full.docs.toLocaleString('en-US')} records). A page must download all of it and parse all of it before the first ` +
    `result${br ? ` (${fmtBytes(br.firstBytes)} over the wire, first result after ${fmtMs(br.firstMs)})` : ''}` +
    `${node ? `; loading it in Node takes ${fmtMs(node.loadMs)} and leaves the process at ${fmtBytes(node.rssAfterLoad)} RSS` : ''}. ` +
    'That one design causes the misses on time to first result, first-query bytes and index size on disk; the sharded, ' +
    'lazily loaded index format (a separate piece of work) replaces it: a first query should fetch only the dictionary ' +
    'shard(s) and postings of its terms.');
  out.push(`- **Stored text**: the index stores every record's body for excerpts (${fmtBytes(full.bodyBytes)} of body text in ` +
    'this corpus, before JSON escaping). MiniSearch and FlexSearch store only title and URL here, lunr stores nothing ' +
    '(it returns the URL), and Pagefind keeps page text in per-page fragments fetched only for shown results.');
  if (node) {
    const t = node.modes.typo.byType;
    const worst = Object.entries(t).filter(([, v]) => v !== null).sort((a, b) => b[1] - a[1]);
    out.push(`- **Query latency** is ${fmtMs(node.modes.typo.p50)} p50 with typos and prefix on, far from 100 µs. By type ` +
      `(p50, typo mode): ${worst.map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}. Every search also builds excerpts for ` +
      'its 10 hits and counts all matches (`total`), which the peers do not; this run does not profile how the time splits.');
  }
  const py = results.corpora['python-docs'];
  const po = py?.engines?.osprey;
  if (po && po.build && typeof po.build.ms === 'number') {
    const pn = po.node && po.node.modes ? po.node : null;
    out.push(`- **HTML site (Python docs)**: \`osprey index --site\` took ${fmtMs(po.build.ms)} for ${py.docs} pages ` +
      `(${fmtBytes(py.inputBytes)} of HTML, ${fmtBytes(py.textBytes / py.docs)} of text per page on average); its index is ` +
      `${fmtBytes(po.size?.raw)} raw, ${fmtBytes(po.size?.gzip)} gzip` +
      `${pn ? `, and queries there are slower than on 63k Debian records (p50 ${fmtMs(pn.modes.plain.p50)} plain, ` +
        `${fmtMs(pn.modes.typo.p50)} typo+prefix) although there are far fewer documents; they are long, ` +
        'but where the time goes has not been profiled here' : ''}.`);
  }
  if (o.engineCode && !o.engineCode.error) {
    const wasm = o.engineCode.files.find((f) => /\.wasm$/.test(f.file));
    if (wasm) out.push(`- **Code size**: the wasm alone is ${fmtBytes(wasm.gzip)} gzip (${fmtBytes(wasm.raw)} raw); ` +
      'toolchain notes put nlohmann JSON (needed only by the JSON index codec) at ~30 KiB gz of it.');
  }
  return out.join('\n');
}

function methodNotes(results) {
  const p = results.env.peers || {};
  return [
    `- Versions: Osprey ${results.env.osprey || '?'} (commit ${results.env.commit || '?'}${results.env.dirty ? ', with uncommitted changes' : ''}), ` +
      `MiniSearch ${p.minisearch}, FlexSearch ${p.flexsearch}, lunr ${p.lunr}, Pagefind ${p.pagefind} (its npm binary), ` +
      `Node ${results.env.node}, ${results.env.chromium || 'Chromium ?'} (headless, playwright-core ${p['playwright-core']}).`,
    `- Machine: ${results.env.cpu}, ${results.env.cores} cores, ${fmtBytes(results.env.memBytes)}; load average at start ` +
      `${results.env.loadavg.map((x) => x.toFixed(2)).join(' ')}${results.env.loadavgEnd ? `, at the end ${results.env.loadavgEnd.map((x) => x.toFixed(2)).join(' ')}` : ''}` +
      '. **Timings are noisy**: the machine\'s CPU is shared with other builds.',
    '- Fields: `name` (boost 4), `title` (3), `body` (1) for Debian records; `title`, `body` for HTML pages. Osprey uses ' +
      '`bench/debian.schema.json` (the same three fields, plus the URL stored); MiniSearch and FlexSearch store title and URL.',
    '- Modes. plain: Osprey `typos:false, prefix:false`; MiniSearch `combineWith:"AND"`; FlexSearch (Document, ' +
      '`tokenize:"forward"`, compact build in the browser) `suggest:false`; lunr `+a +b`. typo+prefix: Osprey ' +
      '`typos:true, prefix:true`; MiniSearch `fuzzy:0.2, prefix:true` (AND); FlexSearch `suggest:true` (it has no ' +
      'edit-distance matching; forward tokenizing gives prefixes in both modes); lunr `+a~1 +b~1`. Pagefind has one mode. ' +
      'Phrases go quoted to Osprey and Pagefind, as plain words to the others. Every engine returns (at most) 10 results.',
    '- Queries: generated from each corpus by `bench/lib/queries.mjs` (mulberry32, fixed seed): single words, two and ' +
      'three words of one record, prefixes, one-edit typos, and quoted two-word phrases; stop words excluded. Node times ' +
      'each query once after a warm-up pass (nearest-rank percentiles).',
    '- Build time: the native CLI `osprey index` and the `pagefind` binary as whole processes; for the JS libraries, ' +
      'reading the input (records, or the HTML pages for the Python docs), building, serializing and writing the index, ' +
      'inside a Node process. Peak RSS is the whole process (GNU `time -v`), so Node\'s own ~50 MiB and the parsed input ' +
      'count for the JS libraries.',
    '- Sizes: every file of the index, compressed one by one (gzip level 9, brotli quality 5 — quality 11 would take ' +
      'minutes on the largest indexes; it is usually 10–15 % smaller). Pagefind\'s files are already gzip on disk (raw = ' +
      'its on-disk bytes); its UI and runtime files are not index. Pagefind pages are minimal HTML, one per record, with ' +
      '`data-pagefind-body`.',
    '- Chromium: files served from 127.0.0.1 with gzip (level 6) where it helps. Each cold measurement is a new browser ' +
      'context (empty cache): the harness page loads first (not counted), then the clock runs from calling the engine ' +
      'to having the first query\'s top 10 with titles (Pagefind: `search()` plus `data()` of the top 10). Osprey runs ' +
      'through its page API (`web/osprey.js`, worker); the others on the page, fetching library and index in parallel. ' +
      'Bytes are HTTP bodies as sent. Later queries run in the same page, one at a time. The median of the cold runs is ' +
      'shown.',
    '- "JS + wasm fetched": gzip -9 of each code file the page fetched for the first query (Osprey\'s page API pulls ' +
      'in its widget modules too; for MiniSearch the esbuild-minified ES module).',
    '- Ratios: each peer cell is `value · Osprey ÷ peer`. Lower is better for every metric, so **below 1× Osprey is ' +
      'better, above 1× worse**.',
  ].join('\n');
}

function errorsList(results) {
  const out = [];
  for (const c of Object.values(results.corpora)) {
    if (c.harnessError) out.push(`- ${c.id}: harness error: ${c.harnessError}`);
    for (const [e, cell] of Object.entries(c.engines || {})) {
      for (const [k, v] of Object.entries(cell || {})) {
        if (v && typeof v === 'object' && v.error) out.push(`- ${c.id} / ${ENGINE_LABELS[e] || e} / ${k}: ${v.error}`);
      }
    }
  }
  return out.join('\n');
}

export function writeReport(results) {
  const engines = ENGINE_IDS.filter((e) => results.opts.engines.includes(e));
  const mins = Math.floor(results.totalMs / 60000);
  const secs = Math.round((results.totalMs % 60000) / 1000);
  const parts = [];
  parts.push(`# Osprey benchmark results${results.smoke ? ' (smoke run)' : ''}`);
  parts.push(`Generated by \`bench/run${results.smoke ? ' --smoke' : ''}\` on ${results.generated.slice(0, 16).replace('T', ' ')} UTC ` +
    `in ${mins} min ${secs} s. Regenerate with \`bench/run\` (see \`bench/README.md\`); every number below comes from ` +
    'that one run. Timings are noisy: the machine\'s 2 cores were shared with other builds during the run.');
  parts.push('Each peer cell reads `value · ratio`, the ratio being **Osprey ÷ peer** for that metric, measured in ' +
    'the same run. Lower is better everywhere, so a ratio below 1× means Osprey does better, above 1× worse.');
  if (results.corpora['debian-63k']) {
    parts.push('## Targets (Debian, all records)');
    parts.push(targetRows(results));
    const w = why(results);
    if (w) {
      parts.push('### Why the misses');
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
    const bt = byTypeTable(c, engines);
    if (bt) parts.push(`<details><summary>Node query p50 by type (plain / typo+prefix)</summary>\n\n${bt}\n\n</details>`);
  }
  parts.push('## Method');
  parts.push(methodNotes(results));
  const errs = errorsList(results);
  parts.push('## Errors');
  parts.push(errs || 'None: every measurement ran.');
  return `${parts.join('\n\n')}\n`;
}
