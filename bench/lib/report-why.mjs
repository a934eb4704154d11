// RESULTS.md's "Why" under the targets: what the full Debian run says of
// Osprey's query time, first query, index size, indexing and code, and the
// Python docs' build.
import { KiB, fmtBytes, fmtMs, isNum } from './report-format.mjs';
import { count, ok, pct } from './report-cells.mjs';
import { baseParts, kindsText, ospreyKinds, partKinds } from './report-osprey.mjs';

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
