// Loading the parts of a sharded index (web/widget/parts.js through
// osprey-core.js): as many rounds as a query needs, each adding parts not held
// yet (issue #13 #1: a fixed cap of eight rounds called a valid index corrupt);
// a part asked for again is a corrupt index; fetches that stall time out;
// cancelled searches stop, and their fetches that no later round names are
// abandoned (issue #14); the request handler runs searches side by side and
// fetches a part once for all of them (#3).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { cli, createCore, tmpDir, unpackFile, until, within, writeManyPartsRecords } from './helpers.mjs';

let dir, bundle, base, baseUrl, query, whole, server, origin;
const requested = [];     // paths the server was asked for
const hold = new Map();   // path -> ms before its answer (Infinity: headers, then nothing)

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  dir = tmpDir();
  ({ query } = writeManyPartsRecords(path.join(dir, 'records.jsonl')));
  let r = cli(['index', path.join(dir, 'records.jsonl'), '--bundle', path.join(dir, 'b'), '--split-above', '0', '-q']);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['index', path.join(dir, 'records.jsonl'), '-o', path.join(dir, 'whole.osp'), '-q']);
  assert.equal(r.status, 0, r.stderr);
  bundle = path.join(dir, 'b');
  base = fs.readdirSync(bundle).find((f) => f.endsWith('.osp'));
  baseUrl = new URL(`file://${path.join(bundle, base)}`).href;
  ({ core: whole } = await createCore());
  whole.load(fs.readFileSync(path.join(dir, 'whole.osp')));
  server = createServer((req, res) => {
    const name = decodeURIComponent(req.url.slice(1));
    requested.push(name);
    const file = path.join(bundle, name);
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    const wait = hold.get(name) ?? 0;
    if (wait === Infinity) {
      res.writeHead(200, { 'Content-Length': fs.statSync(file).size });
      res.write(fs.readFileSync(file).subarray(0, 10));  // then nothing: a stall mid-body
      return undefined;
    }
    setTimeout(() => res.writeHead(200).end(fs.readFileSync(file)), wait);
    return undefined;
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  whole?.close();
  server?.closeAllConnections();
  server?.close();
});

// Files of the bundle by file:// URL; names fetched, in order.
function fileFetcher(fetched, swap = (name) => name) {
  return async (url) => {
    const name = path.relative(bundle, new URL(url).pathname);
    fetched.push(name);
    return fs.readFileSync(path.join(bundle, swap(name)));
  };
}

test('a query that needs more than eight rounds loads, each part once, in at most as many rounds as parts', async () => {
  // The rounds the engine asks for, counted by hand on a fresh engine.
  const { core: counting } = await createCore();
  // (A bundle's files are gzip members, which open() decompresses; load() takes them uncompressed.)
  const read = (name) => unpackFile(path.join(bundle, name));
  const { parts } = counting.load(read(base));
  let rounds = 0;
  for (let value = counting.search(query, {}); value.needs; value = counting.search(query, {})) {
    for (const name of value.needs) counting.addParts(read(name));
    assert.ok(++rounds <= parts, `${rounds} rounds`);
  }
  counting.close();
  assert.ok(rounds > 8, `the query needs ${rounds} rounds`);

  const { core } = await createCore();
  try {
    const fetched = [];
    await core.open(baseUrl, fileFetcher(fetched));
    assert.deepEqual(await core.searchLoading(query, {}), whole.search(query, {}));
    assert.equal(new Set(fetched).size, fetched.length, 'no part is fetched twice');
    assert.ok(fetched.length - 1 < parts);
  } finally {
    core.close();
  }
});

