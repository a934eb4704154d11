// The engines as the benchmark drives them in Node, with comparable settings:
// the same fields (name, title, body on Debian records; title, body on HTML
// pages), field boosts where the engine has them (name 4, title 3, body 1, as in
// Osprey's schema), results limited to 10, and two modes:
//
//   mode   Osprey                 MiniSearch                      FlexSearch (Document,   lunr
//                                                                 tokenize "forward")
//   plain  typos off, prefix off  combineWith AND                 suggest off             +a +b
//   typo   typos on, prefix on    AND, fuzzy 0.2, prefix true     suggest on              +a~1 +b~1
//
// Phrases ("a b") go to Osprey and Pagefind as typed; the others have no
// phrase syntax and get the words. Pagefind runs only in the browser
// (browser.mjs). Each engine: build(records, cfg) -> {files: {name: data}},
// load(dir, cfg) -> index, search(index, query, mode) -> {count, top}.
// Osprey's index is sharded: it also has firstPass(index, query, mode) (async:
// the query's first run, which adds the parts it needs) and stats(index).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleIndex } from './osp.mjs';

const require = createRequire(import.meta.url);

export const ENGINE_IDS = ['osprey', 'minisearch', 'flexsearch', 'lunr', 'pagefind'];
export const ENGINE_LABELS = { osprey: 'Osprey', minisearch: 'MiniSearch', flexsearch: 'FlexSearch', lunr: 'lunr', pagefind: 'Pagefind' };

// Per-corpus field configuration shared by every engine.
export function fieldConfig(kind) {
  return kind === 'site'
    ? { fields: ['title', 'body'], boost: { title: 3 } }
    : { fields: ['name', 'title', 'body'], boost: { name: 4, title: 3 } };
}

