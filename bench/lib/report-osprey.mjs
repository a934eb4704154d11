// What Osprey's index is made of in a run (osp.mjs's layout: the base's
// sections and every kind of part) and what its queries fetched, by part
// kind: ospreyDetails, the account under each corpus's table, and the
// helpers why() shares.
import { fmtBytes, fmtMs, isNum } from './report-format.mjs';
import { count, ok } from './report-cells.mjs';

// " (gzip of each section alone: header … 3.72 KiB, dictionary layout … 3.64 KiB, …)"
// for the base's sections of 1 KiB or more; '' when there are none.
export function baseParts(layout) {
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
export function ospreyKinds(byKind, layout) {
  const k = { ...(byKind || {}) };
  const lookupParts = (layout?.dictionary?.count ?? 0) + (layout?.reverse?.count ?? 0);
  if (k.index && !k.dictionary && !k.reverse && lookupParts > 0) {
    k.dictionaryReverse = k.index;
    delete k.index;
  }
  return k;
}

const rank = (k) => (kindOrder.includes(k) ? kindOrder.indexOf(k) : kindOrder.length);

export function kindsText(byKind) {
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
export const PART_KINDS = [
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
export function partKinds(L) {
  return PART_KINDS.filter((p) => L[p.kind]?.count > 0).map((p) => [p.kind, `${p.kind} parts`, L[p.kind], p]);
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
