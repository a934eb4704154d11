// The JSON index in JS (issue #17 item 5; docs/index-format.md "JSON format"):
// widget/convert.js with engine/osprey-convert.wasm makes of `osprey index
// --index-format json`'s file the very bytes `osprey index -o` writes for the
// same records (records and a site, whose sections are a group field); the
// core's open() takes a JSON index by its content and searches it as the
// binary one; malformed JSON gives the engine's error codes with the reader's
// message, and a JSON index beyond the format's limits "limit".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { cli, loadCore, loadEngineFactory, root, tmpDir, wasmPath } from './helpers.mjs';

const { toBinary } = await import(pathToFileURL(path.join(root, 'web/widget/convert.js')).href);
const { OspreyError } = loadCore();
const readFile = async (url) => new Uint8Array(fs.readFileSync(new URL(url)));

/** The -o file of `osprey index ARGS` in both formats: {binary, json} Buffers. */
function bothFormats(args, dir = tmpDir()) {
  const out = {};
  for (const format of ['binary', 'json']) {
    const file = path.join(dir, `index.${format}`);
    const r = cli(['index', ...args, '-o', file, '--index-format', format, '-q']);
    assert.equal(r.status, 0, r.stderr);
    out[format] = fs.readFileSync(file);
  }
  return out;
}

const locate = (file) => pathToFileURL(path.join(root, 'web/engine', file)).href;
const convert = (bytes) => toBinary(new Uint8Array(bytes), locate, readFile, OspreyError);

test('a JSON index of records converts to the bytes osprey index -o writes', async () => {
  const { binary, json } = bothFormats([path.join(root, 'data/news.json')]);
  assert.equal(json.subarray(0, 39).toString(), '{"format":"osprey-index","version":1,"g');
  assert.ok(Buffer.from(await convert(json)).equals(binary));
});

test('a JSON index of a site (pages and their sections: a group field) converts byte for byte', async () => {
  const { binary, json } = bothFormats(['--site', path.join(root, 'tests/fixtures/sites/basic'),
                                        '--exclude', 'drafts/', '--exclude', 'fr/']);
  assert.match(json.toString(), /"group":true/);
  assert.ok(Buffer.from(await convert(json)).equals(binary));
});

/** The OspreyError convert(text) rejects with: {code, message}. */
async function convertError(text) {
  const error = await convert(Buffer.from(text)).then(() => assert.fail('converted'), (e) => e);
  assert.ok(error instanceof OspreyError, String(error));
  return { code: error.code, message: error.message };
}

test('a malformed JSON index gives the engine\'s error codes and the reader\'s messages', async () => {
  const { json } = bothFormats([path.join(root, 'data/news.json')]);
  const text = json.toString();
  assert.deepEqual(await convertError(text.slice(0, 700)),
                   { code: 'corrupt-index', message: 'index is not valid JSON (truncated or garbled?): 1:701: syntax error while parsing value - invalid string: missing closing quote; last read: \'"2021\'' });
  assert.deepEqual(await convertError('{"format": "osprey-index", "version": 7}'),
                   { code: 'unsupported', message: 'index format version 7 is not supported (this reader reads version 1)' });
  assert.deepEqual(await convertError('{"format": "lucene"}'),
                   { code: 'unsupported', message: 'not an Osprey index ("format" is not "osprey-index")' });
  assert.deepEqual(await convertError(text.replace('"doc_count":10', '"doc_count":9')).then((e) => e.code), 'corrupt-index');
  // Nesting deeper than any index needs: parsed without recursion, then refused.
  const deep = `{"format":"osprey-index","version":1,"x":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  assert.deepEqual(await convertError(deep), { code: 'corrupt-index', message: '"schema" is missing' });
  // The module is not dead after an error: the next conversion works.
  assert.ok((await convert(json)).length > 0);
});

test('a JSON index beyond the binary format\'s limits is refused with "limit"', async () => {
  // A field length the JSON reader takes (an int below 2^32) but the binary
  // format holds not (index/limits.hpp kMaxFieldLength).
  const index = JSON.parse(bothFormats([path.join(root, 'data/news.json')]).json.toString());
  index.field_lengths.title[0] = 2 ** 32 - 1;
  assert.deepEqual(await convertError(JSON.stringify(index)), {
    code: 'limit',
    message: 'too many words in one document\'s field "title": 4,294,967,295 (the index format holds at most 4,294,967,294)',
  });
});

test('open() takes a JSON index by its content and searches it as the binary one', async () => {
  const dir = tmpDir();
  const { binary, json } = bothFormats([path.join(root, 'data/news.json')], dir);
  // A name that says nothing: the content decides.
  fs.writeFileSync(path.join(dir, 'json-index.osp'), json);
  fs.writeFileSync(path.join(dir, 'binary-index.osp'), binary);
  // osprey-core.js as real CommonJS (loadCore's vm function cannot import()): a copy with its scripts.
  const copy = path.join(dir, 'web');
  for (const f of ['osprey-core.js', 'widget/fetch.js', 'widget/parts.js', 'widget/stemmer.js']) {
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(root, 'web', f), path.join(copy, f));
  }
  fs.writeFileSync(path.join(copy, 'package.json'), '{"type": "commonjs"}\n');
  const OspreyCore = createRequire(import.meta.url)(path.join(copy, 'osprey-core.js'));
  const engineDir = pathToFileURL(path.join(root, 'web/engine/')).href;
  const open = async (file) => {
    const core = await OspreyCore.create({ wasmBinary: fs.readFileSync(wasmPath), locateFile: (f) => engineDir + f },
                                         loadEngineFactory());
    return { core, loaded: await core.open(pathToFileURL(path.join(dir, file)).href, readFile) };
  };
  const a = await open('json-index.osp');
  const b = await open('binary-index.osp');
  assert.equal(a.loaded.indexFormat, 'json');
  assert.equal(b.loaded.indexFormat, 'binary');
  const { indexFormat: _a, ...infoA } = a.loaded;
  const { indexFormat: _b, ...infoB } = b.loaded;
  assert.deepEqual(infoA, infoB);
  for (const [query, options] of [['syria', { facets: true }], ['refugee', { sort: 'date:desc' }],
                                  ['torture trial', { excerptWords: 12 }], ['syira', { typos: true }]]) {
    const answer = b.core.search(query, options);
    assert.ok(answer.hits.length > 0, query);
    assert.deepEqual(a.core.search(query, options), answer, query);
  }
  a.core.close();
  b.core.close();
});

test('docs/index-format.md\'s complete example is what osprey index writes, and converts', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'birds.json'), JSON.stringify([
    { title: 'Grey heron', url: '/heron', type: 'Bird' }, { title: 'Heron and egret', url: '/egret', type: 'Bird' }]));
  fs.writeFileSync(path.join(dir, 'schema.json'), JSON.stringify({ id: 'url', fields: [
    { name: 'title', source: 'title', weight: 2, stored: true }, { name: 'type', source: 'type', facet: true },
    { name: 'url', source: 'url', stored: true }] }));
  const { binary, json } = bothFormats([path.join(dir, 'birds.json'), '--config', path.join(dir, 'schema.json')], dir);
  const doc = fs.readFileSync(path.join(root, 'docs/index-format.md'), 'utf8');
  const example = /## A complete example\n[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)[1];
  assert.deepEqual(JSON.parse(example), JSON.parse(json.toString()));
  assert.ok(Buffer.from(await convert(Buffer.from(example))).equals(binary));
});
