// Every example of an osprey command in `osprey --help`, the READMEs and docs/
// runs (issue #17: the examples named index files that no longer existed).
// An example is a line of a code block (fenced, or indented 4 spaces in
// Markdown; in --help, the EXAMPLES section and lines indented 4 spaces) that
// starts with a way to run osprey: `osprey`, `./osprey`,
// `build/native/tools/osprey`, `osprey-VERSION-linux-x64/osprey` or
// `npx osprey-search` (all of them run the CLI under test here; the npm shim
// itself is tests/package/'s). They run in document order, by sh, in one
// sandbox that holds what the examples expect: `public/` (a built site, a
// copy of tests/fixtures/sites/basic), `data/` (a copy of the repository's)
// and `osprey.json` (the first example of docs/config.md). An example whose input
// (the site, the records, the config, the index, the folder served) is not
// there is reported as skipped, by name; any other must exit 0. `serve`
// examples get `--port 0`, answer a request and are stopped.
// The guides run by tests/generators/ (hugo, jekyll, eleventy, mkdocs, sphinx) are left to it.
// usage: OSPREY_CLI=build/native/tools/osprey node --test tests/cli/examples.test.mjs
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync,
         writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { cli, root } from '../site/browser.mjs';

const tested = new Set(['docs/guides/hugo.md', 'docs/guides/jekyll.md', 'docs/guides/eleventy.md',
                        'docs/guides/mkdocs.md', 'docs/guides/sphinx.md']);
const program = /^(?:osprey|\.\/osprey|build\/native\/tools\/osprey|osprey-[0-9.]+-linux-x64\/osprey|npx osprey-search)(?= )/;
const command = /^osprey (index|search|serve|assets|help|--help|-h|--version)\b/;

/** The Markdown files whose examples count: README.md, packaging's READMEs, docs/ (bench/ has its own tools). */
function markdownFiles() {
  const found = ['README.md', 'packaging/release-README.md'];
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.md') && !tested.has(rel)) found.push(rel);
    }
  };
  walk('docs');
  walk('packaging/npm');
  return found.sort();
}

/** The code lines of a Markdown text: fenced blocks and 4-space indented lines. */
function codeLines(text) {
  const lines = [];
  let fence = null;
  for (const line of text.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f && (fence === null || f[1][0] === fence[0])) fence = fence === null ? f[1] : null;
    else if (fence !== null) lines.push(line.trim());
    else if (/^ {4}\S/.test(line)) lines.push(line.trim());
  }
  return lines;
}

/** `osprey --help`'s examples: lines indented 4 spaces, and the EXAMPLES section. */
function helpLines(help) {
  const lines = [];
  let inExamples = false;
  for (const line of help.split('\n')) {
    if (/^[A-Z]/.test(line)) inExamples = line.startsWith('EXAMPLES');
    else if (inExamples || /^ {4}\S/.test(line)) lines.push(line.trim());
  }
  return lines;
}

/** An example as the command the sandbox runs: `osprey …` without a trailing comment, or null. */
function example(line) {
  if (!program.test(line)) return null;
  const text = line.replace(program, 'osprey').replace(/\s+#.*$/, '').trim();
  return command.test(text) ? text : null;
}

/** What the example reads that the sandbox must hold (null: nothing), as sh words before expansion. */
function input(words) {
  const value = (flag) => { const i = words.indexOf(flag); return i > 0 ? words[i + 1] : undefined; };
  const positional = words.slice(2).filter((w, i, all) => !w.startsWith('-') && !(i > 0 && all[i - 1].startsWith('-')));
  switch (words[1]) {
    case 'index': return value('--site') ?? value('--config') ?? positional[0] ?? null;
    case 'search': return positional[0] ?? null;
    case 'serve': return positional[0] ?? null;
    default: return null;
  }
}

let sandbox;
const env = () => ({ PATH: `${join(sandbox, 'bin')}:/usr/bin:/bin`, HOME: sandbox });

before(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'osprey-examples-'));
  mkdirSync(join(sandbox, 'bin'));
  symlinkSync(resolve(cli), join(sandbox, 'bin/osprey'));
  cpSync(join(root, 'tests/fixtures/sites/basic'), join(sandbox, 'public'), { recursive: true });
  cpSync(join(root, 'data'), join(sandbox, 'data'), { recursive: true });
  const config = /```json\n([\s\S]*?)```/.exec(readFileSync(join(root, 'docs/config.md'), 'utf8'))[1];
  writeFileSync(join(sandbox, 'osprey.json'), config);
});

after(() => { if (sandbox) rmSync(sandbox, { recursive: true, force: true }); });

/** Whether the sandbox holds what the sh word names (a glob: any file it matches). */
function present(word) {
  return spawnSync('sh', ['-c', `for f in ${word}; do [ -e "$f" ] && exit 0; done; exit 1`], { cwd: sandbox }).status === 0;
}

/** Runs `osprey serve …` with --port 0 until it prints its URL; fetches it; stops it. */
async function serveOnce(text) {
  const child = spawn('sh', ['-c', `exec ${text} --port 0 --quiet`], { cwd: sandbox, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  const base = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${text}: exited with ${code}: ${err}`)));
    child.stdout.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((done) => child.on('exit', done));
  try {
    assert.equal((await fetch(base)).status, 200, text);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

test('every osprey example in --help, the READMEs and docs/ runs', async (t) => {
  const help = execFileSync(cli, ['--help'], { encoding: 'utf8' });
  const sources = [['osprey --help', helpLines(help)],
                   ...markdownFiles().map((f) => [f, codeLines(readFileSync(join(root, f), 'utf8'))])];
  const ran = [];
  const skipped = [];
  for (const [source, lines] of sources) {
    for (const text of lines.map(example).filter(Boolean)) {
      const words = text.split(/\s+/);
      const needs = input(words);
      if (needs !== null && !present(needs)) {
        skipped.push(`${source}: ${text} (no ${needs})`);
        continue;
      }
      if (words[1] === 'serve') {
        await serveOnce(text);
      } else {
        const r = spawnSync('sh', ['-c', text], { cwd: sandbox, env: env(), encoding: 'utf8', timeout: 60000 });
        assert.equal(r.status, 0, `${source}: \`${text}\` exited with ${r.status}: ${r.stderr}`);
      }
      ran.push(`${source}: ${text}`);
    }
  }
  t.diagnostic(`ran ${ran.length} examples; skipped ${skipped.length}: ${skipped.join('; ')}`);
  // Each kind of example is found and run (the extraction cannot silently find nothing).
  for (const kind of ['osprey index --site', 'osprey index data/', 'osprey search', 'osprey serve', 'osprey index --config']) {
    assert.ok(ran.some((r) => r.includes(`: ${kind}`)), `no example of \`${kind}\` ran: ${ran.join('; ')}`);
  }
  assert.ok(ran.some((r) => r.startsWith('osprey --help: ')), 'no example of --help ran');
  assert.ok(existsSync(join(sandbox, 'public/osprey/osprey-manifest.json')));
});
