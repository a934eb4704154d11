// The network shaper of the benchmark (bench/lib/shaper.mjs) over HTTP/2
// (protocol "h2", TLS with a certificate made at run time, bench/lib/tls-cert.mjs):
// a body is shaped as over HTTP/1.1 (shaper.test.mjs), concurrent requests share
// one connection and one fetch round, and a stream the client cancels is logged
// as abandoned. Everything on 127.0.0.1, ~2 s.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { after, before, test } from 'node:test';

import { fetchRounds, startShaper } from '../../bench/lib/shaper.mjs';
import { benchCert } from '../../bench/lib/tls-cert.mjs';
import { BPS, Late, RTT, msFor, near, startUpstream, tries } from './shaper-fixture.mjs';

let upstream;
let server;

before(async () => {
  upstream = await startUpstream();
  server = upstream.server;
});

after(() => upstream.stop());


// GET over an HTTP/2 session (the certificate trusted as its CA):
// {ms from the request to the body's last byte, bytes, encoding, status}.
function get2(session, p, t0 = performance.now()) {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':path': p, 'accept-encoding': 'gzip, deflate, br' });
    let head = {};
    let n = 0;
    req.on('response', (h) => { head = h; });
    req.on('data', (c) => { n += c.length; });
    req.on('end', () => resolve({ ms: performance.now() - t0, bytes: n, encoding: head['content-encoding'] || null, status: head[':status'] }));
    req.on('error', reject);
    req.end();
  });
}

async function withH2(fn) {
  const s = await startShaper({ upstream: server.origin, rttMs: RTT, bitsPerSecond: BPS, protocol: 'h2' });
  assert.match(s.origin, /^https:\/\/127\.0\.0\.1:\d+$/);
  const session = http2.connect(s.origin, { ca: benchCert().cert });
  try {
    await new Promise((ok, fail) => session.once('connect', ok).once('error', fail));
    const alpn = session.alpnProtocol;
    assert.equal(alpn, 'h2', 'the shaper negotiates HTTP/2');
    await get2(session, '/b.bin');  // the connection is up, as a page's is by the time it searches
    await fn(s, session);
  } finally {
    session.close();
    await s.stop();
  }
}

test('h2: one body arrives after rtt + bytes*8/bandwidth, as over HTTP/1.1, with the host model\'s encoding', () => withH2(async (s, session) => {
  await tries(async () => {
    s.reset();
    const r = await get2(session, '/index.en.1/p0');
    assert.equal(r.status, 200);
    assert.equal(r.encoding, null);
    assert.equal(r.bytes, 20_000);
    near(r.ms, RTT + msFor(20_000), 'p0 over h2 (20,000 B)');
    const [e] = s.stats().requests;
    if (e.ready > e.tReq + RTT) throw new Late(`p0: the server answered ${(e.ready - e.tReq).toFixed(1)} ms after the request`);
    assert.ok(Math.abs(e.finish - e.tReq - (RTT + msFor(20_000))) < 0.01, 'scheduled finish = request + rtt + bytes*8/bandwidth');
  });
  const js = await get2(session, '/code.js');
  assert.equal(js.encoding, 'gzip');
  assert.ok(js.bytes < 60_000 / 5, `code.js sent as ${js.bytes} B`);
}));

// Eight requests at once (more than the 6 connections a browser opens to an
// HTTP/1.1 host): one connection, one fetch round, the bodies one after the
// other on the link, the last complete after rtt + all the bytes.
test('h2: concurrent requests share one connection and the link, and are one fetch round', () => withH2(async (s, session) => {
  assert.equal(s.connections, 1);
  const files = ['/a.bin', '/b.bin', '/index.en.1/p0', '/b.bin', '/a.bin', '/b.bin', '/index.en.1/p0', '/b.bin'];
  const size = { '/a.bin': 30_000, '/b.bin': 10_000, '/index.en.1/p0': 20_000 };
  const total = files.reduce((a, f) => a + size[f], 0);
  await tries(async () => {
    s.reset();
    const t0 = performance.now();
    const got = await Promise.all(files.map((f) => get2(session, f, t0)));
    assert.deepEqual(got.map((g) => g.bytes), files.map((f) => size[f]));
    const log = s.stats().requests.sort((x, y) => x.finish - y.finish);
    assert.equal(log.length, files.length);
    for (let i = 1; i < log.length; i++) assert.ok(log[i].start >= log[i - 1].finish, 'the link carries one body at a time');
    const lastReady = Math.max(...log.map((e) => e.ready));
    if (lastReady > log[0].finish) throw new Late('a request was ready only after the first body had finished');
    near(Math.max(...got.map((g) => g.ms)), RTT + msFor(total), `the last of ${files.length} bodies (${total} B)`);
    assert.equal(fetchRounds(log), 1, 'requests sent together are one fetch round');
  });
  assert.equal(s.connections, 1, 'every request went over the one HTTP/2 connection');
}));

// A page abandons a superseded request by resetting its stream (one
// connection carries the others): the body is logged as abandoned and the
// session goes on serving.
test('h2: a stream the client cancels mid-body is logged as abandoned, and the connection still serves', async () => {
  const s = await startShaper({ upstream: server.origin, rttMs: 5, bitsPerSecond: 1e6, chunkBytes: 2000, protocol: 'h2' });
  const session = http2.connect(s.origin, { ca: benchCert().cert });
  try {
    const req = session.request({ ':path': '/a.bin' });
    req.on('error', () => {});
    await new Promise((ok) => req.once('data', ok));
    req.close(http2.constants.NGHTTP2_CANCEL);
    await s.idle();
    const b = await get2(session, '/b.bin');
    assert.equal(b.bytes, 10_000);
    assert.deepEqual(s.stats().requests.map((r) => [r.path, r.aborted === true]), [['/a.bin', true], ['/b.bin', false]]);
    assert.equal(s.connections, 1);
  } finally {
    session.close();
    await s.stop();
  }
});
