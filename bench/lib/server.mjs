// The static server for the browser runs, on 127.0.0.1: serves folders under
// URL prefixes, gzips what compresses (level 6, like a typical server; files
// that are gzip already, like Pagefind's and the index files of an Osprey
// bundle, go as they are), and counts the bytes it sends (raw: the bytes before
// any gzip, a gzip file's inflated size). Responses are cross-origin isolated
// (COOP/COEP) so the page gets fine-grained performance.now().
//
//   const server = await startServer({'/': dir, '/osprey/': webDir});
//   server.prepare('/data/x/index.json');   // compress ahead (not timed)
//   server.reset(); ...; server.stats()     // {bytes, requests: [{path, bytes, raw, file}]}
//   await server.stop();
import { createServer } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};
// Host models (hostModel option):
//   gzip-all  (default) what a tuned server does: everything that shrinks.
//             Files without an extension and .osp files are gzipped too,
//             unless they are gzip already: a bundle stores Osprey's index
//             files (.osp bases, parts named d<k> / r<k> / p<k> / s<k>) as
//             gzip members (docs/index-format.md), which go as they are;
//             bundles written before that have them uncompressed.
//   plain     what most static hosts and CDNs do: compress by content type
//             only (HTML, CSS, JavaScript, JSON, wasm, SVG); files without an
//             extension or with another one (Osprey's .osp and parts, Pagefind's
//             pf_* files) go out as stored: compressed when they are stored as
//             gzip (a bundle's index files, Pagefind's).
const COMPRESSIBLE = {
  'gzip-all': new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.osp', '']),
  plain: new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg']),
};
export const HOST_MODELS = Object.keys(COMPRESSIBLE);

export async function startServer(mounts, { hostModel = 'gzip-all' } = {}) {
  const compressible = COMPRESSIBLE[hostModel];
  if (!compressible) throw new Error(`unknown host model ${hostModel} (one of ${HOST_MODELS.join(', ')})`);
  const roots = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const cache = new Map();  // file -> {raw, gz|null, mtime}
  let log = [];
  let bytes = 0;

  function resolveFile(urlPath) {
    const hit = roots.find(([p]) => urlPath.startsWith(p));
    if (!hit) return null;
    const [prefix, root] = hit;
    const file = path.normalize(path.join(root, urlPath.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return null;
    return file;
  }

  function load(file) {
    const st = fs.statSync(file);
    const cached = cache.get(file);
    if (cached && cached.mtime === st.mtimeMs && cached.size === st.size) return cached;
    const raw = fs.readFileSync(file);
    let gz = null;
    const ext = path.extname(file);
    const alreadyGzip = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
    let rawLength = raw.length;
    if (alreadyGzip) {
      try {
        rawLength = zlib.gunzipSync(raw).length;
      } catch {
        // Not gzip after all: its bytes as they are.
      }
    }
    if (!alreadyGzip && raw.length > 512 && compressible.has(ext)) {
      const z = zlib.gzipSync(raw, { level: 6 });
      if (z.length < raw.length * 0.95) gz = z;
    }
    const entry = { raw, rawLength, gz, mtime: st.mtimeMs, size: st.size };
    // Keep big files only while they are in use: the runs load one corpus at a time.
    if (raw.length < (256 << 20)) cache.set(file, entry);
    return entry;
  }

  const server = createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = resolveFile(urlPath);
    let entry;
    try {
      if (!file || !fs.statSync(file).isFile()) throw new Error('missing');
      entry = load(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cross-Origin-Resource-Policy': 'same-origin' }).end('not found');
      log.push({ path: urlPath, bytes: 9, raw: 0, status: 404 });
      bytes += 9;
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const body = acceptsGzip && entry.gz ? entry.gz : entry.raw;
    const headers = {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Bench-Raw-Length': entry.rawLength,  // for the shaper's log (it drops the header)
    };
    if (body === entry.gz) headers['Content-Encoding'] = 'gzip';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    res.end(body);
    bytes += body.length;
    log.push({ path: urlPath, bytes: body.length, raw: entry.rawLength, file, status: 200 });
  });

  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    hostModel,
    prepare(urlPath) {
      const file = resolveFile(urlPath);
      if (file && fs.existsSync(file)) load(file);
    },
    forget() {
      cache.clear();
    },
    reset() {
      log = [];
      bytes = 0;
    },
    stats() {
      return { bytes, requests: log.slice() };
    },
    stop() {
      server.closeAllConnections?.();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
