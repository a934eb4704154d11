// The wasm engine's stemmers against snowball-data, word for word: English in
// the engine, every other algorithm in its own module (web/engine/stem/,
// widget/stemmer.js) reached through the engine, as a page runs them. The
// native stemmers pass the same vocabularies (ctest native.snowball); together
// they prove native and wasm stem alike. Then an index in German and one in
// Russian, built by the native CLI, searched through osprey-core.js: open()
// fetches the language's module, inflected forms find each other.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';

import { cli, loadCommonJs, loadCore, loadEngineFactory, root, tmpDir, wasmPath } from './helpers.mjs';

// The engine with test entry points (wasm/engine_test_exports.cpp): the shipped
// engine's code plus Module.snowballStem.
const testEngine = path.join(root, 'build/wasm/wasm/osprey-engine-test');

const dataDir = '/usr/share/snowball/data';
const algorithmsFile = path.join(root, 'build/deps/snowball/algorithms.txt');
const stemDir = path.join(root, 'web/engine/stem');
const OspreyStemmer = loadCommonJs(path.join(root, 'web/widget/stemmer.js'));

function algorithms() {
  assert.ok(fs.existsSync(algorithmsFile), `${algorithmsFile} is missing: run scripts/fetch-snowball`);
  return fs.readFileSync(algorithmsFile, 'utf8').split('\n').filter(Boolean);
}

/** voc.txt or voc.txt.gz of a vocabulary (arabic's is gzipped). */
function vocabularyFile(algorithm, name) {
  const file = path.join(dataDir, algorithm, `${name}.txt`);
  return fs.existsSync(file) ? fs.readFileSync(file) : zlib.gunzipSync(fs.readFileSync(`${file}.gz`));
}

/** Offsets of the lines of a buffer: [start, end) pairs, a final newline ending the last. */
function lineBounds(buffer) {
  const bounds = [];
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    bounds.push(start, end);
    start = end + 1;
  }
  return bounds;
}

test('every word of snowball-data stems as the vectors say, through the wasm engine', async () => {
  assert.ok(fs.existsSync(`${testEngine}.js`), `${testEngine}.js is missing: cmake --build --preset wasm`);
  const module = await loadCommonJs(`${testEngine}.js`)({ wasmBinary: fs.readFileSync(`${testEngine}.wasm`) });
  const names = algorithms();
  assert.equal(names.length, 29);
  let total = 0;
  for (const algorithm of names) {
    const inEngine = OspreyStemmer.file(algorithm) === null;
    if (!inEngine) {
      const bytes = fs.readFileSync(path.join(stemDir, `${algorithm}.wasm`));
      module.ospreyStem = await OspreyStemmer.instantiate(bytes, algorithm);
    } else {
      module.ospreyStem = undefined;
    }
    const voc = vocabularyFile(algorithm, 'voc');
    const output = vocabularyFile(algorithm, 'output');
    const words = lineBounds(voc);
    const stems = lineBounds(output);
    assert.equal(words.length, stems.length, `${algorithm}: voc.txt and output.txt differ in lines`);
    const mismatches = [];
    for (let i = 0; i < words.length; i += 2) {
      const got = module.snowballStem(algorithm, voc.subarray(words[i], words[i + 1]));
      const want = output.toString('utf8', stems[i], stems[i + 1]);
      if (got !== want) mismatches.push(`${voc.toString('utf8', words[i], words[i + 1])} -> ${got} (expected ${want})`);
    }
    assert.deepEqual(mismatches.slice(0, 10), [], `${algorithm}: ${mismatches.length} of ${words.length / 2} differ`);
    total += words.length / 2;
  }
  // As ctest native.snowball: arabic 9,196,214 words, the other 28 together 1,823,131.
  assert.equal(total, 11019345);
  // Without its module, the engine has no stemmer for a language but English.
  module.ospreyStem = undefined;
  assert.equal(module.snowballStem('german', new TextEncoder().encode('pakete')), null);
  assert.equal(module.snowballStem('english', new TextEncoder().encode('skies')), 'sky');
});

