// The seeded query set: generated from a corpus with a fixed-seed PRNG, so the
// same corpus always gives the same queries (the generator is stored, never its
// output). Words come from real records, so most queries have answers.
//
//   generateQueries(records, {perType, seed}) -> [{type, q, words}]
//
// records: [{title, body, name?}] (only the text is read). Types, perType each:
//   word    one word                                    jq
//   two     two words of one record                     json processor
//   three   three words of one record                   lightweight json processor
//   prefix  a word cut short, after a whole word half    json proc
//           the time (search as you type)
//   typo    one edit (insert, delete, substitute,        procesor   / json procesor
//           transpose) in a word of 5+ letters, after a
//           whole word half the time
//   phrase  two adjacent words of one record, quoted     "command line"
// `words` is the query as plain words (quotes removed) for engines without
// phrase syntax.

export const QUERY_TYPES = ['word', 'two', 'three', 'prefix', 'typo', 'phrase'];
export const DEFAULT_SEED = 0x0519e7;

// mulberry32: the same sequence on every machine (Math.random is not seeded).
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common English words, left out of generated queries: engines treat them
// differently (dropped, optional, required), which would measure the stop-word
// policy rather than the engine.
const STOP = new Set((
  'a about above after again against all also am an and any are as at be because been before being ' +
  'below between both but by can could did do does doing down during each either else ever every few ' +
  'for from further get got had has have having he her here hers him his how however i if in into is ' +
  'it its itself just least let like likely may me might more most must my neither no nor not of off ' +
  'often on once only or other our ours out over own rather said say says she should since so some ' +
  'such than that the their theirs them then there these they this those through tis to too twas ' +
  'under until up us use used using very via was we were what when where which while who whom why ' +
  'will with would yet you your yours new one two see'
).split(' '));

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

// The record's text as lowercase ASCII-letter tokens, in order; a token that is
// not a usable word (digits, too short or long, a stop word) is kept as null so
// adjacency (for phrases) stays true to the text.
function tokens(record) {
  const text = `${record.title || ''}\n${record.body || ''}`.toLowerCase();
  const out = [];
  for (const raw of text.split(/[^a-z0-9]+/)) {
    if (raw === '') continue;
    const ok = /^[a-z]+$/.test(raw) && raw.length >= 3 && raw.length <= 20 && !STOP.has(raw);
    out.push(ok ? raw : null);
  }
  return out;
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function distinctWords(rand, words, n) {
  const unique = [...new Set(words)];
  if (unique.length < n) return null;
  const chosen = [];
  while (chosen.length < n) {
    const w = pick(rand, unique);
    if (!chosen.includes(w)) chosen.push(w);
  }
  return chosen;
}

function oneEdit(rand, word) {
  for (;;) {
    const kind = Math.floor(rand() * 4);
    const i = Math.floor(rand() * word.length);
    const letter = LETTERS[Math.floor(rand() * LETTERS.length)];
    let out;
    if (kind === 0) out = word.slice(0, i) + letter + word.slice(i);            // insert
    else if (kind === 1) out = word.slice(0, i) + word.slice(i + 1);           // delete
    else if (kind === 2) out = word.slice(0, i) + letter + word.slice(i + 1);  // substitute
    else {                                                                     // transpose
      if (i + 1 >= word.length) continue;
      out = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    }
    if (out !== word) return out;
  }
}

function makeQuery(type, rand, toks) {
  const words = toks.filter(Boolean);
  if (words.length === 0) return null;
  switch (type) {
    case 'word':
      return [pick(rand, words)];
    case 'two':
      return distinctWords(rand, words, 2);
    case 'three':
      return distinctWords(rand, words, 3);
    case 'prefix': {
      const long = words.filter((w) => w.length >= 6);
      if (long.length === 0) return null;
      const w = pick(rand, long);
      const cut = w.slice(0, Math.max(3, Math.floor(w.length * (0.45 + rand() * 0.25))));
      if (rand() < 0.5) {
        const other = words.filter((x) => x !== w);
        if (other.length) return [pick(rand, other), cut];
      }
      return [cut];
    }
    case 'typo': {
      const long = words.filter((w) => w.length >= 5);
      if (long.length === 0) return null;
      const w = pick(rand, long);
      const typo = oneEdit(rand, w);
      if (rand() < 0.5) {
        const other = words.filter((x) => x !== w);
        if (other.length) return [pick(rand, other), typo];
      }
      return [typo];
    }
    case 'phrase': {
      const starts = [];
      for (let i = 0; i + 1 < toks.length; i++) {
        if (toks[i] && toks[i + 1] && toks[i] !== toks[i + 1]) starts.push(i);
      }
      if (starts.length === 0) return null;
      const i = pick(rand, starts);
      return [toks[i], toks[i + 1]];
    }
    default:
      throw new Error(`unknown query type ${type}`);
  }
}

export function generateQueries(records, { perType = 50, seed = DEFAULT_SEED } = {}) {
  if (records.length === 0) return [];
  const rand = mulberry32(seed);
  const queries = [];
  for (const type of QUERY_TYPES) {
    const seen = new Set();
    let made = 0;
    for (let attempt = 0; made < perType && attempt < perType * 50; attempt++) {
      const record = records[Math.floor(rand() * records.length)];
      const words = makeQuery(type, rand, tokens(record));
      if (!words) continue;
      const q = type === 'phrase' ? `"${words.join(' ')}"` : words.join(' ');
      if (seen.has(q)) continue;
      seen.add(q);
      queries.push({ type, q, words: words.join(' ') });
      made++;
    }
  }
  return queries;
}

// A subset spread over every type (round robin), for the browser runs.
export function interleave(queries, n) {
  const byType = QUERY_TYPES.map((t) => queries.filter((x) => x.type === t));
  const out = [];
  for (let i = 0; out.length < n; i++) {
    let any = false;
    for (const list of byType) {
      if (i < list.length) {
        any = true;
        if (out.length < n) out.push(list[i]);
      }
    }
    if (!any) break;
  }
  return out;
}
