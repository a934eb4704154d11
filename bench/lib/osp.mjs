// What an Osprey bundle's index is made of, for the report's "why": the base's
// sections (docs/index-format.md, "Base payload") and the parts, with their
// raw and gzip sizes. A reader of the layout only as far as it needs sizes; it
// trusts the file (the engine's own reader is the one that checks).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSize, isDeflated, isGzip, unpackFile } from './measure.mjs';

// A bundle's index file: a gzip member (docs/index-format.md, "Bundle files
// are gzip members"; written at level 9, so its size is the gzip -9 size), a
// display part deflated against its folder's dictionary (its size as stored),
// or an uncompressed index (bundles written before that). raw: the index itself.
function readIndexFile(file) {
  const stored = fs.readFileSync(file);
  if (isGzip(stored) || isDeflated(stored)) return { buf: unpackFile(file, stored), gzip: stored.length };
  return { buf: stored, gzip: gzipSize(stored) };
}

class Reader {
  constructor(buf, pos = 0) {
    this.buf = buf;
    this.pos = pos;
  }

  varint() {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  }

  skip(n) {
    if (this.pos + n > this.buf.length) throw new Error('truncated');
    this.pos += n;
  }

  string() {
    const n = this.varint();
    const s = this.buf.subarray(this.pos, this.pos + n).toString('utf8');
    this.skip(n);
    return s;
  }

  optional() {
    const n = this.varint();
    if (n > 0) this.skip(n - 1);
  }
}

// The frame at buf[0..]: {kind, payloadStart, payloadEnd}.
function unframe(buf) {
  if (buf.subarray(0, 6).toString('latin1') !== 'osprey') throw new Error('not an Osprey index part');
  const r = new Reader(buf, 16);  // magic, version, kind, build id
  const n = r.varint();
  return { version: buf[6], kind: String.fromCharCode(buf[7]), payloadStart: r.pos, payloadEnd: r.pos + n };
}

// The base's sections with their byte ranges, and its counts.
export function baseSections(buf) {
  const f = unframe(buf);
  if (f.kind !== 'B') throw new Error(`not a base (kind ${f.kind})`);
  const r = new Reader(buf, f.payloadStart);
  const marks = [];
  let last = 0;
  const mark = (name) => {
    marks.push({ name, from: last, to: r.pos });
    last = r.pos;
  };
  last = 0;
  r.pos = f.payloadStart;
  r.string();  // part prefix
  r.string();  // generator
  r.string();  // language
  r.string();  // id field
  const nFields = r.varint();
  const fields = [];
  for (let i = 0; i < nFields; i++) {
    const name = r.string();
    r.string();
    r.skip(1);
    const w = r.buf.readDoubleLE(r.pos);
    r.skip(8);
    const flags = r.buf[r.pos];
    r.skip(1);
    fields.push({ name, weight: w, stored: !!(flags & 1), facet: !!(flags & 2), sortable: !!(flags & 4), boost: !!(flags & 8) });
  }
  const docs = r.varint();
  for (const fl of fields) if (fl.weight > 0) r.varint();
  const postingsParts = r.varint();
  for (let i = 0; i < postingsParts; i++) r.varint();
  const storedParts = r.varint();
  for (let i = 0; i < storedParts; i++) r.varint();
  const lengthsParts = f.version >= 4 ? r.varint() : 0;
  for (let i = 0; i < lengthsParts; i++) r.varint();
  mark('header (frame, schema, counts, part layout)');
  // Version 5: the text fields and the first key of each text part.
  let textParts = 0;
  if (f.version >= 5) {
    const textFields = r.varint();
    for (let i = 0; i < textFields; i++) r.varint();
    textParts = r.varint();
    for (let k = 0; k < textParts; k++) {
      r.varint();  // document
      r.varint();  // field slot
      r.varint();  // position
    }
    mark('text layout (first piece of each text part)');
  }
  const terms = r.varint();
  r.varint();  // stems
  const dictBlocks = r.varint();
  for (let b = 0; b < dictBlocks; b++) {
    r.varint();
    r.varint();
    r.varint();
    r.varint();
    r.string();
  }
  mark('dictionary layout (first term of each block)');
  const revBlocks = r.varint();
  for (let b = 0; b < revBlocks; b++) {
    r.varint();
    r.varint();
    r.string();
  }
  mark('reverse layout (first reversed term of each block)');
  const inBase = fields.filter((fl) => fl.sortable || fl.boost);
  for (const _ of inBase) for (let d = 0; d < docs; d++) r.optional();
  if (inBase.length) mark(`sort/boost values (${inBase.map((x) => x.name).join(', ')})`);
  const facets = fields.filter((fl) => fl.facet);
  for (const _ of facets) {
    const v = r.varint();
    for (let i = 0; i < v; i++) r.string();
    for (let d = 0; d < docs; d++) {
      const c = r.varint();
      for (let i = 0; i < c; i++) r.varint();
    }
  }
  if (facets.length) mark(`facets (${facets.map((x) => x.name).join(', ')})`);
  r.pos = f.payloadEnd + 4;
  mark('checksum');
  r.pos = buf.length;
  mark('parts (a single file: they follow the base)');
  const sections = marks.filter((m) => m.to > m.from).map((m) => {
    const slice = buf.subarray(m.from, m.to);
    return { name: m.name, raw: slice.length, gzip: gzipSize(slice) };
  });
  return { docs, terms, dictBlocks, revBlocks, postingsParts, storedParts, lengthsParts, textParts, fields: fields.map((x) => x.name), sections };
}