test('a file that holds another part than the one asked for is a corrupt index, named', async () => {
  const { core } = await createCore();
  try {
    const first = fs.readdirSync(path.join(bundle, base.replace(/\.osp$/, ''))).filter((f) => f.startsWith('d')).sort();
    // The server answers for one dictionary block with another: valid bytes, not the part named.
    const wrong = `${base.replace(/\.osp$/, '')}/${first[0]}`;
    const other = wrong.replace(/d\d+$/, first[1]);
    const fetched = [];
    await core.open(baseUrl, fileFetcher(fetched, (name) => (name === wrong ? other : name)));
    // A one-word query in the first block's range.
    const word = fs.readFileSync(path.join(dir, 'records.jsonl'), 'utf8').match(/\bba[a-z]+/)[0];
    await assert.rejects(core.searchLoading(word, {}), {
      name: 'OspreyError', code: 'corrupt-index',
      message: `${new URL(wrong, baseUrl).href}: holds part ${other}, expected ${wrong}`,
    });
    assert.equal(fetched.filter((n) => n === wrong).length, 1, 'fetched once');
  } finally {
    core.close();
  }
});

test('an engine that asks again for a part it was given is a corrupt index, named; rounds never exceed the part count', async () => {
  const require = createRequire(import.meta.url);
  const fetchScript = require('../../web/widget/fetch.js');
  const parts = require('../../web/widget/parts.js')(fetchScript);
  const added = [];
  const fetcher = async (url) => new TextEncoder().encode(url);
  // add() takes the bytes but the "engine" keeps naming the same part.
  const store = parts.partStore('https://example.invalid/i.osp', fetcher, 3, (bytes, name) => added.push(name));
  await assert.rejects(parts.loading(() => ({ needs: ['i/d0'] }), () => store), {
    name: 'OspreyError', code: 'corrupt-index',
    message: 'the index asked again for part i/d0, which it was given',
  });
  assert.deepEqual(added, ['i/d0']);
  // A new part every round, but more rounds than the index has parts.
  let k = 0;
  const many = parts.partStore('https://example.invalid/i.osp', fetcher, 3, () => {});
  await assert.rejects(parts.loading(() => ({ needs: [`i/p${k++}`] }), () => many), {
    name: 'OspreyError', code: 'corrupt-index',
    message: 'the index asked for parts in more rounds than it has parts (3)',
  });
  assert.equal(k, 5, 'rounds 0..3 fetched a part each, round 4 stopped');
});

test('a stalled fetch fails with code network after its timeout; a later query fetches the part again', { timeout: 30000 }, async () => {
  const { OspreyCore, core } = await createCore();
  const stem = base.replace(/\.osp$/, '');
  try {
    const stored = fs.readdirSync(path.join(bundle, stem)).filter((f) => f.startsWith('s')).map((f) => `${stem}/${f}`);
    for (const name of stored) hold.set(name, Infinity);
    const started = Date.now();
    await assert.rejects(OspreyCore.fetchBytes(`${origin}/${stored[0]}`, { timeout: 300 }), {
      code: 'network', message: `timed out fetching ${origin}/${stored[0]}: no data for 0.3 s`,
    });
    assert.ok(Date.now() - started < 3000);
    // A part the server stalls times out after 1.5 s; the others have the
    // default timeout (15 s): a round asks for some twenty parts at once, and
    // on a loaded machine the last of them (queued behind the others, served by
    // this same process) can wait more than 1.5 s for its first byte.
    let stalledInFlight = 0;
    await core.open(`${origin}/${base}`, async (url) => {
      if (hold.get(new URL(url).pathname.slice(1)) !== Infinity) return OspreyCore.fetchBytes(url);
      stalledInFlight++;
      try {
        return await OspreyCore.fetchBytes(url, { timeout: 1500 });
      } finally {
        stalledInFlight--;
      }
    });
    await assert.rejects(core.searchLoading(query, {}),
                         { code: 'network', message: new RegExp(`^timed out fetching ${origin}/${stem}/s\\d+: no data for 1\\.5 s$`) });
    // The other stalled fetches, shared by whoever needs their parts, fail too.
    await until(() => stalledInFlight === 0, 'the other stalled fetches to time out');
    hold.clear();
    const before = requested.length;
    assert.deepEqual(await core.searchLoading(query, {}), whole.search(query, {}));
    assert.ok(requested.slice(before).some((n) => stored.includes(n)), 'the stored parts are fetched again');
  } finally {
    hold.clear();
    core.close();
  }
});

