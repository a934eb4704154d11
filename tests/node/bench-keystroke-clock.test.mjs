// bench/keystroke-clock.mjs on a small sharded bundle: each keystroke's time
// is its rounds' round trips and its overheads, a keystroke that fetches
// nothing takes the overhead alone, the same bundle and queries give the
// same milliseconds, and parts made free (--free) cost nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { keystrokes } from '../../bench/lib/typing.mjs';
import { cli, root, tmpDir } from './helpers.mjs';

test('keystroke-clock: round trips, overheads, and the same figures twice', () => {
  const dir = tmpDir();
  const bundle = path.join(dir, 'b');
  const r = cli(['index', path.join(root, 'data/news.json'), '--bundle', bundle, '--split-above', '0', '-q']);
  assert.equal(r.status, 0, r.stderr);
  const texts = ['torture', 'prison reform', 'tortrue'];
  const run = (extra, out) => {
    execFileSync(process.execPath, [path.join(root, 'bench/keystroke-clock.mjs'), bundle, '--json', out, ...extra, ...texts],
                 { stdio: 'pipe' });
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  };
  const mobile = run([], path.join(dir, 'a.json'));
  assert.deepEqual(run([], path.join(dir, 'b.json')), mobile, 'deterministic');
  const keys = mobile.queries.flatMap((q) => q.keys);
  assert.deepEqual(keys.map((k) => k.typed), texts.flatMap(keystrokes));
  assert.equal(mobile.summary.keystrokes, keys.length - 1);
  assert.ok(keys.some((k) => k.rounds === 0) && keys.some((k) => k.rounds >= 1));
  for (const k of keys) {
    if (k.rounds === 0) assert.equal(k.ms, 7, k.typed);
    else assert.ok(k.ms >= 7 + k.rounds * (150 + 12), `${k.typed}: ${k.ms} ms for ${k.rounds} rounds`);
  }
  // Broadband: the same rounds and bytes, shorter waits.
  const broadband = run(['--profile', 'broadband'], path.join(dir, 'c.json'));
  const bKeys = broadband.queries.flatMap((q) => q.keys);
  assert.deepEqual(bKeys.map((k) => [k.rounds, k.bytes]), keys.map((k) => [k.rounds, k.bytes]));
  assert.ok(bKeys.every((k, i) => k.ms <= keys[i].ms));
  const total = (list) => list.reduce((a, k) => a + k.ms, 0);
  assert.ok(total(bKeys) < total(keys));
  // --free st: a page of hits' display parts cost nothing; the index's parts still do.
  const free = run(['--free', 'st'], path.join(dir, 'd.json'));
  const fKeys = free.queries.flatMap((q) => q.keys);
  // (Not keystroke by keystroke: a keystroke answered sooner leaves its anticipated parts less time.)
  const sumOf = (list, f) => list.reduce((a, k) => a + f(k), 0);
  assert.ok(sumOf(fKeys, (k) => k.bytes + k.anticipated) < sumOf(keys, (k) => k.bytes + k.anticipated));
  assert.ok(sumOf(fKeys, (k) => k.rounds) <= sumOf(keys, (k) => k.rounds));
  assert.ok(total(fKeys) < total(keys));
  assert.ok(fKeys.some((k) => k.rounds >= 1), 'dictionary and postings rounds remain');
  // Every part free: no keystroke waits or fetches.
  const none = run(['--free', 'drlpst'], path.join(dir, 'e.json'));
  assert.ok(none.queries.flatMap((q) => q.keys).every((k) => k.rounds === 0 && k.bytes === 0 && k.ms === 7));
  assert.throws(() => run(['--free', 'x'], path.join(dir, 'f.json')), /usage/);
  fs.rmSync(dir, { recursive: true, force: true });
});
