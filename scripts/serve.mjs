// A static file server for the demo and the browser tests, bound to 127.0.0.1.
// usage: node scripts/serve.mjs DIR [PORT]   (PORT 0 picks a free port)
// Prints "Osprey demo: http://127.0.0.1:PORT/" once listening.
//
// As a module: serve(dir, port, {headers, mounts, reports, delay}) resolves to
// the http.Server. mounts maps URL prefixes ("/sub/path/") to more folders (the
// longest prefix wins; dir is "/"); headers are added to every file response;
// with reports, POSTs to /__csp-report (CSP violation reports) are parsed and
// pushed to server.cspReports; delay(path) gives the milliseconds a file's
// answer waits (Infinity: headers only, then nothing: a stalled download), or
// a promise: the answer waits until it settles (a test holds files back and
// releases them when it is ready, whatever the machine's speed).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
};

export const kReportPath = '/__csp-report';

function collectReport(req, res, server) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      // report-uri sends {"csp-report": {...}}; the Reporting API an array.
      for (const report of [].concat(body)) server.cspReports.push(report['csp-report'] || report.body || report);
    } catch {
      server.cspReports.push({ unreadable: true });
    }
    res.writeHead(204).end();
  });
}

export function serve(dir, port = 0, { headers = {}, mounts = {}, reports = false, delay = null } = {}) {
  const roots = Object.entries({ ...mounts, '/': dir })
    .map(([prefix, folder]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(folder)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (reports && req.method === 'POST' && path === kReportPath) {
      collectReport(req, res, server);
      return;
    }
    const [prefix, root] = roots.find(([p]) => path.startsWith(p) || `${path}/` === p);
    let file = normalize(join(root, path.slice(prefix.length - 1)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (statSync(file).isDirectory()) {
        if (!path.endsWith('/')) {  // as real servers do: relative URLs need the slash
          res.writeHead(301, { Location: `${path}/` }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      const size = statSync(file).size;
      const wait = delay?.(path) || 0;
      const send = () => {
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
          'Content-Length': size, 'Cache-Control': 'no-cache', ...headers,
        });
        // A file removed since its stat (a delayed answer) ends the response, not the process.
        if (wait !== Infinity) createReadStream(file).on('error', () => res.destroy()).pipe(res);
      };
      if (typeof wait?.then === 'function') wait.then(send, send);
      else if (wait > 0 && wait !== Infinity) setTimeout(send, wait);
      else send();
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  server.cspReports = [];
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'web', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`Osprey demo: http://127.0.0.1:${server.address().port}/`);
}
