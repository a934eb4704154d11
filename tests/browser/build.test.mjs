// Build products checked without a browser: the classic build that
// scripts/bundle-classic.mjs (esbuild) makes of the ES modules is one script
// that defines window.Osprey and <osprey-search> (the pages of the other suites
// run it in Chromium, under the strict CSP), and web/osprey.d.ts type-checks a
// page author's use of the API (and rejects misuse).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';

import { root } from './helpers.mjs';

function run(args) {
  return spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

test('the classic build is one script that defines window.Osprey and <osprey-search>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'osprey-classic-'));
  try {
    const out = join(dir, 'osprey-classic.js');
    const r = run(['scripts/bundle-classic.mjs', out]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const source = readFileSync(out, 'utf8');
    // A strict CSP has no 'unsafe-eval': nothing may compile code from strings.
    assert.doesNotMatch(source, /\beval\(|new Function\b|\bimport\(/);

    // Run as a classic script in a bare page: the globals it defines, the element it registers.
    const defined = new Map();
    class HTMLElement {}
    const context = {
      HTMLElement, URL, TextEncoder, console,
      document: { currentScript: { src: 'https://example.test/osprey/osprey-classic.js' }, baseURI: 'https://example.test/' },
      customElements: { get: (name) => defined.get(name), define: (name, constructor) => defined.set(name, constructor) },
    };
    context.window = context;
    context.globalThis = context;
    vm.createContext(context);
    vm.runInContext(source, context, { filename: out });
    assert.equal(typeof context.Osprey.open, 'function');
    assert.equal(typeof context.Osprey.warm, 'function');
    assert.equal(new context.OspreyError('network', 'a\nb').message, 'a b');
    assert.deepEqual([...defined.keys()], ['osprey-search']);
    assert.ok(Object.getPrototypeOf(defined.get('osprey-search')) === HTMLElement);
    assert.ok(defined.get('osprey-search').observedAttributes.includes('index'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  assert.deepEqual(lines.map(([line]) => line), [7, 8, 10, 11, 12, 13, 14, 15], r.stdout);
});
