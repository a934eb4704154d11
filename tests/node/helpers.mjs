// Shared by the Node suites: the wasm engine + web/osprey-core.js loaded as
// CommonJS, and indexes built by the native CLI (the only index writer).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import zlib from 'node:zlib';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const enginePath = path.join(root, 'web/engine/osprey-engine.js');
export const wasmPath = path.join(root, 'web/engine/osprey-engine.wasm');
export const corePath = path.join(root, 'web/osprey-core.js');
export const cliPath = process.env.OSPREY_CLI || path.join(root, 'build/native/tools/osprey');

const dictionaries = new Map();  // folder -> the dictionary's bytes

/**
 * A bundle's index file as the engine takes it (docs/index-format.md): a gzip
 * member inflated; a display part deflated against its folder's dictionary
 * ("OZD" 1, size, raw DEFLATE) inflated with it; else the bytes as they are.
 */
export function unpackFile(file, bytes = fs.readFileSync(file)) {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return zlib.gunzipSync(bytes);
  if (!isDeflated(bytes)) return bytes;
  const folder = path.dirname(file);
  if (!dictionaries.has(folder)) dictionaries.set(folder, zlib.gunzipSync(fs.readFileSync(path.join(folder, 'dictionary'))));
  return zlib.inflateRawSync(bytes.subarray(8), { dictionary: dictionaries.get(folder) });
}

/** Whether bytes are a display part deflated against its bundle's dictionary. */
export const isDeflated = (bytes) => bytes.length >= 8 && bytes[0] === 0x4f && bytes[1] === 0x5a && bytes[2] === 0x44 && bytes[3] === 1;

function need(file, how) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${how}`);
}

/**
 * Runs a classic script as CommonJS, whatever package.json "type" says about
 * its folder (the repository's says "module"), and returns module.exports.
 */
export function loadCommonJs(file) {
  const source = fs.readFileSync(file, 'utf8');
  const wrapper = vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'],
                                     { filename: file });
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

export function loadEngineFactory() {
  need(enginePath, 'build the wasm engine: cmake --preset wasm && cmake --build build/wasm -j2');
  return loadCommonJs(enginePath);
}

export function loadCore() {
  return loadCommonJs(corePath);
}

/** A fresh engine wrapped by osprey-core.js. */
export async function createCore() {
  const OspreyCore = loadCore();
  const core = await OspreyCore.create({ wasmBinary: fs.readFileSync(wasmPath) }, loadEngineFactory());
  return { OspreyCore, core };
}

/**
 * Resolves once condition() holds (checked every 20 ms). A test waits for a
 * state reached asynchronously (a request at a server, a round in flight)
 * instead of sleeping a fixed time that a slow machine can outlast; the
 * timeout only stops a hang, and its message names what never came.
 */
export async function until(condition, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * promise, or a rejection naming what if it has not settled in timeoutMs: for
 * a step that must not wait on something the test holds back (which would
 * otherwise hang until the test's own timeout).
 */
export function within(promise, timeoutMs, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not settled in ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const tmpDirs = [];
process.on('exit', () => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the process exits. */
export function tmpDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osprey-node-'));
  tmpDirs.push(dir);
  return dir;
}

/** Runs the native CLI; returns {status, stdout, stderr}. */
export function cli(args) {
  need(cliPath, 'build the native CLI (cmake --preset native && cmake --build build/native -j2) ' +
                'or set OSPREY_CLI to its path');
  const r = spawnSync(cliPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Indexes data/news.json with the CLI; returns {path, bytes} (bytes: a Buffer). */
export function buildSampleIndex(dir = tmpDir()) {
  const out = path.join(dir, 'news.osp');
  const r = cli(['index', path.join(root, 'data/news.json'), '-o', out]);
  if (r.status !== 0) throw new Error(`osprey index failed (${r.status}): ${r.stderr}`);
  return { path: out, bytes: fs.readFileSync(out) };
}

/**
 * `osprey search PATH QUERY --json ...` parsed, or throws with the CLI's
 * stderr. options: the page API's options object (offset and limit by flags,
 * limit 20 unless given; the rest through --options).
 */
export function cliSearch(indexPath, query, { offset = 0, limit = 20, ...rest } = {}) {
  const r = cli(['search', indexPath, query, '--json', '--limit', String(limit), '--offset', String(offset),
                 ...(Object.keys(rest).length ? ['--options', JSON.stringify(rest)] : [])]);
  if (r.status !== 0) throw new Error(`osprey search failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * The MESSAGE of the CLI's `osprey: PATH: MESSAGE` for searching a broken index
 * file, and its exit status.
 */
