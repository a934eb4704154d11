#!/usr/bin/env node
// Builds the Debian package corpus for relevance tests and benchmarks.
//
//   node tests/relevance/debian-corpus.mjs [--out build/corpora] [--refresh] [--force]
//
// Sources (all on any Debian 12 machine, nothing from npm):
//   - `apt-cache dumpavail`: Package, Version, Section, Tag, Description (short).
//     If the system's apt lists are empty, the script runs `apt-get update` when
//     it is root; otherwise it reads the Packages lists of its private folder.
//   - long descriptions: the Translation-en lists, fetched into a PRIVATE lists
//     folder OUT/apt-lists (the system's lists and caches are left alone) with
//     `apt-get update -o Dir::State::Lists=OUT/apt-lists -o Acquire::Languages=en`.
//     They are fetched once and reused (offline) until --refresh.
//
// Outputs (JSON Lines, one record per package name):
//   OUT/debian.jsonl       every package
//   OUT/debian-1k.jsonl    a seeded subset of 1,000 records
//   OUT/debian-10k.jsonl   a seeded subset of 10,000 records
// A record: {"url": "https://packages.debian.org/bookworm/NAME", "name", "title":
// "NAME - short description", "body": long description, "section", "tags":
// [debtags], "version"}. Subsets always contain every package named as an
// expected answer in debian.queries.json and debian.knownitem.json (next to this
// script), then a fixed-seed random sample of the rest, in corpus order.
//
// Idempotent: when every output is newer than every input (apt lists, the
// judged files, this script), nothing is rebuilt. --force rebuilds anyway.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const systemLists = '/var/lib/apt/lists';
const SEED = 0x05b1e7;
const SUBSETS = [
  { name: 'debian-1k.jsonl', size: 1000 },
  { name: 'debian-10k.jsonl', size: 10000 },
];
const JUDGED = ['debian.queries.json', 'debian.knownitem.json'].map((f) => path.join(here, f));

function usage(code) {
  (code ? process.stderr : process.stdout).write(
    'usage: node tests/relevance/debian-corpus.mjs [--out DIR] [--refresh] [--force]\n' +
      '  --out DIR   output folder (default build/corpora in the repository)\n' +
      '  --refresh   fetch the Translation-en lists again\n' +
      '  --force     rebuild the outputs even when they look up to date\n');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { out: path.join(repoRoot, 'build/corpora'), refresh: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') {
      if (i + 1 >= argv.length) usage(2);
      opts.out = path.resolve(argv[++i]);
    } else if (a.startsWith('--out=')) opts.out = path.resolve(a.slice(6));
    else if (a === '--refresh') opts.refresh = true;
    else if (a === '--force') opts.force = true;
    else if (a === '-h' || a === '--help') usage(0);
    else {
      process.stderr.write(`debian-corpus: unknown argument ${a}\n`);
      usage(2);
    }
  }
  return opts;
}

function log(msg) {
  process.stderr.write(`debian-corpus: ${msg}\n`);
}

function die(msg) {
  log(`error: ${msg}`);
  process.exit(1);
}

