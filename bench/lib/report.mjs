// results.json -> RESULTS.md: one table per corpus (each peer's value and the
// ratio Osprey / peer), the targets on the full Debian corpus with how far each
// is missed, and why.
import { siteRelevanceSection } from './site-relevance.mjs';
import { ENGINE_IDS, ENGINE_LABELS } from './engines.mjs';
import { QUERY_TYPES } from './queries.mjs';
import { KiB, MiB, fmtBytes, fmtMs, fmtRatio, isNum } from './report-format.mjs';
import { networkMethod, networkSection } from './report-network.mjs';

export { fmtBytes, fmtMs };

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

const pct = (part, whole) => (whole ? `${Math.round((100 * part) / whole)} %` : '—');
const ok = (v) => v && !v.error && !v.na;

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

function targetRows(results) {
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

// " (gzip of each section alone: header … 3.72 KiB, dictionary layout … 3.64 KiB, …)"
// for the base's sections of 1 KiB or more; '' when there are none.
function baseParts(layout) {
  const big = (layout.sections || []).filter((x) => x.raw >= 1024);
  return big.length ? ` (gzip of each section alone: ${big.map((x) => `${x.name} ${fmtBytes(x.gzip)}`).join(', ')})` : '';
}

const kindWords = {
  code: 'code', manifest: 'manifest', base: 'base', dictionary: 'dictionary parts', reverse: 'reverse parts',
  dictionaryReverse: 'dictionary and reverse parts (not told apart in this run)',
  lengths: 'lengths parts', postings: 'postings parts', stored: 'stored parts', text: 'text parts', index: 'index files',
};
const kindOrder = Object.keys(kindWords);

// Osprey's requests by kind. Runs made before kindOf knew dictionary (d<k>) and
// reverse (r<k>) parts logged both as 'index'; for an index with such parts,
// that entry becomes 'dictionaryReverse'.
function ospreyKinds(byKind, layout) {
  const k = { ...(byKind || {}) };
  const lookupParts = (layout?.dictionary?.count ?? 0) + (layout?.reverse?.count ?? 0);
  if (k.index && !k.dictionary && !k.reverse && lookupParts > 0) {
    k.dictionaryReverse = k.index;
    delete k.index;
  }
  return k;
}

const rank = (k) => (kindOrder.includes(k) ? kindOrder.indexOf(k) : kindOrder.length);

function kindsText(byKind) {
  return Object.entries(byKind || {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => `${kindWords[k] || k} ${fmtBytes(v.bytes)} in ${v.requests} request${v.requests === 1 ? '' : 's'}`)
    .join(', ');
}

// Every kind of index part, in layout order, and what the report says of it,
// so that a kind the index format adds is described here once: `blocks`, its
// count in a one-file layout (osp.mjs); `row`, its line in ospreyDetails'
// table; `detail`, what follows its size in why()'s whole-index line.
const mb = (st) => `median / largest raw ${fmtBytes(st.medianRaw)} / ${fmtBytes(st.maxRaw)}`;
const PART_KINDS = [
  { kind: 'dictionary', blocks: 'dictBlocks',
    row: (st, L) => `${isNum(L.terms) ? `~${Math.round(L.terms / st.count)} terms each with document frequencies and stems; ` : ''}${mb(st)}`,
    detail: (st, L) => (isNum(L.terms) ? `; ~${Math.round(L.terms / st.count)} terms each, with their document frequencies and stems` : '') },
  { kind: 'reverse', blocks: 'revBlocks',
    row: (st) => `every term again, by its reversed form, with term id and document frequency; ${mb(st)}`, detail: () => '' },
  { kind: 'lengths', blocks: 'lengthsParts',
    row: (st, L) => `${isNum(L.docs) ? `~${(L.docs / st.count).toFixed(0)} documents each: ` : ''}the words of each searchable field, read with the first postings; ${mb(st)}`,
    detail: (st, L) => (isNum(L.docs) ? `; the field lengths of ~${Math.round(L.docs / st.count)} documents each` : '') },
  { kind: 'postings', blocks: 'postingsParts', row: (st) => mb(st),
    detail: (st) => `; median part ${fmtBytes(st.medianRaw)}, largest ${fmtBytes(st.maxRaw)}: one term's postings are never split` },
  { kind: 'stored', blocks: 'storedParts',
    row: (st, L) => `${isNum(L.docs) ? `~${(L.docs / st.count).toFixed(0)} documents each; ` : ''}median ${fmtBytes(st.medianRaw)} raw, ${fmtBytes(st.medianGzip)} gzip; largest ${fmtBytes(st.maxRaw)} raw`,
    detail: () => '' },
  { kind: 'text', blocks: 'textParts',
    row: (st) => `long values in pieces; median ${fmtBytes(st.medianRaw)} raw, ${fmtBytes(st.medianGzip)} gzip; largest ${fmtBytes(st.maxRaw)} raw`,
    detail: () => '' },
];

// The part kinds of a layout with their stats ({count, raw, gzip, ...}), those
// the layout has (layouts of runs before format v3 have no dictionary or
// reverse, before v4 no lengths, before v5 no text): [kind, name, stats, its PART_KINDS entry].
function partKinds(L) {
  return PART_KINDS.filter((p) => L[p.kind]?.count > 0).map((p) => [p.kind, `${p.kind} parts`, L[p.kind], p]);
}

const count = (n) => (isNum(n) ? n.toLocaleString('en-US') : '?');

export function why(results) {
  const full = results.corpora['debian-63k'];
  const o = full?.engines?.osprey;
  if (!o || o.all) return '';
  const out = [];
  const L = ok(o.layout) ? o.layout : null;
  const node = ok(o.node) ? o.node : null;
  const br = ok(o.browser) ? o.browser : null;
  const docs = full.docs;
  if (node) {
    const t = node.modes.typo;
    const worst = Object.entries(t.byType).filter(([, v]) => v !== null).sort((x, y) => y[1] - x[1]);
    const fp = t.first;
    out.push(`- **Warm query latency** (p50 ${fmtMs(t.p50)}, p99 ${fmtMs(t.p99)} with typos and prefix on; ` +
      `plain p50 ${fmtMs(node.modes.plain.p50)}, p99 ${fmtMs(node.modes.plain.p99)}` +
      (t.cpu ? `; in CPU time, which other processes on the shared cores move less: p50 ${fmtMs(t.cpu.p50)}, p99 ${fmtMs(t.cpu.p99)} ` +
        'with typos and prefix on' : '') + ') is measured in Node on the wasm ' +
      'engine after each query\'s first run has added the parts it needs, so it is search time alone, no parsing of ' +
      `parts. p50 by type (typo+prefix): ${worst.map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ')}. ` +
      (fp ? `The first runs (which also inflate and decode the parts they add, from memory) were p50 ${fmtMs(fp.p50)}, p99 ${fmtMs(fp.p99)}; ` +
        `the ${t.n} typo+prefix queries added ${fp.partsAdded} of ${node.afterQueries?.partFiles ?? '?'} parts ` +
        `(${fmtBytes(fp.partBytesAdded)} of files as stored). ` : '') +
      'Every search also builds excerpts for its 10 hits (tokenizing each hit\'s stored body) and counts all matches ' +
      '(`total`), which the peers do not. Where the time goes inside the engine is not measured by this run ' +
      '(profile `bench/query_bench` with callgrind for that): typo lookup (over the dictionary range of terms ' +
      'starting with the word\'s beginning and the reverse range of terms ending with its end, `typo_matches` in ' +
      '`src/search/query/expand.hpp`), reading the postings of every expansion, excerpts and scoring all take their share; ' +
      'the run does not say which dominates.');
  }
  if (br && L) {
    const fb = ospreyKinds(br.firstByKind, L);
    const stored = fb.stored;
    const perPart = L.stored?.count ? docs / L.stored.count : 0;
    const dict = L.dictionary?.count ? L.dictionary : null;
    const rev = L.reverse?.count ? L.reverse : null;
    let base;
    if (!L.sharded) {
      base = `**The index is one file of ${fmtBytes(L.base.gzip)} gzip** (${fmtBytes(L.base.raw)} raw, below ` +
        '`--split-above`), every part inside, loaded whole before the first search. ';
    } else if (isNum(L.dictBlocks) && dict) {
      const n = (v) => `${fmtBytes(v.bytes)} in ${v.requests} request${v.requests === 1 ? '' : 's'}`;
      const lookup = fb.dictionaryReverse
        ? `dictionary and reverse parts, ${n(fb.dictionaryReverse)} (this run's request log does not tell the two apart)`
        : fb.dictionary || fb.reverse
          ? `${fb.dictionary ? kindsText({ dictionary: fb.dictionary }) : 'no dictionary part'}, ` +
            `${fb.reverse ? kindsText({ reverse: fb.reverse }) : 'no reverse part'}`
          : 'no dictionary or reverse part';
      base = `**The base alone is ${fmtBytes(L.base.gzip)} gzip** (${fmtBytes(L.base.raw)} raw), ` +
        `${pct(L.base.gzip, 250 * KiB)} of the 250 KiB budget before any code or part: it holds the schema, the part ` +
        `layout and the first term of each of the ${count(L.dictBlocks)} dictionary blocks and ${count(L.revBlocks)} ` +
        `reverse blocks${baseParts(L)}, not the ${count(L.terms)} terms themselves. ` +
        `Those, with their document frequencies and stems, are in the ${count(dict.count)} dictionary parts ` +
        `(${fmtBytes(dict.gzip)} gzip in all)` +
        (rev ? `, and again, ordered by their reversed form with term id and document frequency, in the ` +
          `${count(rev.count)} reverse parts (${fmtBytes(rev.gzip)})` : '') +
        '. A query fetches the dictionary blocks of its words (exact form, stem, prefix range) and, with typos on, ' +
        'those holding each word\'s beginning and the reverse blocks holding its end; ' +
        `this one fetched ${lookup}. `;
    } else {
      base = `**The base alone is ${fmtBytes(L.base.gzip)} gzip** (${fmtBytes(L.base.raw)} raw), ` +
        `${pct(L.base.gzip, 250 * KiB)} of the 250 KiB budget before any code or part${baseParts(L)}. `;
    }
    out.push(`- **First query in Chromium** (\`${full.firstQuery}\`, typo+prefix): ${fmtBytes(br.firstBytes)} sent ` +
      `(${fmtBytes(br.firstRaw)} before gzip) in ${br.firstRequests} requests${br.firstByKind ? ` — ${kindsText(fb)}` : ''}; first result after ` +
      `${fmtMs(br.firstMs)} (median of ${br.firstAll.length}: ${br.firstAll.map(fmtMs).join(', ')}). ` + base +
      (stored && L.stored?.count ? `Showing 10 hits took ${stored.requests} stored parts (${fmtBytes(stored.bytes)}): a stored part holds ` +
        `the full stored text (name, title, whole body, url) of ~${perPart.toFixed(0)} documents ` +
        `(${fmtBytes(L.stored.medianRaw)} raw, ${fmtBytes(L.stored.medianGzip)} gzip for the median part), and 10 hits ` +
        'rarely share one. ' : '') +
      `The code is ${fmtBytes(fb.code?.bytes)} of it (below). Time: the worker starts, compiles the wasm, then ` +
      (L.sharded ? 'the base, ' + (dict ? 'then the dictionary and reverse parts of the query\'s words, ' : '') +
        'then the postings parts, then the stored parts are fetched, round after round (each round waits for the ' +
        'previous search to name what it needs next).' : 'the index file is fetched.'));
  }
  if (L && ok(o.size) && L.sharded) {
    const single = ok(o.buildSingle) ? o.buildSingle : null;
    const kinds = partKinds(L);
    const listed = kinds.reduce((a, [, , st]) => a + st.gzip, L.base.gzip);
    const rest = o.size.gzip - listed;
    const partFiles = kinds.reduce((a, [, , st]) => a + st.count, 0);
    const share = (k) => pct(L[k]?.gzip ?? 0, o.size.gzip);
    out.push(`- **Whole index**: ${fmtBytes(o.size.gzip)} gzip (${fmtBytes(o.size.raw)} raw) = base ${fmtBytes(L.base.gzip)}` +
      kinds.map(([, name, st, p]) => ` + ${count(st.count)} ${name} ${fmtBytes(st.gzip)} (${fmtBytes(st.raw)} raw${p.detail(st, L)})`).join('') +
      (rest > 0 ? ` + other files ${fmtBytes(rest)}` : '') + '. ' +
      (single ? `The same index as one file (\`-o\`) is ${fmtBytes(single.bytes)}, ${fmtBytes(single.gzip)} gzip: compressing ` +
        `${count(partFiles)} small files one by one costs ${fmtBytes(o.size.gzip - single.gzip)}. ` : '') +
      `Stored values are ${share('stored')} of the gzip total: every record's body is stored whole for ` +
      `excerpts (${fmtBytes(full.bodyBytes)} of body text in this corpus), where MiniSearch and FlexSearch store title ` +
      `and URL only, lunr nothing, and Pagefind a per-page fragment. Postings, ${share('postings')}, keep every position ` +
      'of every term (for phrases and excerpts).' +
      (L.dictionary?.count ? ` The dictionary parts are ${share('dictionary')}` +
        (L.reverse?.count ? ` and the reverse parts ${share('reverse')}: the reverse order repeats every term once ` +
          'more (reversed, with its term id and document frequency) so that typo lookup finds words by their ending, ' +
          'bytes that version 2 of the format (the whole dictionary in the base, no reverse order) did not have, ' +
          'part of why the sharded index is bigger in gzip than it was' : '') + '.' : ''));
  } else if (L && ok(o.size)) {
    out.push(`- **Whole index**: ${fmtBytes(o.size.gzip)} gzip (${fmtBytes(o.size.raw)} raw), one file (below ` +
      '`--split-above`): the base with every part inside.');
  }
  if (ok(o.build)) {
    const single = ok(o.buildSingle) ? o.buildSingle : null;
    out.push(`- **Indexing 63k records**: ${fmtMs(o.build.ms)} writing the bundle ` +
      `(${(o.size?.files ?? 0).toLocaleString('en-US')} index files plus the code), peak RSS ${fmtBytes(o.build.peakRss)}` +
      (single ? `; the same index as one file (\`-o\`) took ${fmtMs(single.ms)}, so writing separate part files, each compressed (gzip -9), costs ` +
        `${fmtMs(o.build.ms - single.ms)}` : '') + '. The CLI\'s time split (parse, analyze, encode, write) is not measured here.');
  }
  const py = results.corpora['python-docs'];
  const po = py?.engines?.osprey;
  if (po && ok(po.build)) {
    const pl = ok(po.layout) ? po.layout : null;
    const ps = ok(po.buildSingle) ? po.buildSingle : null;
    const pn = ok(po.node) ? po.node : null;
    out.push(`- **Python docs** (\`osprey index --site\`, ${py.docs} pages, ${fmtBytes(py.inputBytes)} of HTML): ` +
      `${fmtMs(po.build.ms)} writing the bundle${ps ? `, ${fmtMs(ps.ms)} as one file (\`-o\`)` : ''}; ` +
      `index ${fmtBytes(po.size?.gzip)} gzip` +
      (pl && pl.sharded ? ` (base ${fmtBytes(pl.base.gzip)}, ` +
        `${partKinds(pl).map(([, name, st]) => `${count(st.count)} ${name}`).join(', ')}; a ` +
        `page's stored text is never split, so the largest stored part is ${fmtBytes(pl.stored?.maxRaw)} raw)` : '') +
      (pl && !pl.sharded ? ' (one file, below `--split-above`)' : '') +
      (ok(po.browser) ? `; the first query in Chromium fetched ${kindsText(ospreyKinds(po.browser.firstByKind, pl))}` : '') +
      (pn ? `; warm queries p50 ${fmtMs(pn.modes.typo.p50)}, p99 ${fmtMs(pn.modes.typo.p99)} with typos and prefix on, ` +
        'slower per query than on 63k records although there are far fewer documents (they are long: excerpts and ' +
        'positions cost more)' : '') + '. ' +
      (po.build.ms > 1000 ? 'Where the build\'s time goes is not measured by this run; profiles of `osprey index --site` ' +
        'put most of it in the HTML5 parser (Gumbo, Debian\'s libgumbo).' : ''));
  }
  if (o.engineCode && !o.engineCode.error && ok(o.code)) {
    const wasm = o.engineCode.files.find((f) => /\.wasm$/.test(f.file));
    const glue = o.engineCode.files.find((f) => /osprey-engine\.js$/.test(f.file));
    // Whether the page fetched the <osprey-search> element's code (osprey.js imports it only for such a page).
    const element = o.code.files.some((f) => /\/osprey-search\.js$/.test(f.file));
    const widget = o.code.files.filter((f) => /\/(widget\/|osprey-search\.js)/.test(f.file)).reduce((x, f) => x + f.gzip, 0);
    const bundled = o.engineCode.bundled;
    if (wasm && bundled) {
      out.push(`- **Code**: the wasm alone is ${fmtBytes(wasm.gzip)} gzip (${fmtBytes(wasm.raw)} raw); the bundle serves ` +
        '`osprey.js` (page API and <osprey-search> element) and `osprey-worker.js` (Emscripten glue, parts, core) as ' +
        'one file each (`web/dist/`, scripts/bundle-web.mjs), so the page API holds the element\'s code too.');
    } else if (wasm) out.push(`- **Code**: the wasm alone is ${fmtBytes(wasm.gzip)} gzip (${fmtBytes(wasm.raw)} raw)` +
      `${glue ? `, its Emscripten JS glue ${fmtBytes(glue.gzip)}` : ''}` +
      (element ? `; the page API (\`osprey.js\`) also imports the <osprey-search> element and its widget modules ` +
        `(${fmtBytes(widget)} gzip) even when the page only calls \`Osprey.open\`.`
        : `; the page API (\`osprey.js\`) fetches no code of the <osprey-search> element (widget modules fetched: ` +
          `${fmtBytes(widget)} gzip, the manifest reader and the page fallback).`));
  }
  return out.join('\n');
}

// Per corpus: what Osprey's index is made of and what the queries fetched.
export function ospreyDetails(c) {
  const o = c.engines?.osprey;
  if (!o || o.all || !ok(o.layout)) return '';
  const L = o.layout;
  const lines = [];
  const single = ok(o.buildSingle) ? o.buildSingle : null;
  const kinds = partKinds(L);
  const inside = PART_KINDS.filter((p) => isNum(L[p.blocks]) && L[p.blocks] > 0).map((p) => `${count(L[p.blocks])} ${p.kind}`);
  const blocks = inside.length ? ` (${inside.slice(0, -1).join(', ')}${inside.length > 1 ? ' and ' : ''}${inside.at(-1)} parts)` : '';
  lines.push(`**Osprey's index** (\`${L.baseName}\`): ${L.sharded
    ? `sharded: the base and ${kinds.map(([, name, st]) => `${count(st.count)} ${name}`).join(' + ')}`
    : `one file (below \`--split-above\`): the base with every part inside${blocks}`}; ` +
    `${count(L.docs)} documents, ${count(L.terms)} terms.`);
  lines.push('');
  lines.push('| piece | files | raw | gzip -9 |');
  lines.push('|---|---|---|---|');
  lines.push(`| base (always loaded) | 1 | ${fmtBytes(L.base.raw)} | ${fmtBytes(L.base.gzip)} |`);
  for (const x of (L.sections || []).filter((y) => y.raw >= 64)) lines.push(`| … ${x.name} |  | ${fmtBytes(x.raw)} | ${fmtBytes(x.gzip)} (alone) |`);
  if (L.sharded) {
    for (const [, name, st, p] of kinds) lines.push(`| ${name} (${p.row(st, L)}) | ${count(st.count)} | ${fmtBytes(st.raw)} | ${fmtBytes(st.gzip)} |`);
    if (ok(o.size)) lines.push(`| all index files (base + parts) | ${count(o.size.files)} | ${fmtBytes(o.size.raw)} | ${fmtBytes(o.size.gzip)} |`);
  }
  if (single) lines.push(`| the same index as one file (\`-o\`), for comparison | 1 | ${fmtBytes(single.bytes)} | ${fmtBytes(single.gzip)} |`);
  lines.push('');
  const facts = [];
  const runs = (b) => (b.all && b.all.length > 1 ? ` (median of ${b.all.map(fmtMs).join(', ')})` : '');
  if (ok(o.build)) facts.push(`Build: ${fmtMs(o.build.ms)} writing the bundle${runs(o.build)}${single ? `; ${fmtMs(single.ms)} writing one file (\`-o\`)${runs(single)}` : ''}.`);
  const br = ok(o.browser) ? o.browser : null;
  if (br) {
    facts.push(`First query in Chromium: ${kindsText(ospreyKinds(br.firstByKind, L)) || fmtBytes(br.firstBytes)} (${fmtBytes(br.firstRaw)} before gzip); cold runs ${br.firstAll.map(fmtMs).join(', ')}.`);
    const w = br.warm;
    if (w) facts.push(`Later queries (${w.queries}): ${w.withFetches} of them fetched parts (${kindsText(ospreyKinds(w.byKind, L)) || 'nothing'}); per query mean ${fmtBytes(w.bytesPerQuery)}, median ${fmtBytes(w.bytesP50)}, most ${fmtBytes(w.bytesMax)}.`);
  }
  const n = ok(o.node) ? o.node : null;
  if (n && n.modes.typo.first) {
    const f = (m) => n.modes[m].first;
    facts.push(`Node, each query's first run (adds its parts, from memory): typo+prefix p50 ${fmtMs(f('typo').p50)}, p99 ${fmtMs(f('typo').p99)} ` +
      `(${f('typo').partsAdded} parts added); then plain p50 ${fmtMs(f('plain').p50)}, p99 ${fmtMs(f('plain').p99)} (${f('plain').partsAdded} more). ` +
      `wasm memory ${fmtBytes(n.afterLoad?.wasmHeap)} after loading the base, ${fmtBytes(n.afterQueries?.wasmHeap)} after all queries; ` +
      `process RSS ${fmtBytes(n.rssAfterLoad)} → ${fmtBytes(n.rssAfterQueries)} (it holds every index file's bytes, read before timing). ` +
      `Warm times: each query's median over ${n.modes.typo.passes ?? 1} (typo+prefix) and ${n.modes.plain.passes ?? 1} (plain) passes` +
      (n.modes.typo.cpu ? `; in CPU time of the process (less moved by other processes on the cores): typo+prefix p50 ` +
        `${fmtMs(n.modes.typo.cpu.p50)}, p99 ${fmtMs(n.modes.typo.cpu.p99)}; plain p50 ${fmtMs(n.modes.plain.cpu.p50)}, ` +
        `p99 ${fmtMs(n.modes.plain.cpu.p99)}` : '') + '.');
  }
  if (o.loadavg) {
    facts.push(`1-minute load average as each phase started: ${Object.entries(o.loadavg).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}.`);
  }
  return `${lines.join('\n')}\n${facts.map((x) => `- ${x}`).join('\n')}`;
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

function methodNotes(results) {
  const p = results.env.peers || {};
  return [
    `- Versions: Osprey ${results.env.osprey || '?'} (commit ${results.env.commit || '?'}${results.env.dirtyFiles ? (results.env.dirtyFiles.length ? `, with uncommitted changes to ${results.env.dirtyFiles.join(', ')}` : '') : (results.env.dirty ? ', with uncommitted changes' : '')}), ` +
      `MiniSearch ${p.minisearch}, FlexSearch ${p.flexsearch}, lunr ${p.lunr}, Pagefind ${p.pagefind} (its npm binary), ` +
      `Node ${results.env.node}, ${results.env.chromium || 'Chromium ?'} (headless, playwright-core ${p['playwright-core']}).`,
    `- Machine: ${results.env.cpu}, ${results.env.cores} cores, ${fmtBytes(results.env.memBytes)}; load average at start ` +
      `${results.env.loadavg.map((x) => x.toFixed(2)).join(' ')}${results.env.loadavgEnd ? `, at the end ${results.env.loadavgEnd.map((x) => x.toFixed(2)).join(' ')}` : ''}` +
      '. **Timings are noisy**: the cores are shared (a virtual machine; the bench itself keeps both busy), so ' +
      'wall times move between runs (see "Run-to-run variance").',
    `- Osprey as shipped: \`osprey index RECORDS --config bench/debian.schema.json --bundle DIR\` (Python docs: ` +
      `\`osprey index --site DIR --bundle DIR\`), ${results.opts.splitAbove === null || results.opts.splitAbove === undefined
        ? 'the CLI\'s default `--split-above` (1 MiB: a bigger index is sharded into a base and parts)'
        : `\`--split-above ${results.opts.splitAbove}\``}. Its index is the base \`index.LANG.ID.osp\` ` +
      '(schema, part layout, the first term of each dictionary and reverse block, sort/boost values, facets) and the ' +
      'parts `index.LANG.ID/d<k>` (dictionary: the terms of a term range with document frequencies and stems), ' +
      '`r<k>` (reverse: a range of the terms ordered by their reversed form, for typo lookup by a word\'s ending), ' +
      '`p<k>` (postings of a term range) and `s<k>` (stored values of a document range); the bundle\'s code and ' +
      'manifest are not index bytes.',
    '- Fields: `name` (boost 4), `title` (3), `body` (1) for Debian records; `title`, `body` for HTML pages. Osprey uses ' +
      '`bench/debian.schema.json` (the same three fields, plus the URL stored); MiniSearch and FlexSearch store title and URL.',
    '- Modes. plain: Osprey `typos:false, prefix:false`; MiniSearch `combineWith:"AND"`; FlexSearch (Document, ' +
      '`tokenize:"forward"`, compact build in the browser) `suggest:false`; lunr `+a +b`. typo+prefix: Osprey ' +
      '`typos:true, prefix:true`; MiniSearch `fuzzy:0.2, prefix:true` (AND); FlexSearch `suggest:true` (it has no ' +
      'edit-distance matching; forward tokenizing gives prefixes in both modes); lunr `+a~1 +b~1`. Pagefind has one mode. ' +
      'Phrases go quoted to Osprey and Pagefind, as plain words to the others. Every engine returns (at most) 10 results.',
    '- Queries: generated from each corpus by `bench/lib/queries.mjs` (mulberry32, fixed seed): single words, two and ' +
      'three words of one record, prefixes, one-edit typos, and quoted two-word phrases; stop words excluded. Node times ' +
      'each query once after a warm-up (nearest-rank percentiles), typo+prefix mode first. Warm-up: the peers, 60 ' +
      'queries; Osprey, the first run of every query through `searchLoading()` of `web/osprey-core.js`, which adds the ' +
      'parts the engine names (from memory) — so Osprey\'s warm numbers are searches on parts already loaded, and its ' +
      'first runs are reported apart, under its table. Then up to 3 timed passes over every query (while a mode\'s ' +
      'passes take under 10 s; lunr on 63k gets one): each query\'s time is its median over the passes.',
    '- Load (Node): index bytes already in memory → ready to search. Osprey: `core.open(base)` of the wasm engine ' +
      'through `web/osprey-core.js`, whose fetcher returns bytes read before timing: the base is inflated (a bundle ' +
      'stores it as a gzip member) and parsed, no part.',
    '- Build time: the native CLI `osprey index … --bundle DIR` (index files, manifest and the code copied into ' +
      'the bundle; one file with `-o` is run too, for comparison; each three times, alternating, and the median shown; ' +
      'every build writes into a new folder and nothing is deleted until the report is written, because on ext4 ' +
      'creating thousands of files just after deleting thousands is several times slower in the kernel) ' +
      'and the `pagefind` binary as whole processes (once); for the JS libraries (once), ' +
      'reading the input (records, or the HTML pages for the Python docs), building, serializing and writing the index, ' +
      'inside a Node process. Peak RSS is the whole process (GNU `time -v`), so Node\'s own ~50 MiB and the parsed input ' +
      'count for the JS libraries.',
    '- Sizes: every file of the index (Osprey: the base and every part), compressed one by one as a static host ' +
      'serves them (gzip level 9, brotli quality 5 — quality 11 would take ' +
      'minutes on the largest indexes; it is usually 10–15 % smaller). Files that are gzip on disk (Osprey\'s bundle ' +
      'stores its base and parts as gzip -9 members; Pagefind\'s files) count as stored for gzip and brotli, and ' +
      'inflated for raw; Pagefind\'s UI and runtime files are not index. Pagefind pages are minimal HTML, one per ' +
      'record, with `data-pagefind-body`.',
    '- Chromium: files served from 127.0.0.1 with gzip (level 6) where it saves 5 % or more; files gzip on disk ' +
      '(Osprey\'s `.osp` base and parts in its bundle, Pagefind\'s) as they are. Each cold measurement is a new browser ' +
      'context (empty cache): the harness page loads first (not counted), then the clock runs from calling the engine ' +
      'to having the first query\'s top 10 with titles (Pagefind: `search()` plus `data()` of the top 10). Osprey runs ' +
      'as `<osprey-search index="BUNDLE/">` does: `osprey.js` from the bundle, its `osprey-manifest.json`, then ' +
      '`Osprey.open(base)` (a worker), whose searches fetch the parts the engine names; the others on the page, ' +
      'fetching library and index in parallel. ' +
      'Bytes are HTTP bodies as sent. Later queries run in the same page, one at a time. The median of the cold runs is ' +
      'shown.',
    '- "JS + wasm fetched": gzip -9 of each code file the page fetched for the first query (for Osprey, ' +
      'what its page API fetches: the widget\'s manifest reader, no <osprey-search> code; for MiniSearch the ' +
      'esbuild-minified ES module).',
    '- Ratios: each peer cell is `value · Osprey ÷ peer`. Lower is better for every metric, so **below 1× Osprey is ' +
      'better, above 1× worse**.',
  ].join('\n');
}

function errorsList(results) {
  const out = [];
  for (const c of Object.values(results.corpora)) {
    if (c.network?.error) out.push(`- ${c.id} / shaped network: ${c.network.error}`);
    for (const sess of c.network?.sessions || []) {
      for (const [e, v] of Object.entries(sess.engines)) {
        if (v?.error) out.push(`- ${c.id} / shaped network ${sess.profile}+${sess.host} / ${ENGINE_LABELS[e] || e}: ${v.error}`);
      }
    }
  }
  const all = [...Object.values(results.corpora),
    ...Object.values(results.repeats || {}).map((c) => ({ ...c, id: `${c.id} (repeat)` }))];
  for (const c of all) {
    if (c.harnessError) out.push(`- ${c.id}: harness error: ${c.harnessError}`);
    for (const [e, cell] of Object.entries(c.engines || {})) {
      for (const [k, v] of Object.entries(cell || {})) {
        if (v && typeof v === 'object' && v.error) out.push(`- ${c.id} / ${ENGINE_LABELS[e] || e} / ${k}: ${v.error}`);
      }
      for (const [m, st] of Object.entries(cell?.node?.modes || {})) {
        if (st.errors) out.push(`- ${c.id} / ${ENGINE_LABELS[e] || e} / node ${m}: ${st.errors} queries failed (first: ${st.firstError})`);
      }
    }
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
