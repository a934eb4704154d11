// Writes web/dist/ (build output, not in git): what a page loads from a bundle,
// as few files as possible, so that loading takes few fetch rounds (issue #14).
// `osprey index --bundle/--site` copies web/dist/ over the bundle's top level
// (tools/site/bundle.hpp), in place of the source modules:
//
//   osprey.js          the page API and <osprey-search> as one ES module (esbuild),
//                      the element defined at import, its stylesheet
//                      (widget/styles.js cssText) minified as CSS. Code splitting
//                      is on: a dynamic import() in the sources becomes a chunk
//                      beside it (osprey-chunk-*.js), fetched only when it runs.
//   osprey-worker.js   the worker as one classic script: the Emscripten glue
//                      (engine/osprey-engine.js), widget/fetch.js, widget/parts.js,
//                      widget/stemmer.js, osprey-core.js and osprey-worker.js,
//                      concatenated in that order and minified (they share
//                      globals: OspreyEngine, OspreyFetch, OspreyParts,
//                      OspreyCore; osprey-worker.js imports them only when they
//                      are not defined yet). The wasm stays a file of its own.
//   widget/merge.js    Searcher.mergeIndex's module (no imports), minified; the
//                      page imports it by URL only when a page merges indexes.
//   widget/convert.js  the JSON index converter's loader (no imports), minified;
//                      osprey-core.js imports it by URL only for a JSON index.
//   widget/main-thread.js  the main-thread fallback (a page that cannot start a
//                      worker), with the engine's side of osprey-core.js
//                      (parts.js, its own copy of fetch.js), one module,
//                      minified; widget/api.js imports it by URL only then.
//   engine/            osprey-engine.wasm, and the glue for the page fallback (a
//                      page that cannot start workers loads it with a <script>),
//                      copied, stem/ (a stemmer module per language but
//                      English) and osprey-convert.wasm (the JSON index
//                      converter): the folder alone is all a page needs.
//   strings/           the widget's words, one JSON file per language, copied.
//
// The source modules stay what development and most tests use; the demo page
// (web/index.html) loads dist/osprey.js. import.meta.url: widget/api.js finds the worker and
// engine/ one folder up from itself; here that folder is the one of the bundled
// file, so it is defined as the URL api.js would have beside it.
//
// usage: node scripts/bundle-web.mjs [OUTDIR]   (scripts/build runs it)
import { build, transform } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const dest = resolve(process.argv[2] || join(web, 'dist'));
// Written beside it and renamed: `osprey index` runs (test suites side by side)
// copy the folder while it is rewritten.
const out = `${dest}.${process.pid}.tmp`;
const metaUser = 'widget/api.js';

