// What the shaper's tests share (tests/node/shaper.test.mjs over HTTP/1.1,
// shaper-h2.test.mjs over HTTP/2): the link's figures, the upstream static
// server with its files, and arrival checks that retry a measurement a loaded
// machine delayed but fail an early one at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startServer } from '../../bench/lib/server.mjs';

export const RTT = 100;             // ms
export const BPS = 2e6;             // 2 Mbit/s: 250 bytes per ms
export const msFor = (n) => (n * 8000) / BPS;
// Arrival may be late by timer and scheduling slack on a loaded machine; never
// early: the shaper writes a body's last byte no sooner than its computed finish,
// and the client's clock starts before the request is sent, so an early arrival
// is a shaper bug and fails at once (no retry). Lateness beyond LATE is retried.
const LATE = 150;

// Text that gzip shrinks a lot, and bytes it cannot shrink.
const LINE = 'function search(query) { return query; }\n';
const text = (n) => Buffer.from(LINE.repeat(Math.ceil(n / LINE.length)).slice(0, n));
function noise(n, seed) {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

// The files behind the shaper, served by the bench's static server as the
// plain host model does: code.js (60,000 B of text), index.en.1/p0 (20,000 B
// of text, a part: sent as stored), a.bin and b.bin (30,000 and 10,000 B of
// noise). {dir, server, stop()}.
export async function startUpstream() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osprey-shaper-'));
  fs.mkdirSync(path.join(dir, 'index.en.1'));
  fs.writeFileSync(path.join(dir, 'code.js'), text(60_000));
  fs.writeFileSync(path.join(dir, 'index.en.1', 'p0'), text(20_000));
  fs.writeFileSync(path.join(dir, 'a.bin'), noise(30_000, 1));
  fs.writeFileSync(path.join(dir, 'b.bin'), noise(10_000, 2));
  const server = await startServer({ '/': dir }, { hostModel: 'plain' });
  for (const f of ['/code.js', '/index.en.1/p0', '/a.bin', '/b.bin']) server.prepare(f);
  return {
    dir,
    server,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A measurement a loaded machine delayed (not a shaper error): retried.
export class Late extends Error {}

export function near(actual, expected, what) {
  const msg = `${what}: arrived after ${actual.toFixed(1)} ms, expected ${expected.toFixed(1)} ms (rtt + bytes*8/bandwidth)`;
  assert.ok(actual >= expected, `${msg}: early`);
  if (actual > expected + LATE) throw new Late(msg);
}

// A measurement on a shared, loaded machine can come late (never early): up to
// five tries, failing with the last try's error. Only Late is retried; any
// assertion fails at once.
export async function tries(fn, n = 5) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= n || !(error instanceof Late)) throw error;
    }
  }
}
