// Pagefind's custom record ({url, content, language, meta, filters, sort}) as
// an Osprey record, and the schema of an index of them (docs/node-api.md
// "Custom records"):
//   url            -> "url": the id, stored
//   meta.title     -> "title": searched (weight 2), stored
//   content        -> "content": searched (weight 1), stored (the excerpt)
//   meta.KEY       -> "KEY": stored (shown with results, not searched)
//   filters.KEY    -> "KEY": a facet, its values the record's list
//   sort.KEY       -> "KEY": sortable
// A name is one kind of field across the index: a meta key that is also a
// filter or sort key, or that is url or content, is an error. The record's
// language picks its index (web/node/indexer.js: one per language).

const RESERVED = new Set(['url', 'title', 'content']);

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Checks one custom record against the kinds seen so far (kinds: name ->
 * 'meta' | 'filter' | 'sort', added to). {record} (an Osprey record) or {error}.
 */
export function customRecord(input, kinds) {
  if (!isPlainObject(input)) return { error: 'a custom record is an object {url, content, language, meta, filters, sort}' };
  const { url, content, language, meta = {}, filters = {}, sort = {} } = input;
  if (typeof url !== 'string' || url === '') return { error: '"url" must be a non-empty string' };
  if (typeof content !== 'string') return { error: '"content" must be a string' };
  if (language !== undefined && typeof language !== 'string') return { error: '"language" must be a string, like "en"' };
  const known = new Set(['url', 'content', 'language', 'meta', 'filters', 'sort']);
  const extra = Object.keys(input).find((k) => !known.has(k));
  if (extra !== undefined) return { error: `unknown key ${JSON.stringify(extra)} (a custom record has url, content, language, meta, filters, sort)` };
  const record = { url, content };
  const added = [];
  const claim = (name, kind) => {
    if (kind !== 'meta' || name !== 'title') {
      if (RESERVED.has(name)) return `${kind} key ${JSON.stringify(name)} is taken by the record's own field`;
    }
    const had = kinds.get(name) ?? added.find(([n]) => n === name)?.[1];
    if (had !== undefined && had !== kind) return `${JSON.stringify(name)} is a ${had} key of this index, not a ${kind} key`;
    if (had === undefined) added.push([name, kind]);
    return null;
  };
  const groups = [['meta', meta], ['filter', filters], ['sort', sort]];
  for (const [kind, group] of groups) {
    const what = kind === 'meta' ? 'meta' : kind === 'filter' ? 'filters' : 'sort';
    if (!isPlainObject(group)) return { error: `"${what}" must be an object` };
    for (const [name, value] of Object.entries(group)) {
      if (name === '') return { error: `"${what}" has an empty key` };
      const clash = claim(name, kind);
      if (clash) return { error: clash };
      if (kind === 'filter') {
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          return { error: `filters.${name} must be a list of strings` };
        }
      } else if (typeof value !== 'string') {
        return { error: `${what}.${name} must be a string` };
      }
      record[name] = value;
    }
  }
  for (const [name, kind] of added) kinds.set(name, kind);
  return { record };
}

/** The schema (osprey.json's form) of an index of custom records with these keys. */
export function customSchema(kinds, language) {
  const fields = [
    { name: 'url', stored: true },
    { name: 'title', weight: 2, stored: true },
    { name: 'content', weight: 1, stored: true },
  ];
  for (const [name, kind] of kinds) {
    if (name === 'title') continue;
    if (kind === 'meta') fields.push({ name, stored: true });
    else if (kind === 'filter') fields.push({ name, facet: true });
    else fields.push({ name, sortable: true });
  }
  return { id: 'url', language, fields };
}
