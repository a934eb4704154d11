// web/osprey-worker.js and web/osprey.js under Node, without a browser: the
// worker runs in a vm context that provides what a classic Web Worker has
// (self, location, importScripts, fetch, postMessage, AbortController), with fetch served from
// the repository and a temporary folder at http://osprey.test/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import vm from 'node:vm';

import { buildSampleIndex, cliLoadError, loadEngineFactory, newsFields, root, tmpDir, urls } from './helpers.mjs';

const origin = 'http://osprey.test';
let dir;
let good;

before(() => {
  loadEngineFactory();  // fails clearly if the wasm build is missing
  dir = tmpDir();
  good = buildSampleIndex(dir);
  const corrupt = Buffer.from(good.bytes);
  corrupt[200] ^= 1;  // inside the base's payload: its checksum no longer matches
  fs.writeFileSync(path.join(dir, 'corrupt.osp'), corrupt);
});

// /web/... from the repository, /index/... from the temporary folder.
async function fakeFetch(url) {
  const u = new URL(url);
  if (u.origin !== origin) throw new TypeError('fetch failed');
  const [, top, ...rest] = u.pathname.split('/');
  const base = top === 'web' ? path.join(root, 'web') : top === 'index' ? dir : null;
  const file = base && path.join(base, ...rest);
  if (!file || !fs.existsSync(file)) return new Response('not found', { status: 404, statusText: 'Not Found' });
  const type = { '.js': 'text/javascript', '.wasm': 'application/wasm' }[path.extname(file)];
  return new Response(fs.readFileSync(file), { status: 200, headers: { 'content-type': type || 'application/json' } });
}

/**
 * Starts osprey-worker.js in a worker-like vm context; deliver(reply) gets its
 * replies. name: the worker's (self.name); file: the script run as
 * /web/osprey-worker.js (a bundled one); seen: {fetched, imported} URLs.
 */
function startWorker(deliver, { name = '', file = null, seen = { fetched: [], imported: [] } } = {}) {
  const scriptUrl = `${origin}/web/osprey-worker.js`;
  const sandbox = {
    name,
    location: { href: scriptUrl },
    fetch: (url, options) => {
      seen.fetched.push(String(url));
      return fakeFetch(url, options);
    },
    postMessage: (message) => deliver(structuredClone(message)),
    console, setTimeout, clearTimeout, URL, TextDecoder, AbortController,
  };
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  // TextEncoder is not a V8 builtin; the shim returns the context's Uint8Array
  // (Embind checks instanceof Uint8Array in its own realm).
  const ContextUint8Array = vm.runInContext('Uint8Array', sandbox);
  const encoder = new TextEncoder();
  sandbox.TextEncoder = class {
    encode(text) {
      const bytes = encoder.encode(text);
      const out = new ContextUint8Array(bytes.length);
      out.set(bytes);
      return out;
    }
  };
  const run = (source) => vm.runInContext(fs.readFileSync(source, 'utf8'), sandbox, { filename: source });
  sandbox.importScripts = (...scripts) => {
    for (const script of scripts) {
      const url = new URL(script, scriptUrl);
      assert.equal(url.origin, origin);
      seen.imported.push(url.href);
      run(path.join(root, url.pathname));
    }
  };
  if (file) run(file);
  else sandbox.importScripts(scriptUrl);
  return (request) => sandbox.onmessage({ data: structuredClone(request) });
}

/** The worker driven directly by its message protocol; options as for startWorker. */
function workerClient(options) {
  const waiting = new Map();
  const send = startWorker((reply) => {
    waiting.get(reply.id)(reply);
    waiting.delete(reply.id);
  }, options);
  let nextId = 1;
  const ask = (request) => new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    send({ id, ...request });
  });
  ask.post = send;  // a message with no reply
  return ask;
}

test('worker protocol: open, search, and errors as {code, message}', async () => {
  const ask = workerClient();
  // Sent back to back: the search waits for the open.
  const [opened, searched] = await Promise.all([
    ask({ type: 'open', url: `${origin}/index/news.osp` }),
    ask({ type: 'search', query: 'torture', options: { limit: 2 } }),
  ]);
  assert.deepEqual(opened, {
    id: 1, ok: true, result: { docCount: 10, parts: 5, language: 'en', stemmer: 'english', fields: newsFields, idField: 'url',
              indexFormat: 'binary' },
  });
  assert.equal(searched.ok, true);
  assert.equal(searched.result.total, 4);
  assert.deepEqual(searched.result.terms, ['torture']);
  assert.deepEqual(searched.result.hits.map((h) => h.fields.url), [urls.returning, urls.trial]);

  assert.deepEqual(await ask({ type: 'open', url: `${origin}/index/missing.json` }), {
    id: 3, ok: false,
    error: { code: 'network', message: `cannot fetch ${origin}/index/missing.json: HTTP 404 Not Found` },
  });
  assert.deepEqual(await ask({ type: 'open', url: 'http://elsewhere.test/news.osp' }), {
    id: 4, ok: false,
    error: { code: 'network', message: 'cannot fetch http://elsewhere.test/news.osp: fetch failed' },
  });
  const corrupt = await ask({ type: 'open', url: `${origin}/index/corrupt.osp` });
  // Named by its URL, as the CLI names the file.
  assert.deepEqual(corrupt.error, {
    code: 'corrupt-index', message: `${origin}/index/corrupt.osp: ${cliLoadError(path.join(dir, 'corrupt.osp')).message}`,
  });
  assert.equal(corrupt.error.message, `${origin}/index/corrupt.osp: index part at byte 0: checksum mismatch (corrupted data)`);
  assert.deepEqual((await ask({ type: 'search', query: 'x', options: { limit: -2 } })).error,
                   { code: 'invalid-argument', message: 'limit must be a non-negative integer (got -2)' });
  assert.equal((await ask({ type: 'frobnicate' })).error.code, 'invalid-argument');
  // Still searching the index loaded first.
  assert.equal((await ask({ type: 'search', query: 'Koblenz' })).result.total, 1);
});

