// The Node indexing API (docs/node-api.md), Pagefind's shape: createIndex,
// then add records, then getFiles or writeFiles. Records are indexed by the
// builder compiled to WebAssembly (src/build/records_bundle.hpp, the code
// `osprey index` runs), so a bundle from here equals the CLI's for the same
// records and settings, byte for byte, on any OS. HTML files go to the native
// osprey binary of the platform package (HTML is read with Gumbo, which is
// not in the wasm). Every call resolves to a value with `errors` (a list of
// messages; empty on success) and never rejects.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { builder, compress, readAssets, webFolder } from './builder.js';
import { customRecord, customSchema } from './custom-records.js';

const CONFIG_KEYS = ['schema', 'language', 'base_path', 'split_above'];

/** Resolves to {errors, index}: index is null when the config has errors. */
export async function createIndex(config = {}) {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return { errors: ['createIndex takes an object (osprey.json\'s keys: schema, language, base_path, split_above)'], index: null };
  }
  const { assets = webFolder, ...settings } = config;
  const unknown = Object.keys(settings).find((k) => !CONFIG_KEYS.includes(k));
  if (unknown !== undefined) {
    return { errors: [`createIndex: unknown key ${JSON.stringify(unknown)} (it takes ${CONFIG_KEYS.join(', ')}, assets)`], index: null };
  }
  return { errors: [], index: new OspreyIndex(settings, assets) };
}

/** Runs f, turning anything thrown into {errors: [message]}. */
async function caught(what, f) {
  try {
    return await f();
  } catch (e) {
    return { errors: [`${what}: ${e?.message ?? e}`] };
  }
}

class OspreyIndex {
  #settings;
  #assets;
  #kind = null;     // 'records' | 'custom' | 'html', fixed by the first record
  #sets = new Map(); // language ('' for the config's) -> records as JSON Lines, in order
  #added = 0;         // records added, for the numbers warnings give
  #kinds = new Map(); // custom records: field name -> 'meta' | 'filter' | 'sort'
  #pages = new Map(); // HTML: file path in the site -> content

  constructor(settings, assets) {
    this.#settings = settings;
    this.#assets = assets;
    // The config's language (custom records: its index is the default, and first).
    if (settings.language) this.#sets.set(settings.language, []);
  }

  #add(language, line) {
    if (!this.#sets.has(language)) this.#sets.set(language, []);
    this.#sets.get(language).push([++this.#added, line]);
  }

