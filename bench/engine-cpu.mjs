#!/usr/bin/env node
// CPU time of a wasm engine build, to weigh a size change against speed
// (wasm/CMakeLists.txt): loading a single-file index (min and median of
// LOADS loads) and searching it with the judged Debian queries of
// tests/relevance/ as typed, with two letters swapped (a typo) and as their
// first 3 letters (a prefix), limit 10: CPU time of a pass over all of them,
// min and median of PASSES. Run two builds interleaved, a few times each, on a
// machine as quiet as it gets; "check" (the totals found) must be equal.
//
//   node bench/engine-cpu.mjs ENGINE_DIR INDEX.osp [LOADS] [PASSES]
// ENGINE_DIR holds osprey-engine.js and osprey-engine.wasm (web/engine/, or a
// copy of another build's); INDEX.osp e.g. build/corpora/debian.index.osp.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, indexFile, loadsArg, passesArg] = process.argv.slice(2);
if (!dir || !indexFile) {
  console.error('usage: node bench/engine-cpu.mjs ENGINE_DIR INDEX.osp [LOADS] [PASSES]');
  process.exit(2);
}
const loads = Number(loadsArg) || 5;
const passes = Number(passesArg) || 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engineDir = path.resolve(dir);
const factory = createRequire(import.meta.url)(path.join(engineDir, 'osprey-engine.js'));
const module = await factory({ wasmBinary: fs.readFileSync(path.join(engineDir, 'osprey-engine.wasm')) });
const bytes = fs.readFileSync(indexFile);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const engine = new module.Engine();
const loadMs = [];
for (let i = 0; i < loads; i++) {
  const start = cpuMs();
  const loaded = engine.load(bytes);
  loadMs.push(cpuMs() - start);
  if (loaded.ok === false) throw new Error(`${indexFile}: ${loaded.code}: ${loaded.message}`);
}

const texts = [];
for (const file of ['debian.queries.json', 'debian.heldout.json', 'debian.knownitem.json']) {
  for (const q of JSON.parse(fs.readFileSync(path.join(root, 'tests/relevance', file), 'utf8'))) texts.push(q.q ?? q.right);
}
const queries = [];
for (const q of texts) {
  queries.push(q, q.slice(0, 3));
  if (q.length > 4) queries.push(q.slice(0, 2) + q[3] + q[2] + q.slice(4));
}
const options = JSON.stringify({ limit: 10 });
let check = 0;
const passMs = [];
for (let p = 0; p < passes; p++) {
  const start = cpuMs();
  for (const q of queries) check += engine.search(q, options).total ?? 0;
  passMs.push(cpuMs() - start);
}
engine.delete();

const sorted = (a) => [...a].sort((x, y) => x - y);
const stats = (a) => ({ min: Math.round(sorted(a)[0]), median: Math.round(sorted(a)[a.length >> 1]) });
console.log(JSON.stringify({ engine: engineDir, queries: queries.length, loadMs: stats(loadMs), passMs: stats(passMs), check }));
