// A site written for Pagefind (its data-pagefind-* attributes only), indexed
// by Pagefind itself (its Node API, the npm package the bench uses) and by
// `osprey index --site`: the same pages, the same filter values on each page,
// the same sort keys in the same order, and the same titles (markup.hpp has
// the meanings Osprey reads them with). What Pagefind wrote is read from its
// files: fragments (gzip, a signature, JSON) and the meta index (gzip, a
// signature, CBOR).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import * as pagefind from 'pagefind';
import { cli, root } from './browser.mjs';

const site = join(root, 'tests/fixtures/sites/pagefind');
let dir, summary, index, ours, theirs;

/** The one data item of a CBOR text (RFC 8949), the types Pagefind writes. */
function cbor(bytes) {
  let i = 0;
  const argument = (info) => {
    if (info < 24) return info;
    if (info > 27) throw new Error(`CBOR: indefinite or reserved length ${info}`);
    let v = 0;
    for (let k = 0; k < 1 << (info - 24); k++) v = v * 256 + bytes[i++];
    return v;
  };
  const item = () => {
    const head = bytes[i++];
    const major = head >> 5;
    if (major === 7) return { 20: false, 21: true, 22: null }[head & 31];
    const n = argument(head & 31);
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: i += n; return bytes.subarray(i - n, i);
      case 3: i += n; return Buffer.from(bytes.subarray(i - n, i)).toString('utf8');
      case 4: return Array.from({ length: n }, item);
      case 5: return Object.fromEntries(Array.from({ length: n }, () => [item(), item()]));
      default: return item();  // 6: a tag, then its item
    }
  };
  return item();
}

/** Pagefind's payload: gunzipped, after its signature. */
function payload(content) {
  const raw = zlib.gunzipSync(Buffer.from(content));
  const at = raw.indexOf('pagefind_dcd');
  assert.ok(at >= 0, 'a Pagefind file without its signature');
  return raw.subarray(at + 'pagefind_dcd'.length);
}

/** {pages: {url: {title, filters: {key: [values]}}}, sorts: {key: [urls in order]}} */
async function pagefindView() {
  const { index } = await pagefind.createIndex({});
  const added = await index.addDirectory({ path: site });
  assert.deepEqual(added.errors, []);
  const { files } = await index.getFiles();
  const fragments = new Map();
  let meta;
  for (const f of files) {
    const hash = /fragment\/(.+)\.pf_fragment$/.exec(f.path);
    if (hash) fragments.set(hash[1], JSON.parse(payload(f.content).toString('utf8')));
    if (f.path.endsWith('.pf_meta')) meta = cbor(payload(f.content));
  }
  await pagefind.close();
  // The meta index: [version, pages [[hash, words, ...]], chunks, filters, sorts [[key, [page]]], ...]
  const [, metaPages, , , sorts] = meta;
  const url = (k) => fragments.get(metaPages[k][0]).url.replace(/^\//, '');
  const pages = {};
  for (const fragment of fragments.values()) {
    const filters = Object.fromEntries(Object.entries(fragment.filters).map(([k, v]) => [k, [...v].sort()]));
    pages[fragment.url.replace(/^\//, '')] = { title: fragment.meta.title, filters };
  }
  return { pages, sorts: Object.fromEntries(sorts.map(([key, order]) => [key, order.map(url)])) };
}

function search(file, options, query = '') {
  return JSON.parse(execFileSync(cli, ['search', file, query, '--json', '--options', JSON.stringify(options)],
                                 { encoding: 'utf8' }));
}

/** The pages a query finds (section hits count for their page). */
function found(query) {
  return [...new Set(search(index, { limit: 100 }, query).hits.map((h) => h.fields.page))].sort();
}

/** The same view of Osprey's index: page records (a url without #), filters by value, sorts by order. */
function ospreyView() {
  const bundle = join(dir, 'bundle');
  const run = spawnSync(cli, ['index', '--site', site, '--bundle', bundle, '--assets', join(root, 'web')],
                        { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  summary = run.stderr;
  const manifest = JSON.parse(readFileSync(join(bundle, 'osprey-manifest.json'), 'utf8'));
  index = join(bundle, manifest.languages.en.index);
  const isPage = (hit) => !hit.fields.url.includes('#');
  const all = search(index, { browse: true, limit: 1000 });
  const pages = {};
  for (const hit of all.hits.filter(isPage)) pages[hit.fields.url] = { title: hit.fields.title, filters: {} };
  for (const key of manifest.filters) {
    for (const { value } of all.facets[key] ?? []) {
      for (const hit of search(index, { browse: true, limit: 1000, filters: { [key]: value } }).hits.filter(isPage)) {
        (pages[hit.fields.url].filters[key] ??= []).push(value);
      }
    }
  }
  for (const p of Object.values(pages)) for (const v of Object.values(p.filters)) v.sort();
  const sorts = {};
  for (const key of manifest.sorts) {
    sorts[key] = search(index, { browse: true, limit: 1000, sort: `${key}:asc` }).hits
      .filter((hit) => isPage(hit) && hit.fields[key] !== undefined).map((hit) => hit.fields.url);
  }
  return { pages, sorts };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-pagefind-'));
  theirs = await pagefindView();
  ours = ospreyView();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('Pagefind and Osprey index the same pages (the body rule leaves out the home and tag pages)', () => {
  assert.deepEqual(Object.keys(ours.pages).sort(), Object.keys(theirs.pages).sort());
  assert.deepEqual(Object.keys(ours.pages).sort(), ['posts/knots.html', 'posts/tides.html']);
});

test('the same filter values on every page: element text, [attribute], a literal with commas, ignore="all"', () => {
  for (const [url, page] of Object.entries(theirs.pages)) {
    assert.deepEqual(ours.pages[url].filters, page.filters, url);
  }
  assert.deepEqual(ours.pages['posts/knots.html'].filters.author, ['Ada Byron, Countess, and friends']);
  assert.ok(!ours.pages['posts/tides.html'].filters.tag.includes('ignored-all'));
});

test('the same sort keys, the pages in the same order', () => {
  assert.deepEqual(ours.sorts, theirs.sorts);
});

test('the same titles: data-pagefind-meta="title" and its literal form', () => {
  for (const [url, page] of Object.entries(theirs.pages)) assert.equal(ours.pages[url].title, page.title, url);
});

test('the text Pagefind indexes: index-attrs values in, ignored elements and text outside the body out', () => {
  assert.deepEqual(found('chart'), ['posts/tides.html']);  // data-pagefind-index-attrs="title,alt"
  assert.deepEqual(found('slack'), ['posts/tides.html']);
  assert.deepEqual(found('bowline'), ['posts/knots.html']);
  assert.deepEqual(found('unindexedaside'), []);  // data-pagefind-ignore
  assert.deepEqual(found('hiddenall'), []);  // data-pagefind-ignore="all"
  assert.deepEqual(found('footer'), []);  // outside data-pagefind-body
});

test('the summary says which attributes were read and which pages the body rule left out', () => {
  assert.match(summary, /read Pagefind's data-pagefind-\* attributes with Pagefind's meanings/);
  assert.match(summary, /2 pages without data-pagefind-body not indexed/);
});