test('the stall timeout counts from the last thing that came: the headers restart it, as each chunk does', async (t) => {
  const require = createRequire(import.meta.url);
  const { fetchBytes } = require('../../web/widget/fetch.js');
  // A fetch whose headers and body come when the test says, on mocked timers (no wall clock).
  let answer, chunk;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, { signal }) => new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    answer = () => resolve({
      ok: true, status: 200,
      body: {
        getReader: () => ({
          read: () => new Promise((ok, fail) => {
            signal.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')));
            chunk = ok;
          }),
        }),
      },
    });
  });
  t.after(() => { globalThis.fetch = realFetch; });
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  const bytes = fetchBytes('https://example.invalid/i/p0', { timeout: 1000 });
  bytes.catch(() => {});
  t.mock.timers.tick(900);
  answer();  // the headers, 900 ms in
  await flush();
  t.mock.timers.tick(900);  // 1,800 ms from the start, 900 since the headers
  await flush();
  chunk({ done: false, value: new Uint8Array([1, 2, 3]) });
  await flush();
  t.mock.timers.tick(900);
  chunk({ done: true });
  assert.deepEqual(await bytes, new Uint8Array([1, 2, 3]));
  // Nothing for the whole timeout after the headers: a stall.
  const stalled = fetchBytes('https://example.invalid/i/p1', { timeout: 1000 });
  stalled.catch(() => {});
  answer();
  await flush();
  t.mock.timers.tick(1000);
  await assert.rejects(stalled, { code: 'network', message: 'timed out fetching https://example.invalid/i/p1: no data for 1 s' });
});

test('a request with no answer is asked once more, 250 ms later; an HTTP error is not', async (t) => {
  const require = createRequire(import.meta.url);
  const { fetchBytes } = require('../../web/widget/fetch.js');
  // Each call takes the next outcome: 'reset' (fetch rejects, as on a reset
  // connection), a status (an answer), or the bytes [7].
  let outcomes = [];
  const calls = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, { signal }) => {
    calls.push(url);
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    const next = outcomes.shift();
    if (next === 'reset') throw new TypeError('Failed to fetch');
    if (typeof next === 'number') return { ok: false, status: next, statusText: 'Server Error' };
    return { ok: true, status: 200, arrayBuffer: async () => new Uint8Array([7]).buffer };
  };
  t.after(() => { globalThis.fetch = realFetch; });
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  const url = 'https://example.invalid/i/p0';

  outcomes = ['reset', 'bytes'];
  const once = fetchBytes(url, { timeout: 1000 });
  await flush();
  assert.equal(calls.length, 1);
  t.mock.timers.tick(249);
  await flush();
  assert.equal(calls.length, 1, 'not before 250 ms');
  t.mock.timers.tick(1);
  await flush();
  assert.deepEqual(await once, new Uint8Array([7]));
  assert.equal(calls.length, 2);

  calls.length = 0;
  outcomes = ['reset', 'reset', 'bytes'];
  const twice = fetchBytes(url, { timeout: 1000 });
  twice.catch(() => {});
  await flush();
  t.mock.timers.tick(250);
  await flush();
  await assert.rejects(twice, { code: 'network', message: `cannot fetch ${url}: Failed to fetch` });
  assert.equal(calls.length, 2, 'two attempts in all');

  calls.length = 0;
  outcomes = [500, 'bytes'];
  await assert.rejects(fetchBytes(url, { timeout: 1000 }), { code: 'network', message: `cannot fetch ${url}: HTTP 500 Server Error` });
  assert.equal(calls.length, 1, 'an HTTP error is an answer: not asked again');

  // Aborted while it waits to ask again: "aborted", not the bytes.
  calls.length = 0;
  outcomes = ['reset', 'bytes'];
  const controller = new AbortController();
  const cancelled = fetchBytes(url, { timeout: 1000, signal: controller.signal });
  cancelled.catch(() => {});
  await flush();
  controller.abort();
  t.mock.timers.tick(250);
  await flush();
  await assert.rejects(cancelled, { code: 'aborted' });
  assert.deepEqual(outcomes, ['bytes']);
});