// What a page in a language but English fetches beside the engine. Measured
// 2026-12-06 (gzip -9): 3.5 KB (norwegian) to 7.1 KB (catalan), greek 12.5 KB,
// serbian 24.6 KB (its Cyrillic and Latin forms); 163 KB all 28 (porter too).
test('the engine holds English only: a module for every other algorithm, each small', () => {
  const files = fs.readdirSync(stemDir).sort();
  assert.deepEqual(files, algorithms().filter((a) => a !== 'english').map((a) => `${a}.wasm`).sort());
  for (const f of files) {
    const size = zlib.gzipSync(fs.readFileSync(path.join(stemDir, f)), { level: 9 }).length;
    const budget = f === 'serbian.wasm' ? 25 * 1024 : f === 'greek.wasm' ? 13 * 1024 : 7.5 * 1024;
    assert.ok(size <= budget, `${f} is ${size} B gzip, over its budget of ${budget} B`);
  }
});

/** An index of records in language, written by the native CLI. */
function indexOf(language, records) {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(records));
  const out = path.join(dir, `${language}.osp`);
  const r = cli(['index', path.join(dir, 'r.json'), '--language', language, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  return out;
}

test('open() fetches the stemmer module of the index language; inflections find each other', async () => {
  const OspreyCore = loadCore();
  const fetched = [];
  const fetcher = async (url) => { fetched.push(url); return new Uint8Array(fs.readFileSync(url)); };
  const core = await OspreyCore.create({ wasmBinary: fs.readFileSync(wasmPath),
                                         locateFile: (f) => path.join(root, 'web/engine', f) },
                                       loadEngineFactory());
  const de = indexOf('de', [{ url: '1', title: 'Das Paket' }, { url: '2', title: 'Zwei Pakete' },
                            { url: '3', title: 'Mit Paketen' }, { url: '4', title: 'Ein Brief' }]);
  const loaded = await core.open(de, fetcher);
  assert.equal(loaded.stemmer, 'german');
  assert.deepEqual(fetched, [de, path.join(root, 'web/engine/stem/german.wasm')]);
  for (const q of ['Paket', 'Pakete', 'Paketen']) {
    assert.deepEqual(core.search(q).hits.map((h) => h.fields.url).sort(), ['1', '2', '3'], q);
  }
  const ru = indexOf('ru', [{ url: 'a', title: 'книга' }, { url: 'b', title: 'книги' }, { url: 'c', title: 'дом' }]);
  assert.equal((await core.open(ru, fetcher)).stemmer, 'russian');
  assert.deepEqual(core.search('книгу').hits.map((h) => h.fields.url).sort(), ['a', 'b']);
  // English: in the engine, nothing fetched.
  fetched.length = 0;
  const en = indexOf('en', [{ url: 'x', title: 'Skies' }]);
  assert.equal((await core.open(en, fetcher)).stemmer, 'english');
  assert.deepEqual(fetched, [en]);
  assert.equal(core.search('sky').hits.length, 1);
  core.close();
});

test('load() of an index whose stemmer is not set: searches fail until useStemmer()', async () => {
  const OspreyCore = loadCore();
  const core = await OspreyCore.create({ wasmBinary: fs.readFileSync(wasmPath) }, loadEngineFactory());
  core.load(fs.readFileSync(indexOf('fr', [{ url: '1', title: 'Les maisons' }])));
  assert.throws(() => core.search('maison'), { code: 'unsupported', message: /engine\/stem\/french\.wasm/ });
  await assert.rejects(core.useStemmer(new Uint8Array([1, 2, 3])),
                       { code: 'invalid-input', message: /^useStemmer\(\): not a stemmer module: / });
  await core.useStemmer(fs.readFileSync(path.join(stemDir, 'french.wasm')));
  assert.equal(core.search('maison').hits.length, 1);
  core.close();
});
