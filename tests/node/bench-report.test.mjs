// bench/RESULTS.md's account of Osprey's index (ospreyDetails,
// bench/lib/report-osprey.mjs; why, report-why.mjs): a row per kind of part
// the bundle holds, every kind the index format has (a kind without its row stopped a full bench/run at the
// report, after every measurement).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ospreyDetails } from '../../bench/lib/report-osprey.mjs';
import { why } from '../../bench/lib/report-why.mjs';

const kind = (count, raw) => ({ count, raw, gzip: raw / 2, medianRaw: raw / count, maxRaw: raw / count, medianGzip: raw / count / 2 });
const layout = {
  baseName: 'index.en.0123456789abcdef.osp', sharded: true, base: { raw: 1277, gzip: 946 }, docs: 1000, terms: 10253,
  dictBlocks: 14, revBlocks: 17, postingsParts: 16, storedParts: 115, lengthsParts: 1, sections: [],
  dictionary: kind(14, 139_000), reverse: kind(17, 92_000), lengths: kind(1, 3_000), postings: kind(16, 176_000), stored: kind(115, 515_000),
};

test('every kind of part of a sharded index gets its row', () => {
  const md = ospreyDetails({ engines: { osprey: { layout, size: { files: 164, raw: 926_000, gzip: 463_000 } } } });
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && / parts \(/.test(l));
  assert.deepEqual(rows.map((l) => /^\| (\w+) parts/.exec(l)[1]), ['dictionary', 'reverse', 'lengths', 'postings', 'stored']);
  assert.match(md, /\| lengths parts \(~1000 documents each: the words of each searchable field, read with the first postings; median \/ largest raw 2\.93 KiB \/ 2\.93 KiB\) \| 1 \|/);
});

test('the whole-index line names every kind of part', () => {
  const md = why({ corpora: { 'debian-63k': { docs: 1000, engines: { osprey: { layout, size: { files: 164, raw: 926_000, gzip: 463_000 } } } } } });
  assert.match(md, /\+ 14 dictionary parts .* \+ 17 reverse parts .* \+ 1 lengths parts 1\.46 KiB \(2\.93 KiB raw; the field lengths of ~1000 documents each\) \+ 16 postings parts .* \+ 115 stored parts /);
});

test('a one-file index counts every kind of part inside it', () => {
  const md = ospreyDetails({ engines: { osprey: { layout: { ...layout, sharded: false } } } });
  assert.match(md, /the base with every part inside \(14 dictionary, 17 reverse, 1 lengths, 16 postings and 115 stored parts\);/);
});
