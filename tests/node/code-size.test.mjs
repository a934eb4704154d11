// Code-size budgets of what a page downloads to search with the page API
// (issue #6: "wasm + JS a page fetches to search, gzip <= 70 KiB"), measured as
// bench/lib does (Node zlib gzip, level 9). The budgets sit a few percent above
// the sizes measured when they were set, so that a regression fails here
// rather than in the next benchmark: raise them only with a reason.
//
// Measured 2026-11-26 (branch codesize): wasm 119,778 B, glue 11,427 B, the page
// API's own JS (osprey.js, worker, core, error, fallback) 9,057 B; 2026-12-06
// (branch widget: the API in widget/api.js, one request handler in osprey-core.js,
// which the page imports too for the one OspreyError) 10,110 B; 2026-12-06 (branch
// loading, issue #13: widget/parts.js, fetches that time out on a stall, parts
// shared by name between searches that run side by side, cancelled searches)
// 13,317 B, and the budget rose from 10 to 13.5 KiB. 2026-12-06 (branch gzip,
// issue #14: a bundle's index files are gzip members, and the page decompresses
// them, bounded, in widget/parts.js unpack) 13,243 -> 13,980 B, and the budget rose
// to 14 KiB: the ~0.7 KiB buys every index file served at about half its bytes.
// 2026-12-06 (branch rounds, issue #14: the page fetches the wasm beside the
// worker, abandoned orphan fetches, prefetch) 13,980 -> 15,983 B as source with
// its comments, and the budget rose to 16 KiB; bundles no longer serve these
// files but web/dist/ (minified, budgeted in the last test).
// 2026-11-27: wasm 129,085 B with index format v3 (the readers of dictionary and
// reverse parts, block lookups, typo ranges), 131,963 B with the Searcher keeping
// a ranking whose page waits for stored parts, 133,220 B with prefix and typo
// ranges capped (counted from their end blocks); the budget rose from 124 to
// 134 KiB (3 % above the last) for a base that no longer holds the dictionary
// (the first query downloads the dictionary blocks it reads instead of all of
// them) and a last loading round that does not rank again.
// 2026-12-06 (branch codesize2, issue #14 item 5: engine code <= 84 KiB gzip):
// wasm 135,481 -> 112,003 B by building for size (-Oz with inlining, the four
// hot files at -O2, -Oz at link; the measurements are in wasm/CMakeLists.txt),
// glue 11,507 -> 9,939 B (-Oz at link, TEXTDECODER=2, INCOMING_MODULE_JS_API);
// budgets 134 -> 113 KiB and 12.5 -> 10.5 KiB. What a page fetches from a
// bundle (wasm, dist/osprey-worker.js, dist/osprey.js) is 145,253 B, 141.8 KiB
// (about 170 KB before): the 84 KiB is not reached; the total has a
// budget of its own (the last test).
// 2026-12-06 (branch pages, issue #15: a hit is a page; merging a page's
// records, its sections chosen without a sort, per-kind statistics, the
// leading-field bonus, the pages of the base): +4.5 KB, measured before and
// after on the -O2 build (136,114 -> 140,610 B). Merged with codesize2 and
// slimhits: wasm 117,446 B (budget 117 KiB), the engine a page fetches from a
// bundle 150,567 B (budget 149 KiB).
// 2026-12-06 (branch indexed, issue #15 item 4: a site result's image and
// metadata chips, widget/hit-extras.js and their rules in styles.js):
// dist/osprey.js 19,668 -> 20,116 B; the budget rose from 19.5 to 19.7 KiB,
// the least that holds it (loading the ~40 lines on demand would cost a
// fetch round before the first results of every site search).
// 2026-12-06 (branch api, issue #17 item 4: the API Pagefind users call), each
// measured here against the same build of the commit before: wasm 118,445 ->
// 119,783 B (ranking options read and checked in options_json, scored with in
// match: within its budget); the page API's source modules 16,184 -> 18,934 B
// (widget/searcher.js: preload, debouncedSearch, filters, options, mergeIndex's
// glue, with their comments; widget/merge-loader.js), budget 16 -> 18.5 KiB;
// dist/osprey.js 19,668 -> 20,907 B (those, the keyboard path to the results,
// the merge attribute), budget 19.5 -> 20.5 KiB; the engine code of a bundle
// 151,566 -> 154,168 B, budget 149 -> 151 KiB. mergeIndex's merging
// (widget/merge.js, 1,148 B) is fetched only when a page calls it, and counted
// in none of these.
// Merging indexed, api and netfix (the engine's download and the bundle
// manifest bounded by fetch-timeout, a stalled wasm failing the worker's
// requests) on main: the page API's source modules 19,122 B (budget 18.5 ->
// 18.75 KiB), dist/osprey.js 21,514 B (20.5 -> 21.1 KiB), the engine code of a
// bundle 154,829 B (151 -> 151.3 KiB): each the sum of what the branches added.
// 2026-12-06 (branch snowball, issue #16): Snowball's English (libstemmer
// 2.2.0, generated C and its runtime, -Oz, LTO) in place of the hand-written
// Porter2, other languages' stemmers in modules of their own (engine/stem/):
// the wasm 118,445 -> 121,997 B (same tree before and after; standalone,
// Snowball English with its runtime is 4.3 KB gzip over an empty module);
// budget 117 -> 120 KiB. The stemmer modules' loader (widget/stemmer.js, in
// the worker and the page fallback): the page API's JS 16,184 -> 17,881 B
// (budget 16 -> 18 KiB), dist/osprey.js 19,668 -> 20,251 B (budget 19.5 -> 20
// KiB), dist/osprey-worker.js 13,453 -> 14,098 B; what an English page fetches
// from a bundle 151,566 -> 156,346 B (budget 149 -> 154 KiB).
// All six branches of 2026-12-06 merged on main (netfix, generators, indexed,
// api, nodeapi, snowball, typing), measured here: the wasm 124,073 B (Snowball
// English +3.5 KB, runtime ranking options +1.3 KB, typing's evidence blend
// +0.9 KB), budget 120 -> 121.5 KiB; the page API's source modules 20,838 B
// (18.75 -> 20.5 KiB); dist/osprey.js 22,086 B (21.1 -> 21.75 KiB); what an
// English page fetches from a bundle 160,328 B (151.3 -> 157 KiB). Issue #16
// asks that the English engine not grow and #14 that it shrink to 84 KiB:
// both missed; what to cut is listed in the session's closing note.
// 2026-12-06 (branch jsonweb, issue #17 item 5: the JSON index in the browser):
// open() knows a JSON index by its first byte past whitespace and imports
// widget/convert.js by URL only then; searcher.indexFormat. The page API's
// source modules 20,838 -> 21,045 B (budget 20.5 -> 20.6 KiB); dist/osprey.js
// 22,086 -> 22,214 B and dist/osprey-worker.js 14,169 -> 14,285 B, within their
// budgets. The converter, widget/convert.js (676 B minified) and
// engine/osprey-convert.wasm (75,317 B), is fetched only for a JSON index and
// counted in none of these.
// 2026-12-06 (branch enginesize, issue #16: the English engine no bigger than
// before Snowball, 118,445 B), measured here against the same build of the
// commit before: the wasm 124,205 -> 117,369 B (libc's strtod, with the
// 128-bit long double arithmetic musl computes it in, replaced by
// core/parse_double.cpp: -6.1 KB; the -O2 files without loop unrolling:
// -0.9 KB; wasm/CMakeLists.txt), budget 121.5 -> 116.5 KiB; the glue, the
// page API's JS and dist/ unchanged (glue 9,996 B, dist/osprey-worker.js
// 14,169 B, dist/osprey.js 22,086 B); what an English page fetches from a
// bundle 160,460 -> 153,624 B, budget 157 -> 152.5 KiB.
// 2026-12-06 (branch stopwords, issue #16 item 2): the English stop-word list
// left the engine (an index carries its language's list), and the analyzer
// gained Turkic and Cyrillic folding and bigrams of Thai, Lao, Myanmar and
// Khmer by units (a character with its marks): the wasm 124,205 -> 124,699 B
// (+494 B; 29276df and the branch built alike), budget 121.5 -> 122 KiB; what
// an English page fetches from a bundle, budget 157 -> 157.5 KiB.
// 2026-12-06 (merge of jsonweb and hang): the worker fetches the wasm itself,
// within the page's fetch-timeout, when the page's download failed (branch
// hang), beside the JSON detection: the page API's source modules 21,173 B,
// budget 20.6 -> 20.75 KiB.
// 2026-12-06 (merge of accents, issue #16: marked words stemmed before folding)
// wasm 117,889 -> 118,711 B, over the 118,445 B before Snowball; then fuzzy's
// code-point sort by insertion (std::sort's char32_t instantiation) and one
// comparator for both facet sorts: 117,518 B. Merging firstround, prefixcap,
// indexsize (format v4: lengths parts) and revlate (the typo tier planned only
// when the page is short): 120,089 B; then short lists sorted by insertion
// (core/small_sort.hpp: a query's required words), one comparator type for
// typo_matches' two sorts, one pair type for the completions' and the pages'
// sorts: 117,978 B.
// 2026-12-06 (branch jssize, issue #14 item 5: less JS before the first
// result), each step measured here against the one before (same wasm, 117,978 B):
// the widget's stylesheet minified as CSS in dist/osprey.js (esbuild's CSS
// minifier, scripts/bundle-web.mjs) 22,413 -> 21,748 B; the page no longer
// downloads the engine's side of osprey-core.js (widget/fetch.js holds
// OspreyError and fetchBytes; the main-thread fallback, widget/main-thread.js
// with osprey-core.js and parts.js, is imported by URL only when no worker
// starts) 21,748 -> 19,011 B, and dist/osprey-worker.js 14,385 -> 14,445 B (the
// UMD wrapper of fetch.js); the glue through the Closure Compiler (wasm/
// CMakeLists.txt) 9,996 -> 8,894 B, dist/osprey-worker.js 14,445 -> 13,338 B.
// What a page fetches from a bundle 154,776 -> 150,327 B. Budgets: glue 10.5 ->
// 9 KiB, dist/osprey.js 22 -> 19 KiB, dist/osprey-worker.js 16 -> 13.5 KiB, the
// total 152.5 -> 148 KiB; the page API's source modules 21,626 -> 21,975 B
// (fetch.js a file of its own, with its header; the worker's scripts now listed
// apart), budget 21.25 -> 21.5 KiB.
// 2026-12-06 (branch wasmsize, issue #14 item 5), measured here against the
// same build of the commit before: the wasm 117,978 -> 106,111 B (binary_codec's
// cold readers compiled for size, OSPREY_COLD; merge_sort in place of the
// std::stable_sort and std::sort instantiations; the Unicode fold segments
// packed in columns; excerpt's matcher without std::unordered_map; each step
// in wasm/CMakeLists.txt), budget 116.5 -> 104 KiB; what an English page
// fetches from a bundle 154,776 -> 142,909 B, budget 152.5 -> 140 KiB. The
// glue and dist/ unchanged (9,996 B; dist/osprey-worker.js 14,385 B,
// dist/osprey.js 22,413 B).
// 2026-12-06 (branch stored2, issue #14 item 4, index format v5): text parts
// (their reader, the excerpt window chosen from postings positions before the
// text is fetched, query/text_span, excerpts cut from slices of a value) on
// main 57fe043: the wasm 117,978 -> 123,284 B; the span's matches sorted as
// the pair type pages.cpp sorts, its terms grouped by the same sort, the
// excerpt segments' never-taken sort by insertion, one push of a field's
// excerpt: 122,571 B. Merged onto main f6ebcd2 (wasmsize's merge_sort for
// the text span's two sorts too; the text-part reader in text_parts.cpp, a
// file compiled -Oz, so OSPREY_COLD would change nothing): the wasm 106,224 ->
// 110,483 B (+4,259 B, the text parts' whole cost, measured against a build of
// main f6ebcd2); the wasm budget 104 -> 108.25 KiB and a bundle's engine code
// 136 -> 140.25 KiB (138,573 -> 142,832 B) rise by that cost and no more. In
// exchange the Python docs' typed queries fetch 445 instead of 654 KiB each
// (docs/index-format.md "Text parts"). Then section values shared with their
// pages' (base item 12b; a section's excerpt from its page's pieces): the
// wasm 110,483 -> 112,116 B (+1,633 B), budget 108.25 -> 109.5 KiB, a
// bundle's engine code 140.25 -> 141.75 KiB, each by that cost; the Python
// docs' typed queries fetch 533 KiB with fewer fetch waves than main. Merged
// with main 0b89888 (rounds2), item 12b in columns and without sizes (a
// section's end in its page's piece): main's wasm 106,304 B, the branch's
// 112,265 B (+5,961 B), budget 109.5 -> 109.875 KiB.
// 2026-12-06 (branch size2, issue #14 item 5: the element's optional parts on
// demand), measured here against the same wasm (106,304 B) and worker (13,338 B):
// the facet checkboxes (widget/facet-list.js) and their rules (widget/facet-styles.js)
// are a file of their own, dist/widget/facet-list.js (1,384 B), imported by URL
// when an opened index has facet fields to show, beside the first search's
// parts: dist/osprey.js 19,011 -> 18,501 B, budget 19 -> 18.25 KiB; what a page
// without facets fetches from a bundle 138,653 -> 138,143 B, budget 136 -> 135 KiB.
// Then the worker's glue linked for web and worker only (wasm/CMakeLists.txt
// osprey_engine_web, the same wasm byte for byte): dist/osprey-worker.js
// 13,338 -> 13,038 B, budget 13.5 -> 12.9 KiB; what a page without facets
// fetches from a bundle 138,143 -> 137,843 B, budget 135 -> 134.75 KiB.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';

