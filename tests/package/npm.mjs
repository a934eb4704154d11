// What the tests of scripts/release's output share (tests/package/,
// tests/generators/): where the release files are, programs run to their end
// or served, and npm/npx with only node, npm, npx and sh on PATH, a private
// cache and no network (npm_config_offline).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../site/browser.mjs';

export const version = /project\(osprey VERSION ([0-9.]+)/.exec(readFileSync(join(root, 'CMakeLists.txt'), 'utf8'))[1];
export const out = join(root, 'build/release');
export const folder = join(out, `osprey-${version}-linux-x64`);
export const jsTarball = join(out, 'npm', `osprey-search-${version}.tgz`);
export const binTarball = join(out, 'npm', `osprey-search-linux-x64-${version}.tgz`);

/** Runs a program to its end: {code, stdout, stderr}. */
export function run(cmd, args, { cwd, env }) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts a server (a command that prints its URL); {base, stop() → exit code}. */
export function serve(cmd, args, { cwd, env }) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => { process.kill(-child.pid, 'SIGKILL'); reject(new Error(`no URL: ${text} ${err}`)); }, 60000);
    const early = (code) => reject(new Error(`${cmd} exited with ${code}: ${text} ${err}`));
    child.on('exit', early);
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        base: m[0],
        // The whole process group: npx, the shim and osprey.
        stop: () => { process.kill(-child.pid, 'SIGTERM'); return exited; },
      });
    });
  });
}

/** Makes tmp/bin: links to node, npm, npx and sh, the only programs npmEnv(tmp) has. */
export function nodeOnlyBin(tmp) {
  mkdirSync(join(tmp, 'bin'));
  for (const tool of ['node', 'npm', 'npx', 'sh']) {
    const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(tool === 'node' ? process.execPath : realpathSync(which), join(tmp, 'bin', tool));
  }
}

/** npm and npx in a bare environment: only tmp/bin on PATH, a private cache, offline. */
export function npmEnv(tmp) {
  return { PATH: join(tmp, 'bin'), HOME: join(tmp, 'home'), npm_config_cache: join(tmp, 'npm-cache'),
           npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false',
           npm_config_offline: 'true' };
}

/** A folder holding a package.json: an npm project named name. */
export function project(dir, name) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  return dir;
}
