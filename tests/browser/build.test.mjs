// Build products checked without a browser: web/osprey-classic.js is what
// scripts/build-classic.mjs makes of the ES modules, and web/osprey.d.ts
// type-checks a page author's use of the API (and rejects misuse).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

import { root } from './helpers.mjs';

function run(args) {
  return spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

test('web/osprey-classic.js is up to date with the modules', () => {
  const r = run(['scripts/build-classic.mjs', '--check']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

const tsc = ['node_modules/typescript/bin/tsc', '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom',
             '--module', 'esnext', '--moduleResolution', 'bundler', '--skipLibCheck', 'false'];

test('osprey.d.ts: a page author\'s use type-checks', () => {
  const r = run([...tsc, 'tests/browser/types/usage.ts']);
  assert.equal(r.stdout + r.stderr, '');
  assert.equal(r.status, 0);
});

test('osprey.d.ts: misuse is rejected, line by line', () => {
  const r = run([...tsc, 'tests/browser/types/misuse.ts']);
  assert.equal(r.status, 2);
  const lines = [...r.stdout.matchAll(/misuse\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(lines.map(([line]) => line), [7, 8, 10, 11], r.stdout);
});
