// The network shaper: an HTTP proxy on 127.0.0.1 in front of the bench server
// (server.mjs) that makes every response cost what it costs a visitor:
//
//   - one round trip: a response is held until rttMs have passed since its
//     request arrived (or until the upstream answered, if that was later);
//   - one shared link: then its body crosses a single link of the given
//     bandwidth, first come first served: a body starts when the one before it
//     has finished and takes bytes × 8 / bandwidth.
//
// So a body of B bytes requested at t on an idle link is complete at
// t + rtt + B × 8 / bps; concurrent bodies queue (FIFO by the time they are
// ready). Only the body bytes as sent (gzip or not) count; headers, TCP and
// TLS set-up do not (connections are kept alive, as the browser does). The
// body is written in chunks, each at the time its last byte would have
// arrived, so a streaming consumer (wasm compile, a parser) sees it arrive
// gradually; the last byte is written at the computed finish time (timers are
// set to absolute times, so lateness does not add up). A body's chunks are
// written in order, each one's timer set once the chunk before it is written.
//
//   const shaper = await startShaper({ upstream: server.origin, rttMs: 150, bitsPerSecond: 1.6e6 });
//   page.goto(`${shaper.origin}/...`);
//   shaper.reset(); ...; shaper.stats()   // {bytes, requests: [{path, tReq, ready, start, finish, bytes, raw}]}
//   await shaper.idle();                  // no response pending
//   await shaper.stop();
//
// Protocols: "h1" (default) serves plain HTTP/1.1, where a browser opens at
// most 6 connections to a host, so a round of n requests goes out in
// ceil(n / 6) waves; "h2" serves HTTP/2 over TLS (a self-signed certificate,
// tls-cert.mjs), where all of a round's requests share one connection, as on
// today's static hosts and CDNs. The shaping is the same for both: it acts on
// each response, whatever carries it. `connections` counts the client
// connections (h1 sockets, h2 sessions) accepted since the start.
//
// Times are performance.now() of this process (the driver reads the same clock).
import http from 'node:http';
import http2 from 'node:http2';

import { benchCert } from './tls-cert.mjs';

// The visitor's network (notes/network-bench.md): mobile is the throttling
// page-speed tools apply; broadband a good fixed line.
export const PROFILES = {
  mobile: { rttMs: 150, bitsPerSecond: 1.6e6, label: 'mobile (150 ms, 1.6 Mbit/s)' },
  broadband: { rttMs: 30, bitsPerSecond: 50e6, label: 'broadband (30 ms, 50 Mbit/s)' },
};

// What carries the responses from the shaper to the browser.
export const PROTOCOLS = {
  h1: { label: 'HTTP/1.1' },
  h2: { label: 'HTTP/2 (TLS)' },
};

// Headers that belong to one hop (HTTP/2 forbids them in a response too).
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

