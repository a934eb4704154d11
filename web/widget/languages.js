// The languages <osprey-search> speaks: which strings file a page's language
// tag gets, which languages are written right to left, and loading a
// language's strings on demand.
//
// Strings files are web/strings/CODE.json, beside the entry module
// (osprey-search.js, osprey.js, or the bundle made of them): one per code of
// kLanguages, each holding every key of defaultStrings (widget/strings.js) in
// that language. English is built in and never fetched; a file that cannot be
// fetched or parsed leaves the widget in English, with a console warning.
import { scriptBase } from './api.js';

/** The codes of the strings files (web/strings/CODE.json); tests/node/strings.test.mjs checks the folder. */
export const kLanguages = [
  'af', 'ar', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'eo', 'es', 'et', 'eu', 'fa', 'fi', 'fr',
  'gl', 'he', 'hi', 'hr', 'hu', 'id', 'it', 'ja', 'ko', 'lt', 'lv', 'mi', 'my', 'nb', 'nl', 'nn',
  'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'sw', 'ta', 'th', 'tr', 'uk', 'vi', 'zh-CN', 'zh-TW',
];

const kCodes = new Set(kLanguages);
// Primary subtags that name a language of kLanguages under another code.
const kAliases = { no: 'nb', iw: 'he', in: 'id', pes: 'fa', cmn: 'zh', yue: 'zh-TW' };
// Scripts written right to left (primary subtags), whether or not strings exist for them.
const kRightToLeft = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'pes', 'ps', 'sd', 'syr',
                              'ug', 'ur', 'yi']);

/**
 * The strings file for a language tag (BCP 47, any case, '_' or '-'): the
 * tag's language-REGION when a file has it, else its primary subtag; Chinese
 * by script or region (Hant, TW, HK, MO: zh-TW; else zh-CN); else 'en'.
 */
export function uiLanguage(tag) {
  const subtags = String(tag ?? '').trim().toLowerCase().split(/[-_]/);
  const primary = kAliases[subtags[0]] ?? subtags[0];
  if (primary === 'zh' || primary === 'zh-TW') {
    const traditional = primary === 'zh-TW' || subtags.slice(1).some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s));
    return traditional ? 'zh-TW' : 'zh-CN';
  }
  for (const region of subtags.slice(1)) {
    const code = `${primary}-${region.toUpperCase()}`;
    if (kCodes.has(code)) return code;
  }
  return kCodes.has(primary) ? primary : 'en';
}

/** Whether a language tag's script is written right to left (ar, he, fa, ur, ...). */
export function rightToLeft(tag) {
  return kRightToLeft.has(String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0]);
}

/** The folder of the strings files: strings/ beside the entry module (as the worker and engine/ are). */
export const stringsFolder = new URL('strings/', scriptBase).href;

const loaded = new Map();  // code -> {table (undefined while loading, null if failed), promise}

/**
 * The strings of a language as loaded: a table (parsed JSON, to merge over
 * the English defaults), null for English or a file that failed, or
 * undefined while it loads; then onLoad() is called once it has. The first
 * call for a code fetches its file; every element shares the one fetch.
 */
export function languageStrings(code, onLoad) {
  if (code === 'en' || !kCodes.has(code)) return null;
  let entry = loaded.get(code);
  if (!entry) {
    entry = { table: undefined };
    const url = new URL(`${code}.json`, stringsFolder).href;
    entry.promise = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((table) => {
        if (!table || typeof table !== 'object' || Array.isArray(table)) throw new Error('not a JSON object');
        entry.table = table;
      })
      .catch((error) => {
        entry.table = null;
        console.warn(`<osprey-search>: the ${code} strings (${url}) could not be loaded (${error.message}); ` +
                     'showing English');
      });
    loaded.set(code, entry);
  }
  if (entry.table === undefined) entry.promise.then(onLoad);
  return entry.table;
}
