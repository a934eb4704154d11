// The widget's UI strings in every language (web/strings/CODE.json, issue #16
// item 4): each file holds exactly the keys of the English defaults, keeps
// their placeholders, has the plural categories Intl.PluralRules gives for its
// language, and puts the language's own quotation marks around the query;
// and the choice of a file from a language tag (widget/languages.js).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { root } from './helpers.mjs';

const { defaultStrings } = await import(path.join(root, 'web/widget/strings.js'));
const { kLanguages, rightToLeft, uiLanguage } = await import(path.join(root, 'web/widget/languages.js'));

const folder = path.join(root, 'web/strings');
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const strings = Object.fromEntries(files.map((code) => [code, JSON.parse(fs.readFileSync(path.join(folder, `${code}.json`), 'utf8'))]));

const kPluralKeys = Object.keys(defaultStrings).filter((k) => typeof defaultStrings[k] === 'object' && 'other' in defaultStrings[k]);
const kCategories = ['zero', 'one', 'two', 'few', 'many', 'other'];
const placeholders = (text) => new Set([...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

test('the languages of the issue and the files of web/strings/ are kLanguages', () => {
  const asked = 'af ar bn ca cs da de el en eo es et eu fa fi fr gl he hi hr hu id it ja ko lt lv mi my nb nl nn pl pt ro ru sk sl sr sv sw ta th tr uk vi zh-CN zh-TW'.split(' ');
  assert.ok(asked.length >= 46);
  for (const code of asked) assert.ok(files.includes(code), `web/strings/${code}.json is missing`);
  assert.deepEqual(files, [...kLanguages].sort());
});

test('en.json is the built-in English, key for key', () => {
  assert.deepEqual(strings.en, JSON.parse(JSON.stringify(defaultStrings)));
});

for (const code of files) {
  test(`${code}: exactly the English keys, their placeholders, and its plural categories`, () => {
    const table = strings[code];
    assert.deepEqual(Object.keys(table), Object.keys(defaultStrings), 'keys, in the order of defaultStrings');
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    for (const [key, english] of Object.entries(defaultStrings)) {
      const value = table[key];
      if (typeof english === 'string') {
        assert.equal(typeof value, 'string', `${key} is a string`);
        assert.ok(value.trim().length > 0, `${key} is not empty`);
        assert.deepEqual(placeholders(value), placeholders(english), `${key} keeps {${[...placeholders(english)]}}`);
      } else if (kPluralKeys.includes(key)) {
        for (const c of categories) assert.equal(typeof value[c], 'string', `${key}.${c} (Intl.PluralRules('${code}'))`);
        for (const c of Object.keys(value)) assert.ok(kCategories.includes(c), `${key}.${c} is a CLDR category`);
        // Every form may say fewer placeholders (Arabic "one" names no number), never others;
        // "other" says them all.
        const all = placeholders(english.other);
        for (const [c, form] of Object.entries(value)) {
          for (const name of placeholders(form)) assert.ok(all.has(name), `${key}.${c}: {${name}} is not a placeholder of ${key}`);
        }
        assert.deepEqual(placeholders(value.other), all, `${key}.other keeps {${[...all]}}`);
      } else {
        assert.deepEqual(Object.keys(value), Object.keys(english), `${key}: the keys of the English table`);
        for (const v of Object.values(value)) assert.ok(typeof v === 'string' && v.trim(), `${key}: strings`);
      }
    }
    if (code !== 'en') {
      const same = Object.keys(defaultStrings).filter((k) => typeof table[k] === 'string' && table[k] === defaultStrings[k]);
      assert.ok(same.length <= 3, `${code} is mostly translated (the same as English: ${same.join(', ')})`);
    }
  });
}

test('each language puts its own quotation marks around the query', () => {
  const quotes = {
    en: '“{query}”', de: '„{query}“', fr: '«\u00a0{query}\u00a0»', es: '«{query}»', ru: '«{query}»', uk: '«{query}»',
    ja: '「{query}」', 'zh-TW': '「{query}」', 'zh-CN': '“{query}”', pl: '„{query}”', cs: '„{query}“', hu: '„{query}”',
    sv: '”{query}”', fi: '”{query}”', ar: '«{query}»', fa: '«{query}»', he: '”{query}”', it: '«{query}»', nb: '«{query}»',
  };
  for (const [code, quoted] of Object.entries(quotes)) {
    for (const form of [...Object.values(strings[code].results), strings[code].noResults]) {
      if (form.includes('{query}')) assert.ok(form.includes(quoted), `${code}: ${form} quotes the query as ${quoted}`);
    }
  }
  // Every file quotes the query: no bare {query} and no ASCII quotes around it.
  for (const code of files) {
    assert.ok(!/(^| )\{query\}|"\{query\}"/.test(strings[code].noResults), `${code}: noResults quotes the query`);
  }
});

test('a language tag picks its file: language-REGION, then the language; Chinese by script or region; else English', () => {
  const cases = {
    de: 'de', 'de-AT': 'de', 'DE-ch': 'de', pt: 'pt', 'pt-BR': 'pt', 'pt_PT': 'pt', en: 'en', 'en-GB': 'en',
    zh: 'zh-CN', 'zh-CN': 'zh-CN', 'zh-Hans': 'zh-CN', 'zh-Hans-CN': 'zh-CN', 'zh-SG': 'zh-CN',
    'zh-TW': 'zh-TW', 'zh-Hant': 'zh-TW', 'zh-HK': 'zh-TW', 'zh-Hant-HK': 'zh-TW', 'zh-MO': 'zh-TW', zh_tw: 'zh-TW',
    no: 'nb', 'no-NO': 'nb', nb: 'nb', nn: 'nn', iw: 'he', in: 'id', he: 'he', 'ar-EG': 'ar',
    tlh: 'en', '': 'en', '  ': 'en', undefined: 'en', 'x-klingon': 'en', '--': 'en', 'sr-Latn': 'sr',
  };
  for (const [tag, code] of Object.entries(cases)) {
    assert.equal(uiLanguage(tag === 'undefined' ? undefined : tag), code, `${JSON.stringify(tag)} -> ${code}`);
  }
});

test('right-to-left languages by their primary subtag', () => {
  for (const tag of ['ar', 'ar-EG', 'he', 'HE-il', 'fa', 'ur', 'ps', 'yi', 'iw']) assert.equal(rightToLeft(tag), true, tag);
  for (const tag of ['en', 'de', 'ja', '', undefined, 'arn', 'hea']) assert.equal(rightToLeft(tag), false, String(tag));
});
