// The Node indexing API (web/node/indexer.js, docs/node-api.md): records go
// through the builder compiled to WebAssembly, and the bundle it writes equals
// the one `osprey index --bundle` writes for the same records and settings,
// file for file and byte for byte (the index files are gzip members: pako's
// deflate gives zlib's bytes). The result loads and searches in the engine;
// bad input comes back as error values, never as a throw.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';

import { createIndex } from '../../web/node/indexer.js';
import { cli, cliPath, createCore, root, tmpDir, urls, writeManyPartsRecords } from './helpers.mjs';

const web = path.join(root, 'web');
const news = JSON.parse(fs.readFileSync(path.join(root, 'data/news.json'), 'utf8'));
const books = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/records/books.json'), 'utf8'));
const booksSchema = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/records/books.schema.json'), 'utf8'));

/** Every file under dir: {relative path: bytes}. */
function filesUnder(dir, rel = '') {
  const out = {};
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.isDirectory()) Object.assign(out, filesUnder(dir, `${rel}${e.name}/`));
    else out[rel + e.name] = fs.readFileSync(path.join(dir, rel, e.name));
  }
  return out;
}

/** `osprey index ARGS --bundle DIR` (assets: this tree's web/); the bundle's files. */
function cliBundle(...args) {
  const dir = path.join(tmpDir(), 'bundle');
  const r = cli(['index', ...args, '--bundle', dir, '--assets', web]);
  assert.equal(r.status, 0, r.stderr);
  return filesUnder(dir);
}

/** Builds through the Node API and writes the bundle; its files. */
async function apiBundle(config, add) {
  const { errors, index } = await createIndex(config);
  assert.deepEqual(errors, []);
  await add(index);
  const dir = path.join(tmpDir(), 'bundle');
  const written = await index.writeFiles({ outputPath: dir });
  assert.deepEqual(written.errors, []);
  assert.equal(written.outputPath, dir);
  return filesUnder(dir);
}

function assertSameFiles(api, cliFiles) {
  assert.deepEqual(Object.keys(api).sort(), Object.keys(cliFiles).sort());
  for (const [name, bytes] of Object.entries(cliFiles)) {
    assert.ok(Buffer.compare(api[name], bytes) === 0, `${name} differs (${api[name].length} vs ${bytes.length} bytes)`);
  }
}

