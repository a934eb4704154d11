// Reading <osprey-search>'s attributes: numbers kept to a range, word lists,
// and the locale of its numbers, dates and plurals (as HTML inherits lang).

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

/** The language of element: its lang, else an ancestor's (as HTML inherits it), else the browser's. */
export function elementLanguage(element) {
  return element.closest('[lang]')?.getAttribute('lang') || navigator.language;
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