test('a cancelled search rejects with code aborted at once and loads no more parts; parts in flight are kept', { timeout: 30000 }, async () => {
  const { core } = await createCore();
  try {
    const fetched = [];
    const files = fileFetcher(fetched);
    // Parts are held until the test releases them: the cancel comes while the
    // first round is in flight however slow the machine, and the rejection
    // cannot wait for them.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let ended = 0;  // parts whose fetch has returned
    await core.open(baseUrl, async (url) => {
      const bytes = await files(url);
      if (url.endsWith('.osp')) return bytes;
      await held;
      ended++;
      return bytes;
    });
    const controller = new AbortController();
    const searching = core.searchLoading(query, {}, controller.signal);
    await until(() => fetched.length > 1, 'the first round\'s fetches');
    const abortedAt = fetched.length;
    controller.abort();
    await within(assert.rejects(searching, { name: 'OspreyError', code: 'aborted', message: 'the search was cancelled' }),
                 10000, 'the cancelled search (its fetches held)');
    assert.equal(ended, 0, 'rejected before the fetches in flight end');
    release();
    await until(() => ended >= abortedAt - 1, 'the fetches in flight to end');
    await sleep(200);  // a round started on their arrival would have asked by now
    assert.equal(fetched.length, abortedAt, 'no round after the cancel');
    // The parts that were in flight were added: the query goes on without them.
    assert.deepEqual(await core.searchLoading(query, {}), whole.search(query, {}));
    assert.equal(new Set(fetched).size, fetched.length, 'no part is fetched twice');
  } finally {
    core.close();
  }
});

test('a cancelled search\'s fetches in flight are abandoned by a next round that does not name them, adopted by one that does', { timeout: 30000 }, async () => {
  const { core } = await createCore();
  try {
    const fetched = [];
    const abandoned = [];
    const files = fileFetcher([]);
    // Every part takes 300 ms, unless its fetch is aborted.
    await core.open(baseUrl, (url, { signal } = {}) => new Promise((resolve, reject) => {
      const name = path.relative(bundle, new URL(url).pathname);
      fetched.push(name);
      const timer = setTimeout(() => resolve(files(url)), name.endsWith('.osp') ? 0 : 300);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        abandoned.push(name);
        reject(new Error('aborted'));
      });
    }));
    const words = query.split(' ');
    const [first, last] = [words[0], words.at(-1)];

    // Superseded by a query that needs other parts: the first one's fetches are abandoned.
    let controller = new AbortController();
    let searching = core.searchLoading(first, {}, controller.signal);
    await until(() => fetched.length > 1, 'the first query\'s first round');
    const inFlight = fetched.slice(1);
    assert.ok(inFlight.length > 0);
    controller.abort();
    await assert.rejects(searching, { code: 'aborted' });
    assert.deepEqual(abandoned, []);  // not before a next round decides
    const from = fetched.length;
    assert.deepEqual(await core.searchLoading(last, {}), whole.search(last, {}));
    assert.ok(abandoned.length > 0);
    for (const name of abandoned) assert.ok(inFlight.includes(name) && !fetched.slice(from).includes(name), name);

    // Superseded by the same query: it adopts the fetches in flight (none abandoned, none fetched twice).
    abandoned.length = 0;
    const again = fetched.length;
    controller = new AbortController();
    searching = core.searchLoading(first, {}, controller.signal);
    await until(() => fetched.length > again, 'the first query\'s round in flight');
    controller.abort();
    await assert.rejects(searching, { code: 'aborted' });
    assert.deepEqual(await core.searchLoading(first, {}), whole.search(first, {}));
    assert.deepEqual(abandoned, []);
    const later = fetched.slice(again);
    assert.equal(new Set(later).size, later.length, `no part fetched twice: ${later.join(' ')}`);
    // A part held is never fetched again: both queries once more fetch nothing.
    const settled = fetched.length;
    await core.searchLoading(first, {});
    await core.searchLoading(last, {});
    assert.equal(fetched.length, settled);
  } finally {
    core.close();
  }
});

