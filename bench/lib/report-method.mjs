// RESULTS.md's closing sections: how the run measured (methodNotes) and the
// measurements that failed (errorsList, also under the network report).
import { ENGINE_LABELS } from './engines.mjs';
import { fmtBytes } from './report-format.mjs';

export function methodNotes(results) {
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

export function errorsList(results) {
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
