// The builder wasm (web/engine/osprey-builder.{js,wasm}, wasm/builder_bindings.cpp)
// as plain functions for Node: loading it once, the assets folder a bundle
// copies, and compression as `osprey index` writes it (tools/gzip.hpp: deflate at
// level 9, window 15, memory level 8, mtime 0, OS byte 255). pako is a port
// of zlib's deflate and gives the bytes the CLI's zlib gives (Node's own zlib
// is another deflate with other bytes), so a bundle from here is the CLI's,
// byte for byte (tests/node/node-api.test.mjs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRaw, gzip as deflateGzip } from 'pako';

const here = dirname(fileURLToPath(import.meta.url));
/** The folder holding the web files: web/ of the repository or of the npm package. */
export const webFolder = join(here, '..');
const engineFolder = join(webFolder, 'engine');

let loading = null;

/** The builder module, instantiated once per process (again after an abort). */
export function builder() {
  if (!loading) {
    loading = (async () => {
      const glue = join(engineFolder, 'osprey-builder.js');
      const factory = createRequire(import.meta.url)(glue);
      return factory({
        wasmBinary: readFileSync(join(engineFolder, 'osprey-builder.wasm')),
        // An abort leaves the module dead: the next build loads a new one.
        onAbort: () => { loading = null; },
        print: () => {},
        printErr: () => {},
      });
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** One gzip member of bytes, as tools/gzip.cpp writes it. */
export function gzip(bytes) {
  return deflateGzip(bytes, { level: 9, windowBits: 15, memLevel: 8, header: { os: 255, time: 0 } });
}

/**
 * An index file of a bundle compressed as tools/gzip.cpp compresses it: one
 * gzip member, or with a dictionary (a display part) a raw DEFLATE stream
 * with it as preset dictionary (deflate_raw).
 */
export function compress(bytes, dictionary) {
  if (!dictionary) return gzip(bytes);
  return deflateRaw(bytes, { level: 9, windowBits: 15, memLevel: 8, dictionary });
}

/** Every regular file under folder (links to files followed, to folders not), relative, '/' separators. */
function listFiles(folder, prefix = '') {
  const found = [];
  for (const entry of readdirSync(join(folder, prefix), { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) {
      found.push(...listFiles(folder, rel + '/'));
    } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(join(folder, rel)))) {
      found.push(rel);
    }
  }
  return found;
}

function isFile(path) {
  try { return statSync(path).isFile(); } catch { return false; }
}

/**
 * The web files a bundle copies from folder, chosen by the core
 * (build/bundle_files.hpp select_assets): {assets: [[bundle path, bytes]]} or {error}.
 */
export function readAssets(module, folder) {
  let listing;
  try {
    listing = listFiles(folder);
  } catch (e) {
    return { error: `cannot read the web files in ${folder}: ${e.message}` };
  }
  const chosen = module.selectAssets(listing);
  if (!chosen.ok) return { error: `${folder}: ${chosen.message} (the web files a bundle copies)` };
  return { assets: chosen.assets.map((a) => [a.path, readFileSync(join(folder, a.source))]) };
}