test('prefetch starts the fetches of a search\'s first round; the search then shares them', { timeout: 30000 }, async () => {
  const { OspreyCore, core } = await createCore();
  const respond = OspreyCore.handler(Promise.resolve(core));
  const stem = base.replace(/\.osp$/, '');
  try {
    assert.equal((await respond({ id: 1, type: 'open', url: `${origin}/${base}` })).ok, true);
    const word = query.split(' ')[3];
    const before = requested.length;
    const prefetched = await respond({ id: 2, type: 'prefetch', query: word, options: { limit: 10 } });
    assert.equal(prefetched.ok, true);
    assert.ok(prefetched.result.length > 0);
    // Dictionary and reverse blocks (a search's first round), requested at once, before any search.
    assert.ok(prefetched.result.every((n) => n.startsWith(`${stem}/`) && /\/[dr]\d+$/.test(n)), prefetched.result.join(' '));
    await until(() => requested.length - before >= prefetched.result.length, 'the prefetched parts at the server');
    assert.deepEqual(requested.slice(before).sort(), [...prefetched.result].sort());
    const searched = await respond({ id: 3, type: 'search', query: word, options: { limit: 10 } });
    assert.deepEqual(searched.result, whole.search(word, { limit: 10 }));
    const parts = requested.slice(before);
    assert.equal(new Set(parts).size, parts.length, `each part requested once: ${parts.join(' ')}`);
    // All held: nothing to prefetch; bad options: nothing, no error.
    assert.deepEqual((await respond({ id: 4, type: 'prefetch', query: word, options: { limit: 10 } })).result, []);
    assert.deepEqual((await respond({ id: 5, type: 'prefetch', query: word, options: { limit: -1 } })).ok, false);
  } finally {
    core.close();
  }
});

test('the handler: searches run side by side, share the fetch of a part, and a cancel replies aborted', { timeout: 30000 }, async () => {
  const { OspreyCore, core } = await createCore();
  const respond = OspreyCore.handler(Promise.resolve(core));
  const stem = base.replace(/\.osp$/, '');
  try {
    assert.equal((await respond({ id: 1, type: 'open', url: `${origin}/${base}`, fetchTimeout: 5000 })).ok, true);
    // Every part of the long query is slow; a one-word query's are not.
    for (const f of fs.readdirSync(path.join(bundle, stem))) hold.set(`${stem}/${f}`, 200);
    const before = requested.length;
    const order = [];
    const slow = [respond({ id: 2, type: 'search', query, options: {} }),
                  respond({ id: 3, type: 'search', query, options: {} })].map((p) => p.then((r) => order.push(r.id) && r));
    // Their first round reached the server and is held; later rounds are not.
    await until(() => requested.length > before, 'the long query\'s first round at the server');
    hold.clear();
    const word = query.split(' ')[0].slice(0, 3);
    const quick = await respond({ id: 4, type: 'complete', query: word, n: 3 });
    order.push(quick.id);
    assert.equal(quick.ok, true);
    const [a, b] = await Promise.all(slow);
    assert.deepEqual(order, [4, 2, 3]);
    assert.deepEqual(a.result, whole.search(query, {}));
    assert.deepEqual(b.result, a.result);
    const parts = requested.slice(before);
    assert.equal(new Set(parts).size, parts.length, `each part requested once: ${parts.join(' ')}`);

    const cancelled = respond({ id: 5, type: 'search', query: 'zzq wwx', options: {} });
    assert.equal(await respond({ type: 'cancel', id: 5 }), null);
    assert.deepEqual(await cancelled,
                     { id: 5, ok: false, error: { code: 'aborted', message: 'the search was cancelled' } });
  } finally {
    hold.clear();
    core.close();
  }
});

