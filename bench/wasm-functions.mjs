#!/usr/bin/env node
// Where the bytes of a wasm module are: each function body's size, raw and
// gzip -9 alone (an upper bound of what it adds to the file's gzip size:
// bodies share words), largest first, and the code and data sections whole.
// Names come from the module's "name" section: link the engine once more
// with --profiling-funcs (same flags and objects as build/wasm's link.txt,
// another -o), as wasm/CMakeLists.txt's measurements were made. Debian's
// /usr/bin/twiggy is not the wasm tool; wasm-objdump -d shows a body's calls.
//
//   node bench/wasm-functions.mjs MODULE.wasm [--top N] [--json OUT.json]
import fs from 'node:fs';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const top = Number(option('--top', 60));
const jsonOut = option('--json', null);
if (args.length !== 1) {
  console.error('usage: node bench/wasm-functions.mjs MODULE.wasm [--top N] [--json OUT.json]');
  process.exit(2);
}
const bytes = fs.readFileSync(args[0]);
if (bytes.readUInt32LE(0) !== 0x6d736100) {
  console.error(`${args[0]}: not a wasm module`);
  process.exit(1);
}

// The binary format: sections {id u8, size LEB128, body}; section 2 imports
// (functions among them take the first indexes), 10 code, 11 data, 0 custom
// ("name": subsection 1, the function names).
let at = 8;
const leb = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const skipName = () => {
  const n = leb();
  at += n;
};
const names = new Map();
const bodies = [];
const data = [];
let importedFunctions = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      skipName();
      skipName();
      const kind = bytes[at++];
      if (kind === 0) {  // function: its type index
        leb();
        importedFunctions++;
      } else if (kind === 1) {  // table: element type, limits
        at++;
        const flags = bytes[at++];
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {  // memory: limits
        const flags = bytes[at++];
        leb();
        if (flags & 1) leb();
      } else {  // global: value type, mutability
        at += 2;
      }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const length = leb();
      bodies.push(bytes.subarray(at, at + length));
      at += length;
    }
  } else if (id === 11) {
    data.push(bytes.subarray(at, end));
  } else if (id === 0) {
    const length = leb();
    const name = bytes.subarray(at, at + length).toString();
    at += length;
    while (name === 'name' && at < end) {
      const sub = bytes[at++];
      const subEnd = at + leb();
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const index = leb();
          const l = leb();
          names.set(index, bytes.subarray(at, at + l).toString());
          at += l;
        }
      }
      at = subEnd;
    }
  }
  at = end;
}

const kGzipFrame = 20;  // gzip's header and trailer
const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length - kGzipFrame;
const rows = bodies.map((body, i) => ({
  name: names.get(i + importedFunctions) ?? `function ${i + importedFunctions}`, raw: body.length, gzip: gzip(body),
}));
rows.sort((a, b) => b.gzip - a.gzip);
if (!names.size) console.log('(no name section: link with --profiling-funcs for names)');
console.log('  gzip     raw  function');
for (const r of rows.slice(0, top)) console.log(`${String(r.gzip).padStart(6)} ${String(r.raw).padStart(7)}  ${r.name.slice(0, 160)}`);
const code = Buffer.concat(bodies);
const all = Buffer.concat(data);
console.log(`code: ${rows.length} functions, ${code.length} B, ${gzip(code)} B gzip; ` +
            `data: ${all.length} B, ${gzip(all)} B gzip; the file: ${bytes.length} B, ${gzip(bytes)} B gzip`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