function run(cmd, args, { capture = true, maxBuffer = 512 << 20 } = {}) {
  const r = spawnSync(cmd, args, {
    encoding: capture ? 'utf8' : undefined,
    maxBuffer,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  if (r.error) die(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    die(`${cmd} ${args.join(' ')} exited with ${r.status}${capture ? `: ${String(r.stderr).trim()}` : ''}`);
  }
  return r;
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function listFiles(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const packagesPattern = /_Packages(\.(lz4|gz|xz|zst|bz2))?$/;
const translationPattern = /_i18n_Translation-en(\.(lz4|gz|xz|zst|bz2))?$/;

// Keep apt from writing its binary caches (pkgcache.bin, srcpkgcache.bin) for
// the private lists: those live in the system's /var/cache/apt.
const privateAptOptions = (dir) => [
  '-o', `Dir::State::Lists=${dir}`,
  '-o', 'Dir::Cache::pkgcache=',
  '-o', 'Dir::Cache::srcpkgcache=',
];

function ensureSystemLists() {
  if (listFiles(systemLists, packagesPattern).length > 0) return true;
  if (isRoot) {
    log('the system apt lists are empty: running apt-get update');
    run('apt-get', ['update', '-qq'], { capture: false });
    return listFiles(systemLists, packagesPattern).length > 0;
  }
  log('the system apt lists are empty and this is not root: using the private lists');
  return false;
}

function ensureLz4() {
  if (have('lz4')) return;
  if (!isRoot) die('lz4 is missing (apt-get install lz4)');
  log('installing lz4');
  run('apt-get', ['install', '-y', '-qq', 'lz4'], { capture: false });
}

function fetchPrivateLists(dir, refresh) {
  if (!refresh && listFiles(dir, translationPattern).length > 0) return;
  if (!isRoot) {
    die(`no Translation-en lists in ${dir}: fetching them needs root (apt-get update); ` +
        'run this script once as root, or copy the *_i18n_Translation-en* files there');
  }
  fs.mkdirSync(path.join(dir, 'partial'), { recursive: true });
  log(`fetching the Translation-en lists into ${dir}`);
  run('apt-get', ['update', '-qq', ...privateAptOptions(dir), '-o', 'Acquire::Languages=en'],
      { capture: false });
  if (listFiles(dir, translationPattern).length === 0) {
    die(`apt-get update left no *_i18n_Translation-en files in ${dir}`);
  }
}

/** The text of an apt list file, whatever its compression. */
function readList(file) {
  if (file.endsWith('.lz4')) {
    ensureLz4();
    return run('lz4', ['-dc', file]).stdout;
  }
  if (file.endsWith('.gz')) return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  if (/\.(xz|zst|bz2)$/.test(file)) {
    return run('/usr/lib/apt/apt-helper', ['cat-file', file]).stdout;
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * Splits deb822 text into paragraphs, each a Map of field -> raw value (the
 * first line's text, then "\n" + each continuation line without its leading
 * space).
 */
function* paragraphs(text) {
  let fields = new Map();
  let last = null;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '' || line === '\r') {
      if (fields.size) yield fields;
      fields = new Map();
      last = null;
      if (end === n) break;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (last !== null) fields.set(last, `${fields.get(last)}\n${line.slice(1)}`);
    } else {
      const colon = line.indexOf(':');
      if (colon > 0) {
        last = line.slice(0, colon);
        fields.set(last, line.slice(colon + 1).trim());
      }
    }
    if (end === n) break;
  }
  if (fields.size) yield fields;
}

/**
 * The long part of a Description (the lines after the first), as text:
 * ordinary lines join with spaces, " ." lines become paragraph breaks, and
 * verbatim lines (two or more leading spaces in the file) keep their line.
 */
function longDescription(raw) {
  const lines = raw.split('\n').slice(1);
  const paras = [];
  let cur = '';
  for (const line of lines) {
    if (line.trim() === '.') {
      if (cur) paras.push(cur);
      cur = '';
      continue;
    }
    const verbatim = line.startsWith(' ');
    const text = verbatim ? line.trimEnd() : line.trim();
    if (!text) continue;
    if (!cur) cur = verbatim ? text.trimStart() : text;
    else cur += (verbatim ? '\n' : ' ') + (verbatim ? text.trimStart() : text);
  }
  if (cur) paras.push(cur);
  return paras.join('\n\n');
}

function loadTranslations(files) {
  const byMd5 = new Map(); // `${name} ${md5}` -> long description
  const byName = new Map(); // name -> first long description seen
  for (const file of files) {
    for (const p of paragraphs(readList(file))) {
      const name = p.get('Package');
      const desc = p.get('Description-en');
      if (!name || desc === undefined) continue;
      const body = longDescription(desc);
      const md5 = p.get('Description-md5');
      if (md5) byMd5.set(`${name} ${md5}`, body);
      if (!byName.has(name)) byName.set(name, body);
    }
  }
  return { byMd5, byName };
}

function dumpavail(privateDir, useSystem) {
  const args = ['dumpavail'];
  if (!useSystem) args.push(...privateAptOptions(privateDir));
  return run('apt-cache', args, { maxBuffer: 1 << 30 }).stdout;
}

/**
 * Debtags by package name from the private Packages lists: a package updated
 * by bookworm-security or -updates is listed there without its Tag field, so
 * the tags of the same package in another list fill the gap.
 */
function loadTags(files) {
  const tags = new Map();
  for (const file of files) {
    for (const p of paragraphs(readList(file))) {
      const name = p.get('Package');
      const tag = p.get('Tag');
      if (name && tag && !tags.has(name)) tags.set(name, tag);
    }
  }
  return tags;
}

function buildRecords(availText, translations, fallbackTags) {
  const records = [];
  const seen = new Set();
  let withBody = 0;
  for (const p of paragraphs(availText)) {
    const name = p.get('Package');
    if (!name || seen.has(name)) continue; // dumpavail order: the first is apt's choice
    seen.add(name);
    const short = (p.get('Description') || '').split('\n')[0].trim();
    const md5 = p.get('Description-md5');
    let body = md5 ? translations.byMd5.get(`${name} ${md5}`) : undefined;
    if (body === undefined) body = translations.byName.get(name);
    if (body === undefined) {
      // Some Packages lists still carry the long description themselves.
      const own = p.get('Description') || '';
      body = own.includes('\n') ? longDescription(own) : '';
    }
    if (body) withBody++;
    const tagText = p.get('Tag') || fallbackTags.get(name) || '';
    const tags = tagText
      .split(/[,\n]/)
      .map((t) => t.trim())
      .filter(Boolean);
    records.push({
      url: `https://packages.debian.org/bookworm/${name}`,
      name,
      title: short ? `${name} - ${short}` : name,
      body,
      section: p.get('Section') || '',
      tags,
      version: p.get('Version') || '',
    });
  }
  return { records, withBody };
}

// mulberry32: a small, fixed-seed PRNG (the same sequence on every machine).
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every url named as an expected answer in the judged files. */
function judgedUrls() {
  const urls = new Set();
  for (const file of JUDGED) {
    if (!fs.existsSync(file)) {
      log(`warning: ${path.relative(repoRoot, file)} is missing; subsets will not cover it`);
      continue;
    }
    const items = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const it of items) {
      for (const u of it.expect === undefined ? [] : [].concat(it.expect)) urls.add(u);
    }
  }
  return urls;
}

function subset(records, size, required) {
  const keep = new Set();
  const missing = [];
  const index = new Map(records.map((r, i) => [r.url, i]));
  for (const u of required) {
    if (index.has(u)) keep.add(index.get(u));
    else missing.push(u);
  }
  if (missing.length) log(`warning: judged answers not in the corpus: ${missing.join(', ')}`);
  if (keep.size > size) die(`${keep.size} judged answers do not fit a subset of ${size}`);
  const rest = [];
  for (let i = 0; i < records.length; i++) if (!keep.has(i)) rest.push(i);
  const rand = mulberry32(SEED ^ size);
  // Partial Fisher-Yates: the first (size - keep.size) items of rest.
  const want = Math.min(size - keep.size, rest.length);
  for (let i = 0; i < want; i++) {
    const j = i + Math.floor(rand() * (rest.length - i));
    [rest[i], rest[j]] = [rest[j], rest[i]];
    keep.add(rest[i]);
  }
  return [...keep].sort((a, b) => a - b).map((i) => records[i]);
}

function writeJsonl(file, records) {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  fs.renameSync(tmp, file);
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function fmtBytes(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function countLines(file) {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function summary(outputs) {
  for (const file of outputs) {
    const bytes = fs.statSync(file).size;
    const gz = zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;
    console.log(`${path.relative(process.cwd(), file) || file}: ${countLines(file)} records, ` +
                `${fmtBytes(bytes)} (${fmtBytes(gz)} gzip)`);
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.out, { recursive: true });
  const privateDir = path.join(opts.out, 'apt-lists');
  const full = path.join(opts.out, 'debian.jsonl');
  const outputs = [full, ...SUBSETS.map((s) => path.join(opts.out, s.name))];

  const haveTranslations = listFiles(privateDir, translationPattern).length > 0;
  const systemPackages = listFiles(systemLists, packagesPattern);
  if (!opts.force && !opts.refresh && haveTranslations && systemPackages.length > 0) {
    const inputs = [
      ...systemPackages,
      ...listFiles(privateDir, translationPattern),
      ...JUDGED,
      fileURLToPath(import.meta.url),
    ];
    const newestInput = Math.max(...inputs.map(mtime));
    const oldestOutput = Math.min(...outputs.map(mtime));
    if (oldestOutput > newestInput) {
      console.log('debian corpus is up to date (use --force to rebuild)');
      summary(outputs);
      return;
    }
  }

  const started = performance.now();
  const useSystem = ensureSystemLists();
  fetchPrivateLists(privateDir, opts.refresh);
  const translations = loadTranslations(listFiles(privateDir, translationPattern));
  const fallbackTags = loadTags(listFiles(privateDir, packagesPattern));
  const { records, withBody } = buildRecords(dumpavail(privateDir, useSystem), translations,
                                             fallbackTags);
  if (records.length === 0) die('apt-cache dumpavail gave no packages');
  log(`${records.length} packages, ${withBody} with a long description, ` +
      `${records.filter((r) => r.tags.length).length} with debtags`);

  writeJsonl(full, records);
  const required = judgedUrls();
  for (const s of SUBSETS) {
    writeJsonl(path.join(opts.out, s.name), subset(records, s.size, required));
  }
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  summary(outputs);
}

main();