test('a search with anticipate fetches, after its own parts, the display parts along its top completions; kept, and those searches fetch nothing', { timeout: 30000 }, async () => {
  const { OspreyCore, core } = await createCore();
  const respond = OspreyCore.handler(Promise.resolve(core));
  const options = { limit: 10 };
  const stem = base.replace(/\.osp$/, '');
  const isDisplay = (n) => n.startsWith(`${stem}/`) && /\/[st]\d+$/.test(n);
  const require = createRequire(import.meta.url);
  const { kAnticipatedParts } = require('../../web/widget/parts.js')(require('../../web/widget/fetch.js'));
  // What anticipation fetches, worked out on an engine holding the parts requested so far.
  const expected = async (typed) => {
    const { core: replica } = await createCore();
    try {
      replica.load(unpackFile(path.join(bundle, base)));
      // (The parts: not the folder's dictionary, which their fetches may request too.)
      for (const n of new Set(requested.filter((r) => r.startsWith(`${stem}/`) && /\/[a-z]\d+$/.test(r)))) {
        replica.addParts(unpackFile(path.join(bundle, n)), n);
      }
      const out = [];
      for (const q of replica.nextQueries(typed, 2)) {
        const { needs } = replica.search(q, options);
        if (!needs || !needs.every(isDisplay)) continue;
        const fresh = needs.filter((n) => !out.includes(n));
        if (out.length + fresh.length > kAnticipatedParts) break;
        out.push(...fresh);
      }
      return out;
    } finally {
      replica.close();
    }
  };
  try {
    requested.length = 0;
    assert.equal((await respond({ id: 1, type: 'open', url: `${origin}/${base}` })).ok, true);
    const typed = query.split(' ')[0].slice(0, 2);
    // Before the completions' blocks are held, nothing is anticipated.
    assert.deepEqual(core.anticipate(typed, options, 2), []);
    assert.equal((await respond({ id: 2, type: 'complete', query: typed, n: 6 })).ok, true);
    // The queries along the top completions: their prefixes one to three letters longer, shorter first.
    const along = new Set();
    for (const c of core.complete(typed, 2)) {
      for (let end = typed.length + 1; end <= Math.min(c.query.length, typed.length + 3); end++) along.add(c.query.slice(0, end));
    }
    const next = core.nextQueries(typed, 2);
    assert.deepEqual([...next].sort(), [...along].sort());
    assert.ok(next.every((q, i) => i === 0 || q.length >= next[i - 1].length), next.join(' '));
    assert.equal(next[0].length, typed.length + 1);

    // Without anticipate: the search's own parts only.
    let before = requested.length;
    assert.equal((await respond({ id: 3, type: 'search', query: typed, options })).ok, true);
    await new Promise((ok) => setTimeout(ok, 100));
    const own = requested.slice(before);
    assert.ok(own.length > 0);
    // Again with anticipate: no part of its own to fetch, so just after the answer, what anticipation names.
    const want = await expected(typed);
    assert.ok(want.length > 0 && want.length <= kAnticipatedParts, want.join(' '));
    before = requested.length;
    // Slow parts: in flight while another search runs, which does not abandon them.
    for (const f of fs.readdirSync(path.join(bundle, stem))) hold.set(`${stem}/${f}`, 300);
    assert.deepEqual((await respond({ id: 4, type: 'search', query: typed, options, anticipate: 2 })).result, whole.search(typed, options));
    await until(() => requested.length - before >= want.length, 'the anticipated parts at the server');
    hold.clear();
    assert.equal((await respond({ id: 5, type: 'search', query: 'zzq', options })).ok, true);
    const anticipated = requested.slice(before).filter(isDisplay);
    assert.deepEqual([...anticipated].sort(), [...want].sort());
    // The next keystroke's search fetches nothing more and answers as the whole index does.
    await until(() => !core.search(next[0], options).needs, 'the anticipated parts held');
    const settled = requested.length;
    assert.deepEqual((await respond({ id: 6, type: 'search', query: next[0], options })).result, whole.search(next[0], options));
    assert.equal(requested.length, settled, requested.slice(settled).join(' '));

    // A search that fetches: its own parts are requested first, the anticipated ones after them.
    const other = query.split(' ')[1].slice(0, 2);
    assert.equal((await respond({ id: 7, type: 'complete', query: other, n: 6 })).ok, true);
    before = requested.length;
    assert.equal((await respond({ id: 8, type: 'search', query: other, options, anticipate: 2 })).ok, true);
    await new Promise((ok) => setTimeout(ok, 200));
    const sent = requested.slice(before);
    const last = sent.findLastIndex((n) => !isDisplay(n));
    assert.ok(sent.length > last + 1, sent.join(' '));
    // Options the engine refuses: the search's error, nothing anticipated.
    before = requested.length;
    const refused = await respond({ id: 9, type: 'search', query: typed, options: { limit: -1 }, anticipate: 2 });
    assert.equal(refused.ok, false);
    assert.equal(refused.error.code, 'invalid-argument');
    await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(requested.length, before);
  } finally {
    hold.clear();
    core.close();
  }
});