// A bundle's index: the base named by osprey-manifest.json (its default
// language) and the folder of parts next to it, if any.
export function bundleIndex(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'osprey-manifest.json'), 'utf8'));
  const entry = manifest.languages[manifest.default_language] || Object.values(manifest.languages)[0];
  const base = path.join(dir, entry.index);
  const partsDir = base.replace(/\.osp$/, '');
  const parts = partsDir !== base && fs.existsSync(partsDir) && fs.statSync(partsDir).isDirectory()
    ? fs.readdirSync(partsDir).filter((n) => /^[drlpst]\d+$/.test(n)).sort((a, b) => a[0].localeCompare(b[0]) || Number(a.slice(1)) - Number(b.slice(1)))
    : [];
  return {
    manifest, base, baseName: entry.index, partsDir: parts.length ? partsDir : null,
    parts: parts.map((n) => path.join(partsDir, n)),
  };
}

// Sizes of the index of a bundle: the base (and its sections), the dictionary,
// reverse, lengths, postings, stored and text parts, each file gzip -9 on its own (as the
// bundle stores it).
export function describeBundle(dir) {
  const b = bundleIndex(dir);
  const { buf: baseBuf, gzip: baseGzip } = readIndexFile(b.base);
  const out = {
    baseName: b.baseName,
    sharded: b.parts.length > 0,
    base: { raw: baseBuf.length, gzip: baseGzip },
    ...(() => {
      try {
        return baseSections(baseBuf);
      } catch (error) {
        return { sectionsError: error.message };
      }
    })(),
  };
  const kinds = { d: [], r: [], l: [], p: [], s: [], t: [] };
  const displayBytes = [];  // stored and text parts, as read
  for (const f of b.parts) {
    const { buf, gzip } = readIndexFile(f);
    const kind = path.basename(f)[0];
    kinds[kind].push({ raw: buf.length, gzip });
    if (kind === 's' || kind === 't') displayBytes.push(buf);
  }
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  const stat = (xs) => {
    const s = xs.map((x) => x.raw).sort((a, c) => a - c);
    return {
      count: xs.length, raw: sum(xs, 'raw'), gzip: sum(xs, 'gzip'),
      medianRaw: s.length ? s[Math.floor((s.length - 1) / 2)] : 0, maxRaw: s.length ? s[s.length - 1] : 0,
      medianGzip: xs.length ? xs.map((x) => x.gzip).sort((a, c) => a - c)[Math.floor((xs.length - 1) / 2)] : 0,
    };
  };
  out.dictionary = stat(kinds.d);
  out.reverse = stat(kinds.r);
  out.lengths = stat(kinds.l);
  out.postings = stat(kinds.p);
  out.stored = stat(kinds.s);
  out.text = stat(kinds.t);
  // The stored and text parts concatenated into one gzip stream: what the
  // stored values would take with no split at all, a floor for any part size.
  out.displayOneStream = displayBytes.length ? gzipSize(Buffer.concat(displayBytes)) : 0;
  return out;
}
