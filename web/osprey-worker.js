// osprey-worker.js: a classic Web Worker that runs the wasm engine for osprey.js.
// Engine files are found relative to this script: engine/osprey-engine.js,
// engine/osprey-engine.wasm, widget/fetch.js, widget/parts.js, widget/stemmer.js and osprey-core.js;
// a stemmer module engine/stem/ALGORITHM.wasm for an index in a language but English.
//
// Protocol (one reply per request, matched by id: searches run side by side,
// so replies come in any order; an open waits for the requests before it):
//   {id, type: "open", url[, bytes][, stemmer][, dictionary][, fetchTimeout]}
//                                               -> result {docCount, parts, language, fields,
//                                                  idField, indexFormat} (osprey-core.js open); bytes: the index at url
//                                                  (an ArrayBuffer) if the page fetched it; stemmer:
//                                                  {algorithm, bytes}, a stemmer module it fetched too;
//                                                  dictionary: the URL of the display parts' dictionary;
//                                                  fetchTimeout: ms without data that fail a fetch
//   {id, type: "search", query, options[, anticipate]}
//                                               -> result {total, terms, hits, ...}; anticipate n:
//                                                  the display, dictionary and reverse parts of the queries along its n top
//                                                  completions fetched too (osprey-core.js)
//   {id, type: "complete", query, n}            -> result [{query, term, docs}]
//   {id, type: "prefetch", query, options}      -> result [part names]: the fetches of the
//                                                  search's first round, started
//   {id, type: "preload", query, options}       -> result null once every part the search
//                                                  needs is loaded (cancellable as a search)
//   {type: "cancel", id}                        -> no reply; request id replies code "aborted"
//   {type: "engine", wasm[, stalled][, fetchTimeout]}
//                                               -> no reply; the wasm's bytes (first, see below)
// Replies: {id, ok: true, result} or {id, ok: false, error: {code, message}}.
// A failed or stalled fetch replies code "network", naming the URL and the cause.
'use strict';

// The engine's wasm (the biggest file): fetched by the page that started this
// worker, at the same time as this script (widget/api.js), and sent as the first
// message {type: "engine", wasm: ArrayBuffer or null}, when the worker's name is
// kPageSendsWasm; else fetched here at once. Without those bytes (the page's
// fetch failed) the worker fetches it, within the page's fetchTimeout: a
// failure or a stall fails every request with code "network" (as the page's
// stalled download does, with its message).
const kPageSendsWasm = 'osprey-wasm-from-page';
const wasmUrl = new URL('engine/osprey-engine.wasm', self.location.href).href;
let takeWasm = null;
let failWasm = null;
const wasmBytes = self.name === kPageSendsWasm
  ? new Promise((resolve, reject) => { takeWasm = resolve; failWasm = reject; })
  : fetch(wasmUrl)
    .then((response) => (response.ok ? response.arrayBuffer() : null))
    .catch(() => null);

// web/dist/osprey-worker.js (scripts/bundle-web.mjs) holds these scripts already.
if (typeof OspreyCore === 'undefined') {
  importScripts('engine/osprey-engine.js', 'widget/fetch.js', 'widget/parts.js', 'widget/stemmer.js', 'osprey-core.js');
}

const engineReady = wasmBytes.then((bytes) => OspreyCore.create({
  locateFile: (path) => new URL(`engine/${path}`, self.location.href).href,
  ...(bytes ? { wasmBinary: bytes } : {}),
}));
engineReady.catch(() => {});  // each request reports it
// The request handler is osprey-core.js's, shared with the page fallback.
const respond = OspreyCore.handler(engineReady);

function reply(message) {
  try {
    self.postMessage(message);
  } catch (error) {
    self.postMessage({ id: message.id, ok: false, error: { code: 'internal', message: String(error) } });
  }
}

self.onmessage = (event) => {
  const request = event.data || {};
  if (request.type === 'engine') {
    // An ArrayBuffer of any realm (a test's vm context has its own).
    const isBuffer = Object.prototype.toString.call(request.wasm) === '[object ArrayBuffer]';
    const timeout = Number.isFinite(request.fetchTimeout) && request.fetchTimeout > 0 ? request.fetchTimeout : undefined;
    if (request.stalled && failWasm) failWasm(new OspreyCore.OspreyError('network', String(request.stalled)));
    else if (takeWasm) takeWasm(isBuffer ? request.wasm : OspreyCore.fetchBytes(wasmUrl, { timeout }).then((bytes) => bytes.buffer));
    takeWasm = failWasm = null;
    return;
  }
  respond(request).then((message) => message && reply(message));
};
