// Pathological pages against `osprey index --site` (issue #13): each page is
// generated into build/bench/pathological/NAME/ next to a small ordinary
// page and indexed alone, one thread; prints wall time, peak RSS and the
// warnings osprey gave. Not part of bench/run; no pass/fail.
//   node bench/pathological-pages.mjs [OSPREY_BINARY]   (default build/native/tools/osprey)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const osprey = process.argv[2] ?? join(repo, 'build/native/tools/osprey');
const out = join(repo, 'build/bench/pathological');
const list = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join(' ');
const repeat = (s, bytes) => s.repeat(Math.floor(bytes / s.length));
const fill = (inner) => `<!doctype html><html lang="en"><body><main><p>findme</p>${inner}</main></body></html>\n`;

const pages = {
  // #5: one element, 80,000 attributes (1.6 MB); then 1.1 M (13 MB).
  'attributes-80k': fill(`<div ${list(80000, (i) => `data-a${i}="${i}"`)}>x</div>`),
  'attributes-1m': fill(`<div ${list(1100000, (i) => `a${i}="${i % 10}"`)}>x</div>`),
  // The bound's worst case: 15 MB of tags with 300 attributes each.
  'tags-300-attributes': fill(repeat(`<b ${list(300, (i) => `a${i}`)}>y</b>`, 15e6)),
  // 1000 open <b>, 32 attributes each (the parser compares each with all open ones),
  // then 5 MB of closed ones compared with those.
  'formatting-nested': fill(
    list(1000, (i) => `<b ${list(31, (j) => `a${j}=v`)} z=${i}>`) +
      repeat(`<b ${list(31, (j) => `a${j}=v`)} z=x>y</b>`, 5e6),
  ),
  // Repeated <html> tags: the parser merges their attributes into one element.
  'html-merged': fill(list(2000, (k) => `<html ${list(200, (j) => `h${k}_${j}`)}>`)),
  '1m-nested-divs': fill('<div>'.repeat(1e6)),
};

const assets = join(out, 'assets');
for (const f of ['osprey.js', 'osprey-worker.js', 'osprey-core.js', 'engine/osprey-engine.js',
                 'engine/osprey-engine.wasm']) {
  mkdirSync(join(assets, f, '..'), { recursive: true });
  writeFileSync(join(assets, f), '// stand-in\n');
}
console.log('| page | MB | seconds | peak RSS MB | warnings |\n|---|---|---|---|---|');
for (const [name, html] of Object.entries(pages)) {
  const site = join(out, 'sites', name);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'page.html'), html);
  writeFileSync(join(site, 'ordinary.html'), fill('<p>an ordinary page</p>'));
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', osprey, 'index', '--site', site, '--bundle',
    join(out, 'bundles', name), '--assets', assets, '--threads', '1', '-q'], { encoding: 'utf8' });
  const lines = run.stderr.trim().split('\n');
  const [seconds, kb] = lines.pop().split(' ');
  const warnings = lines.filter((l) => l.includes('warning:')).map((l) => l.replace(/^.*warning: /, ''));
  console.log(`| ${name} | ${(html.length / 1e6).toFixed(1)} | ${seconds} | ${(kb / 1024).toFixed(0)} | ${warnings.join('; ')} |`);
}
