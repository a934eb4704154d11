// What bench/run measures with: the Osprey CLI and builds, the peers' packages
// and Chromium (toolState); a Node child task (nodeTask); the code files of
// each engine and their gzip size (staticCode, codeBytes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM } from './browser.mjs';
import { gzipSize, listFiles, runMeasured } from './measure.mjs';
import { here, repo, work } from './paths.mjs';

export function ospreyCli() {
  return process.env.OSPREY_CLI || path.join(repo, 'build/native/tools/osprey');
}

export function toolState() {
  const cli = ospreyCli();
  const state = { cli, cliBuilt: fs.existsSync(cli), site: false };
  if (state.cliBuilt) {
    const h = spawnSync(cli, ['--help'], { encoding: 'utf8' });
    state.site = /--site\b/.test(`${h.stdout}${h.stderr}`);
    const v = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    state.cliVersion = `${v.stdout || ''}`.trim();
  }
  state.wasmBuilt = ['web/engine/osprey-engine.js', 'web/engine/osprey-engine.wasm', 'web/osprey-core.js']
    .every((f) => fs.existsSync(path.join(repo, f)));
  const pfDir = path.join(repo, 'node_modules/@pagefind');
  state.pagefind = null;
  if (fs.existsSync(pfDir)) {
    for (const pkg of fs.readdirSync(pfDir)) {
      for (const bin of ['pagefind', 'pagefind_extended']) {
        const p = path.join(pfDir, pkg, 'bin', bin);
        if (!state.pagefind && fs.existsSync(p)) state.pagefind = p;
      }
    }
  }
  state.peers = {};
  for (const name of ['minisearch', 'flexsearch', 'lunr', 'pagefind', 'esbuild', 'playwright-core']) {
    try {
      state.peers[name] = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      state.peers[name] = null;
    }
  }
  state.chromium = fs.existsSync(CHROMIUM);
  if (state.chromium) state.chromiumVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  return state;
}

// The useful line(s) of a failed child's stderr: a JS error, or V8's fatal
// error with its check and the builtin it died in.
function childError(r) {
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.findIndex((l) => /^# Fatal|FATAL ERROR/.test(l));
  if (fatal >= 0) {
    const check = lines.slice(fatal).find((l) => /Check failed|Reached heap limit|invalid size|out of memory/i.test(l));
    const where = lines.slice(fatal).map((l) => /v8::internal::Builtin_(\w+)/.exec(l)).find(Boolean);
    const what = [check?.replace(/^#\s*/, ''), where && `in ${where[1]}`].filter(Boolean).join(' ');
    return `V8 crashed${what ? `: ${what}` : ''}`.slice(0, 400);
  }
  const js = lines.find((l) => /^\w*Error\b|^Error:/.test(l));
  return (js || r.error || 'no result').slice(0, 400);
}

export async function nodeTask(args, timeoutMs) {
  const r = await runMeasured(process.execPath,
    ['--max-old-space-size=8192', '--expose-gc', path.join(here, 'node-task.mjs'), JSON.stringify(args)],
    { timeoutMs, cwd: repo });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!r.ok || !line) return { error: r.timedOut ? r.error : childError(r), timedOut: r.timedOut };
  return { ...JSON.parse(line.slice(9)), peakRss: r.peakRss, wallMs: r.wallMs };
}

// Pagefind's output: the runtime (JS, wasm), the UI kits, and the index data.
export function pagefindSplit(dir) {
  const files = listFiles(dir);
  const runtime = /\/(pagefind\.js|pagefind-worker\.js|wasm\.[a-z-]+\.pagefind)$/;
  const ui = /\/(pagefind-(component-|modular-)?ui\.(js|css)|pagefind-highlight\.js)$/;
  return { data: files.filter((f) => !runtime.test(f) && !ui.test(f)), runtime: files.filter((f) => runtime.test(f)) };
}

// gzip -9 of each code file, summed (files that are gzip already count as they are).
export function codeBytes(files) {
  let total = 0;
  const list = [];
  for (const f of [...new Set(files)]) {
    const buf = fs.readFileSync(f);
    const gz = buf[0] === 0x1f && buf[1] === 0x8b ? buf.length : gzipSize(buf);
    total += gz;
    list.push({ file: path.relative(repo, f), raw: buf.length, gzip: gz });
  }
  return { gzip: total, files: list };
}

export function staticCode(engine, outDir) {
  const nm = (p) => path.join(repo, 'node_modules', p);
  switch (engine) {
    case 'osprey':
      return ['web/engine/osprey-engine.wasm', 'web/engine/osprey-engine.js', 'web/osprey-core.js', 'web/osprey-worker.js', 'web/osprey.js']
        .map((f) => path.join(repo, f));
    case 'minisearch': return [path.join(work, 'www/lib/minisearch.js')];
    case 'flexsearch': return [path.join(work, 'www/lib/flexsearch.js')];
    case 'lunr': return [nm('lunr/lunr.min.js')];
    case 'pagefind': return outDir && fs.existsSync(outDir) ? pagefindSplit(outDir).runtime.filter((f) => !/worker/.test(f)) : [];
    default: return [];
  }
}