function lunrTerms(words) {
  // lunr's query parser treats : ^ ~ * + - as operators; generated words are
  // ASCII letters, but keep it safe.
  return words.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export const nodeEngines = {
  minisearch: {
    async build(records, cfg) {
      const { default: MiniSearch } = await import('minisearch');
      const ms = new MiniSearch({ fields: cfg.fields, storeFields: ['title', 'url'] });
      ms.addAll(records);
      return { files: { 'index.json': JSON.stringify(ms) } };
    },
    async load(dir, cfg) {
      const { default: MiniSearch } = await import('minisearch');
      const text = fs.readFileSync(path.join(dir, 'index.json'), 'utf8');
      return () => MiniSearch.loadJSON(text, { fields: cfg.fields, storeFields: ['title', 'url'] });
    },
    search(ms, query, mode, cfg) {
      const options = { combineWith: 'AND', boost: cfg.boost };
      if (mode === 'typo') Object.assign(options, { fuzzy: 0.2, prefix: true });
      const hits = ms.search(query.words, options);
      return { count: hits.length, top: hits.slice(0, 10).map((h) => h.id) };
    },
  },

  flexsearch: {
    // cfg.flexBodyStrict: the fallback when "forward" on every field fails
    // (on the full Debian corpus its export crashes V8): body tokenized "strict".
    config(cfg) {
      const index = cfg.flexBodyStrict
        ? cfg.fields.map((field) => ({ field, tokenize: field === 'body' ? 'strict' : 'forward' }))
        : cfg.fields;
      return { tokenize: 'forward', document: { id: 'id', index, store: ['title', 'url'] } };
    },
    async build(records, cfg) {
      const { default: FlexSearch } = await import('flexsearch');
      const index = new FlexSearch.Document(this.config(cfg));
      for (const r of records) index.add(r);
      // One file per exported key, as FlexSearch's export/import docs do, plus
      // a manifest listing them in export order.
      const files = {};
      const keys = [];
      await index.export((key, data) => {
        const name = `${keys.length}.json`;
        keys.push({ key, file: name });
        files[name] = data;
      });
      files['manifest.json'] = JSON.stringify(keys);
      return { files };
    },
    async load(dir, cfg) {
      const { default: FlexSearch } = await import('flexsearch');
      const keys = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      const data = keys.map(({ key, file }) => [key, fs.readFileSync(path.join(dir, file), 'utf8')]);
      return async () => {
        const index = new FlexSearch.Document(this.config(cfg));
        for (const [key, text] of data) await index.import(key, text);
        return index;
      };
    },
    search(index, query, mode) {
      const hits = index.search(query.words, { limit: 10, enrich: true, merge: true, suggest: mode === 'typo' });
      return { count: hits.length, top: hits.map((h) => h.id) };
    },
  },

  lunr: {
    async build(records, cfg) {
      const lunr = require('lunr');
      const index = lunr(function () {
        this.ref('id');
        for (const f of cfg.fields) this.field(f, { boost: cfg.boost[f] || 1 });
        for (const r of records) this.add(r);
      });
      return { files: { 'index.json': JSON.stringify(index) } };
    },
    async load(dir) {
      const lunr = require('lunr');
      const text = fs.readFileSync(path.join(dir, 'index.json'), 'utf8');
      return () => lunr.Index.load(JSON.parse(text));
    },
    search(index, query, mode) {
      const terms = lunrTerms(query.words);
      const q = terms.map((t) => (mode === 'typo' ? `+${t}~1` : `+${t}`)).join(' ');
      const hits = index.search(q);
      return { count: hits.length, top: hits.slice(0, 10).map((h) => h.ref) };
    },
  },

  osprey: {
    // The wasm engine through web/osprey-core.js, as the worker uses it, on the
    // bundle `osprey index --bundle` wrote. Every file of the index (base and
    // parts) is read into memory first (not timed); load() is core.open() of
    // the base, whose fetcher hands over those bytes: the base only, as a page
    // loads it. Parts come in during searchLoading() (firstPass), as the
    // engine names them; search() then runs on parts already loaded (warm).
    async load(dir, cfg, { repo }) {
      const factory = require(path.join(repo, 'web/engine/osprey-engine.js'));
      const OspreyCore = require(path.join(repo, 'web/osprey-core.js'));
      const wasmBinary = fs.readFileSync(path.join(repo, 'web/engine/osprey-engine.wasm'));
      const b = bundleIndex(dir);
      const files = new Map();
      for (const f of [b.base, ...b.parts]) files.set(pathToFileURL(f).href, fs.readFileSync(f));
      const baseUrl = pathToFileURL(b.base).href;
      const core = await OspreyCore.create({ wasmBinary }, factory.OspreyEngine || factory);
      const fetched = { files: 0, bytes: 0 };
      const fetcher = async (url) => {
        const bytes = files.get(url);
        if (!bytes) throw new Error(`the engine asked for ${url}, which the bundle does not have`);
        if (url === baseUrl) return bytes;
        fetched.files++;
        fetched.bytes += bytes.length;
        return bytes;
      };
      return async () => {
        await core.open(baseUrl, fetcher);
        return { core, fetched, partFiles: files.size - 1 };
      };
    },
    options(mode) {
      const on = mode === 'typo';
      return { limit: 10, typos: on, prefix: on };
    },
    // Searches, fetching the parts the query needs first (from memory).
    async firstPass(index, query, mode) {
      const r = await index.core.searchLoading(query.q, this.options(mode));
      return { count: r.total, top: r.hits.map((h) => h.doc) };
    },
    search(index, query, mode) {
      const r = index.core.search(query.q, this.options(mode));
      if (r.needs) throw new Error(`needs parts ${r.needs.join(' ')} after its first run`);
      return { count: r.total, top: r.hits.map((h) => h.doc) };
    },
    stats(index) {
      return { partsFetched: index.fetched.files, partBytesFetched: index.fetched.bytes, partFiles: index.partFiles, wasmHeap: index.core.memoryBytes() };
    },
  },
};
