// bench/keystroke-clock.mjs on a small sharded bundle: each keystroke's time
// is its rounds' round trips and its overheads, a keystroke that fetches
// nothing takes the overhead alone, and the same bundle and queries give the
// same milliseconds.
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
  fs.rmSync(dir, { recursive: true, force: true });
});