export function cliLoadError(indexPath) {
  const r = cli(['search', indexPath, 'x']);
  const prefix = `osprey: ${indexPath}: `;
  if (!r.stderr.startsWith(prefix) || !r.stderr.endsWith('\n') || r.stderr.indexOf('\n') !== r.stderr.length - 1) {
    throw new Error(`unexpected CLI stderr: ${JSON.stringify(r.stderr)}`);
  }
  return { status: r.status, message: r.stderr.slice(prefix.length, -1) };
}

// The field descriptors load() gives for an index of the built-in schema.
const field = (name, props) => ({ name, searchable: false, stored: false, facet: false, sortable: false,
                                  boost: false, weight: 0, ...props });
export const newsFields = [
  field('title', { searchable: true, stored: true, weight: 3 }),
  field('summary', { searchable: true, stored: true, weight: 1 }),
  field('type', { searchable: true, stored: true, facet: true, weight: 0.5 }),
  field('date', { stored: true, sortable: true }),
  field('year', { facet: true }),
  field('url', { stored: true }),
];

// Known items of data/news.json (as in tests/unit/search_test.cpp).
export const urls = {
  koblenz: '/news/2022/01/conviction-of-syrian-official-for-crimes-against-humanity/',
  returning: '/reports/2021/09/former-refugees-tortured-raped-disappeared-in-syria/',
  deportation: '/urgent-actions/2021/09/syrian-refugees-at-risk-of-deportation-from-lebanon/',
  denmark: '/urgent-actions/2021/04/denmark-protect-syrians-at-risk-of-return/',
  idlib: '/news/2020/05/un-must-not-cut-vital-aid-lifeline-to-north-west-syria/',
  trial: '/news/2020/04/torture-trial-in-germany-a-historic-step/',
  iran: '/urgent-actions/2020/06/syrian-kurd-under-threat-of-execution-in-iran/',
};

/**
 * Writes records (JSON Lines) whose index, sharded, has many small parts: 40,000
 * made-up words, so about 50 dictionary blocks. Returns {file, query}: query is
 * twelve of those words from across the dictionary, each with two letters
 * swapped, which needs more than eight loading rounds (a round per word for
 * did-you-mean's wider typo lookups, after the dictionary, postings and
 * stored rounds). Deterministic (a fixed LCG).
 */
export function writeManyPartsRecords(file) {
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (letters) => letters[Math.floor(random() * letters.length)];
  const vocabulary = new Set();
  while (vocabulary.size < 40000) {
    const length = 5 + Math.floor(random() * 5);
    let word = '';
    for (let i = 0; i < length; i++) word += pick(i % 2 ? 'aeiou' : 'bcdfghjklmnprstvz');
    vocabulary.add(word);
  }
  const words = [...vocabulary];
  const lines = [];
  for (let d = 0; d < 2000; d++) {
    const title = Array.from({ length: 4 }, () => words[Math.floor(random() * words.length)]);
    const summary = Array.from({ length: 30 }, (_, i) => words[(d * 30 + i) % words.length]);
    lines.push(JSON.stringify({
      title: title.join(' '), summary: summary.join(' '), type: 'Note', date: '2020-01-01', url: `/d/${d}`,
    }));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const middling = words.filter((w) => w.length >= 6 && w.length <= 7).sort();
  const n = 12;
  const query = Array.from({ length: n }, (_, i) => {
    const w = middling[Math.floor((i + 0.5) * middling.length / n)];
    return w.slice(0, 2) + w[3] + w[2] + w.slice(4);
  }).join(' ');
  return { file, query };
}
