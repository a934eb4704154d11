// osprey-worker.js: a classic Web Worker that runs the wasm engine for osprey.js.
// Engine files are found relative to this script: engine/osprey-engine.js,
// engine/osprey-engine.wasm and osprey-core.js.
//
// Protocol (one reply per request, in request order):
//   {id, type: "open", url[, bytes]}            -> result {docCount, parts, language, fields,
//                                                  idField} (osprey-core.js load); bytes: the
//                                                  index at url (an ArrayBuffer) if the page fetched it
//   {id, type: "search", query, options}        -> result {total, terms, hits, ...}
//   {id, type: "complete", query, n}            -> result [{query, term, docs}]
// Replies: {id, ok: true, result} or {id, ok: false, error: {code, message}}.
// A failed fetch replies code "network", naming the URL and HTTP status.
'use strict';

// The wasm (the biggest file) downloads while the scripts load and run. If
// that download fails, the engine fetches the wasm itself and reports why.
const wasmBytes = fetch(new URL('engine/osprey-engine.wasm', self.location.href).href)
  .then((response) => (response.ok ? response.arrayBuffer() : null))
  .catch(() => null);

importScripts('engine/osprey-engine.js', 'osprey-core.js');

const engineReady = wasmBytes.then((bytes) => OspreyCore.create({
  locateFile: (path) => new URL(`engine/${path}`, self.location.href).href,
  ...(bytes ? { wasmBinary: bytes } : {}),
}));
// Requests run one at a time: a search sent during an open waits for it.
let queue = Promise.resolve();

function failure(code, message) {
  return new OspreyCore.OspreyError(code, message);
}

async function handle(request) {
  if (request.type === 'open') {
    if (typeof request.url !== 'string') throw failure('invalid-argument', 'open needs a url');
    // The index downloads while the engine compiles (or came with the request).
    const download = request.bytes instanceof ArrayBuffer
      ? Promise.resolve(new Uint8Array(request.bytes))
      : OspreyCore.fetchBytes(request.url);
    download.catch(() => {});
    const core = await engineReady;
    return core.open(request.url, OspreyCore.fetchBytes, download);
  }
  const core = await engineReady;
  switch (request.type) {
    case 'search':
      return core.searchLoading(request.query, request.options);
    case 'complete':
      return core.completeLoading(request.query, request.n);
    default:
      throw failure('invalid-argument', `unknown request type ${JSON.stringify(request.type)}`);
  }
}

function reply(id, outcome) {
  try {
    self.postMessage({ id, ...outcome });
  } catch (error) {
    self.postMessage({ id, ok: false, error: { code: 'internal', message: String(error) } });
  }
}

self.onmessage = (event) => {
  const request = event.data || {};
  queue = queue
    .then(() => handle(request))
    .then(
      (result) => reply(request.id, { ok: true, result }),
      (error) => reply(request.id, {
        ok: false,
        error: {
          code: (error && error.code) || 'internal',
          message: String((error && error.message) || error),
        },
      }),
    );
};
