// The first keystroke of <osprey-search>, cold, many times over: a fast
// reproduction of a first keystroke that never gets its results (issue #14's
// network-bench hang; bench/README.md, "Network"), with the loading-path trace
// of trace.mjs.
//
//   node bench/lib/first-key.mjs BUNDLE_DIR [--runs N] [--parallel N] [--timeout MS]
//        [--profiles rtt/mbps,...] [--hosts plain,gzip-all] [--text cr]
//        [--delay FILE=MS,...] [--gc] [--no-trace] [--page bench]
//
// Each run: a new browser context (empty cache) opens a page through the
// shaper (shaper.mjs) in front of the bench server (server.mjs), puts the
// element of the bundle in it as the typing page does (page/typing.js), focuses
// it, types the text and waits for its osprey-results. Runs cycle through the
// profiles (round trip in ms / Mbit/s), then the host models. --delay holds the
// requests for files ending so for that long before the shaper (an order of
// arrival); --gc collects garbage every 15 ms on the page and in the worker;
// --page bench opens the bench's own typing page. A run that times out prints
// the element's state, the worker's promises, the shaper's log and the trace.
// Exit status 1 when a run timed out.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, withTimeout } from './browser.mjs';
import { startServer } from './server.mjs';
import { startShaper } from './shaper.mjs';
import { pageTrace, readTrace, traceNow, workerTrace } from './trace.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);

function parseArgs(argv) {
  const o = { runs: 40, parallel: 2, timeout: 15000, profiles: '0/1000,5/200,30/50,150/1.6', hosts: 'gzip-all,plain', text: 'cr', trace: true, page: 'repro' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-trace') o.trace = false;
    else if (a === '--gc') o.gc = true;
    else if (a.startsWith('--')) o[a.slice(2)] = argv[++i];
    else rest.push(a);
  }
  if (rest.length !== 1) throw new Error('usage: node bench/lib/first-key.mjs BUNDLE_DIR [--runs N] [--parallel N] [--timeout MS] [--profiles rtt/mbps,...] [--hosts ...] [--text T]');
  o.bundle = path.resolve(rest[0]);
  o.runs = Number(o.runs);
  o.parallel = Number(o.parallel);
  o.timeout = Number(o.timeout);
  o.profiles = o.profiles.split(',').map((p) => {
    const [rtt, mbps] = p.split('/').map(Number);
    return { rttMs: rtt, bitsPerSecond: mbps * 1e6, label: p };
  });
  o.hosts = o.hosts.split(',');
  if (o.delay) o.delay = Object.fromEntries(o.delay.split(',').map((d) => d.split('=')).map(([k, v]) => [k, Number(v)]));
  return o;
}

// A proxy in front of the shaper that holds the requests whose path ends with
// one of delays' keys for that many ms before passing them on (--delay
// osprey-worker.js=800,osprey-engine.wasm=0): forces one order of arrival.
async function startDelayer(upstream, delays) {
  const up = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const hit = Object.entries(delays).find(([end]) => req.url.split('?')[0].endsWith(end));
    setTimeout(() => {
      const forward = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers, agent }, (ur) => {
        res.writeHead(ur.statusCode, ur.headers);
        ur.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, hit ? hit[1] : 0);
  });
  server.keepAliveTimeout = 120_000;
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () => {
      server.closeAllConnections?.();
      agent.destroy();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

async function oneRun(browser, servers, o, i) {
  const profile = o.profiles[i % o.profiles.length];
  const host = o.hosts[Math.floor(i / o.profiles.length) % o.hosts.length];
  const shaper = await startShaper({ upstream: servers[host].origin, rttMs: profile.rttMs, bitsPerSecond: profile.bitsPerSecond });
  const delayer = o.delay ? await startDelayer(shaper.origin, o.delay) : null;
  const origin = delayer ? delayer.origin : shaper.origin;
  const context = await browser.newContext();
  if (o.trace) await context.addInitScript(pageTrace);
  // --gc: a full garbage collection every few ms on the page and in the worker,
  // so that anything only a cycle of promises holds goes at once.
  if (o.gc) await context.addInitScript(() => setInterval(() => window.gc?.(), 15));
  const tStart = traceNow();
  const workers = [];
  const label = `run ${i} (${profile.label}, ${host})`;
  try {
    const page = await context.newPage();
    page.on('worker', (w) => {
      workers.push(w);
      if (o.trace) w.evaluate(workerTrace).catch(() => {});
      if (o.gc) w.evaluate(() => setInterval(() => self.gc?.(), 15)).catch(() => {});
    });
    await page.goto(o.page === 'bench' ? `${origin}/bench/typing.html` : `${origin}/repro/first-key.html`);
    await page.waitForFunction(() => window.typing && window.typing.ready);
    await shaper.idle();
    const t0 = performance.now();
    try {
      const r = await withTimeout(page.evaluate(([b, t, ms]) => window.typing.osprey(b, t, true, ms), ['/data/', o.text, o.timeout]),
                                  o.timeout + 2000, `keystroke "${o.text}"`);
      return { ok: true, label, ms: performance.now() - t0, count: r.count };
    } catch (error) {
      const element = await page.evaluate(() => window.typing.describe()).catch((e) => `(${e.message})`);
      const { workers: states, lines } = await readTrace(page, workers, tStart);
      return {
        ok: false, label, error: String(error.message || error).split('\n')[0], element,
        workers: states, unfinished: shaper.unfinished(),
        answered: shaper.stats().requests.map((r) => `${r.path.split('/').slice(-2).join('/')} ${r.status} ${r.bytes} B${r.aborted ? ' (abandoned)' : ''}`),
        trace: lines,
      };
    }
  } finally {
    await context.close().catch(() => {});
    await delayer?.stop();
    await shaper.stop();
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const repro = fs.mkdtempSync(path.join(os.tmpdir(), 'first-key-'));
  fs.writeFileSync(path.join(repro, 'first-key.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<title>first keystroke</title><script type="module" src="/bench/typing.js"></script></head><body></body></html>');
  const mounts = { '/repro/': repro, '/bench/': path.join(here, 'page'), '/data/': o.bundle };
  const servers = { 'gzip-all': await startServer(mounts), plain: await startServer(mounts, { hostModel: 'plain' }) };
  const browser = await launchChromium(o.gc ? ['--js-flags=--expose-gc'] : []);
  let next = 0;
  let hangs = 0;
  const times = [];
  const worker = async () => {
    while (next < o.runs) {
      const i = next++;
      const r = await oneRun(browser, servers, o, i);
      if (r.ok) {
        times.push(r.ms);
        process.stdout.write(`${r.label}: ${r.ms.toFixed(0)} ms, ${r.count} results\n`);
      } else {
        hangs++;
        process.stdout.write(`${r.label}: ${r.error}\n  element: ${r.element}\n  workers: ${r.workers.join('; ') || 'none'}\n` +
          `  unfinished: ${r.unfinished.join(', ') || 'none'}\n  answered: ${r.answered.join(', ')}\n  trace:\n    ${r.trace.join('\n    ')}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.parallel }, worker));
  times.sort((a, b) => a - b);
  process.stdout.write(`${o.runs} runs, ${hangs} without results in ${o.timeout} ms; median first keystroke ${times.length ? times[Math.floor((times.length - 1) / 2)].toFixed(0) : '-'} ms\n`);
  await browser.close();
  for (const s of Object.values(servers)) await s.stop();
  fs.rmSync(repro, { recursive: true, force: true });
  process.exitCode = hangs ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`first-key: ${error.stack || error}\n`);
  process.exit(2);
});