test('worker: search before open replies not-loaded', async () => {
  const ask = workerClient();
  assert.deepEqual((await ask({ type: 'search', query: 'torture' })).error,
                   { code: 'not-loaded', message: 'no index loaded (call load first)' });
});

test('the bundled worker (web/dist, one script) answers the protocol with the wasm its page sent', async () => {
  const out = path.join(tmpDir(), 'dist');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/bundle-web.mjs'), out], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const seen = { fetched: [], imported: [] };
  const ask = workerClient({ name: 'osprey-wasm-from-page', file: path.join(out, 'osprey-worker.js'), seen });
  // Requests before the wasm wait for it.
  const opening = ask({ type: 'open', url: `${origin}/index/news.osp` });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const wasm = fs.readFileSync(path.join(root, 'web/engine/osprey-engine.wasm'));
  ask.post({ type: 'engine', wasm: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.length) });
  assert.equal((await opening).ok, true);
  const searched = await ask({ type: 'search', query: 'torture', options: { limit: 2 } });
  assert.deepEqual(searched.result.hits.map((h) => h.fields.url), [urls.returning, urls.trial]);
  // One script: nothing imported; the wasm came from the page: only the index fetched.
  assert.deepEqual(seen.imported, []);
  assert.deepEqual(seen.fetched, [`${origin}/index/news.osp`]);
});

test('the source worker imports its scripts; unnamed, it fetches the wasm itself', async () => {
  const seen = { fetched: [], imported: [] };
  const ask = workerClient({ seen });
  assert.equal((await ask({ type: 'open', url: `${origin}/index/news.osp` })).ok, true);
  assert.deepEqual(seen.imported, ['osprey-worker.js', 'engine/osprey-engine.js', 'widget/fetch.js', 'widget/parts.js',
                                 'widget/stemmer.js', 'osprey-core.js']
    .map((f) => `${origin}/web/${f}`));
  assert.deepEqual(seen.fetched, [`${origin}/web/engine/osprey-engine.wasm`, `${origin}/index/news.osp`]);
});

// osprey.js with a Worker class that runs the worker as above.
class FakeWorker {
  static urls = [];
  static names = [];
  #send;
  #terminated = false;
  constructor(url, options) {
    FakeWorker.urls.push(String(url));
    FakeWorker.names.push(options?.name);
    this.#send = startWorker((reply) => setTimeout(() => {
      if (!this.#terminated) this.onmessage?.({ data: reply });
    }), { name: options?.name });
  }
  postMessage(message) {
    setTimeout(() => this.#terminated || this.#send(message));
  }
  terminate() {
    this.#terminated = true;
  }
}

test('osprey.js: open, search, close, and OspreyError rejections', async (t) => {
  globalThis.Worker = FakeWorker;
  // The page fetches the index early, over the network its worker uses (as in a browser).
  const realFetch = globalThis.fetch;
  globalThis.fetch = fakeFetch;
  t.after(() => { globalThis.fetch = realFetch; });
  const { Osprey, OspreyError } = await import('../../web/osprey.js');
  const searcher = await Osprey.open('index/news.osp', { baseUrl: `${origin}/demo/../` });
  assert.equal(FakeWorker.urls.at(-1), new URL('../../web/osprey-worker.js', import.meta.url).href);
  // The page fetches the wasm and sends it (here its file: URL fails: the worker's engine fetches it then).
  assert.equal(FakeWorker.names.at(-1), 'osprey-wasm-from-page');
  assert.equal(searcher.docCount, 10);
  // The index's descriptors come with the load: no probing search needed.
  assert.equal(searcher.language, 'en');
  assert.deepEqual(searcher.fields, newsFields);
  assert.equal(searcher.idField, 'url');

  const r = await searcher.search('torture', { limit: 3 });
  assert.deepEqual(Object.keys(r), ['total', 'fullTotal', 'terms', 'hits', 'facets', 'didYouMean']);
  assert.equal(r.total, 4);
  assert.deepEqual(r.hits.map((h) => h.fields.url), [urls.returning, urls.trial, urls.koblenz]);
  assert.deepEqual((await searcher.search('syria', { offset: 8, prefix: false, typos: false })).hits.length, 1);
  await assert.rejects(searcher.search('syria', { offset: -1 }),
                       (e) => e instanceof OspreyError && e.code === 'invalid-argument');

  searcher.close();
  await assert.rejects(searcher.search('torture'),
                       { name: 'OspreyError', code: 'closed', message: 'the searcher is closed' });

  await assert.rejects(Osprey.open('index/corrupt.osp', { baseUrl: `${origin}/` }), (e) => {
    assert.ok(e instanceof OspreyError);
    assert.equal(e.name, 'OspreyError');
    assert.equal(e.code, 'corrupt-index');
    assert.equal(e.message, `${origin}/index/corrupt.osp: index part at byte 0: checksum mismatch (corrupted data)`);
    return true;
  });
  await assert.rejects(Osprey.open(`${origin}/index/nope.json`), {
    name: 'OspreyError', code: 'network', message: `cannot fetch ${origin}/index/nope.json: HTTP 404 Not Found`,
  });
});