  #claim(kind) {
    if (this.#kind === null || this.#kind === kind) {
      this.#kind = kind;
      return null;
    }
    const names = { records: 'addRecords', custom: 'addCustomRecord', html: 'addHTMLFile' };
    return `this index holds ${names[this.#kind]} input; ${names[kind]} needs an index of its own (createIndex)`;
  }

  /** Osprey records (objects whose keys are the schema's sources). {errors, count} */
  async addRecords(records) {
    return caught('addRecords', () => {
      if (!Array.isArray(records)) return { errors: ['addRecords takes a list of records (objects)'] };
      const clash = this.#claim('records');
      if (clash) return { errors: [clash] };
      for (const r of records) this.#add('', JSON.stringify(r) ?? 'null');
      return { errors: [], count: records.length };
    });
  }

  /** A Pagefind custom record: {url, content, language, meta, filters, sort}. {errors, file: {url, meta}} */
  async addCustomRecord(input) {
    return caught('addCustomRecord', () => {
      if (this.#settings.schema !== undefined) {
        return { errors: ['addCustomRecord: this index has a schema (createIndex({schema})); add Osprey records with addRecords'] };
      }
      const clash = this.#claim('custom');
      if (clash) return { errors: [clash] };
      const { record, error } = customRecord(input, this.#kinds);
      if (error) return { errors: [`addCustomRecord: ${error}`] };
      // One index per language; a record without one is in the config's, else "en".
      this.#add(input.language ?? this.#settings.language ?? 'en', JSON.stringify(record));
      return { errors: [], file: { url: record.url, meta: { ...input.meta } } };
    });
  }

  /** An HTML page, read by the osprey binary: {url, content} or {sourcePath, content}. {errors, file: {url}} */
  async addHTMLFile(file) {
    return caught('addHTMLFile', () => {
      const binary = nativeBinary();
      if (binary.error) return { errors: [binary.error] };
      const { url, sourcePath, content } = file ?? {};
      if (typeof content !== 'string') return { errors: ['addHTMLFile: "content" must be a string'] };
      const path = sitePath(sourcePath, url);
      if (path.error) return { errors: [`addHTMLFile: ${path.error}`] };
      const clash = this.#claim('html');
      if (clash) return { errors: [clash] };
      this.#pages.set(path.path, content);
      return { errors: [], file: { url: url ?? `/${path.path}` } };
    });
  }

  /** Every file of the bundle: {errors, files: [{path, content: Uint8Array}], warnings, documents}. */
  async getFiles() {
    return caught('getFiles', async () => {
      if (this.#kind === 'html') return this.#siteFiles();
      if (this.#kind === null) return { errors: ['getFiles: nothing was added to the index'], files: [] };
      const module = await builder();
      const read = readAssets(module, this.#assets);
      if (read.error) return { errors: [read.error], files: [] };
      const sets = [...this.#sets].filter(([, lines]) => lines.length > 0);
      const settings = this.#kind === 'custom'
        ? { ...this.#settings, schema: customSchema(this.#kinds, this.#settings.language ?? 'en') }
        : this.#settings;
      const encoder = new TextEncoder();
      const text = sets.map(([language, lines]) => [language, encoder.encode(lines.map(([, l]) => `${l}\n`).join(''))]);
      const built = module.buildBundle(JSON.stringify(settings), text, read.assets, compress);
      if (!built.ok) return { errors: [built.message], files: [] };
      return {
        errors: [],
        files: built.files.map((f) => ({ path: f.path, content: f.bytes })),
        // A warning's line in its set is the record's place there: back to its number.
        warnings: built.warnings.map((w) => `record ${sets[w.set][1][w.line - 1][0]}: ${w.message}`),
        documents: built.documents,
      };
    });
  }

  /** Writes getFiles' files under outputPath: {errors, outputPath}. */
  async writeFiles({ outputPath } = {}) {
    return caught('writeFiles', async () => {
      if (typeof outputPath !== 'string' || outputPath === '') {
        return { errors: ['writeFiles: "outputPath" must name a folder'], outputPath: null };
      }
      const got = await this.getFiles();
      if (got.errors.length) return { errors: got.errors, outputPath: null };
      for (const f of got.files) {
        const target = join(outputPath, ...f.path.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, f.content);
      }
      return { errors: [], outputPath, warnings: got.warnings };
    });
  }

  /** Drops what was added. {errors} */
  async deleteIndex() {
    this.#sets = new Map(this.#settings.language ? [[this.#settings.language, []]] : []);
    this.#added = 0;
    this.#pages.clear();
    this.#kinds.clear();
    this.#kind = null;
    return { errors: [] };
  }

  // HTML: the pages written into a temporary site, indexed by the binary.
  #siteFiles() {
    const binary = nativeBinary();
    if (binary.error) return { errors: [binary.error], files: [] };
    const tmp = mkdtempSync(join(tmpdir(), 'osprey-site-'));
    try {
      const site = join(tmp, 'site');
      for (const [path, content] of this.#pages) {
        const target = join(site, ...path.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      const out = join(tmp, 'bundle');
      const args = ['index', '--site', site, '--bundle', out, '--quiet', '--assets', this.#assets];
      if (this.#settings.language) args.push('--language', this.#settings.language);
      // Where the bundle will stand beside the site is not known here: page
      // URLs are from the site's root ("/about/"), as Pagefind's are.
      args.push('--base-path', this.#settings.base_path || '/');
      const run = spawnSync(binary.path, args, { encoding: 'utf8' });
      if (run.error) return { errors: [`cannot run ${binary.path}: ${run.error.message}`], files: [] };
      const lines = run.stderr.split('\n').filter(Boolean);
      if (run.status !== 0) return { errors: lines.length ? lines : [`osprey exited with ${run.status}`], files: [] };
      const files = [];
      const walk = (rel) => {
        for (const e of readdirSync(join(out, rel), { withFileTypes: true })) {
          if (e.isDirectory()) walk(`${rel}${e.name}/`);
          else files.push({ path: rel + e.name, content: new Uint8Array(readFileSync(join(out, rel, e.name))) });
        }
      };
      walk('');
      return { errors: [], files, warnings: lines.filter((l) => l.includes('warning:')) };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

/** A page's file in the temporary site: sourcePath as given, else from the URL ("/a/" -> a/index.html). */
function sitePath(sourcePath, url) {
  let path;
  if (typeof sourcePath === 'string' && sourcePath !== '') {
    path = sourcePath;
  } else if (typeof url === 'string' && url.startsWith('/')) {
    path = url.replace(/[?#].*$/, '');
    if (path.endsWith('/')) path += 'index.html';
    else if (!/\.html?$/.test(path)) path += '/index.html';
  } else {
    return { error: 'give "url" (a path from the site\'s root, like "/about/") or "sourcePath"' };
  }
  path = normalize(path.replace(/^\/+/, '')).split(sep).join('/');
  if (isAbsolute(path) || path === '..' || path.startsWith('../')) return { error: `${JSON.stringify(path)} is outside the site` };
  return { path };
}

/** The osprey binary: $OSPREY_BINARY, else the platform package's; or {error} saying why not. */
function nativeBinary() {
  if (process.env.OSPREY_BINARY) return { path: process.env.OSPREY_BINARY };
  const platform = `${process.platform}-${process.arch}`;
  const pkg = `@osprey-search/${platform}`;
  try {
    return { path: createRequire(import.meta.url).resolve(`${pkg}/bin/osprey`) };
  } catch {
    return { error: `addHTMLFile needs the osprey binary of ${pkg}, which is not installed (an optional dependency of osprey-search, built for linux-x64 only); records need no binary: addRecords, addCustomRecord` };
  }
}