function writeJsonl(records) {
  const file = path.join(tmpDir(), 'records.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** The engine (Node) with a bundle's only index loaded. */
async function engineFor(files) {
  const manifest = JSON.parse(files['osprey-manifest.json']);
  const entry = Object.values(manifest.languages)[0];
  const { core } = await createCore();
  core.load(zlib.gunzipSync(files[entry.index]));
  return { core, manifest };
}

test('data/news.json: the Node API writes the bundle `osprey index --bundle` writes, byte for byte', async () => {
  const cliFiles = cliBundle(path.join(root, 'data/news.json'));
  const api = await apiBundle({}, (index) => index.addRecords(news));
  assertSameFiles(api, cliFiles);
  const { core, manifest } = await engineFor(api);
  assert.equal(manifest.languages.en.documents, 10);
  const { hits } = core.search('Koblenz', { limit: 3 });
  assert.equal(hits[0].fields.url, urls.koblenz);
});

test('a schema with a facet, a base path and a sharded index: the same bundle as the CLI', async () => {
  const config = path.join(tmpDir(), 'osprey.json');
  fs.writeFileSync(config, JSON.stringify({ schema: booksSchema, base_path: '/shop/', split_above: 100 }));
  const cliFiles = cliBundle(path.join(root, 'tests/fixtures/records/books.json'), '--config', config);
  const api = await apiBundle({ schema: booksSchema, base_path: '/shop/', split_above: 100 },
                              (index) => index.addRecords(books));
  assertSameFiles(api, cliFiles);
  const manifest = JSON.parse(api['osprey-manifest.json']);
  assert.equal(manifest.site_root, '/shop/');
  assert.deepEqual(manifest.filters, ['decade']);
  assert.ok(manifest.languages.en.parts > 0, 'sharded');
});

test('display parts deflated against a dictionary: the same bytes as the CLI (pako\'s deflateRaw with a dictionary is zlib\'s)', async () => {
  const { file } = writeManyPartsRecords(path.join(tmpDir(), 'records.jsonl'));
  const records = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const cliFiles = cliBundle(file, '--split-above', '0');
  const api = await apiBundle({ split_above: 0 }, (index) => index.addRecords(records));
  assertSameFiles(api, cliFiles);
  const manifest = JSON.parse(api['osprey-manifest.json']);
  const dictionary = manifest.languages.en.dictionary;
  assert.ok(api[dictionary], dictionary);
  const deflated = Object.keys(api).filter((name) => /\/[st][0-9]+$/.test(name));
  assert.ok(deflated.length > 10);
  for (const name of deflated) assert.equal(api[name].subarray(0, 4).toString('latin1'), 'OZD\x01', name);
});

test('Pagefind-shaped custom records map onto Osprey records and schema as documented', async () => {
  const custom = [
    { url: '/a/', content: 'Herons wade in shallow water', language: 'en',
      meta: { title: 'Herons', image: '/h.png' }, filters: { kind: ['bird', 'wader'] }, sort: { weight: '2.1' } },
    { url: '/b/', content: 'Ospreys dive for fish', language: 'en',
      meta: { title: 'Ospreys' }, filters: { kind: ['bird'] }, sort: { weight: '1.5' } },
    { url: '/c/', content: 'Salmon swim upstream', meta: { title: 'Salmon' }, filters: { kind: ['fish'] } },
  ];
  // docs/node-api.md "Custom records": the records and schema the CLI is given.
  const schema = { id: 'url', language: 'en', fields: [
    { name: 'url', stored: true }, { name: 'title', weight: 2, stored: true },
    { name: 'content', weight: 1, stored: true }, { name: 'image', stored: true },
    { name: 'kind', facet: true }, { name: 'weight', sortable: true }] };
  const records = custom.map(({ url, content, meta, filters, sort }) => ({ url, content, ...meta, ...filters, ...sort }));
  const config = path.join(tmpDir(), 'osprey.json');
  fs.writeFileSync(config, JSON.stringify({ schema }));
  const cliFiles = cliBundle(writeJsonl(records), '--config', config);
  const api = await apiBundle({}, async (index) => {
    for (const r of custom) {
      const added = await index.addCustomRecord(r);
      assert.deepEqual(added.errors, []);
      assert.equal(added.file.url, r.url);
    }
  });
  assertSameFiles(api, cliFiles);
  const { core, manifest } = await engineFor(api);
  assert.deepEqual([manifest.filters, manifest.sorts, manifest.meta], [['kind'], ['weight'], ['url', 'image']]);
  const r = core.search('', { filters: { kind: ['bird'] }, sort: 'weight:asc', limit: 5, browse: true });
  assert.deepEqual(r.hits.map((h) => h.fields.url), ['/b/', '/a/']);
  assert.equal(core.search('osprey', {}).hits[0].fields.title, 'Ospreys');
});

test('custom records in two languages: an index each, the config\'s language the default', async () => {
  const { index } = await createIndex({ language: 'fr' });
  for (const [url, content, language] of [['/en/a/', 'Herons wade', 'en'], ['/fr/a/', 'Les hérons', 'fr'],
                                           ['/en/b/', 'Ospreys dive', 'en']]) {
    assert.deepEqual((await index.addCustomRecord({ url, content, language, meta: { title: url } })).errors, []);
  }
  const got = await index.getFiles();
  assert.deepEqual(got.errors, []);
  const files = Object.fromEntries(got.files.map((f) => [f.path, Buffer.from(f.content)]));
  const manifest = JSON.parse(files['osprey-manifest.json']);
  assert.equal(manifest.default_language, 'fr');
  assert.deepEqual(Object.entries(manifest.languages).map(([l, e]) => [l, e.documents]), [['fr', 1], ['en', 2]]);
  const { core } = await createCore();
  core.load(zlib.gunzipSync(files[manifest.languages.en.index]));
  assert.deepEqual(core.search('osprey', {}).hits.map((h) => h.fields.url), ['/en/b/']);
  // The English index alone is the CLI's for those records.
  const schema = { id: 'url', language: 'en', fields: [{ name: 'url', stored: true },
    { name: 'title', weight: 2, stored: true }, { name: 'content', weight: 1, stored: true }] };
  const config = path.join(tmpDir(), 'osprey.json');
  fs.writeFileSync(config, JSON.stringify({ schema }));
  const out = path.join(tmpDir(), 'en.osp');
  const r = cli(['index', writeJsonl([{ url: '/en/a/', content: 'Herons wade', title: '/en/a/' },
                                      { url: '/en/b/', content: 'Ospreys dive', title: '/en/b/' }]),
                 '--config', config, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(zlib.gunzipSync(files[manifest.languages.en.index]).equals(fs.readFileSync(out)));
});

test('getFiles gives the files in memory; skipped records come back as warnings', async () => {
  const { index } = await createIndex({});
  await index.addRecords([news[0], 'not a record', { title: 'no url' }]);
  const got = await index.getFiles();
  assert.deepEqual(got.errors, []);
  assert.equal(got.documents, 1);
  assert.deepEqual(got.warnings, ['record 2: skipped: a record must be a JSON object, not string',
                                  'record 3: skipped: no "url" (the id field)']);
  assert.equal(got.files.at(-1).path, 'osprey-manifest.json');
  assert.ok(got.files.every((f) => f.content instanceof Uint8Array));
});

test('bad input gives error values, never a throw', async () => {
  assert.deepEqual(await createIndex({ site: 'public' }), {
    errors: ['createIndex: unknown key "site" (it takes schema, language, base_path, split_above, assets)'], index: null });
  const bad = async (config, add) => {
    const { index } = await createIndex(config);
    const added = await add(index);
    if (added.errors.length) return added.errors;
    return (await index.getFiles()).errors;
  };
  assert.deepEqual(await bad({}, (i) => i.addRecords('x')), ['addRecords takes a list of records (objects)']);
  assert.deepEqual(await bad({}, (i) => i.addCustomRecord({ content: 'x' })),
                   ['addCustomRecord: "url" must be a non-empty string']);
  assert.deepEqual(await bad({}, (i) => i.addCustomRecord({ url: '/x', content: 'x', filters: { kind: 'bird' } })),
                   ['addCustomRecord: filters.kind must be a list of strings']);
  assert.deepEqual(await bad({}, (i) => i.addCustomRecord({ url: '/x', content: 'x', language: 'en-GB' })),
                   ['language "en-GB": a language code is 2 to 8 letters a-z, like "en"']);
  assert.deepEqual(await bad({ language: 'en-GB' }, (i) => i.addRecords([news[0]])),
                   ['"language" must be a language code of 2 to 8 letters a-z, like "en"']);
  assert.deepEqual(await bad({ schema: { id: 'url', fields: [] } }, (i) => i.addRecords([news[0]])),
                   ['schema: "fields" is empty']);
  const { index } = await createIndex({});
  await index.addRecords([news[0]]);
  assert.deepEqual((await index.addCustomRecord({ url: '/x', content: 'x' })).errors,
                   ['this index holds addRecords input; addCustomRecord needs an index of its own (createIndex)']);
  assert.deepEqual((await index.writeFiles({})).errors, ['writeFiles: "outputPath" must name a folder']);
  assert.deepEqual((await (await createIndex({})).index.getFiles()).errors, ['getFiles: nothing was added to the index']);
});

test('addHTMLFile: the osprey binary indexes the pages as `osprey index --site` does', async () => {
  const saved = process.env.OSPREY_BINARY;
  try {
    delete process.env.OSPREY_BINARY;
    const { index } = await createIndex({});
    const missing = await index.addHTMLFile({ url: '/a/', content: '<html><body><h1>A</h1></body></html>' });
    assert.match(missing.errors[0], /^addHTMLFile needs the osprey binary of @osprey-search\/linux-x64, which is not installed/);

    process.env.OSPREY_BINARY = cliPath;
    const site = path.join(tmpDir(), 'site');
    const pages = { 'index.html': '<html lang="en"><head><title>Home</title></head><body><h1>Welcome</h1><p>Herons and ospreys.</p></body></html>',
                    'about/index.html': '<html lang="en"><head><title>About</title></head><body><h1>About</h1><p>We watch birds.</p></body></html>' };
    for (const [p, html] of Object.entries(pages)) {
      fs.mkdirSync(path.dirname(path.join(site, p)), { recursive: true });
      fs.writeFileSync(path.join(site, p), html);
    }
    const cliFiles = cliBundle('--site', site, '--base-path', '/');
    const api = await apiBundle({}, async (i) => {
      assert.deepEqual((await i.addHTMLFile({ url: '/', content: pages['index.html'] })).errors, []);
      assert.deepEqual((await i.addHTMLFile({ url: '/about/', content: pages['about/index.html'] })).errors, []);
    });
    // Page URLs from the site's root: base_path "/" unless the config says otherwise.
    assert.equal(JSON.parse(api['osprey-manifest.json']).site_root, '/');
    assertSameFiles(api, cliFiles);
  } finally {
    if (saved === undefined) delete process.env.OSPREY_BINARY;
    else process.env.OSPREY_BINARY = saved;
  }
});

const tsc = [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022',
             '--lib', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--skipLibCheck', 'false'];

test('indexer.d.ts: a plugin\'s use type-checks, misuse is rejected line by line', () => {
  const run = (file) => spawnSync(process.execPath, [...tsc, path.join(root, 'tests/node/types', file)],
                                  { encoding: 'utf8' });
  const usage = run('indexer-usage.ts');
  assert.deepEqual([usage.status, usage.stdout + usage.stderr], [0, '']);
  const misuse = run('indexer-misuse.ts');
  assert.equal(misuse.status, 2);
  const lines = [...misuse.stdout.matchAll(/indexer-misuse\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1]));
  assert.deepEqual(lines, [6, 7, 8, 9, 10], misuse.stdout);
});