import { loadEngineFactory, root, tmpDir } from './helpers.mjs';

const KiB = 1024;

function gzipSize(file) {
  return zlib.gzipSync(fs.readFileSync(path.resolve(root, file)), { level: 9 }).length;
}

test('osprey-engine.wasm stays within its gzip budget (packed tables, no constant CRC tables, no libc strtod)', () => {
  loadEngineFactory();  // fails clearly if the wasm build is missing
  const size = gzipSize('web/engine/osprey-engine.wasm');
  // 109.875 KiB (branch stored2): main's 104 KiB and the text parts' and shared
  // sections' 5,961 B (main d06e12e+ 106,304 B, the branch 112,265 B).
  assert.ok(size <= 109.875 * KiB, `osprey-engine.wasm is ${size} B gzip, over the budget of ${109.875 * KiB} B`);
});

test('the Emscripten glue is minified (Closure Compiler, esbuild) and within its gzip budget', () => {
  const size = gzipSize('web/engine/osprey-engine.js');
  assert.ok(size <= 9 * KiB, `osprey-engine.js is ${size} B gzip, over the budget of ${9 * KiB} B ` +
            '(linked without the Closure Compiler? wasm/CMakeLists.txt, scripts/setup)');
});

/** The files a module imports statically, itself included, transitively (paths from the root). */
function staticImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  for (const [, spec] of source.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?'([^']+)';/gm)) {
    staticImports(path.posix.join(path.posix.dirname(file), spec), seen);
  }
  return seen;
}

