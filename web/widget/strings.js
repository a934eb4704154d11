// The words of <osprey-search>: every string the widget shows or announces,
// in English here (built in); other languages are data files of the same keys,
// web/strings/CODE.json, loaded on demand (widget/languages.js). Any string is
// replaceable through the `strings` attribute (JSON) or property, and the
// `label` / `placeholder` attributes. Placeholders in braces are filled in by
// format(); a string with counts is either one string or an object keyed by
// Intl.PluralRules category ({zero, one, two, few, many, other}; "other" is
// always present). Quotation marks around {query} are the language's own.
export const defaultStrings = {
  label: 'Search this site',
  placeholder: 'Search…',
  loading: 'Loading the search index…',
  error: 'Search is unavailable: {message}',
  retry: 'Try again',
  results: { one: '{count} result for “{query}”', other: '{count} results for “{query}”' },
  browse: { one: '{count} item', other: '{count} items' },
  noResults: 'No results for “{query}”.',
  noResultsHint: 'Check the spelling, use fewer words, or clear the filters.',
  didYouMean: 'Did you mean {suggestion}?',
  suggestions: 'Suggestions',
  resultsLabel: 'Search results',
  filters: 'Filters',
  filtersActive: 'Filters ({count})',
  clearFilters: 'Clear filters',
  facetLabels: { type: 'Type', year: 'Year' },
  sortLabel: 'Sort by',
  sortLabels: { relevance: 'Relevance', 'date:desc': 'Newest first', 'date:asc': 'Oldest first' },
  partial: 'Matching some of the words',
  more: 'Show more results',
  shown: '{shown} of {total} shown',
};

/**
 * Merges replacement strings over the defaults (one level deep for the nested
 * tables; a plural table holding "other" replaces the one under it, whose
 * categories may be another language's); anything that is not a string or a
 * plain object is ignored.
 */
function mergeStrings(base, extra) {
  const out = { ...base };
  if (!extra || typeof extra !== 'object') return out;
  for (const key of Object.keys(extra)) {
    if (!Object.prototype.hasOwnProperty.call(base, key)) continue;
    const value = extra[key];
    if (typeof value === 'string') out[key] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value) && typeof base[key] === 'object') {
      const table = Object.create(null);
      const wholePlural = lookup(defaultStrings[key], 'other') !== undefined && typeof lookup(value, 'other') === 'string';
      if (!wholePlural) Object.assign(table, base[key]);
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') table[k] = v;
      out[key] = table;
    }
  }
  return out;
}

/** Fills {name} placeholders from values; unknown names stay as they are. */
export function format(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (all, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all);
}

/**
 * format() as a list of strings and nodes for replaceChildren: each value
 * named in isolated becomes a <bdi> element (its own text direction), so a
 * query in one script keeps its place and its punctuation inside a sentence
 * of another (an English query in an Arabic status line, and the reverse).
 */
export function formatParts(template, values, isolated) {
  return String(template).split(/(\{\w+\})/).filter(Boolean).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    if (name === undefined || !Object.prototype.hasOwnProperty.call(values, name)) return piece;
    if (!isolated.includes(name)) return String(values[name]);
    const node = document.createElement('bdi');
    node.textContent = String(values[name]);
    return node;
  });
}

/** The string for count: the plural form of the locale, else "other". */
export function plural(entry, count, locale) {
  if (typeof entry === 'string') return entry;
  let category = 'other';
  try {
    category = new Intl.PluralRules(locale).select(count);
  } catch {
    // an unknown locale: "other"
  }
  return entry[category] ?? entry.other ?? '';
}

/** Looks key up in a string table without touching its prototype. */
export function lookup(table, key) {
  return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The strings of an element: the English defaults, under language (the
 * strings of its language, widget/languages.js; null for English), then its
 * strings attribute (JSON; unparsable JSON is reported on the console and
 * ignored), then fromProperty (the strings property), then its label and
 * placeholder attributes.
 */
export function elementStrings(element, fromProperty, language = null) {
  let fromAttribute = null;
  const json = element.getAttribute('strings');
  if (json) {
    try {
      fromAttribute = JSON.parse(json);
    } catch (error) {
      console.warn(`<osprey-search>: the strings attribute is not JSON (${error.message})`);
    }
  }
  const strings = mergeStrings(mergeStrings(mergeStrings(defaultStrings, language), fromAttribute), fromProperty);
  const own = {};
  if (element.hasAttribute('label')) own.label = element.getAttribute('label');
  if (element.hasAttribute('placeholder')) own.placeholder = element.getAttribute('placeholder');
  return mergeStrings(strings, own);
}