test('anticipate: display, dictionary and reverse parts only, the likeliest query first, at most kAnticipatedParts, kAnticipatedText of them text pieces', () => {
  const require = createRequire(import.meta.url);
  const { anticipate, kAnticipatedParts, kAnticipatedHttp1, kAnticipatedText } = require('../../web/widget/parts.js')(require('../../web/widget/fetch.js'));
  const started = [];
  const held = new Set(['i/s1']);
  const store = () => ({ has: (n) => held.has(n), start: (names, keep) => started.push({ names, keep }) });
  const ask = (needs) => () => (needs ? { needs } : { total: 1 });
  // A query that needs postings is skipped; one that needs nothing adds nothing; held parts are not asked for.
  assert.deepEqual(anticipate([ask(['i/p3', 'i/s2']), ask(null), ask(['i/s1', 'i/s4', 'i/s5']), ask(['i/s4', 'i/s6'])], store),
                   ['i/s4', 'i/s5', 'i/s6']);
  assert.deepEqual(started, [{ names: ['i/s4', 'i/s5', 'i/s6'], keep: true }]);
  // Dictionary and reverse blocks (a word's next letters, a rare word's typo lookup) go with display parts.
  assert.deepEqual(anticipate([ask(['i/d3', 'i/r7']), ask(['i/r8', 'i/l0']), ask(['i/r9', 'i/t5'])], store),
                   ['i/d3', 'i/r7', 'i/r9', 'i/t5']);
  // Text pieces: the query that would pass kAnticipatedText ends it, as one past kAnticipatedParts does.
  const texts = Array.from({ length: kAnticipatedText }, (_, i) => `i/t${i}`);
  assert.deepEqual(anticipate([ask(texts), ask(['i/t99', 'i/s7']), ask(['i/s8'])], store), texts);
  const stored = Array.from({ length: kAnticipatedParts - 1 }, (_, i) => `i/s${100 + i}`);
  assert.deepEqual(anticipate([ask(stored), ask(['i/s200', 'i/s201']), ask(['i/s202'])], store), stored);
  assert.equal(anticipate([ask(['i/s1'])], () => null).length, 0);  // no store: a whole index
  // Over HTTP/1.x, at most kAnticipatedHttp1 (one wave of requests).
  const http1 = (yes) => () => ({ ...store(), http1: () => yes });
  const more = Array.from({ length: kAnticipatedHttp1 + 1 }, (_, i) => `i/s${300 + i}`);
  const asks = more.map((n) => ask([n]));
  assert.deepEqual(anticipate(asks, http1(true)), more.slice(0, kAnticipatedHttp1));
  assert.deepEqual(anticipate(asks, http1(null)), more);
  assert.deepEqual(anticipate(asks, http1(false)), more);
});

test('a part store learns the protocol of the parts from the first one whose resource timing tells it', async (t) => {
  const require = createRequire(import.meta.url);
  const { partStore } = require('../../web/widget/parts.js')(require('../../web/widget/fetch.js'));
  const protocols = new Map([['https://h.test/i/s1', ''], ['https://h.test/i/s2', 'http/1.1'], ['https://h.test/i/s3', 'h2']]);
  t.mock.method(performance, 'getEntriesByName', (url) => (protocols.has(url) ? [{ nextHopProtocol: protocols.get(url) }] : []));
  const store = partStore('https://h.test/i.osp', async () => new Uint8Array([1]), 9, () => {});
  assert.equal(store.http1(), null);
  await store.need(['i/s0']);  // no entry
  assert.equal(store.http1(), null);
  await store.need(['i/s1']);  // an entry without the protocol (cross-origin)
  assert.equal(store.http1(), null);
  await store.need(['i/s2']);
  assert.equal(store.http1(), true);
  await store.need(['i/s3']);  // the first that told is kept
  assert.equal(store.http1(), true);
  const h2 = partStore('https://h.test/i.osp', async () => new Uint8Array([1]), 9, () => {});
  await h2.need(['i/s3']);
  assert.equal(h2.http1(), false);
});
