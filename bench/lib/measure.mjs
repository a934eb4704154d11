// Running child processes with wall time, peak RSS and a time limit; file sizes
// raw / gzip / brotli.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// A bundle's index file as the engine takes it, and whether it is a display
// part deflated against its folder's dictionary: the test suites' readers.
import { isDeflated, unpackFile } from '../../tests/node/helpers.mjs';

export { isDeflated, unpackFile };

export const TIME_BIN = '/usr/bin/time';
export const haveGnuTime = (() => {
  try {
    fs.accessSync(TIME_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();

function readHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// Runs cmd args; resolves (never rejects) to {ok, code, signal, timedOut,
// wallMs, peakRss, stdout, stderr, error}. Peak RSS comes from GNU time -v
// (`time` package) when installed, else from polling /proc/PID/status VmHWM.
export function runMeasured(cmd, args, { timeoutMs = 600_000, env, cwd } = {}) {
  return new Promise((resolve) => {
    const useTime = haveGnuTime;
    const argv = useTime ? ['-v', cmd, ...args] : args;
    const t0 = performance.now();
    let child;
    try {
      child = spawn(useTime ? TIME_BIN : cmd, argv, { env: env || process.env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ok: false, error: `cannot start ${cmd}: ${error.message}`, wallMs: 0, peakRss: 0, stdout: '', stderr: '' });
      return;
    }
    const out = [];
    const err = [];
    let errBytes = 0;
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      // Keep the head and the tail of a chatty stderr (GNU time prints last).
      errBytes += d.length;
      err.push(d);
      if (errBytes > 4 << 20) {
        const joined = Buffer.concat(err);
        err.length = 0;
        err.push(joined.subarray(0, 64 << 10), Buffer.from('\n[...]\n'), joined.subarray(joined.length - (1 << 20)));
        errBytes = err.reduce((a, b) => a + b.length, 0);
      }
    });
    let hwm = 0;
    const poll = useTime ? null : setInterval(() => { hwm = Math.max(hwm, readHwm(child.pid)); }, 10);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ ok: false, error: `cannot start ${cmd}: ${error.message}`, wallMs: 0, peakRss: 0, stdout: '', stderr: '' });
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const stdout = Buffer.concat(out).toString('utf8');
      let stderr = Buffer.concat(err).toString('utf8');
      let peakRss = hwm;
      let exit = code;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (m) peakRss = Number(m[1]) * 1024;
        const st = /Exit status: (\d+)/.exec(stderr);
        const sig = /Command terminated by signal (\d+)/.exec(stderr);
        if (st) exit = Number(st[1]);
        if (sig) exit = 128 + Number(sig[1]);
        const cut = stderr.search(/\n?\s*(Command terminated by signal|Command exited with non-zero status|Command being timed:)/);
        if (cut >= 0) stderr = stderr.slice(0, cut);
      }
      const ok = !timedOut && exit === 0 && signal === null;
      let error = null;
      if (timedOut) error = `timed out after ${Math.round(timeoutMs / 1000)} s`;
      else if (!ok) {
        const tail = stderr.trim().split('\n').filter(Boolean).slice(-2).join(' | ').slice(0, 300);
        error = `${path.basename(cmd)} exited ${signal || exit}${tail ? `: ${tail}` : ''}`;
      }
      resolve({ ok, code: exit, signal, timedOut, wallMs, peakRss, stdout, stderr, error });
    });
  });
}

export function listFiles(target) {
  const st = fs.statSync(target);
  if (st.isFile()) return [target];
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(target);
  return out.sort();
}

export function gzipSize(buf) {
  return zlib.gzipSync(buf, { level: 9 }).length;
}

export function brotliSize(buf, quality) {
  return zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
}

export const isGzip = (buf) => buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b;

// Sizes of files compressed one by one (as a static host serves them).
export function sizes(files, { brotliQuality = 11 } = {}) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    if (isGzip(buf) || isDeflated(buf)) {
      // Already compressed (Osprey's bundle files, Pagefind's): served as they
      // are; raw is what they hold.
      raw += isGzip(buf) ? zlib.gunzipSync(buf).length : buf.readUInt32LE(4);
      gzip += buf.length;
      brotli += buf.length;
      continue;
    }
    raw += buf.length;
    gzip += gzipSize(buf);
    brotli += brotliSize(buf, brotliQuality);
  }
  return { raw, gzip, brotli, files: files.length, brotliQuality };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function latencyStats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? null };
}
