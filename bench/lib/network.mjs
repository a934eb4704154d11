// The shaped-network section of bench/run: for each protocol (shaper.mjs: h1,
// h2), network profile and host model, each engine (Osprey, Pagefind, MiniSearch) types the same queries in
// Chromium through the shaper (typing.mjs). See bench/README.md, "Network".
import { PROFILES, PROTOCOLS, startShaper } from './shaper.mjs';
import { typeSession } from './typing.mjs';

export const NET_ENGINES = ['osprey', 'pagefind', 'minisearch'];

// The typed queries: the generated ones of types word, two, three and typo
// (phrases and cut prefixes are not what one types to the end), round robin.
export function typedTexts(queries, n) {
  const types = ['word', 'two', 'typo', 'three'];
  const byType = types.map((t) => queries.filter((q) => q.type === t));
  const out = [];
  for (let i = 0; out.length < n && byType.some((l) => i < l.length); i++) {
    for (const l of byType) if (i < l.length && out.length < n) out.push(l[i].words);
  }
  return out;
}

// servers: {hostModel: server (server.mjs)}; targets: {engine: {cfg, prepare}};
// protocols: of PROTOCOLS (the browser must trust tls-cert.mjs's certificate
// for h2); trace: null or {dir, name} (typing.mjs), each session's file named
// after it. Each engine's result has `connections`: the client connections the
// shaper accepted during its session.
export async function runNetwork({ browser, servers, profiles, hosts, protocols = ['h1'], targets, texts, log, timeoutMs, trace = null }) {
  const out = { texts, sessions: [] };
  for (const host of hosts) {
    const server = servers[host];
    for (const t of Object.values(targets)) for (const p of t.prepare || []) server.prepare(p);
    for (const protocol of protocols) {
      for (const profile of profiles) {
        const prof = PROFILES[profile];
        const session = { profile, host, protocol, label: `${prof.label}, ${host} host, ${PROTOCOLS[protocol].label}`, engines: {} };
        out.sessions.push(session);
        for (const [engine, t] of Object.entries(targets)) {
          if (t.error) {
            session.engines[engine] = { error: t.error };
            continue;
          }
          log(`network ${profile}+${host}+${protocol}: ${engine} types ${texts.length} queries`);
          let shaper = null;
          try {
            shaper = await startShaper({ upstream: server.origin, rttMs: prof.rttMs, bitsPerSecond: prof.bitsPerSecond, protocol });
            const traceTo = trace && { dir: trace.dir, name: `${trace.name}-${profile}-${host}-${protocol}-${engine}-${Date.now()}` };
            const r = await typeSession(browser, shaper, { engine, cfg: t.cfg, texts, timeoutMs, trace: traceTo });
            session.engines[engine] = { ...r, connections: shaper.connections };
          } catch (error) {
            session.engines[engine] = { error: String(error.message || error).split('\n')[0].slice(0, 400) };
          } finally {
            if (shaper) await shaper.stop();
          }
        }
      }
    }
  }
  return out;
}
