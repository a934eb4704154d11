// Hostile queries through the engine (web/osprey-core.js + the wasm), issue #13:
// huge inputs, every operator combination and malformed syntax, Unicode storms,
// and filters/sorts/ranges naming fields that do not exist. For each class the
// outcome is asserted: a result whose `terms` respect the parser's declared caps
// (kMaxGroups = 32 terms, kMaxQueryBytes = 4096 bytes, src/search/query/parse.hpp), or a
// one-line OspreyError "invalid-argument" with the engine's exact message. The
// work is bounded by those caps; wall time is checked only loosely (a shared
// 2-core machine). The wasm heap does not grow over 1,000 more hostile queries
// once every class has run once, and a normal query answers as before.
// The same classes through `osprey search` (and invalid UTF-8 bytes) are in
// tests/cli/hostile-queries.sh.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { buildSampleIndex, createCore } from './helpers.mjs';

const kMaxTerms = 32;          // kMaxGroups, src/search/query/parse.hpp
const kMaxQueryBytes = 4096;   // kMaxQueryBytes, src/search/query/parse.hpp
const kSlowMs = 2000;          // per query: far above the ~50 ms a 1 MB query takes here
const kHeapGrowth = 0;         // bytes the heap may grow over 1,000 hostile queries after a first pass
const kDocs = 10;              // documents in data/news.json

let OspreyCore, core, baseline;
const normal = ['torture', { facets: true, limit: 20 }];

before(async () => {
  ({ OspreyCore, core } = await createCore());
  core.load(buildSampleIndex().bytes);
  baseline = core.search(...normal);
  assert.equal(baseline.total, 4);
});

after(() => core?.close());

const utf8 = new TextEncoder();
const rep = (s, n) => s.repeat(n);

// ---- the corpora: [name, query] -------------------------------------------

const lengths = [
  ['1 MB of one letter', rep('a', 1 << 20)],
  ['1 MB of words', rep('torture ', 1 << 17)],
  ['10k distinct words', Array.from({ length: 10000 }, (_, i) => `w${i}`).join(' ')],
  ['10k words, the last a prefix', `${rep('syria ', 9999)}tortu`],
  ['a 100k-char word', rep('x', 100000)],
  ['a 100k-char word of 4-byte chars', rep('\u{1D4E2}', 25000)],
  ['100k spaces', rep(' ', 100000)],
  ['4,097 bytes, cut inside a 3-byte char', `${rep('a', 4095)}€€`],
];

// Operators of docs/query-language.md, and the characters other languages use.
const atoms = ['torture', '"sexual violence"', '-report', '-"un aid"', 'OR', 'title:torture', 'type:report',
               'year:2021', '(', ')', '-(a OR b)', '+', '-', '*', '~', 'tort*', 'tortrue~2', 'nope:x', ':', '"'];
const operatorPairs = atoms.flatMap((a) => atoms.map((b) => [`${a} ${b}`, `${a} ${b}`]))
  .concat(atoms.flatMap((a) => atoms.map((b) => [`${a}${b}`, `${a}${b}`])));

const malformed = [
  ['unbalanced quote', '"sexual violence'],
  ['5,000 quotes', rep('"', 5000)],
  ['quotes around nothing', '"" "" " " torture'],
  ['5,000 open parens', `${rep('(', 5000)}torture`],
  ['5,000 close parens', `torture${rep(')', 5000)}`],
  ['nested parens and OR', `${rep('(a OR ', 500)}b${rep(')', 500)}`],
  ['- storm', `${rep('-', 5000)}torture`],
  ['+ storm', `${rep('+', 5000)}torture`],
  ['-+ storm with words', rep('-+torture +-syria ', 300)],
  ['- before every word', rep('-torture ', 500)],
  ['only negations', '-torture -syria -report'],
  ['OR storm', rep('OR ', 2000)],
  ['OR at both ends', 'OR torture OR'],
  ['field: that does not exist', 'nope:torture nope:"a b" :torture torture:'],
  ['field: with nothing after', 'title: type: year:'],
  ['field: storm', rep('title:', 2000)],
  ['facet value storm', Array.from({ length: 200 }, (_, i) => `type:v${i}`).join(' ')],
  ['prototype names as fields', '__proto__:x constructor:y toString:z hasOwnProperty:torture'],
  ['* and ~ storms', `${rep('*', 3000)} ${rep('~', 3000)} tor*~2*`],
  ['backslashes and escapes', '\\" \\( torture\\ \\\\ %00 %s %n {{x}} ${x}'],
  ['curly quotes unbalanced', '“sexual violence ” ” “'],
  ['SQL and regex', "' OR 1=1 -- ; DROP TABLE x; .*(a+)+$ [a-z]{1,99999}"],
];

