// bench/lib/link-model.mjs: the shaper's link as arithmetic (bench/keystroke-clock.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { linkModel } from '../../bench/lib/link-model.mjs';

// 1.6 Mbit/s: 200 bytes a millisecond.
const mobile = { rttMs: 150, bitsPerSecond: 1.6e6 };

test('a response arrives a round trip and its bytes over the link after its request', () => {
  const link = linkModel(mobile);
  assert.equal(link.request(0, 2000), 160);
  // Ready at 160 + 150, the link idle: 310 + 10.
  assert.equal(link.request(160, 2000), 320);
});

test('responses share the link first come first served', () => {
  const link = linkModel(mobile);
  assert.equal(link.request(0, 20000), 250);   // ready at 150, 100 ms on the link
  assert.equal(link.request(0, 2000), 260);    // ready at 150, waits for the link until 250
  assert.equal(link.request(200, 2000), 360);  // ready at 350, the link idle since 260
});

test('over HTTP/1.1 (6 connections) the seventh request waits for a connection', () => {
  const link = linkModel({ rttMs: 30, bitsPerSecond: 8e9, connections: 6 });  // bytes cost nothing to speak of
  const arrivals = Array.from({ length: 7 }, () => link.request(0, 1));
  assert.deepEqual(arrivals.map(Math.round), [30, 30, 30, 30, 30, 30, 60]);
  const h2 = linkModel({ rttMs: 30, bitsPerSecond: 8e9 });
  assert.deepEqual(Array.from({ length: 7 }, () => Math.round(h2.request(0, 1))), [30, 30, 30, 30, 30, 30, 30]);
});

test('the clock only goes forward; a link needs a round trip, a bandwidth and a connection count', () => {
  const link = linkModel(mobile);
  link.request(100, 1);
  assert.throws(() => link.request(99, 1), /a request at 99 ms after one at 100 ms/);
  assert.throws(() => linkModel({ rttMs: 150, bitsPerSecond: 0 }), /bitsPerSecond > 0/);
  assert.throws(() => linkModel({ ...mobile, connections: -1 }), /connections >= 0/);
});