test('the page API fetches only its own small modules, within their gzip budget', () => {
  // What osprey.js imports statically: nothing of the <osprey-search> element.
  // Nor the engine's side of osprey-core.js: the main-thread fallback (widget/main-thread.js,
  // with widget/engine-core.js) is imported by URL only when no worker starts.
  const files = [...staticImports('web/osprey.js')];
  assert.deepEqual(files, ['web/osprey.js', 'web/widget/api.js', 'web/widget/core.js', 'web/widget/fetch.js',
                           'web/widget/stemmer.js', 'web/widget/main-thread-loader.js',
                           'web/widget/merge-loader.js', 'web/widget/searcher.js']);
  // and the worker's scripts (fetch.js and stemmer.js counted once)
  files.push('web/osprey-worker.js', 'web/widget/parts.js', 'web/osprey-core.js');
  const size = files.reduce((sum, f) => sum + gzipSize(f), 0);
  // 21.25 KiB: +0.5 KiB (2026-12-06, branch firstround) for the stemmer fetched beside the base (21,626 B);
  // 21.5 KiB (branch jssize): widget/fetch.js a file of its own (21,975 B).
  // 23.5 KiB (2026-12-07, search as you type: the search option anticipate, parts.js and
  // osprey-core.js, 21,975 -> 23,897 B).
  // 24 KiB (2026-12-07): fetchBytes asks again once when no answer came,
  // anticipation's kLettersAhead, and its cap over HTTP/1.x (24,007 -> 24,498 B).
  // 25 KiB (2026-12-07): display parts deflated against the bundle's dictionary
  // (parts.js unpack and partStore, the open option dictionary; 24,560 -> 25,558 B).
  assert.ok(size <= 25 * KiB, `the page API's JS is ${size} B gzip, over the budget of ${25 * KiB} B`);
});

