// --pre-js of osprey-engine.js. Under Node, Emscripten 3.1.6 would fetch() the
// .wasm by file path (Node 20's fetch rejects paths), so read it from disk here
// unless the caller passed wasmBinary. Browsers and workers are unaffected.
if (!Module['wasmBinary'] && typeof process == 'object' && process.versions &&
    process.versions.node && typeof __dirname == 'string') {
  Module['wasmBinary'] = require('fs').readFileSync(
      Module['locateFile'] ? Module['locateFile']('osprey-engine.wasm', __dirname + '/')
                           : __dirname + '/osprey-engine.wasm');
}