export async function startShaper({ upstream, rttMs, bitsPerSecond, chunkBytes = 16 * 1024, protocol = 'h1' }) {
  if (!(rttMs >= 0) || !(bitsPerSecond > 0)) throw new Error('startShaper: rttMs >= 0 and bitsPerSecond > 0 needed');
  if (!PROTOCOLS[protocol]) throw new Error(`startShaper: protocol "${protocol}" is not one of ${Object.keys(PROTOCOLS).join(', ')}`);
  const up = new URL(upstream);
  if (up.hostname !== '127.0.0.1') throw new Error('startShaper: the upstream must be on 127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const msPerByte = 8000 / bitsPerSecond;
  let linkFree = 0;       // when the link has sent the last body queued
  let log = [];
  let bytes = 0;
  let pending = 0;        // responses not yet finished
  let idleWaiters = [];
  const timers = new Set();
  const open = new Map();  // response -> {path, tReq, stage}: what has not finished, for a stuck run's report
  // Runs fn at `time`, never before (a timer can fire a fraction of a ms early:
  // then it waits again, so a body never arrives before its computed finish).
  const at = (time, fn) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (performance.now() < time) at(time, fn);
      else fn();
    }, Math.max(0, Math.ceil(time - performance.now())));
    timers.add(t);
  };
  const done = (res) => {
    open.delete(res);
    pending--;
    if (pending === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    }
  };

  let connections = 0;
  const sessions = new Set();  // h2: the open sessions, destroyed by stop()

  const handle = (req, res) => {
    const tReq = performance.now();
    pending++;
    let finished = false;
    let entryRef = null;
    const state = { path: req.url, tReq, stage: 'upstream' };
    open.set(res, state);
    // A page that abandons a request (a superseded search) closes its
    // connection; the body still takes its turn on the link (a server would
    // have sent much of it already), and the log says it was abandoned.
    res.on('close', () => {
      if (!finished && entryRef) entryRef.aborted = true;
      if (!finished) state.closed = true;
    });
    const headers = { ...req.headers, host: up.host };
    for (const h of HOP) delete headers[h];
    for (const h of Object.keys(headers)) if (h.startsWith(':')) delete headers[h];  // h2's pseudo-headers
    // A kept-alive upstream socket can be closed by the server just as it is
    // reused; such a request (GET or HEAD: no body to replay) is sent again
    // once, on a new socket (request.reusedSocket, as Node's docs advise),
    // rather than answered 502.
    const replayable = req.method === 'GET' || req.method === 'HEAD';
    const forwardOnce = (retry) => {
      const forward = http.request({ host: '127.0.0.1', port: up.port, method: req.method, path: req.url, headers, agent }, (ur) => {
        const chunks = [];
        ur.on('data', (c) => chunks.push(c));
        ur.on('end', () => {
          const body = Buffer.concat(chunks);
          const tUp = performance.now();
          const entry = {
            path: decodeURIComponent(new URL(req.url, 'http://x').pathname), status: ur.statusCode, tReq,
            bytes: body.length, raw: Number(ur.headers['x-bench-raw-length'] ?? body.length),
            encoding: ur.headers['content-encoding'] || null,
          };
          const ready = Math.max(tReq + rttMs, tUp);
          entry.ready = ready;
          state.stage = 'waiting its turn on the link';
          entryRef = entry;
          // At `ready`, the body takes its turn on the link (timers fire in
          // order of their times: FIFO by readiness).
          at(ready, () => {
            const start = Math.max(ready, linkFree);
            const finish = start + body.length * msPerByte;
            linkFree = finish;
            entry.start = start;
            entry.finish = finish;
            log.push(entry);
            bytes += body.length;
            const out = {};
            for (const [k, v] of Object.entries(ur.headers)) if (!HOP.has(k) && k !== 'x-bench-raw-length') out[k] = v;
            out['content-length'] = body.length;
            at(start, () => {
              state.stage = `sending ${body.length} B`;
              res.writeHead(ur.statusCode, out);
              if (req.method === 'HEAD' || body.length === 0) {
                at(finish, () => {
                  finished = true;
                  res.end();
                  done(res);
                });
                return;
              }
              res.flushHeaders();
              // One chunk after the other: the next chunk's timer is set once
              // this one is written. (A timer per chunk, all set at once, let a
              // chunk due less than a timer's granularity after another be
              // written first when the earlier one's timer fired early and waited
              // again, as on a loaded event loop: the short last chunk of a body on
              // a fast link was written by res.end() before the chunk ahead of it,
              // whose write then went nowhere. The browser kept waiting for the
              // bytes Content-Length promised, or failed to decode the gzip.)
              const send = (off) => {
                const end = Math.min(body.length, off + chunkBytes);
                at(start + end * msPerByte, () => {
                  if (end === body.length) {
                    finished = true;
                    res.end(body.subarray(off, end));
                    done(res);
                  } else {
                    res.write(body.subarray(off, end));
                    send(end);
                  }
                });
              };
              send(0);
            });
          });
        });
        ur.on('error', () => {
          res.destroy();
          done(res);
        });
      });
      forward.on('error', (e) => {
        if (retry && replayable && forward.reusedSocket && e.code === 'ECONNRESET') {
          forwardOnce(false);
          return;
        }
        res.writeHead(502, { 'content-type': 'text/plain' }).end(String(e.message));
        done(res);
      });
      if (replayable) forward.end();
      else req.pipe(forward);
    };
    forwardOnce(true);
  };

  let server;
  if (protocol === 'h2') {
    const { key, cert } = benchCert();
    server = http2.createSecureServer({ key, cert, allowHTTP1: false }, handle);
    server.on('session', (session) => {
      connections++;
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
  } else {
    server = http.createServer(handle);
    server.on('connection', () => connections++);
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 125_000;
  }

  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `${protocol === 'h2' ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
  return {
    origin,
    protocol,
    rttMs,
    bitsPerSecond,
    /** Client connections accepted so far (h1: sockets; h2: sessions). */
    get connections() {
      return connections;
    },
    /** Expected arrival of a body of n bytes on an idle link, requested now: rtt + n × 8 / bps (ms). */
    alone: (n) => rttMs + n * msPerByte,
    reset() {
      log = [];
      bytes = 0;
    },
    stats() {
      return { bytes, requests: log.slice() };
    },
    /** Resolves once no response is pending (at once when none is). */
    idle() {
      if (pending === 0) return Promise.resolve();
      return new Promise((ok) => idleWaiters.push(ok));
    },
    get pending() {
      return pending;
    },
    /** The responses not finished: "PATH (stage, since T ms[, closed by the client])", oldest first. */
    unfinished() {
      const now = performance.now();
      return [...open.values()].sort((a, b) => a.tReq - b.tReq)
        .map((s) => `${s.path} (${s.stage}, for ${Math.round(now - s.tReq)} ms${s.closed ? ', closed by the client' : ''})`);
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections?.();
      for (const session of sessions) session.destroy();
      agent.destroy();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

// Fetch rounds of a set of requests (shaper log entries): the longest chain in
// which each request was sent after the one before it had arrived (round(r) =
// 1 + the largest round of the requests finished before r was sent). What a
// visitor waits in round trips; independent requests sent late count too.
export function fetchRounds(requests) {
  const rs = [...requests].sort((a, b) => a.tReq - b.tReq);
  let most = 0;
  for (const r of rs) {
    let before = 0;
    for (const x of rs) if (x !== r && x.finish !== undefined && x.finish <= r.tReq) before = Math.max(before, x.round ?? 0);
    r.round = before + 1;
    most = Math.max(most, r.round);
  }
  for (const r of rs) delete r.round;
  return most;
}