// What a bundle serves (issue #14: fewer fetch rounds): web/dist/, written by
// scripts/bundle-web.mjs, in place of the modules above. 2026-12-06 (branch
// rounds): osprey.js (page API and element, minified) 18,579 B; osprey-worker.js
// (glue, parts.js, osprey-core.js and the worker, minified) 14,945 B, of which
// the glue is ~11.5 KiB (its own budget above).
/** web/dist/ as scripts/bundle-web.mjs writes it, into a temporary folder (once). */
function bundleDist() {
  if (!bundleDist.out) {
    loadEngineFactory();  // the worker bundle holds the glue
    const out = path.join(tmpDir(), 'dist');
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/bundle-web.mjs'), out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    bundleDist.out = out;
  }
  return bundleDist.out;
}

test('a bundle\'s page module and worker are one file each, without imports, within their gzip budgets', () => {
  const out = bundleDist();
  assert.deepEqual(fs.readdirSync(out).sort(), ['engine', 'osprey-worker.js', 'osprey.js', 'strings', 'widget']);
  // widget/merge.js: mergeIndex's module, imported by URL only when a page merges indexes;
  // widget/convert.js: the JSON index converter's loader, imported by URL only for a JSON index;
  // widget/main-thread.js: the fallback of a page that cannot start a worker, imported by URL only then.
  // widget/facet-list.js: the facet checkboxes of <osprey-search>, imported by URL only when the index has facets to show.
  assert.deepEqual(fs.readdirSync(path.join(out, 'widget')).sort(),
                   ['convert.js', 'facet-list.js', 'main-thread.js', 'merge.js']);
  const page = fs.readFileSync(path.join(out, 'osprey.js'), 'utf8');
  // One module: no static import (a dynamic import() would be a lazy chunk beside it).
  assert.doesNotMatch(page, /\bimport\s*(?:[\w{*][^;]*?\bfrom\s*)?["']/);
  assert.doesNotMatch(page, /\bimport\(["']/, 'no chunk: code splitting would share a runtime chunk that osprey.js imports');
  assert.match(page, /customElements/);
  const worker = fs.readFileSync(path.join(out, 'osprey-worker.js'), 'utf8');
  assert.match(worker, /OspreyEngine/);
  // The glue linked for web and worker only (engine/osprey-engine-web.js, wasm/CMakeLists.txt): no Node side.
  assert.match(worker, /^\/\/ GENERATED by scripts\/bundle-web\.mjs from web\/engine\/osprey-engine-web\.js, /);
  assert.doesNotMatch(worker, /process\.versions|require\("fs"\)/);
  assert.doesNotMatch(page, /count zero/, 'the facet checkboxes are widget/facet-list.js\'s, not osprey.js\'s');
  const pageSize = gzipSize(path.join(out, 'osprey.js'));
  // 19 KiB (2026-12-06, branch jssize): the stylesheet minified, no engine side (19,011 B).
  // 18.25 KiB (branch size2): the facet checkboxes and their stylesheet fetched on demand (19,011 -> 18,501 B).
  assert.ok(pageSize <= 18.25 * KiB, `dist/osprey.js is ${pageSize} B gzip, over the budget of ${18.25 * KiB} B`);
  const facetList = fs.readFileSync(path.join(out, 'widget/facet-list.js'), 'utf8');
  assert.doesNotMatch(facetList, /\bimport\s*(?:[\w{*][^;]*?\bfrom\s*)?["']/, 'facet-list.js is one module, without imports');
  const facetListSize = gzipSize(path.join(out, 'widget/facet-list.js'));
  // 1.5 KiB (branch size2): 1,384 B, with its stylesheet.
  assert.ok(facetListSize <= 1.5 * KiB, `dist/widget/facet-list.js is ${facetListSize} B gzip, over the budget of ${1.5 * KiB} B`);
  const workerSize = gzipSize(path.join(out, 'osprey-worker.js'));
  // 13.5 KiB (branch jssize): the glue through the Closure Compiler (13,338 B).
  // 12.9 KiB (branch size2): the glue without its Node side (13,038 B).
  // 13.5 KiB (2026-12-07): the search option anticipate (13,038 -> 13,625 B).
  // 13.875 KiB (2026-12-07): the dictionary's fetch and inflate (13,822 -> 14,199 B).
  assert.ok(workerSize <= 13.875 * KiB, `dist/osprey-worker.js is ${workerSize} B gzip, over the budget of ${13.875 * KiB} B`);
});

// The engine code a page fetches from a bundle to search: the wasm, the worker
// (with the glue) and the page module (the page API with <osprey-search>).
// Issue #14's target is 84 KiB (Pagefind's size); this budget sits a few
// percent above the total measured when it was set (145,253 B), so it only goes down.
test('the engine code a page fetches from a bundle stays within its total gzip budget', () => {
  const out = bundleDist();
  const files = ['web/engine/osprey-engine.wasm', path.join(out, 'osprey-worker.js'), path.join(out, 'osprey.js')];
  const size = files.reduce((sum, f) => sum + gzipSize(f), 0);
  // 136 KiB (2026-12-06, jssize and wasmsize merged): 138,460 B.
  // 135 KiB (branch size2): the facet checkboxes fetched only by pages with facets (138,653 -> 138,143 B);
  // 134.75 KiB: the worker's glue without its Node side (137,843 B).
  // 140.75 KiB (size2 and stored2 merged): the text parts' reader on top of size2's cuts (143,958 B).
  // 141.25 KiB (2026-12-07): the completion hints' reader and the expansion's hint path
  // (143,120 -> 144,368 B, against 4c4cf3e's build: the wasm 110,930 -> 112,168 B, its code 91.5 KB gzip by
  // bench/wasm-functions.mjs, hints reader 0.4 and expand 3.1 of it; the worker 13,625 -> 13,635 B),
  // for 16 % fewer bytes per typed query on debian-63k with the two-letter budget (docs/ranking.md "Typing").
  // 141.75 KiB (2026-12-07): the dictionary's fetch and inflate (145,043 B), for 8 % fewer
  // bytes per typed query and an index 11 % smaller on debian-63k (docs/index-format.md).
  assert.ok(size <= 141.75 * KiB, `the engine code is ${size} B gzip, over the budget of ${141.75 * KiB} B`);
});