// The worker's scripts, in the order importScripts() runs them.
export const kWorkerScripts = ['engine/osprey-engine.js', 'widget/fetch.js', 'widget/parts.js', 'widget/stemmer.js',
                                'osprey-core.js', 'osprey-worker.js'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// widget/styles.js with its cssText minified by esbuild's CSS minifier (the
// module has no imports and touches no DOM at load, so Node evaluates it here,
// as a data: URL: web/ has no package.json that says its files are modules).
const stylesSource = readFileSync(join(web, 'widget/styles.js'));
const { cssText } = await import(`data:text/javascript;base64,${stylesSource.toString('base64')}`);
const css = (await transform(cssText, { loader: 'css', minify: true, target: 'chrome110', logLevel: 'warning' })).code.trim();
const minifiedStyles = {
  name: 'minified-styles',
  setup(b) {
    b.onLoad({ filter: /[\\/]widget[\\/]styles\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const text = /^export const cssText = `[^`]*`;$/m;
      if (!text.test(source)) throw new Error(`${relative(root, path)} no longer defines cssText as one template literal`);
      return { contents: source.replace(text, () => `export const cssText = ${JSON.stringify(css)};`), loader: 'js' };
    });
  },
};

const entry = `export { Osprey, OspreyError } from './widget/api.js';
import './osprey-search.js';
`;
const page = await build({
  stdin: { contents: entry, resolveDir: web, sourcefile: 'osprey-entry.js' },
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
  minify: true,
  outdir: out,
  entryNames: 'osprey',
  chunkNames: 'osprey-chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
  define: { 'import.meta.url': 'ospreyApiUrl' },
  plugins: [minifiedStyles],
  banner: {
    js: `// GENERATED by scripts/bundle-web.mjs (esbuild) from web/osprey-search.js and web/widget/; do not edit.
const ospreyApiUrl = new URL('${metaUser}', import.meta.url).href;`,
  },
});
for (const file of Object.keys(page.metafile.inputs)) {
  const path = join(root, file);
  if (!existsSync(path) || relative(web, path) === metaUser) continue;  // existsSync: not the entry above
  if (/\bimport\.meta\b/.test(readFileSync(path, 'utf8'))) {
    throw new Error(`${file} uses import.meta, which only ${metaUser} may (see scripts/bundle-web.mjs)`);
  }
}

const sources = kWorkerScripts.map((f) => {
  const text = readFileSync(join(web, f), 'utf8');
  // Each file stays a statement list of its own: a file without a final newline
  // or semicolon must not run into the next.
  return `${text}\n;\n`;
});
const worker = await transform(sources.join(''), { minify: true, target: 'es2022', charset: 'utf8', legalComments: 'none' });
const banner = `// GENERATED by scripts/bundle-web.mjs from web/${kWorkerScripts.join(', web/')}; do not edit.\n`;
writeFileSync(join(out, 'osprey-worker.js'), banner + worker.code);

// widget/merge.js (Searcher.mergeIndex imports it by URL, only when called):
// a file of its own, minified, where widget/api.js looks for it.
// widget/convert.js likewise (osprey-core.js imports it by URL for a JSON index).
mkdirSync(join(out, 'widget'));
for (const f of ['widget/merge.js', 'widget/convert.js']) {
  const module = await transform(readFileSync(join(web, f), 'utf8'),
                                 { minify: true, format: 'esm', target: 'es2022', charset: 'utf8', legalComments: 'none' });
  writeFileSync(join(out, f), `// GENERATED by scripts/bundle-web.mjs from web/${f}; do not edit.\n${module.code}`);
}
// widget/main-thread.js (Osprey.open imports it by URL when no worker starts): its imports bundled in.
await build({
  entryPoints: [join(web, 'widget/main-thread.js')],
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
  minify: true,
  outfile: join(out, 'widget/main-thread.js'),
  logLevel: 'warning',
  banner: { js: '// GENERATED by scripts/bundle-web.mjs from web/widget/main-thread.js and its imports; do not edit.' },
});

mkdirSync(join(out, 'engine'));
for (const f of ['engine/osprey-engine.wasm', 'engine/osprey-engine.js']) copyFileSync(join(web, f), join(out, f));
// The JSON index converter (widget/convert.js), fetched only for a JSON index; built by the wasm preset.
if (existsSync(join(web, 'engine/osprey-convert.wasm'))) {
  copyFileSync(join(web, 'engine/osprey-convert.wasm'), join(out, 'engine/osprey-convert.wasm'));
}
// The stemmer modules of languages but English (widget/stemmer.js), fetched only by their language's page.
if (existsSync(join(web, 'engine/stem'))) cpSync(join(web, 'engine/stem'), join(out, 'engine/stem'), { recursive: true });
// The widget's words (widget/languages.js finds strings/ beside the page's code).
cpSync(join(web, 'strings'), join(out, 'strings'), { recursive: true });

// The old folder is moved away first (no stale chunks); the new one takes its
// place at once.
const old = `${dest}.${process.pid}.old`;
if (existsSync(dest)) renameSync(dest, old);
renameSync(out, dest);
rmSync(old, { recursive: true, force: true });

const written = [...Object.entries(page.metafile.outputs).map(([f, o]) => [relative(out, join(root, f)), o.bytes]),
                 ['osprey-worker.js', Buffer.byteLength(banner + worker.code)]];
console.log(`wrote ${relative(root, dest)}/: ${written.map(([f, n]) => `${f} (${n} bytes)`).join(', ')}`);