const unicode = [
  ['combining marks x10k', `a${rep('\u0301', 10000)}`],
  ['combining marks x10k on every letter', rep('e\u0301\u0308', 3000)],
  ['zalgo', rep('t\u0337\u0321\u0322\u0327\u0328\u0334\u0335\u0336o\u0338\u0340\u0341\u0342\u0343 ', 300)],
  ['ZWJ emoji sequences', rep('👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻 ', 500)],
  ['lone surrogates', '\ud800 torture \udfff \udc00\ud800 syria \ud83d'],
  ['lone surrogate storm', rep('\ud800', 5000)],
  ['RTL override', '\u202etorture\u202c \u2067syria\u2069 \u200f'],
  ['NUL', 'torture\u0000syria \u0000 \u0000\u0000'],
  ['C0 controls', Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('torture')],
  ['C1 controls', Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('syria')],
  ['DEL and specials', '\u007f\ufeff\ufffe\uffff\ufff9torture\ufffb'],
  ['full-width forms', 'ｔｏｒｔｕｒｅ　ＳＹＲＩＡ　＂ｕｎ　ａｉｄ＂　－ｒｅｐｏｒｔ'],
  ['compatibility forms', 'ﬁ ﬂ ﬃ ㎏ ℌ ① Ⅻ ｶﾞ ǅ torture'],
  ['4-byte chars', '𝓽𝓸𝓻𝓽𝓾𝓻𝓮 🤖 𠜎𠜱𠝹 \u{10FFFF}'],
  ['zero-width storm', rep('tor\u200b\u200c\u200d\u2060ture ', 300)],
  ['every Unicode plane', Array.from({ length: 17 }, (_, p) => String.fromCodePoint(p * 0x10000 + 0x41)).join(' ')],
  ['mixed scripts', 'torture пытки 拷問 تعذيب यातना 고문 βασανιστήρια'],
  ['ideographic space storm', rep('\u3000', 10000)],
];

