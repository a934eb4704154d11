// Reading <osprey-search>'s attributes: numbers kept to a range, word lists,
// and the language of its strings, numbers, dates and plurals (as HTML inherits lang).

/** The attribute as an integer in [min, max], or fallback when it is not a number. */
export function intAttribute(element, name, fallback, min, max) {
  const n = Number.parseInt(element.getAttribute(name) ?? '', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : fallback;
}

/** The words of a space-separated list ("type year"). */
export function words(value) {
  return String(value ?? '').split(/\s+/).filter(Boolean);
}

function safeLocale(tag) {
  try {
    return Intl.getCanonicalLocales(tag || 'en')[0] || 'en';
  } catch {
    return 'en';
  }
}

/**
 * The language of element: its lang, else the nearest ancestor's (as HTML
 * inherits it, through the hosts of shadow roots up to <html lang>); '' for
 * none (then the widget speaks English, widget/languages.js).
 */
export function elementLanguage(element) {
  for (let node = element; node;) {
    const owner = node.closest?.('[lang]');
    if (owner) return owner.getAttribute('lang').trim();
    node = node.getRootNode?.().host;
  }
  return '';
}

/** Whether element or an ancestor (across shadow roots) sets dir: then the page decides the direction. */
export function pageSetsDirection(element) {
  for (let node = element; node;) {
    if (node.closest?.('[dir]')) return true;
    node = node.getRootNode?.().host;
  }
  return false;
}

/** {locale, numbers, dates}: the locale of a language tag and its formats of numbers and dates. */
export function localeFormats(tag) {
  const locale = safeLocale(tag);
  return {
    locale,
    numbers: new Intl.NumberFormat(locale),
    dates: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
  };
}
