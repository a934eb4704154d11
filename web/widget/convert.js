// widget/convert.js: a JSON index (docs/index-format.md, "JSON format", the
// interchange format) as the binary index the engine loads. The work is done
// by engine/osprey-convert.wasm (wasm/convert_module.cpp: the JSON reader and
// binary writer of `osprey index`, so the bytes are those `osprey index -o`
// writes for the same index), a module without JS glue. osprey-core.js imports
// this file by URL, and it fetches the wasm, only when an index is JSON: a page
// of binary indexes downloads neither. An ES module without imports, for the
// worker and the page fallback alike (scripts/bundle-web.mjs minifies it into
// a bundle's widget/).

const compiled = new Map();  // wasm URL -> Promise<WebAssembly.Module>, one download per page

/**
 * The binary index of json (Uint8Array: a JSON index's UTF-8 text). locate(file):
 * the URL of a file of engine/, here osprey-convert.wasm; fetcher(url) -> Promise<bytes> downloads it
 * (its errors, code "network", pass through). Conversion errors are thrown as
 * OspreyError(code, message) with the engine's codes: corrupt-index,
 * unsupported, limit (the binary format's limits, and kMaxFileBytes for the
 * text), out-of-memory, internal.
 */
export async function toBinary(json, locate, fetcher, OspreyError) {
  const wasmUrl = locate('osprey-convert.wasm');
  if (!compiled.has(wasmUrl)) {
    const module = Promise.resolve(fetcher(wasmUrl)).then((bytes) => WebAssembly.compile(bytes));
    compiled.set(wasmUrl, module);
    module.catch(() => compiled.delete(wasmUrl));  // a later open tries again
  }
  const module = await compiled.get(wasmUrl);
  // A fresh instance per index: the memory a big conversion grew is freed with it.
  // Its imports: the notice that memory grew; any other (none is expected) traps.
  const imports = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') continue;
    imports[from] = imports[from] || {};
    imports[from][name] = name === 'emscripten_notify_memory_growth' ? () => {} : () => {
      throw new Error(`osprey-convert.wasm called ${from}.${name}`);
    };
  }
  const e = (await WebAssembly.instantiate(module, imports)).exports;
  if (e._initialize) e._initialize();
  let status;
  try {
    const at = e.osprey_convert_input(json.length) >>> 0;
    if (!at) throw new OspreyError('out-of-memory', `the JSON index (${json.length} bytes) does not fit in memory`);
    new Uint8Array(e.memory.buffer, at, json.length).set(json);
    status = e.osprey_convert(json.length);
  } catch (error) {
    if (error instanceof OspreyError) throw error;
    throw new OspreyError('internal', `the JSON index converter failed: ${String(error.message || error)}`);
  }
  // Read after the call: memory.buffer is replaced when memory grows.
  const result = new Uint8Array(e.memory.buffer, e.osprey_convert_result() >>> 0, e.osprey_convert_result_size() >>> 0);
  if (status === 0) return result.slice();
  const text = new TextDecoder().decode(result);
  const newline = text.indexOf('\n');
  throw new OspreyError(text.slice(0, newline), text.slice(newline + 1));
}