// [name, options, exact message]: the error each must give.
const kLong = rep('f', 100000);
const badOptions = [
  ['filter on an unknown field', { filters: { nope: ['x'] } }, 'filter: "nope" is not a facet field'],
  ['filter on a stored, non-facet field', { filters: { title: ['x'] } }, 'filter: "title" is not a facet field'],
  ['filter on __proto__', { filters: [{ field: '__proto__', values: ['x'] }] }, 'filter: "__proto__" is not a facet field'],
  ['filter on a markup name', { filters: { '<script>': ['x'] } }, 'filter: "<script>" is not a facet field'],
  ['filter field with a newline', { filters: { 'a\nb': ['x'] } }, 'filter: "a?b" is not a facet field'],
  ['filter field with NUL, NEL, U+2028', { filters: { 'a\u0000\u0085\u2028b': ['x'] } },
   'filter: "a???b" is not a facet field'],
  ['filter field of 100k chars', { filters: { [kLong]: ['x'] } }, `filter: "${rep('f', 64)}…" is not a facet field`],
  ['filter field of 100k 3-byte chars', { filters: { [rep('€', 1000)]: ['x'] } },
   `filter: "${rep('€', 21)}…" is not a facet field`],
  ['filter field empty', { filters: { '': ['x'] } }, 'filter: "" is not a facet field'],
  ['filter mode unknown', { filters: [{ field: 'type', values: ['Report'], mode: 'some' }] },
   'filter mode must be "any", "all" or "none"'],
  ['sort on an unknown field', { sort: 'nope' }, 'sort: "nope" is not a sortable field'],
  ['sort on a non-sortable field', { sort: 'title:asc' }, 'sort: "title" is not a sortable field'],
  ['sort on a field of 100k chars', { sort: `${kLong}:desc` }, `sort: "${rep('f', 64)}…" is not a sortable field`],
  ['sort on a markup name', { sort: '"><img src=x>' }, 'sort: ""><img src=x>" is not a sortable field'],
  ['sort direction unknown', { sort: 'date:sideways' }, 'sort direction must be asc or desc'],
  ['sort object on __proto__', { sort: { field: '__proto__' } }, 'sort: "__proto__" is not a sortable field'],
  ['range on an unknown field', { ranges: [{ field: 'nope', from: 'a', to: 'b' }] },
   'range: "nope" is not a stored or sortable field'],
  ['range on a field of 100k chars', { ranges: [{ field: kLong, from: '', to: '' }] },
   `range: "${rep('f', 64)}…" is not a stored or sortable field`],
  ['fields naming an unknown field', { fields: ['title', kLong] }, `fields: "${rep('f', 64)}…" is not a stored field`],
  ['fields naming a facet that is not stored', { fields: ['year'] }, 'fields: "year" is not a stored field'],
  ['fields not an array', { fields: { title: true } }, 'fields must be an array of field names'],
  ['limit negative', { limit: -1 }, 'limit must be a non-negative integer (got -1)'],
  ['offset fractional', { offset: 1.5 }, 'offset must be a non-negative integer (got 1.5)'],
  ['flag not boolean', { typos: 'yes' }, 'typos must be true or false'],
];

const classes = [
  ['length', lengths],
  ['operator combinations', operatorPairs],
  ['malformed syntax', malformed],
  ['Unicode storms', unicode],
];

// ---- the assertions -----------------------------------------------------

/** Searches and checks the result's shape and the parser's caps; returns {result, ms}. */
function hostileSearch(query, options = {}) {
  const start = performance.now();
  const result = core.search(query, { facets: true, ...options });
  const ms = performance.now() - start;
  assert.ok(Number.isInteger(result.total) && result.total >= 0, 'total');
  assert.ok(result.total <= kDocs, `total ${result.total}`);
  assert.ok(Array.isArray(result.terms), 'terms');
  assert.ok(result.terms.length <= kMaxTerms, `${result.terms.length} terms > ${kMaxTerms}`);
  const bytes = result.terms.reduce((n, t) => n + utf8.encode(t).length, 0);
  assert.ok(bytes <= kMaxQueryBytes, `terms hold ${bytes} bytes > ${kMaxQueryBytes}`);
  for (const hit of result.hits) assert.ok(hit.matched.every((i) => i < result.terms.length), 'matched in terms');
  assert.ok(ms < kSlowMs, `${ms.toFixed(0)} ms`);
  return { result, ms };
}

function searchError(query, options) {
  try {
    core.search(query, options);
  } catch (error) {
    return error;
  }
  assert.fail('the search succeeded');
}

for (const [name, corpus] of classes) {
  test(`${name} (${corpus.length} queries): a result within the caps, completions too`, () => {
    let slowest = 0;
    for (const [label, query] of corpus) {
      try {
        slowest = Math.max(slowest, hostileSearch(query).ms);
        // Search as you type, and the completions of the last word.
        hostileSearch(query, { prefix: true, typos: true, partial: true, suggest: true, limit: 50 });
        const completions = core.complete(query, 6);
        assert.ok(Array.isArray(completions) && completions.length <= 6);
        for (const c of completions) assert.equal(typeof c.query, 'string');
      } catch (error) {
        error.message = `${name}: ${label}: ${error.message}`;
        throw error;
      }
    }
    assert.deepEqual(core.search(...normal), baseline, 'a normal query afterwards');
  });
}

test('the 32-term cap and the 4,096-byte cap are applied', () => {
  const { result: words } = hostileSearch(Array.from({ length: 10000 }, (_, i) => `w${i}`).join(' '));
  assert.deepEqual(words.terms, Array.from({ length: kMaxTerms }, (_, i) => `w${i}`));
  const { result: long } = hostileSearch(rep('a', 1 << 20));
  assert.deepEqual(long.terms, [rep('a', kMaxQueryBytes)]);
  // Cut at a code point, never inside one.
  const { result: cut } = hostileSearch(`${rep('a', 4095)}€€`);
  assert.deepEqual(cut.terms, [rep('a', 4095)]);
  // Terms past the cap do not count: the 33rd word changes nothing.
  const first32 = Array.from({ length: 32 }, () => 'torture').join(' ');
  assert.deepEqual(core.search(`${first32} zzzznothing`).total, core.search(first32).total);
});

test('Unicode storms: lone surrogates are dropped, full-width and compatibility forms fold', () => {
  assert.deepEqual(hostileSearch('\ud800 torture \udfff').result.terms, ['torture']);
  assert.equal(hostileSearch(rep('\ud800', 5000)).result.total, 0);
  const wide = hostileSearch('ｔｏｒｔｕｒｅ').result;
  assert.equal(wide.total, core.search('torture').total);
  // A C0 control is no separator: it stays in the word (which then matches
  // nothing, as at indexing time: one analyzer); C1 NEL separates words.
  assert.deepEqual(hostileSearch('torture\u0000syria').result.terms, ['torture\u0000syria']);
  assert.equal(hostileSearch('tor\u0001ture').result.total, 0);
  assert.deepEqual(hostileSearch('torture\u0085syria').result.terms, ['torture', 'syria']);
});

for (const [name, options, message] of badOptions) {
  test(`${name}: a one-line invalid-argument error`, () => {
    const error = searchError('torture', options);
    assert.ok(error instanceof OspreyCore.OspreyError, String(error));
    assert.equal(error.code, 'invalid-argument');
    assert.doesNotMatch(error.message, /[\r\n]/);
    if (message !== null) assert.equal(error.message, message);
    // Field names are quoted cut and without controls: a hostile one cannot flood a log.
    assert.ok(error.message.length <= 120, `message of ${error.message.length} chars`);
    assert.deepEqual(core.search(...normal), baseline, 'a normal query afterwards');
  });
}

test('filter values, range bounds and prototype names that exist nowhere: results, not errors', () => {
  const values = ['__proto__', 'constructor', '<script>alert(1)</script>', '', '\u0000', rep('v', 100000),
                  '\ud800', '\u202eReport'];
  for (const value of values) {
    const { result } = hostileSearch('torture', { filters: { type: [value] } });
    assert.equal(result.total, 0, JSON.stringify(value.slice(0, 20)));
    hostileSearch('', { browse: true, ranges: [{ field: 'date', from: value, to: value }] });
  }
  assert.equal(hostileSearch('', { browse: true, filters: { type: values }, facets: true }).result.total, 0);
});

test('fields naming the stored fields 100k times: each hit carries them once, at no cost per name', () => {
  const names = Array.from({ length: 100000 }, (_, i) => ['summary', 'title', 'url'][i % 3]);
  const { result } = hostileSearch('', { browse: true, limit: 1000, fields: names });
  assert.equal(result.hits.length, kDocs);
  for (const hit of result.hits) assert.ok(hit.fields.summary.length > 0 && hit.fields.url.length > 0);
});

test('1,000 hostile queries after a first pass: the wasm heap stays within the bound', () => {
  const all = classes.flatMap(([, corpus]) => corpus.map(([, q]) => q));
  const run = (n) => {
    for (let i = 0; i < n; ++i) {
      const query = all[i % all.length];
      core.search(query, { facets: true, limit: 50, suggest: true });
      core.complete(query, 6);
      try {
        core.search(query, badOptions[i % badOptions.length][1]);
      } catch (error) {
        if (error.code !== 'invalid-argument') throw error;
      }
    }
  };
  run(all.length);  // the first pass: every shape once
  const heap = core.memoryBytes();
  run(1000);
  const grown = core.memoryBytes() - heap;
  assert.ok(grown <= kHeapGrowth, `the heap grew ${grown} bytes (from ${heap})`);
  assert.deepEqual(core.search(...normal), baseline, 'a normal query afterwards');
});
